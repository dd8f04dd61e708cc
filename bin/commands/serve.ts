import { join, resolve } from 'node:path';
import { startCourtNode, startCourtServer, courtNodeName } from '../../actors/court/node.ts';
import { writeFileSync } from 'node:fs';
import { SimulatedClock } from '../../actors/court/simulator/clock.ts';
import { CourtKey } from '../../actors/court/covert/vault.ts';
import { PkiError } from '../../actors/pki/index.ts';
import { startCentralNode } from '../../actors/central/node.ts';
import { registryFile } from '../../analytics/court-registry.ts';
import type { ConnectedCourtV1 } from '../../contracts/ingest/index.ts';
import { stopOnSignals } from '../../runtime/host.ts';
import { DEFAULT_ZASADY, formatIssues, loadRulesFiles } from '../../actors/court/distribution/config.ts';
import { ConfigInvalid } from '../../actors/distribution/errors.ts';
import { CliError, emit, options } from './util.ts';
import { KEY_PASSPHRASE_OPTION, keyPassphraseFromCli } from './pki.ts';

/**
 * `asds court serve --court <code> --data <dir> [--port <p>] [--host <addr>] [--nats <url> [--bus <dir>]]
 *                   [--admin-password <pw>] [--court-key-file <file>] [--edrsr-url <url>] [--simulated-clock <file>]` — runs until SIGTERM/SIGINT.
 * Without --port the node runs without its HTTP API (as `asds up` starts it).
 * With --nats the node logs in with its bus credentials: --bus <dir>, default `<data>/bus` (`asds ops court add` makes them).
 * Admin password: --admin-password wins over env ASDS_ADMIN_PASSWORD (prefer the env: argv is visible in `ps`).
 * Court key: --court-key-file wins over env ASDS_COURT_KEY; the file must be owner-only (chmod 600).
 * Key passphrase (court CA and seal keys are encrypted at rest): --key-passphrase-file (owner-only) wins over
 * env ASDS_KEY_PASSPHRASE; without either the node refuses to start — a passphrase is never an argument.
 * --courts <courts.yaml>: the registry of connected courts; an existing ЄУН naming another court code is refused.
 * ЄДРСР endpoint (Засади 11.2): --edrsr-url wins over env ASDS_EDRSR_URL; without one the queue holds items pending.
 * --exchange-hub <node>: the central worker that runs the exchange hub with prosecutors (default central-1); the court
 * sends its procedural documents for prosecutors' cabinets there (actors/court/exchange).
 * --zasady <file>: the court's Засади of automated distribution (YAML; calendar.yaml beside it). Without it only
 * court 537 runs, on the Lubny example; any other court refuses to start unless told --no-distribution, and then
 * says so at every start and in GET /health ("distribution":"off") — a court must never distribute nothing silently.
 */
export async function courtServe(argv: string[]): Promise<number> {
  const o = options(
    argv,
    {
      court: { type: 'string' },
      data: { type: 'string' },
      nats: { type: 'string' },
      bus: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'admin-password': { type: 'string' },
      'court-key-file': { type: 'string' },
      zasady: { type: 'string' },
      'no-distribution': { type: 'boolean' },
      'edrsr-url': { type: 'string' },
      'legal-force': { type: 'string' },
      courts: { type: 'string' },
      'simulated-clock': { type: 'string' },
      'exchange-hub': { type: 'string' },
      ...KEY_PASSPHRASE_OPTION,
    },
    ['court', 'data'],
  );
  const keyPassphrase = keyPassphraseFromCli(o['key-passphrase-file'] as string | undefined);
  const court = o.court as string;
  const distribution = distributionChoice(court, o.zasady as string | undefined, o['no-distribution'] === true);
  const dataDir = resolve(o.data as string);
  const edrsrUrl = (o['edrsr-url'] as string | undefined) ?? process.env.ASDS_EDRSR_URL;
  if (edrsrUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(edrsrUrl)) throw new CliError(`--edrsr-url must be an http(s) URL, got "${edrsrUrl}"`, 2);
  const base = {
    court,
    dataDir,
    ...(distribution === 'off' ? { noDistribution: true } : {}),
    ...(o.nats ? { natsUrl: o.nats as string, bus: busDir(o, dataDir) } : {}),
    ...(o.zasady ? { zasadyFile: resolve(o.zasady as string) } : {}),
    ...(o['legal-force'] ? { legalForceFile: resolve(o['legal-force'] as string) } : {}),
    ...(edrsrUrl ? { edrsrUrl } : {}),
    ...(o['exchange-hub'] ? { exchangeHub: o['exchange-hub'] as string } : {}),
    keyPassphrase: keyPassphrase.passphrase,
    ...simulatedClock(o['simulated-clock'] as string | undefined),
  };
  if (o.port === undefined) {
    const host = await startNode(base);
    stopOnSignals(host);
    emit({ ready: true, role: 'court', node: courtNodeName(court), data: dataDir, pid: process.pid, distribution });
    void host.natsReady.then((nc) => nc && emit({ nats: 'connected', node: courtNodeName(court) }));
    await new Promise(() => undefined);
    return 0;
  }
  const port = Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0–65535, got "${o.port as string}"`, 2);
  let key: CourtKey | undefined;
  try {
    key = CourtKey.load(o['court-key-file'] as string | undefined);
  } catch (e) {
    throw new CliError(`court key: ${(e as Error).message}`, 2);
  }
  // The registry of connected courts: the court codes an existing ЄУН may name (Засади 3.3).
  const knownCourts = o.courts ? readRegistry(o.courts as string)().map((c) => c.code) : undefined;
  const adminPassword = (o['admin-password'] as string | undefined) ?? process.env.ASDS_ADMIN_PASSWORD;
  let server;
  try {
    server = await startCourtServer({
      ...base,
      port,
      ...(o.host ? { host: o.host as string } : {}),
      ...(adminPassword ? { adminPassword } : {}),
      ...(key ? { key } : {}),
      ...(knownCourts ? { knownCourts } : {}),
    });
  } catch (e) {
    throw new CliError((e as Error).message, 1);
  }
  stopOnSignals({ ...server.host, stop: (reason?: string) => server.stop(reason) });
  emit({ ready: true, role: 'court', node: courtNodeName(court), data: dataDir, pid: process.pid, distribution, url: server.url, covertKey: key?.id ?? null, keyPassphrase: keyPassphrase.source });
  void server.host.natsReady.then((nc) => nc && emit({ nats: 'connected', node: courtNodeName(court) }));
  await new Promise(() => undefined);
  return 0;
}

/**
 * Is distribution on? A court whose Засади are not given (and are not the example's court) refuses to start unless
 * the operator says --no-distribution; then every start says so on stderr.
 */
function distributionChoice(court: string, zasady: string | undefined, off: boolean): 'on' | 'off' {
  if (off) {
    if (zasady) throw new CliError('--zasady and --no-distribution contradict each other', 2);
    process.stderr.write(`asds: court ${court} runs WITHOUT automated distribution (--no-distribution): new cases are registered but not distributed\n`);
    return 'off';
  }
  if (zasady) return 'on';
  if (loadRulesFiles(DEFAULT_ZASADY).court.code === court) return 'on';
  throw new CliError(
    `court ${court} has no Засади in force: give --zasady <file> (the court's rules of automated distribution, calendar.yaml beside it) or --no-distribution to run without distributing cases`,
    2,
  );
}

/**
 * `--simulated-clock <file>` (asds simulate --timeline only): the actors' clock is real time plus the file's offset
 * (≤ 0 ms), re-read on SIGUSR2. Said at start, and recorded in the node's run log (node-started.clock).
 */
function simulatedClock(file: string | undefined): { clock?: () => number; simulatedClock?: true } {
  if (file === undefined) return {};
  let clock: SimulatedClock;
  try {
    clock = SimulatedClock.open(resolve(file));
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  process.on('SIGUSR2', () => {
    try {
      // the acknowledgement tells the simulator the node now lives on the new day
      writeFileSync(`${clock.file}.ack`, `${clock.reload()}\n`);
    } catch (e) {
      process.stderr.write(`simulated clock: ${(e as Error).message}\n`);
    }
  });
  process.stderr.write(`УВАГА: годинник вузла змодельований (${file}); лише для симуляції\n`);
  return { clock: clock.now, simulatedClock: true };
}

/** Key errors (wrong passphrase, plaintext or exposed key file) are one line for the operator, not a stack. */
async function startNode(base: Parameters<typeof startCourtNode>[0]) {
  try {
    return await startCourtNode(base);
  } catch (e) {
    if (e instanceof PkiError) throw new CliError(e.message, 1);
    // The court's rule files: every error of every file, one per line (issue 13 item 11).
    if (e instanceof ConfigInvalid) throw new CliError(`${e.what}: ${e.errors.length} error(s)\n${formatIssues(e.errors)}`, 2);
    throw e;
  }
}

/**
 * `asds central serve --data <dir> --nats <url[,url…]> [--bus <dir>, default <data>/bus] [--redis <url>] [--node central-1] [--clickhouse-url <url>] [--http-port <p>]
 *                     [--courts <courts.yaml> | --any-court] [--replicas 1|3] [--pull-retention-days 90]
 *                     [--analytics-dir <dir>, default <data>/analytics] [--lease-ttl-ms 10000] [--heartbeat-ms 5000] [--rebind-analytics]
 *                     [--exchange-port <p> [--exchange-host 127.0.0.1] [--exchange-admin-port <p>] [--exchange-district-codes <yaml>]
 *                      [--exchange-agreements <yaml>] [--key-passphrase-file <file> | env ASDS_KEY_PASSPHRASE]]`
 * With --exchange-port the worker runs the exchange hub with other agencies (issue 17, actors/central/exchange):
 * mutual TLS for organisations' systems on that port; the public registry page and the operator routes on the
 * loopback admin port (`asds exchange …` talks to it). The exchange CA key is encrypted with the key passphrase.
 * Verified ingest refuses events of a court not in --courts; without it every court is refused unless
 * --any-court (development and tests) accepts any court whose bus passport verified.
 * Scaling (issue 12 item 2, deploy/README.md "Several central workers"): with --clickhouse-url every worker shares
 * ingest, jobs and queries. With embedded chdb, workers that name the same --analytics-dir (each with its own --data)
 * elect one owner through a lease in NATS KV (TTL --lease-ttl-ms); the others print one "standby" line and take over
 * when the owner dies, or at once when it is drained (`asds ops drain`). Every role change is one JSON line.
 * The ingest stream feeds one store: a worker on another store (another folder, or chdb beside a ClickHouse server)
 * exits 1 naming the bound store, unless --rebind-analytics (only after moving the store deliberately).
 */
export async function centralServe(argv: string[]): Promise<number> {
  const o = options(
    argv,
    {
      data: { type: 'string' },
      nats: { type: 'string' },
      bus: { type: 'string' },
      redis: { type: 'string' },
      node: { type: 'string' },
      'clickhouse-url': { type: 'string' },
      'http-port': { type: 'string' },
      courts: { type: 'string' },
      'pull-retention-days': { type: 'string' },
      replicas: { type: 'string' },
      'any-court': { type: 'boolean' },
      'analytics-dir': { type: 'string' },
      'lease-ttl-ms': { type: 'string' },
      'heartbeat-ms': { type: 'string' },
      'rebind-analytics': { type: 'boolean' },
      stats: { type: 'string' },
      'stats-forms': { type: 'string' },
      'exchange-port': { type: 'string' },
      'exchange-host': { type: 'string' },
      'exchange-admin-port': { type: 'string' },
      'exchange-district-codes': { type: 'string' },
      'exchange-agreements': { type: 'string' },
      ...KEY_PASSPHRASE_OPTION,
    },
    ['data', 'nats'],
  );
  const leaseTtlMs = msOption(o, 'lease-ttl-ms', 500);
  const heartbeatMs = msOption(o, 'heartbeat-ms', 100);
  if (o['analytics-dir'] && o['clickhouse-url']) throw new CliError('--analytics-dir is the embedded chdb store; with --clickhouse-url the analytics live on the server', 2);
  const retentionDays = o['pull-retention-days'] === undefined ? undefined : Number(o['pull-retention-days']);
  if (retentionDays !== undefined && !(Number.isInteger(retentionDays) && retentionDays >= 1)) throw new CliError('--pull-retention-days must be a whole number of days ≥ 1', 2);
  // fail before starting anything: a broken registry would hide silent courts (13.3)
  const registry = o.courts ? readRegistry(o.courts as string) : undefined;
  // statistics (Засади 16): a broken configuration or form stops the start with every error listed
  const stats = o.stats || o['stats-forms'] ? await centralStatsOption(o.stats as string | undefined, o['stats-forms'] as string | undefined) : undefined;
  const node = (o.node as string | undefined) ?? 'central-1';
  const httpPort = o['http-port'] === undefined ? undefined : Number(o['http-port']);
  // JetStream replicas of the ingest stream: 3 on the centre's 3-server cluster (a member may die), 1 on a single server
  const replicas = o.replicas === undefined ? undefined : Number(o.replicas);
  if (replicas !== undefined && ![1, 3, 5].includes(replicas)) throw new CliError('--replicas must be 1, 3 or 5', 2);
  if (httpPort !== undefined && (!Number.isInteger(httpPort) || httpPort < 0 || httpPort > 65535)) throw new CliError('--http-port must be 0–65535', 2);
  const exchange = exchangeOption(o);
  const host = await startCentralNode({
    node,
    dataDir: resolve(o.data as string),
    natsUrl: o.nats as string,
    bus: busDir(o, resolve(o.data as string)),
    ...(o.redis ? { redisUrl: o.redis as string } : {}),
    ...(o['clickhouse-url'] ? { clickhouseUrl: o['clickhouse-url'] as string } : {}),
    ...(httpPort !== undefined ? { httpPort } : {}),
    ...(registry ? { registry } : {}),
    pulls: { ...(retentionDays ? { retentionDays } : {}), ...pullTuning() },
    archive: archiveTuning(),
    ...(replicas ? { replicas } : {}),
    ...(o['any-court'] ? { anyCourt: true } : {}),
    ...(o['analytics-dir'] ? { analyticsDir: resolve(o['analytics-dir'] as string) } : {}),
    ...(leaseTtlMs ? { leaseTtlMs } : {}),
    ...(heartbeatMs ? { heartbeatMs } : {}),
    ...(o['rebind-analytics'] ? { rebindAnalytics: true } : {}),
    ...(stats ? { stats } : {}),
    ...(exchange ? { exchange } : {}),
    onRole: (role, holder) =>
      emit(
        role === 'standby'
          ? {
              lease: 'standby',
              node,
              owner: holder?.holder ?? null,
              message: holder
                ? `standing by: ${holder.holder} (pid ${holder.pid} on ${holder.host}) owns the analytics store ${holder.path}; taking over if its lease lapses`
                : 'standing by: the analytics store is changing owner',
            }
          : { lease: role, node },
      ),
  });
  stopOnSignals(host);
  // a drained worker has handed over already: stop the rest and exit 0
  void host.drained.then(() => host.stop('drained').finally(() => process.exit(0)));
  emit({ ready: true, role: 'central', node, data: resolve(o.data as string), pid: process.pid });
  if (host.exchange) emit({ exchange: host.exchange.url, exchangeAdmin: host.exchange.adminUrl, node });
  host.pulls.then(
    (p) => p && emit({ jobs: 'running', node }),
    (e) => process.stderr.write(`asds: central jobs failed to start: ${(e as Error).message}\n`),
  );
  void host.natsReady.then((nc) => nc && emit({ nats: 'connected', node }));
  void host.httpUrl.then((http) => http && emit({ http, node }));
  host.ingest.then(
    async (i) => {
      if (!i) return;
      const http = await host.httpUrl;
      emit({ ingest: 'running', node, engine: i.worker.analytics.kind, ...(http ? { http } : {}) });
    },
    (e) => {
      process.stderr.write(`asds: central ingest failed to start: ${(e as Error).message}\n`);
      void host.stop('ingest failed').finally(() => process.exit(1));
    },
  );
  await new Promise(() => undefined);
  return 0;
}

const port = (o: Record<string, string | boolean | undefined>, name: string): number | undefined => {
  if (o[name] === undefined) return undefined;
  const v = Number(o[name]);
  if (!Number.isInteger(v) || v < 0 || v > 65535) throw new CliError(`--${name} must be 0–65535`, 2);
  return v;
};

/** The exchange hub's options (issue 17); its CA key is encrypted at rest, so the key passphrase is required. */
function exchangeOption(o: Record<string, string | boolean | undefined>) {
  const p = port(o, 'exchange-port');
  if (p === undefined) {
    for (const n of ['exchange-host', 'exchange-admin-port', 'exchange-district-codes', 'exchange-agreements']) if (o[n] !== undefined) throw new CliError(`--${n} needs --exchange-port`, 2);
    return undefined;
  }
  const adminPort = port(o, 'exchange-admin-port');
  const { passphrase } = keyPassphraseFromCli(o['key-passphrase-file'] as string | undefined);
  return {
    port: p,
    keyPassphrase: passphrase,
    ...(o['exchange-host'] ? { host: o['exchange-host'] as string } : {}),
    ...(adminPort !== undefined ? { adminPort } : {}),
    ...(o['exchange-district-codes'] ? { districtCodesFile: resolve(o['exchange-district-codes'] as string) } : {}),
    // information files with the MVS services: the agreements (field allow-lists) — default deploy/examples/exchange/agreements.yaml
    ...(o['exchange-agreements'] ? { infoFiles: { agreementsFile: resolve(o['exchange-agreements'] as string) } } : {}),
  };
}

/** A whole number of milliseconds ≥ `min`, or undefined when the option is absent. */
function msOption(o: Record<string, string | boolean | undefined>, name: string, min: number): number | undefined {
  if (o[name] === undefined) return undefined;
  const v = Number(o[name]);
  if (!Number.isInteger(v) || v < min) throw new CliError(`--${name} must be a whole number of milliseconds ≥ ${min}`, 2);
  return v;
}

/** Test tuning only: small chunks and short job locks (env ASDS_PULL_CHUNK_BYTES, ASDS_JOBS_LOCK_MS). */
function pullTuning(): { chunkBytes?: number; lockDurationMs?: number; stalledIntervalMs?: number } {
  const chunk = Number(process.env.ASDS_PULL_CHUNK_BYTES);
  const lock = Number(process.env.ASDS_JOBS_LOCK_MS);
  return {
    ...(chunk > 0 ? { chunkBytes: chunk } : {}),
    ...(lock > 0 ? { lockDurationMs: lock, stalledIntervalMs: Math.max(500, Math.floor(lock / 2)) } : {}),
  };
}

/** The archive sweep every N ms instead of daily, and the transfer chunk (env ASDS_ARCHIVE_SWEEP_MS, ASDS_ARCHIVE_CHUNK_BYTES). */
function archiveTuning(): { sweepEveryMs?: number; chunkBytes?: number } {
  const sweep = Number(process.env.ASDS_ARCHIVE_SWEEP_MS);
  const chunk = Number(process.env.ASDS_ARCHIVE_CHUNK_BYTES);
  return { ...(sweep > 0 ? { sweepEveryMs: sweep } : {}), ...(chunk > 0 ? { chunkBytes: chunk } : {}) };
}

/** The node's bus credentials folder: --bus, else `<data>/bus` (what `asds ops … add` printed). */
function busDir(o: Record<string, string | boolean | undefined>, dataDir: string): string {
  return resolve((o.bus as string | undefined) ?? join(dataDir, 'bus'));
}

/** Re-read on change: `asds ops court add|revoke` maintains the file on a running cluster. */
function readRegistry(file: string): () => readonly ConnectedCourtV1[] {
  try {
    return registryFile(resolve(file), (e) => process.stderr.write(`asds: --courts ${file} changed but is invalid, keeping the last good list: ${e.message}\n`));
  } catch (e) {
    throw new CliError(`--courts: ${(e as Error).message}`, 2);
  }
}

/** `--stats <centre.yaml>` (default deploy/stats/centre.yaml) and `--stats-forms <dir>` (default deploy/stats-forms). */
async function centralStatsOption(configFile: string | undefined, formsDir: string | undefined) {
  const { loadStatsConfig, loadForms, DEFAULT_FORMS_DIR } = await import('../../actors/central/stats/index.ts');
  const { DEFAULT_STATS_CONFIG } = await import('./stats.ts');
  const { deriveCard, statCardKey } = await import('../../analytics/stats/derive.ts');
  try {
    const ctx = { config: loadStatsConfig(resolve(configFile ?? DEFAULT_STATS_CONFIG)), forms: loadForms(formsDir ? resolve(formsDir) : DEFAULT_FORMS_DIR) };
    return { ctx: () => ctx, reducer: { key: statCardKey, derive: deriveCard } };
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
}
