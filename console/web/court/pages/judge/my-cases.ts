/**
 * «Мої справи»: the proceedings where the logged-in judge presides by the distribution record (GET /cases/search
 * `judge=` — Засади 4.7: only the protocols assign), newest first, with a free-text filter and paging.
 */
import { api } from '../../../lib/api.ts';
import { h, link, replace } from '../../../lib/dom.ts';
import { dateUk, numberUk } from '../../../lib/format.ts';
import { go } from '../../../lib/router.ts';
import { table } from '../../../lib/table.ts';
import { whoAmI } from './me.ts';

export interface SearchItem {
  ordinal: number;
  ueun: string;
  proceedingNumber: string;
  arrivalDate: string;
  registrationDate: string;
  covert: boolean;
  category: { id: string; name: string } | null;
  judge: { id: string; fullName: string } | null;
  document: { kind: string; title: string };
  parties: Array<{ role: string; name: string }>;
}
export interface SearchReply {
  total: number;
  offset: number;
  limit: number;
  items: SearchItem[];
}

const PAGE = 50;

/** The judge's card page for a ЄУН `537/12/26`. */
export const judgeCasePath = (ueun: string) => `/judge/cases/${ueun}`;

/** Every proceeding the judge presides in (paged through; used by «Мої засідання»). */
export async function allMyCases(login: string): Promise<SearchItem[]> {
  const out: SearchItem[] = [];
  for (let offset = 0; ; offset += 200) {
    const r = await api.get<SearchReply>('/cases/search', { judge: login, limit: 200, offset });
    out.push(...r.items);
    if (r.items.length === 0 || out.length >= r.total) return out;
  }
}

export function casesTable(items: SearchItem[], caption: string): HTMLElement {
  return table(
    items,
    [
      { label: 'ЄУН', value: (c) => link(judgeCasePath(c.ueun), c.ueun) },
      { label: 'Номер провадження', value: (c) => c.proceedingNumber },
      { label: 'Зареєстровано', value: (c) => dateUk(c.registrationDate), class: 'num' },
      { label: 'Категорія', value: (c) => c.category?.name ?? '—' },
      { label: 'Документ', value: (c) => [c.document.kind, c.document.title ? `: ${c.document.title}` : ''].join('') },
      // a covert case's parties are not on the card at all (3.1 ¶2); say so instead of an empty cell
      { label: 'Сторони', value: (c) => (c.covert ? h('span', { class: 'badge warn' }, 'НСРД') : c.parties.map((p) => `${p.role}: ${p.name}`).join('; ') || '—') },
    ],
    { caption, empty: 'Справ, у яких ви головуєте, не знайдено.', id: 'my-cases' },
  );
}

export async function myCasesPage(query: URLSearchParams): Promise<Node> {
  const me = await whoAmI();
  const q = query.get('q') ?? '';
  const offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);
  const r = await api.get<SearchReply>('/cases/search', { judge: me.login, q: q.trim() || undefined, limit: PAGE, offset });
  const input = h('input', { id: 'my-cases-q', type: 'search', name: 'q', value: q, autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'toolbar', role: 'search' },
    h('div', { class: 'field' }, h('label', { for: 'my-cases-q' }, 'Пошук (ЄУН, сторона, суть)'), input),
    h('button', { type: 'submit' }, 'Знайти'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = input.value.trim();
    go(v ? `/my-cases?q=${encodeURIComponent(v)}` : '/my-cases');
  });
  const pager = h('div', { class: 'actions' });
  const to = (o: number) => `/my-cases?${new URLSearchParams({ ...(q ? { q } : {}), offset: String(o) }).toString()}`;
  replace(
    pager,
    offset > 0 ? link(to(Math.max(0, offset - PAGE)), '← Попередні') : null,
    offset + r.items.length < r.total ? link(to(offset + PAGE), 'Наступні →') : null,
  );
  const shown = r.items.length ? `${numberUk(offset + 1)}–${numberUk(offset + r.items.length)} з ${numberUk(r.total)}` : '';
  return h(
    'div',
    null,
    h('p', null, `Справи, у яких ви головуючий суддя за протоколами автоматизованого розподілу (Засади 4.7). `, shown ? `Показано ${shown}.` : ''),
    form,
    casesTable(r.items, 'Мої справи'),
    pager,
  );
}
