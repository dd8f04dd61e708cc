/**
 * The remarks of a returned report, for the court's statistician (Ukrainian,
 * the form's own section titles, row and column numbers and labels — never
 * bare ids): one line per cell where the court's report differs from the
 * centre's computation of the same facts.
 */
import type { FormDefinitionV1 } from '../../../contracts/stats/index.ts';

export function cellLabelUk(def: FormDefinitionV1, ref: string): string {
  const [s, r, c] = ref.split('.');
  const section = def.sections.find((x) => x.id === s);
  const row = section?.rows.find((x) => x.id === r);
  const col = section?.columns.find((x) => x.id === c);
  if (!section || !row || !col) return `комірка ${ref} (у формі її немає)`;
  return `${section.title}, рядок ${row.code} «${row.label}», графа ${col.code} «${col.label}»`;
}

const num = (v: number) => (Number.isFinite(v) ? String(v) : 'немає');

export function remarksUk(def: FormDefinitionV1, diffs: ReadonlyArray<{ ref: string; centre: number; court: number }>): string {
  const lines = diffs.map((d) => `— ${cellLabelUk(def, d.ref)}: у звіті суду ${num(d.court)}, за даними центру ${num(d.centre)}`);
  return `Звіт повернуто: показники не збігаються з обчисленням центру за тими самими даними (Засади 16.1.3, 16.1.4).\n${lines.join('\n')}`;
}
