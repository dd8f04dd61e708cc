/**
 * A form evaluated at the centre (Засади 16.1.3): the compiled section
 * queries (compile.ts) run on the analytics engine over the replicated cards,
 * giving the same StatReportV1 the court's own engine gives
 * (analytics/stats evaluateForm) — "one form definition, two engines, equal
 * results". A region or the nation is the same queries over more courts: the
 * cells are counts and sums, so this equals the sum of the courts' reports.
 */
import type { FormDefinitionV1, PeriodV1, ScopeV1, StatReportV1 } from '../../contracts/stats/index.ts';
import type { AnalyticsEngine } from '../engine.ts';
import { compileForm, type SectionQuery } from './compile.ts';
import { checkPeriod, controlReport } from '../stats/index.ts';
import { evaluateFormCube, evaluateFormCubeByCourt } from './cube.ts';

/** Courts a scope covers. */
export function scopeCourts(scope: ScopeV1): string[] {
  return scope.kind === 'court' ? [scope.court] : scope.courts;
}

/** Compiled queries are pure functions of the definition: compile each (id, version) once. */
const compiled = new WeakMap<FormDefinitionV1, SectionQuery[]>();

/** The report of a scope in one aggregation (cube.ts); the per-cell SQL (evaluateFormSqlPerCell) is held equal to it. */
export async function evaluateFormSql(engine: AnalyticsEngine, def: FormDefinitionV1, period: PeriodV1, scope: ScopeV1): Promise<StatReportV1> {
  checkPeriod(def, period);
  const [r] = (await evaluateFormCube(engine, def, period, new Map([['scope', scopeCourts(scope)]]))).values();
  const report: StatReportV1 = { ...r!, scope };
  report.failures = controlReport(def, report);
  return report;
}

/** The report by the compiled per-section queries (compile.ts: one countIf/sumIf per cell). */
export async function evaluateFormSqlPerCell(engine: AnalyticsEngine, def: FormDefinitionV1, period: PeriodV1, scope: ScopeV1): Promise<StatReportV1> {
  // the same refusals and the same logical control (16.1.4, without continuity) as the court's engine
  checkPeriod(def, period);
  let queries = compiled.get(def);
  if (!queries) compiled.set(def, (queries = compileForm(def)));
  const courts = scopeCourts(scope);
  const cells: StatReportV1['cells'] = {};
  let cards = 0;
  // sections one after another: chdb runs one query at a time anyway, and a server is not flooded by one report
  for (const q of queries) {
    const [row] = await engine.query<Record<string, unknown>>(q.sql, { ...q.params, from: period.from, to: period.to, courts });
    const section: Record<string, Record<string, number>> = (cells[q.section] = {});
    for (const c of q.cells) (section[c.row] ??= {})[c.column] = Number(row?.[c.alias] ?? 0);
    cards = Number(row?.cards ?? 0);
  }
  const report: StatReportV1 = { schema: 'asds.stats-report/v1', form: { id: def.id, version: def.version }, scope, period, cells, failures: [], cards };
  report.failures = controlReport(def, report);
  return report;
}

/**
 * Every court's report of `courts` in one aggregation (cube.ts: GROUP BY court and the fields the filters name):
 * what the national consolidation reads, instead of one pass per region or per cell. A court without cards in the period gets a report of zeros.
 */
export async function evaluateFormSqlByCourt(engine: AnalyticsEngine, def: FormDefinitionV1, period: PeriodV1, courts: readonly string[]): Promise<Map<string, StatReportV1>> {
  checkPeriod(def, period);
  const out = await evaluateFormCubeByCourt(engine, def, period, courts);
  for (const r of out.values()) r.failures = controlReport(def, r);
  return out;
}


function zeroCells(def: FormDefinitionV1): StatReportV1['cells'] {
  const cells: StatReportV1['cells'] = {};
  for (const s of def.sections) {
    cells[s.id] = {};
    for (const r of s.rows) cells[s.id]![r.id] = Object.fromEntries(s.columns.map((c) => [c.id, 0]));
  }
  return cells;
}

/** The cell-wise sum of reports of one form and period (cells are counts and kopiyka sums: exact). */
export function sumReports(def: FormDefinitionV1, period: PeriodV1, scope: ScopeV1, reports: Iterable<StatReportV1>): StatReportV1 {
  const cells = zeroCells(def);
  let cards = 0;
  for (const r of reports) {
    cards += r.cards;
    for (const s of def.sections) for (const row of s.rows) for (const c of s.columns) cells[s.id]![row.id]![c.id]! += r.cells[s.id]?.[row.id]?.[c.id] ?? 0;
  }
  const report: StatReportV1 = { schema: 'asds.stats-report/v1', form: { id: def.id, version: def.version }, scope, period, cells, failures: [], cards };
  report.failures = controlReport(def, report);
  return report;
}

/** Cells that differ between two reports of one form, `section.row.column` with both values. */
export function differingCells(mine: StatReportV1, theirs: StatReportV1): Array<{ ref: string; section: string; row: string; column: string; centre: number; court: number }> {
  const out: Array<{ ref: string; section: string; row: string; column: string; centre: number; court: number }> = [];
  const sections = new Set([...Object.keys(mine.cells), ...Object.keys(theirs.cells)]);
  for (const s of sections) {
    const rows = new Set([...Object.keys(mine.cells[s] ?? {}), ...Object.keys(theirs.cells[s] ?? {})]);
    for (const r of rows) {
      const cols = new Set([...Object.keys(mine.cells[s]?.[r] ?? {}), ...Object.keys(theirs.cells[s]?.[r] ?? {})]);
      for (const c of cols) {
        const a = mine.cells[s]?.[r]?.[c];
        const b = theirs.cells[s]?.[r]?.[c];
        if (a !== b) out.push({ ref: `${s}.${r}.${c}`, section: s, row: r, column: c, centre: a ?? NaN, court: b ?? NaN });
      }
    }
  }
  return out;
}
