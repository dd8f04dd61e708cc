/**
 * Consolidation (Засади 16.1.5): a region's or the nation's report is the
 * cell-wise sum of its courts' (or regions') reports of the same form,
 * version and period; logical control is run again on the sum. Reports that
 * do not fit together are refused with every reason listed — a sum of
 * different forms or periods would be a wrong official figure.
 *
 *   consolidate(def, [r537, r538], { kind: 'region', region: 'poltava', courts: ['537', '538'] })
 */
import type { FormDefinitionV1 } from '../../contracts/stats/form.ts';
import type { ScopeV1, StatReportV1 } from '../../contracts/stats/report.ts';
import { controlReport } from './control.ts';
import { StatsReportMismatch } from './errors.ts';
import { scopeCourts } from './scope.ts';

const scopeName = (s: ScopeV1) => (s.kind === 'court' ? `суду ${s.court}` : s.kind === 'region' ? `регіону ${s.region}` : 'країни');

function mismatches(def: FormDefinitionV1, reports: StatReportV1[], scope: ScopeV1): string[] {
  const problems: string[] = [];
  if (reports.length === 0) return ['немає жодного звіту'];
  const p0 = reports[0]!.period;
  const covered = new Map<string, number>();
  reports.forEach((r, i) => {
    const who = `звіт ${i + 1} (${scopeName(r.scope)})`;
    if (r.form.id !== def.id || r.form.version !== def.version) problems.push(`${who}: форма «${r.form.id}» версії ${r.form.version}, а зводиться «${def.id}» версії ${def.version}`);
    if (r.period.kind !== p0.kind || r.period.from !== p0.from || r.period.to !== p0.to) problems.push(`${who}: період ${r.period.from} — ${r.period.to}, а у звіті 1 — ${p0.from} — ${p0.to}`);
    for (const c of scopeCourts(r.scope)) covered.set(c, (covered.get(c) ?? 0) + 1);
    for (const s of def.sections) for (const row of s.rows) for (const col of s.columns) {
      if (typeof r.cells[s.id]?.[row.id]?.[col.id] !== 'number') {
        problems.push(`${who}: бракує комірки ${s.id}.${row.id}.${col.id} — звіт не за макетом цієї форми`);
        return;
      }
    }
  });
  const want = scopeCourts(scope);
  for (const [c, n] of covered) {
    if (n > 1) problems.push(`суд ${c} враховано у ${n} звітах`);
    if (!want.has(c)) problems.push(`суд ${c} не належить до ${scopeName(scope)}`);
  }
  for (const c of want) if (!covered.has(c)) problems.push(`звіту суду ${c} немає серед зведених`);
  return problems;
}

export function consolidate(def: FormDefinitionV1, reports: StatReportV1[], scope: ScopeV1): StatReportV1 {
  const problems = mismatches(def, reports, scope);
  if (problems.length > 0) throw new StatsReportMismatch(`звіти не можна звести за формою «${def.name}»`, problems);
  const cells: StatReportV1['cells'] = {};
  for (const s of def.sections) {
    cells[s.id] = {};
    for (const row of s.rows) {
      const line: Record<string, number> = {};
      for (const col of s.columns) line[col.id] = reports.reduce((a, r) => a + r.cells[s.id]![row.id]![col.id]!, 0);
      cells[s.id]![row.id] = line;
    }
  }
  const report: StatReportV1 = {
    schema: 'asds.stats-report/v1',
    form: { id: def.id, version: def.version },
    scope,
    period: reports[0]!.period,
    cells,
    failures: [],
    cards: reports.reduce((a, r) => a + r.cards, 0),
  };
  report.failures = controlReport(def, report);
  return report;
}
