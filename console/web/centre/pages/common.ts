/**
 * What the centre's pages share: the courts' names (people see names, never codes alone), the period filter, and
 * the replies of the central routes that have no contract in contracts/ (their shapes as the routes send them).
 *
 *   const names = await courtNames();            // code → «Лубенський міськрайонний суд»
 *   courtLabel(names, '402')                     // 'суд з кодом 402' when the registry does not know it
 *   periodForm(query, '/workload', [courtSelect(names, query.get('court'))])
 */
import type { ClusterReplyV1 } from '../../../../contracts/central/console.ts';
import { api, ApiError } from '../../lib/api.ts';
import { h, type Child } from '../../lib/dom.ts';
import { go } from '../../lib/router.ts';
import { todayKyiv } from '../../lib/format.ts';

/** GET /lag?all=1 row (analytics/lag.ts CourtLag). */
interface LagRow {
  court: string;
  name?: string;
}

/**
 * Court names from the registry of connected courts: the lag list (area «lag»: administrator, analyst; Засади 13.3
 * lists every registry court), else — for an operator, whom the lag is refused (403) — the cluster's registry courts
 * (area «cluster»: administrator, operator). Each role reads the names through a route of its own area.
 */
export async function courtNames(): Promise<Map<string, string>> {
  try {
    const r = await api.get<{ courts: LagRow[] }>('/lag', { all: 1 });
    return new Map(r.courts.filter((c) => c.name).map((c) => [c.court, c.name!]));
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 403) throw e;
    const c = await api.get<ClusterReplyV1>('/cluster');
    return new Map(c.courts.map((x) => [x.code, x.name]));
  }
}

/** The court's name, or the same wording the centre uses for a court not in its registry (integrity/queries.ts). */
export const courtLabel = (names: Map<string, string>, code: string): string => names.get(code) ?? `суд з кодом ${code}`;

/** A labelled <select> of the courts (first option: all courts). */
export function courtSelect(names: Map<string, string>, current: string | null, id = 'court'): HTMLElement {
  const sorted = [...names].sort((a, b) => a[1].localeCompare(b[1], 'uk'));
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, 'Суд'),
    h('select', { id, name: 'court' }, h('option', { value: '' }, 'Усі суди'), sorted.map(([code, name]) => h('option', { value: code, selected: code === current }, name))),
  );
}

/** The first day of the current year in Kyiv. */
export const yearStart = (): string => `${todayKyiv().slice(0, 4)}-01-01`;

export function dateField(id: string, label: string, value: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { type: 'date', id, name: id, value, required: true }));
}

/**
 * A filter toolbar that puts its values into the page's hash (`#/workload?from=…&to=…`), so a filtered page can be
 * bookmarked and the router redraws it.
 */
export function filterForm(path: string, fields: Child[], button = 'Показати'): HTMLFormElement {
  const form = h('form', { class: 'toolbar', role: 'search' }, fields, h('button', { type: 'submit' }, button));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v !== '') q.set(k, v);
    const s = q.toString();
    const next = s ? `${path}?${s}` : path;
    // the same filter again: no hash change, yet the person asked to see the data as it is now
    if (location.hash === `#${next}`) dispatchEvent(new HashChangeEvent('hashchange'));
    else go(next);
  });
  return form;
}

/** From/to of a period query (default: since the start of this year to today). */
export function period(query: URLSearchParams): { from: string; to: string } {
  return { from: query.get('from') || yearStart(), to: query.get('to') || todayKyiv() };
}

/** A percentage for people (the CEPEJ indicators are already in per cent, analytics/stats/cepej.ts): 95.64 → '95,6 %'. */
export const percentUk = (x: number | null | undefined): string =>
  x === null || x === undefined ? '—' : `${x.toLocaleString('uk-UA', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
