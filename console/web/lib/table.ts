/**
 * A table for people: a caption, column headers, one row per item, and a sentence when there is nothing.
 *
 *   table(cases, [
 *     { label: 'ЄУН', value: (c) => link(`/cases/${c.ueun}`, c.ueun) },
 *     { label: 'Дата', value: (c) => dateUk(c.date), class: 'num' },
 *   ], { caption: 'Справи', empty: 'Справ не знайдено.' });
 */
import { h, type Child } from './dom.ts';

export interface Column<T> {
  label: string;
  value: (row: T, index: number) => Child;
  /** `num` right-aligns numbers. */
  class?: string;
}

export function table<T>(rows: readonly T[], columns: Array<Column<T>>, o: { caption?: string; empty?: string; rowClass?: (row: T) => string | undefined; id?: string } = {}): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'empty' }, o.empty ?? 'Записів немає.');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { id: o.id },
      o.caption ? h('caption', null, o.caption) : null,
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
      h('tbody', null, rows.map((r, i) => h('tr', { class: o.rowClass?.(r) }, columns.map((c) => h('td', { class: c.class }, c.value(r, i)))))),
    ),
  );
}
