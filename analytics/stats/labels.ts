/**
 * How cells are named for people: the form's row and column numbers and
 * labels, never ids (issue 14 item 8).
 *
 *   cellLabel(def, 'civil.total.received')  // 'розділ «Цивільні справи», рядок 1 «Усього», графа 2 «Надійшло»'
 */
import type { FormDefinitionV1 } from '../../contracts/stats/form.ts';
import { parseRef, type CellRef } from './refs.ts';

export function cellLabel(def: FormDefinitionV1, ref: string | CellRef): string {
  const r = typeof ref === 'string' ? parseRef(ref) : ref;
  const s = def.sections.find((x) => x.id === r.section);
  const row = s?.rows.find((x) => x.id === r.row);
  const col = s?.columns.find((x) => x.id === r.column);
  if (!s || !row || !col) return 'комірка, якої немає у формі';
  return `розділ «${s.title}», рядок ${row.code} «${row.label}», графа ${col.code} «${col.label}»`;
}

/** Short form inside one section: "рядок 1, графа 2". */
export function shortCell(def: FormDefinitionV1, r: CellRef): string {
  const s = def.sections.find((x) => x.id === r.section);
  const row = s?.rows.find((x) => x.id === r.row);
  const col = s?.columns.find((x) => x.id === r.column);
  return `рядок ${row?.code ?? '?'}, графа ${col?.code ?? '?'}`;
}

/** Money columns are kept in kopiykas; people read hryvnias. */
export const isMoneyMeasure = (m: string) => m === 'sum-claimed' || m === 'sum-awarded';

export function hryvnias(kopiykas: number, decimal = ','): string {
  const sign = kopiykas < 0 ? '-' : '';
  const abs = Math.abs(Math.round(kopiykas));
  return `${sign}${Math.floor(abs / 100)}${decimal}${String(abs % 100).padStart(2, '0')}`;
}
