/**
 * «Інформація про навантаження» (Засади 10.2): each judge's load by full name, with a bar per judge (the width is
 * the judge's N against the largest N). Judges, the head of staff and the chief judge read GET /load (10.2); the
 * distribution officer and the auditor read the same figures from GET /distribution/load (Засади 6, 10).
 */
import { api, ApiError } from '../../../lib/api.ts';
import { h } from '../../../lib/dom.ts';
import { longDateUk, numberUk } from '../../../lib/format.ts';
import { table } from '../../../lib/table.ts';
import { dateToolbar, dayOf } from './date-toolbar.ts';
import './common.css';

interface Figures {
  L: number;
  Lp: number;
  r: number;
  N: number;
  dWindow: number;
  dAvailable: number;
}
/** GET /load (10.2) */
interface LoadInfo {
  date: string;
  counted?: { from: string | null; to: string };
  judges: Array<{ judgeId: string; name: string; figures: Figures; byCategory?: Array<{ presiding: number; member: number; reserve: number }> }>;
}
/** GET /distribution/load */
interface DistributionLoad {
  date: string;
  judges: Array<{ judgeId: string; name: string } & Figures>;
}
export interface LoadRow {
  name: string;
  figures: Figures;
  /** Cases in the counted period (presiding + member + reserve), when the node counted them. */
  cases: number | null;
}

export const LOAD_ROLES = ['judge', 'head_of_staff', 'chief_judge', 'distribution_officer', 'auditor'] as const;

async function loadRows(date: string): Promise<{ date: string; counted?: LoadInfo['counted']; rows: LoadRow[] }> {
  try {
    const l = await api.get<LoadInfo>('/load', { date });
    const rows = l.judges.map((j) => ({ name: j.name, figures: j.figures, cases: j.byCategory ? j.byCategory.reduce((s, c) => s + c.presiding + c.member + c.reserve, 0) : null }));
    return { date: l.date, counted: l.counted, rows };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 403) throw e;
    const l = await api.get<DistributionLoad>('/distribution/load', { date });
    return { date: l.date, rows: l.judges.map(({ judgeId: _id, name, ...figures }) => ({ name, figures, cases: null })) };
  }
}

/** A bar whose width is `value / max` (set through the CSSOM: the CSP allows no inline style attribute). */
function bar(value: number, max: number): HTMLElement {
  const pct = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  const fill = h('span', { class: 'load-bar-fill' });
  fill.style.width = `${pct.toFixed(1)}%`;
  return h('span', { class: 'load-bar', 'aria-hidden': 'true' }, fill);
}

export async function loadPage(query: URLSearchParams): Promise<Node> {
  const date = dayOf(query);
  const l = await loadRows(date);
  const max = Math.max(0, ...l.rows.map((r) => r.figures.N));
  const form = dateToolbar({ id: 'load-date', label: 'Станом на', date, path: '/load' });
  const period = l.counted ? ` Справи враховано ${l.counted.from ? `з ${longDateUk(l.counted.from)} ` : ''}по ${longDateUk(l.counted.to)}` : '';
  return h(
    'div',
    null,
    form,
    h('p', null, `Станом на ${longDateUk(l.date)} (Засади 10.2).${period}`),
    table(
      l.rows,
      [
        { label: 'Суддя', value: (r) => r.name, class: 'load-name' },
        { label: 'Навантаження N', value: (r) => numberUk(r.figures.N, 2), class: 'num' },
        { label: 'Порівняння', value: (r) => bar(r.figures.N, max), class: 'load-bar-cell' },
        { label: 'L', value: (r) => numberUk(r.figures.L, 2), class: 'num' },
        { label: 'Зменшення r', value: (r) => numberUk(r.figures.r, 2), class: 'num' },
        { label: 'Справ за період', value: (r) => (r.cases === null ? '—' : numberUk(r.cases)), class: 'num' },
        { label: 'Дні без розподілу', value: (r) => `${r.figures.dWindow - r.figures.dAvailable} з ${r.figures.dWindow}`, class: 'num' },
      ],
      { caption: 'Навантаження суддів', empty: 'Засад розподілу на цю дату немає — навантаження не обчислюється.', id: 'load' },
    ),
    h('p', { class: 'hint' }, 'N — нормоване навантаження судді (Засади 6): чим довша смуга, тим більше навантаження порівняно з найбільш навантаженим суддею.'),
  );
}
