/**
 * `asds report workload --from <date> --to <date> [--court <code>] [--format json|csv]`
 *   with one source: --nats <url> [--bus <ops bundle>] (ask a running central worker),
 *   --clickhouse-url <url> (query the server), or --data <central data dir>
 *   (open the chdb data directly — only while no worker holds it).
 * `asds central lag [--threshold-minutes 120] [--all] [--courts <courts.yaml>] [--json]` with the same sources;
 *   for people by default (court names, Kyiv times, "3 год 12 хв"), JSON with --json;
 *   --courts adds the registry's courts that never reported (13.3) to what the source knows.
 */
import { connectCli } from './bus.ts';
import { join, resolve } from 'node:path';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { courtLags, LAG_THRESHOLD_MS, type CourtLag } from '../../analytics/lag.ts';
import { checkWorkloadQuery, workloadCsv, workloadReport, type WorkloadQuery, type WorkloadRow } from '../../analytics/workload.ts';
import { withRegistry, loadCourtRegistry } from '../../analytics/court-registry.ts';
import { CENTRAL_LAG_SUBJECT, CENTRAL_WORKLOAD_SUBJECT, type ConnectedCourtV1 } from '../../contracts/ingest/index.ts';
import { CliError, options } from './util.ts';
import { durationUk, kyivTime } from '../../analytics/format-uk.ts';

const SOURCE = { nats: { type: 'string' }, bus: { type: 'string' }, 'clickhouse-url': { type: 'string' }, data: { type: 'string' } } as const;

export async function reportWorkload(argv: string[]): Promise<number> {
  const o = options(argv, { ...SOURCE, from: { type: 'string' }, to: { type: 'string' }, court: { type: 'string' }, format: { type: 'string' } }, ['from', 'to']);
  const q: WorkloadQuery = { from: o.from as string, to: o.to as string, ...(o.court ? { court: o.court as string } : {}) };
  const format = (o.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new CliError('--format must be json or csv', 2);
  try {
    checkWorkloadQuery(q);
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  const rows = await fromSource<WorkloadRow[]>(o, CENTRAL_WORKLOAD_SUBJECT, q, (engine) => workloadReport(engine, q));
  process.stdout.write(format === 'csv' ? workloadCsv(rows) : JSON.stringify({ from: q.from, to: q.to, court: q.court ?? null, rows }, null, 2) + '\n');
  return 0;
}

export async function centralLag(argv: string[]): Promise<number> {
  const o = options(argv, { ...SOURCE, 'threshold-minutes': { type: 'string' }, all: { type: 'boolean' }, courts: { type: 'string' }, json: { type: 'boolean' } });
  let registry: ConnectedCourtV1[] = [];
  try {
    if (o.courts) registry = loadCourtRegistry(resolve(o.courts as string));
  } catch (e) {
    throw new CliError(`--courts: ${(e as Error).message}`, 2);
  }
  const minutes = o['threshold-minutes'] === undefined ? LAG_THRESHOLD_MS / 60_000 : Number(o['threshold-minutes']);
  if (!Number.isFinite(minutes) || minutes < 0) throw new CliError('--threshold-minutes must be a non-negative number', 2);
  const lags = withRegistry(await fromSource<CourtLag[]>(o, CENTRAL_LAG_SUBJECT, {}, (engine) => courtLags(engine)), registry);
  const shown = o.all ? lags : lags.filter((l) => l.lagMs > minutes * 60_000);
  process.stdout.write(o.json ? JSON.stringify({ thresholdMs: minutes * 60_000, courts: shown }, null, 2) + '\n' : describeLags(shown, minutes));
  // exit 3: something lags (for monitoring scripts)
  return lags.some((l) => l.lagMs > minutes * 60_000) ? 3 : 0;
}

/** The lag list for people: court name, how far behind, last contact in Kyiv time (13.3 threshold named). */
function describeLags(lags: CourtLag[], minutes: number): string {
  const head = `Поріг відставання: ${durationUk(minutes * 60_000)} (Засади 13.3: не рідше одного разу на дві години).\n`;
  if (lags.length === 0) return `${head}Відстаючих судів немає.\n`;
  const lines = lags.map((l) => {
    const name = l.name ?? `суд з кодом ${l.court}`;
    if (l.neverReported) return `${name}: жодного разу не звертався до центру (відставання ${durationUk(l.lagMs)})`;
    const behind = l.lagMs > minutes * 60_000 ? `відстає на ${durationUk(l.lagMs)}` : `у межах порогу (${durationUk(l.lagMs)})`;
    return `${name}: ${behind}; останній зв'язок ${kyivTime(l.lastSeen)}; подій у суді ${l.head}, у центрі ${l.mark}`;
  });
  return `${head}${lines.join('\n')}\n`;
}

export async function fromSource<T>(
  o: Record<string, string | boolean | undefined>,
  subject: string,
  req: unknown,
  direct: (engine: AnalyticsEngine) => Promise<T>,
): Promise<T> {
  if (o.nats) {
    const nc = await connectCli(o, o.nats as string);
    try {
      const m = await nc.request(subject, JSON.stringify(req), { timeout: 30_000 });
      const r = JSON.parse(new TextDecoder().decode(m.data)) as { ok: boolean; result?: T; error?: string };
      if (!r.ok) throw new CliError(r.error ?? 'central worker failed', 1);
      return r.result as T;
    } finally {
      await nc.close();
    }
  }
  if (!o['clickhouse-url'] && !o.data) throw new CliError('give --nats <url>, --clickhouse-url <url> or --data <central data dir>', 2);
  const engine = await openEngine(o['clickhouse-url'] ? { clickhouseUrl: o['clickhouse-url'] as string } : { dataDir: join(resolve(o.data as string), 'analytics') });
  try {
    return await direct(engine);
  } finally {
    await engine.close();
  }
}
