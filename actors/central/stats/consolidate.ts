/**
 * Consolidation court → region → nation (Засади 16.1.5) and the reports the
 * centre builds for any period (16.1.7): the same form compiled to SQL over
 * the courts of the scope (analytics/stats-sql). Cells are counts and sums,
 * so a region's report is the cell-wise sum of its courts' and the nation's
 * the sum of the regions' plus the courts in no region
 * (test/central/stats-consolidate.test.ts holds both).
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { evaluateFormSql, evaluateFormCube, sumReports } from '../../../analytics/stats-sql/index.ts';
import { checkPeriod } from '../../../analytics/stats/index.ts';
import type { FormDefinitionV1, PeriodV1, ScopeV1, StatReportV1 } from '../../../contracts/stats/index.ts';
import { AsdsError } from '../../../runtime/index.ts';
import { configCourts, type StatsCentreConfigV1 } from './config.ts';

export type Target = { court: string } | { region: string } | { nation: true };

export class UnknownRegion extends AsdsError {
  constructor(region: string) {
    super('STATS_UNKNOWN_REGION', `регіону «${region}» немає в налаштуваннях статистики центру`);
  }
}

/** Every court of the nation: the configured ones and any whose cards reached the centre. */
export async function nationCourts(engine: AnalyticsEngine, config: StatsCentreConfigV1): Promise<string[]> {
  const seen = await engine.query<{ court: string }>('SELECT DISTINCT court FROM stat_cards');
  return [...new Set([...configCourts(config).map((c) => c.code), ...seen.map((r) => String(r.court))])].sort();
}

export async function scopeOf(engine: AnalyticsEngine, config: StatsCentreConfigV1, t: Target): Promise<ScopeV1> {
  if ('court' in t) return { kind: 'court', court: t.court };
  if ('region' in t) {
    const r = config.regions.find((x) => x.id === t.region);
    if (!r) throw new UnknownRegion(t.region);
    return { kind: 'region', region: r.id, courts: r.courts.map((c) => c.code) };
  }
  return { kind: 'nation', courts: await nationCourts(engine, config) };
}

export async function buildReport(engine: AnalyticsEngine, config: StatsCentreConfigV1, def: FormDefinitionV1, period: PeriodV1, t: Target): Promise<StatReportV1> {
  return evaluateFormSql(engine, def, period, await scopeOf(engine, config, t));
}

/** The key a report of a scope is stored under. */
export function scopeKey(s: ScopeV1): string {
  return s.kind === 'court' ? s.court : s.kind === 'region' ? s.region : 'UA';
}

export async function saveReports(engine: AnalyticsEngine, reports: readonly StatReportV1[], by: string, at = Date.now()): Promise<void> {
  await engine.insert(
    'stat_reports',
    reports.map((r) => ({ form_id: r.form.id, form_version: r.form.version, period_kind: r.period.kind, period_from: r.period.from, period_to: r.period.to, scope_kind: r.scope.kind, scope_key: scopeKey(r.scope), report: JSON.stringify(r), built_at: at, built_by: by })),
  );
}

export async function savedReports(engine: AnalyticsEngine, formId: string, period: PeriodV1): Promise<StatReportV1[]> {
  const rows = await engine.query<{ report: string }>(
    `SELECT report FROM stat_reports FINAL WHERE form_id = {f:String} AND period_from = {from:String} AND period_to = {to:String} ORDER BY scope_kind, scope_key`,
    { f: formId, from: period.from, to: period.to },
  );
  return rows.map((r) => JSON.parse(r.report) as StatReportV1);
}

/**
 * The national consolidation of one form and period: every region, then the nation, each stored
 * (stat_reports). `progress(done, total)` after each step (the BullMQ job's progress bar).
 */
export async function consolidateNation(
  engine: AnalyticsEngine,
  config: StatsCentreConfigV1,
  def: FormDefinitionV1,
  period: PeriodV1,
  by: string,
  progress: (done: number, total: number) => Promise<void> | void = () => undefined,
): Promise<{ regions: StatReportV1[]; nation: StatReportV1 }> {
  // one aggregation grouped by region (courts in no region form one more group); the nation is their sum
  const courts = await nationCourts(engine, config);
  const total = config.regions.length + 2;
  const inRegion = new Set(config.regions.flatMap((r) => r.courts.map((c) => c.code)));
  const groups = new Map<string, string[]>(config.regions.map((r) => [`region:${r.id}`, r.courts.map((c) => c.code)]));
  const rest = courts.filter((c) => !inRegion.has(c));
  if (rest.length > 0) groups.set('rest', rest);
  checkPeriod(def, period);
  const byGroup = await evaluateFormCube(engine, def, period, groups);
  await progress(1, total);
  const regions: StatReportV1[] = [];
  for (const r of config.regions) {
    const scope: ScopeV1 = { kind: 'region', region: r.id, courts: r.courts.map((c) => c.code) };
    regions.push(sumReports(def, period, scope, [byGroup.get(`region:${r.id}`)!]));
    await progress(regions.length + 1, total);
  }
  const nation = sumReports(def, period, { kind: 'nation', courts }, byGroup.values());
  // one insert for all: the regions and the nation of one build stand or fall together
  await saveReports(engine, [...regions, nation], by);
  await progress(total, total);
  return { regions, nation };
}

/** A consolidation as the job stored it, with when and by which worker it was built. */
export interface StoredConsolidation {
  report: StatReportV1;
  builtAt: number;
  builtBy: string;
}

/** The stored report of one scope (a region, or the nation: key `UA`), or undefined when not built yet. */
export async function savedReport(engine: AnalyticsEngine, formId: string, period: PeriodV1, scope: { kind: 'region' | 'nation'; key: string }): Promise<StoredConsolidation | undefined> {
  const rows = await engine.query<{ report: string; built_at: number | string; built_by: string }>(
    `SELECT report, built_at, built_by FROM stat_reports FINAL
     WHERE form_id = {f:String} AND period_from = {from:String} AND period_to = {to:String} AND scope_kind = {k:String} AND scope_key = {key:String}`,
    { f: formId, from: period.from, to: period.to, k: scope.kind, key: scope.key },
  );
  const r = rows[0];
  return r ? { report: JSON.parse(r.report) as StatReportV1, builtAt: Number(r.built_at), builtBy: r.built_by } : undefined;
}
