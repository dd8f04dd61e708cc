/**
 * Report logical control (Засади 16.1.4) as data: sums, inequalities, the
 * flow identity (pending at start + received − resolved = pending at end) and
 * continuity with the previous period. Every failure names the cells involved
 * with their values and says in Ukrainian what does not hold; a report with
 * failures cannot be signed.
 *
 *   controlReport(def, report)            // sum / le / flow
 *   controlReport(def, report, previous)  // + continuity: this start = previous end
 */
import type { ControlV1, FormDefinitionV1 } from '../../contracts/stats/form.ts';
import type { ControlFailureV1, StatReportV1 } from '../../contracts/stats/report.ts';
import { StatsReportMismatch } from './errors.ts';
import { scopeCourts } from './scope.ts';
import { shortCell } from './labels.ts';
import { expandControl, refString, sectionById, type CellRef } from './refs.ts';

type Cells = StatReportV1['cells'];

const valueOf = (cells: Cells, r: CellRef): number => cells[r.section]?.[r.row]?.[r.column] ?? 0;
const cell = (cells: Cells, r: CellRef, prefix = '') => ({ ref: prefix + refString(r), value: valueOf(cells, r) });

export function controlReport(def: FormDefinitionV1, report: StatReportV1, previous?: StatReportV1): ControlFailureV1[] {
  if (previous && (previous.form.id !== def.id || previous.period.to >= report.period.from || !sameCourts(previous, report))) {
    throw new StatsReportMismatch(
      `попередній звіт не придатний для контролю безперервності: форма «${previous.form.id}», період ${previous.period.from} — ${previous.period.to}; потрібна форма «${def.id}» тих самих судів за період до ${report.period.from}`,
    );
  }
  const sections = sectionById(def);
  const out: ControlFailureV1[] = [];
  for (const c of def.controls) {
    if (c.kind === 'sum' || c.kind === 'le') out.push(...checkExpanded(def, c, report.cells, sections));
    else if (c.kind === 'flow') out.push(...checkFlow(def, c, report.cells));
    else if (previous) out.push(...checkContinuity(def, c, report.cells, previous.cells));
  }
  return out;
}

/** Continuity compares a court with itself (a region with the same courts): another scope's end is no start. */
function sameCourts(a: StatReportV1, b: StatReportV1): boolean {
  const x = [...scopeCourts(a.scope)].sort().join(',');
  return x === [...scopeCourts(b.scope)].sort().join(',');
}

function checkExpanded(def: FormDefinitionV1, c: ControlV1, cells: Cells, sections: ReturnType<typeof sectionById>): ControlFailureV1[] {
  const out: ControlFailureV1[] = [];
  for (const k of expandControl(def, c, sections)) {
    if (k.kind === 'sum') {
      const total = valueOf(cells, k.total);
      const sum = k.parts.reduce((a, p) => a + valueOf(cells, p), 0);
      if (total === sum) continue;
      out.push({
        control: c.id,
        text: `${c.text}: ${shortCell(def, k.total)} = ${total}, а сума ${k.parts.map((p) => shortCell(def, p)).join(' + ')} = ${sum}`,
        cells: [cell(cells, k.total), ...k.parts.map((p) => cell(cells, p))],
      });
    } else {
      const l = valueOf(cells, k.left);
      const r = valueOf(cells, k.right);
      if (l <= r) continue;
      out.push({ control: c.id, text: `${c.text}: ${shortCell(def, k.left)} = ${l} більше, ніж ${shortCell(def, k.right)} = ${r}`, cells: [cell(cells, k.left), cell(cells, k.right)] });
    }
  }
  return out;
}

function checkFlow(def: FormDefinitionV1, c: Extract<ControlV1, { kind: 'flow' }>, cells: Cells): ControlFailureV1[] {
  const s = def.sections.find((x) => x.id === c.section);
  if (!s) return [];
  const out: ControlFailureV1[] = [];
  for (const row of s.rows) {
    const at = (column: string): CellRef => ({ section: s.id, row: row.id, column });
    const [st, rc, rs, en] = [c.start, c.received, c.resolved, c.end].map((col) => valueOf(cells, at(col))) as [number, number, number, number];
    if (st + rc - rs === en) continue;
    out.push({
      control: c.id,
      text: `${c.text}: рядок ${row.code} «${row.label}»: ${st} + ${rc} − ${rs} = ${st + rc - rs}, а на кінець періоду ${en}`,
      cells: [c.start, c.received, c.resolved, c.end].map((col) => cell(cells, at(col))),
    });
  }
  return out;
}

function checkContinuity(def: FormDefinitionV1, c: Extract<ControlV1, { kind: 'continuity' }>, cells: Cells, prev: Cells): ControlFailureV1[] {
  const s = def.sections.find((x) => x.id === c.section);
  if (!s) return [];
  const out: ControlFailureV1[] = [];
  for (const row of s.rows) {
    const start: CellRef = { section: s.id, row: row.id, column: c.start };
    const end: CellRef = { section: s.id, row: row.id, column: c.end };
    const a = valueOf(cells, start);
    const b = valueOf(prev, end);
    if (a === b) continue;
    out.push({
      control: c.id,
      text: `${c.text}: рядок ${row.code} «${row.label}»: на початок періоду ${a}, а на кінець попереднього періоду ${b}`,
      // The previous report's cell is marked `previous:` — the same address in another report.
      cells: [cell(cells, start), cell(prev, end, 'previous:')],
    });
  }
  return out;
}
