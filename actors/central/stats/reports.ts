/**
 * Operational reports for any period (Засади 16.1.7): a form for an ad-hoc
 * period and a court, a region or the nation, formed at the centre from the
 * replicated cards — the one function behind `asds stats report` and
 * `GET /stats/report` (http.ts). Bad input is refused with a stable code
 * before anything runs.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { FormDefinitionV1, PeriodV1, StatReportV1 } from '../../../contracts/stats/index.ts';
import { AsdsError, schemaErrors } from '../../../runtime/index.ts';
import { courtName, type StatsCentreConfigV1 } from './config.ts';
import { buildReport, savedReport, type Target } from './consolidate.ts';
import type { FormBook } from './forms.ts';
import { checkReportPeriod, controlled } from './engine-link.ts';

const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
export const ReportQueryV1 = Type.Object(
  {
    form: Type.String({ minLength: 1, maxLength: 64 }),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    from: Day,
    to: Day,
    /** Period kind; default `any` (an operational report for any period, 16.1.7). */
    kind: Type.Optional(Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('half-year'), Type.Literal('year'), Type.Literal('any')])),
    court: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    nation: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ReportQueryV1 = Static<typeof ReportQueryV1>;

export class StatsQueryInvalid extends AsdsError {
  constructor(message: string) {
    super('STATS_QUERY_INVALID', message);
  }
}

export interface StatsContext {
  config: StatsCentreConfigV1;
  forms: FormBook;
}

export function checkReportQuery(q: unknown, ctx: StatsContext): { def: FormDefinitionV1; period: PeriodV1; target: Target } {
  const errs = schemaErrors(ReportQueryV1, q);
  if (errs.length > 0) throw new StatsQueryInvalid(`запит звіту невірний: ${errs.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  const r = q as ReportQueryV1;
  const targets = [r.court !== undefined, r.region !== undefined, r.nation === true].filter(Boolean).length;
  if (targets !== 1) throw new StatsQueryInvalid('вкажіть одне з: суд (--court), регіон (--region) або всю країну (--nation)');
  if (r.from > r.to) throw new StatsQueryInvalid(`початок періоду ${r.from} пізніше за його кінець ${r.to}`);
  const def = ctx.forms.get(r.form, r.version);
  if (!def) throw new StatsQueryInvalid(`форми «${r.form}»${r.version ? ` версії ${r.version}` : ''} центр не знає`);
  const period: PeriodV1 = { kind: r.kind ?? 'any', from: r.from, to: r.to };
  checkReportPeriod(def, period);
  const target: Target = r.court !== undefined ? { court: r.court } : r.region !== undefined ? { region: r.region } : { nation: true };
  return { def, period, target };
}

/** The report with its logical control, and the scope's name for people. */
export async function operationalReport(engine: AnalyticsEngine, ctx: StatsContext, q: unknown): Promise<{ def: FormDefinitionV1; report: StatReportV1; scopeName: string }> {
  const { def, period, target } = checkReportQuery(q, ctx);
  const report = controlled(def, await buildReport(engine, ctx.config, def, period, target));
  return { def, report, scopeName: scopeNameUk(ctx.config, target) };
}

export function scopeNameUk(config: StatsCentreConfigV1, t: Target): string {
  if ('court' in t) return courtName(config, t.court);
  if ('region' in t) return config.regions.find((r) => r.id === t.region)?.name ?? t.region;
  return 'Україна';
}

export class StatsNotConsolidated extends AsdsError {
  readonly statusCode = 404;
  constructor(message: string) {
    super('STATS_NOT_CONSOLIDATED', message);
  }
}

/**
 * The consolidated report of a region or the nation AS BUILT by the consolidation job (Засади 16.1.5) — what
 * was reported upwards — rather than computed again now (operationalReport). Refused for a court (its report is
 * its signed Original) and when the job has not built it.
 */
export async function consolidatedReport(engine: AnalyticsEngine, ctx: StatsContext, q: unknown): Promise<{ def: FormDefinitionV1; report: StatReportV1; scopeName: string; builtAt: number; builtBy: string }> {
  const { def, period, target } = checkReportQuery(q, ctx);
  if ('court' in target) throw new StatsQueryInvalid('зведений звіт будується для регіону або країни; звіт суду — його підписаний оригінал (/stats/submissions)');
  const scope = 'region' in target ? { kind: 'region' as const, key: target.region } : { kind: 'nation' as const, key: 'UA' };
  const stored = await savedReport(engine, def.id, period, scope);
  if (!stored || stored.report.form.version !== def.version) {
    throw new StatsNotConsolidated(`зведення форми «${def.name}» за ${period.from} — ${period.to} для «${scopeNameUk(ctx.config, target)}» ще не побудовано: запустіть asds stats consolidate`);
  }
  return { def, report: stored.report, scopeName: scopeNameUk(ctx.config, target), builtAt: stored.builtAt, builtBy: stored.builtBy };
}
