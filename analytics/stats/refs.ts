/**
 * Cell references `section.row.column` of the report logical control
 * (Засади 16.1.4) and their wildcard expansion. A `*` in the row or column
 * place of the leading reference (`total` of a sum, `left` of an inequality —
 * or `right` when `left` has none) makes one check per row/column; the other
 * references follow it where they have `*` in the same place. A `*` in a part
 * that the total does not bind means "every one of that section" (the total's
 * own cell left out): `total: s.all.c`, `parts: [s.*.c]` sums every other row.
 *
 *   expandControl(def, { kind: 'le', left: 'civil.*.over', right: 'civil.*.resolved', ... })
 *   // → [{ left: 'civil.total.over', right: 'civil.total.resolved' }, …] one per row
 */
import type { ControlV1, FormDefinitionV1, SectionV1 } from '../../contracts/stats/form.ts';

export interface CellRef {
  section: string;
  row: string;
  column: string;
}

export type ConcreteCheck = { kind: 'sum'; total: CellRef; parts: CellRef[] } | { kind: 'le'; left: CellRef; right: CellRef };

/** The section id may itself contain dots: the last two parts are row and column. */
export function parseRef(ref: string): CellRef {
  const parts = ref.split('.');
  const column = parts.pop() ?? '';
  const row = parts.pop() ?? '';
  return { section: parts.join('.'), row, column };
}

export const refString = (r: CellRef): string => `${r.section}.${r.row}.${r.column}`;

export function sectionById(def: FormDefinitionV1): Map<string, SectionV1> {
  return new Map(def.sections.map((s) => [s.id, s]));
}

interface Binding {
  row?: string;
  column?: string;
}

/** Every binding of the leading reference's wildcards. */
function bindings(lead: CellRef, sections: Map<string, SectionV1>): Binding[] {
  const s = sections.get(lead.section);
  if (!s) return [];
  const rows = lead.row === '*' ? s.rows.map((r) => r.id) : [undefined];
  const cols = lead.column === '*' ? s.columns.map((c) => c.id) : [undefined];
  return rows.flatMap((row) => cols.map((column) => ({ row, column })));
}

/** One reference under a binding; unbound wildcards give every row/column of its section. */
function resolve(ref: CellRef, b: Binding, sections: Map<string, SectionV1>): CellRef[] {
  const s = sections.get(ref.section);
  const rows = ref.row !== '*' ? [ref.row] : b.row !== undefined ? [b.row] : (s?.rows.map((r) => r.id) ?? []);
  const cols = ref.column !== '*' ? [ref.column] : b.column !== undefined ? [b.column] : (s?.columns.map((c) => c.id) ?? []);
  return rows.flatMap((row) => cols.map((column) => ({ section: ref.section, row, column })));
}

const same = (a: CellRef, b: CellRef) => a.section === b.section && a.row === b.row && a.column === b.column;

/** The concrete checks a `sum` or `le` control stands for (flow/continuity are per row and handled by the control module). */
export function expandControl(def: FormDefinitionV1, c: ControlV1, sections = sectionById(def)): ConcreteCheck[] {
  if (c.kind === 'sum') {
    const total = parseRef(c.total);
    const parts = c.parts.map(parseRef);
    return bindings(total, sections).map((b) => {
      const t = resolve(total, b, sections)[0]!;
      return { kind: 'sum', total: t, parts: parts.flatMap((p) => resolve(p, b, sections)).filter((p) => !same(p, t)) };
    });
  }
  if (c.kind === 'le') {
    const left = parseRef(c.left);
    const right = parseRef(c.right);
    const leftLeads = left.row === '*' || left.column === '*' || !(right.row === '*' || right.column === '*');
    const lead = leftLeads ? left : right;
    return bindings(lead, sections).flatMap((b) => {
      const ls = resolve(left, b, sections);
      const rs = resolve(right, b, sections);
      // Unbound wildcards on the other side: every pair (each part against its total).
      return ls.flatMap((l) => rs.filter((r) => !same(l, r)).map((r) => ({ kind: 'le' as const, left: l, right: r })));
    });
  }
  return [];
}

/** Whether a concrete cell exists in the form. */
export function cellExists(sections: Map<string, SectionV1>, r: CellRef): boolean {
  const s = sections.get(r.section);
  return !!s && s.rows.some((x) => x.id === r.row) && s.columns.some((x) => x.id === r.column);
}
