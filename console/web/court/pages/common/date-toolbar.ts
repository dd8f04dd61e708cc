/**
 * The toolbar of a page that shows one day (the public lists, the judges' load): a date field, «Показати» going to
 * the page's address for that date, and «Друкувати» (the page's own print styles lay it out on A4).
 *
 *   const date = dayOf(query); // ?date=2026-12-07, else today in Kyiv
 *   const form = dateToolbar({ id: 'load-date', label: 'Станом на', date, path: '/load' });
 */
import { h, type Child } from '../../../lib/dom.ts';
import { todayKyiv } from '../../../lib/format.ts';
import { go } from '../../../lib/router.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The day the address asks for (`?date=рррр-мм-дд`); anything else is today in Kyiv. */
export function dayOf(query: URLSearchParams): string {
  const date = query.get('date') ?? '';
  return ISO.test(date) ? date : todayKyiv();
}

/** The date form; `extra` controls follow the two buttons. */
export function dateToolbar(o: { id: string; label: string; date: string; path: string }, ...extra: Child[]): HTMLFormElement {
  const input = h('input', { id: o.id, type: 'date', name: 'date', value: o.date, required: true });
  const form = h(
    'form',
    { class: 'toolbar' },
    h('div', { class: 'field' }, h('label', { for: o.id }, o.label), input),
    h('button', { type: 'submit' }, 'Показати'),
    h('button', { type: 'button', class: 'secondary', on: { click: () => window.print() } }, 'Друкувати'),
    ...extra,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (ISO.test(input.value)) go(`${o.path}?date=${input.value}`);
  });
  return form;
}
