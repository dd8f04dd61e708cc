/**
 * `asds stats report --form <id> --from <date> --to <date> (--court <code> | --region <id> | --nation)
 *    [--kind month|quarter|half-year|year|any] [--version <n>] [--format json|csv|xlsx|html] [--out <file>]
 *    [--config deploy/stats/centre.yaml] [--forms deploy/stats-forms] (--nats <url> [--bus <dir>] | --clickhouse-url <url> | --data <dir>)`
 *   an operational report for any period (Засади 16.1.7) formed at the centre from the replicated cards.
 * `asds stats overdue --form <id> --from --to [--config] (source)` — reports past their deadline (16.1.6).
 * `asds stats consolidate --form <id> --from --to [--kind] --redis <url> [--config] [--forms]` — the national
 *   consolidation (16.1.5) as a central job; its progress as a bar until done.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, options } from './util.ts';
import { fromSource } from './report.ts';
import { loadStatsConfig } from '../../actors/central/stats/config.ts';
import { loadForms, DEFAULT_FORMS_DIR } from '../../actors/central/stats/forms.ts';
import { operationalReport, type StatsContext } from '../../actors/central/stats/reports.ts';
import { cepejWanted, renderReport, reportFormat } from '../../actors/central/stats/render.ts';
import { overdueReports, overdueTextUk, type OverdueItem } from '../../actors/central/stats/overdue.ts';
import { CENTRAL_STATS_OVERDUE_SUBJECT, CENTRAL_STATS_REPORT_SUBJECT } from '../../actors/central/stats/subjects.ts';
import type { StatReportV1 } from '../../contracts/stats/index.ts';
import { isRefusal } from '../../actors/central/stats/engine-link.ts';

export const DEFAULT_STATS_CONFIG = fileURLToPath(new URL('../../deploy/stats/centre.yaml', import.meta.url));
const SOURCE = { nats: { type: 'string' }, bus: { type: 'string' }, 'clickhouse-url': { type: 'string' }, data: { type: 'string' } } as const;
const CONTEXT = { config: { type: 'string' }, forms: { type: 'string' } } as const;

function context(o: Record<string, string | boolean | undefined>): StatsContext {
  try {
    return { config: loadStatsConfig(resolve((o.config as string | undefined) ?? DEFAULT_STATS_CONFIG)), forms: loadForms(o.forms ? resolve(o.forms as string) : DEFAULT_FORMS_DIR) };
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
}

export async function statsReport(argv: string[]): Promise<number> {
  const o = options(
    argv,
    { ...SOURCE, ...CONTEXT, form: { type: 'string' }, version: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string' }, court: { type: 'string' }, region: { type: 'string' }, nation: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } },
    ['form', 'from', 'to'],
  );
  const ctx = context(o);
  const q = {
    form: o.form as string,
    from: o.from as string,
    to: o.to as string,
    ...(o.version ? { version: Number(o.version) } : {}),
    ...(o.kind ? { kind: o.kind as string } : {}),
    ...(o.court ? { court: o.court as string } : {}),
    ...(o.region ? { region: o.region as string } : {}),
    ...(o.nation ? { nation: true } : {}),
  };
  try {
    const format = reportFormat(o.format as string | undefined);
    const r = await fromSource<{ report: StatReportV1; scopeName: string }>(o, CENTRAL_STATS_REPORT_SUBJECT, q, async (engine) => {
      const x = await operationalReport(engine, ctx, q);
      return { report: x.report, scopeName: x.scopeName };
    });
    const def = ctx.forms.get(r.report.form.id, r.report.form.version);
    if (!def) throw new CliError(`форми ${r.report.form.id} версії ${r.report.form.version} немає в ${o.forms ?? DEFAULT_FORMS_DIR}`, 2);
    const bytes = await renderReport(def, r.report, r.scopeName, format, { cepej: cepejWanted(r.report, undefined) });
    if (o.out) writeFileSync(resolve(o.out as string), bytes);
    else process.stdout.write(bytes);
    return 0;
  } catch (e) {
    if (isRefusal(e)) throw new CliError(e.message, 2);
    throw e;
  }
}

export async function statsOverdue(argv: string[]): Promise<number> {
  const o = options(argv, { ...SOURCE, ...CONTEXT, form: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' } }, ['form', 'from', 'to']);
  const ctx = context(o);
  const def = ctx.forms.get(o.form as string);
  if (!def) throw new CliError(`форми «${o.form}» центр не знає`, 2);
  const period = { kind: ((o.kind as string | undefined) ?? 'any') as StatReportV1['period']['kind'], from: o.from as string, to: o.to as string };
  const items = await fromSource<OverdueItem[]>(o, CENTRAL_STATS_OVERDUE_SUBJECT, { form: def.id, period }, (engine) => overdueReports(engine, ctx.config, def.id, period));
  process.stdout.write(o.json ? JSON.stringify({ form: def.id, period, overdue: items }, null, 2) + '\n' : overdueTextUk(items, def.name, period));
  // exit 3: something is overdue (for monitoring scripts, as `asds central lag`)
  return items.length > 0 ? 3 : 0;
}
