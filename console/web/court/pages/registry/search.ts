/**
 * «Пошук справ»: ЄУН, party, registration dates, category (by its Засади name) and free text → GET /cases/search.
 * The query lives in the URL hash (`#/search?party=…&from=…`), so back/forward and a bookmark repeat it.
 *
 *   { path: '/search', render: (_p, query) => searchPage(query) }
 */
import { api } from '../../../lib/api.ts';
import { h, link, type Child } from '../../../lib/dom.ts';
import { dateUk, numberUk } from '../../../lib/format.ts';
import { go } from '../../../lib/router.ts';
import { table } from '../../../lib/table.ts';
import { directory, type Directory } from '../../directory.ts';
import { cardPath } from './outcome.ts';

/** contracts/court/search.ts CaseSearchItemV1 */
interface Hit {
  ueun: string;
  proceedingNumber: string;
  registrationDate: string;
  covert: boolean;
  category: { id: string; name: string } | null;
  document: { kind: string; title: string };
  parties: Array<{ role: string; name: string }>;
  judge: { id: string; fullName: string } | null;
}

const KEYS = ['q', 'ueun', 'party', 'from', 'to', 'category'] as const;
const PAGE = 50;

export async function searchPage(query: URLSearchParams): Promise<Child> {
  const d = await directory();
  const asked = KEYS.some((k) => query.get(k));
  return [searchForm(query, d), asked ? await results(query) : h('p', { class: 'hint' }, 'Вкажіть хоча б одну умову пошуку.')];
}

function input(name: string, label: string, query: URLSearchParams, type = 'search', size?: number): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: `s-${name}` }, label), h('input', { id: `s-${name}`, name, type, value: query.get(name) ?? '', size }));
}

function searchForm(query: URLSearchParams, d: Directory): HTMLElement {
  const category = h(
    'select',
    { id: 's-category', name: 'category' },
    h('option', { value: '' }, '— будь-яка —'),
    d.categories.map((c) => h('option', { value: c.id, selected: query.get('category') === c.id }, c.name)),
  );
  const form = h(
    'form',
    { class: 'toolbar', role: 'search', 'aria-label': 'Пошук справ' },
    input('q', 'Текст (номер, сторона, зміст)', query, 'search', 30),
    input('ueun', 'ЄУН', query, 'search', 14),
    input('party', 'Сторона', query, 'search', 24),
    input('from', 'Зареєстровано з', query, 'date'),
    input('to', 'по', query, 'date'),
    h('div', { class: 'field' }, h('label', { for: 's-category' }, 'Категорія'), category),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Знайти')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) q.set(k, v.trim());
    go(`/search?${q.toString()}`);
  });
  return form;
}

async function results(query: URLSearchParams): Promise<HTMLElement> {
  const offset = Math.max(0, Number(query.get('offset')) || 0);
  const params: Record<string, string | number> = { limit: PAGE, offset };
  for (const k of KEYS) if (query.get(k)) params[k] = query.get(k)!;
  const r = await api.get<{ total: number; items: Hit[] }>('/cases/search', params);
  const pageTo = (o: number) => {
    const q = new URLSearchParams(query);
    q.set('offset', String(o));
    return `/search?${q.toString()}`;
  };
  return h(
    'section',
    { 'aria-label': 'Результати пошуку' },
    h('p', { class: 'found', role: 'status' }, r.total === 0 ? 'Справ не знайдено.' : `Знайдено справ: ${numberUk(r.total)}${r.total > PAGE ? ` (показано ${offset + 1}–${offset + r.items.length})` : ''}.`),
    table(
      r.items,
      [
        { label: 'ЄУН', value: (x) => link(cardPath(x.ueun), x.ueun) },
        { label: 'Номер провадження', value: (x) => x.proceedingNumber },
        { label: 'Зареєстровано', value: (x) => dateUk(x.registrationDate), class: 'num' },
        { label: 'Категорія', value: (x) => x.category?.name ?? '—' },
        { label: 'Документ', value: (x) => `${x.document.kind}: ${x.document.title}` },
        { label: 'Учасники', value: (x) => (x.parties.length ? h('ul', { class: 'plain' }, x.parties.map((p) => h('li', null, `${p.name} (${p.role})`))) : '—') },
        { label: 'Суддя', value: (x) => x.judge?.fullName ?? 'не визначено' },
      ],
      { caption: 'Справи (нові спочатку)', empty: '' },
    ),
    r.total > PAGE
      ? h('div', { class: 'actions', role: 'navigation', 'aria-label': 'Сторінки результатів' }, offset > 0 ? link(pageTo(Math.max(0, offset - PAGE)), '← Попередні') : null, offset + PAGE < r.total ? link(pageTo(offset + PAGE), 'Наступні →') : null)
      : null,
  );
}
