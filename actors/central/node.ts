/**
 * A central worker: any number of them, any of which can be killed
 * (architecture.md "Topology"). Aggregator actors join its behaviors list as
 * they are built (ingest, reports, archive transfer, security pulls).
 *
 * What uses the analytics store — the JetStream ingest consumer, mark answers,
 * NATS queries, the witness, BullMQ jobs and pulls — runs as one "term":
 * - on a ClickHouse server (`clickhouseUrl`) every worker runs it at once (role
 *   `shared-server`): the durable consumer and the queues split the work;
 * - on embedded chdb (`analyticsDir`, default `<dataDir>/analytics`) only the
 *   worker holding the store's lease runs it (actors/central/lease: CAS lease in
 *   NATS KV, fencing, folder lock); workers naming the same folder stand by,
 *   say so in one line, and take over when the lease expires or is released.
 * The HTTP API (`httpPort`) runs on every worker; on a stand-by its store routes
 * answer 503 naming the owner. Every worker keeps a presence entry (asds_workers)
 * and answers a signed drain request (`asds.central.<node>.drain`).
 */
import { startHost, type Host } from '../../runtime/host.ts';
import type { BusIdentity } from '../../runtime/bus/identity.ts';
import { createLogger, type Behavior } from '../../runtime/index.ts';
import { startCentralIngest, type CentralIngest } from './ingest/index.ts';
import { operatorCaFiles, registerPinRoutes, sealPinBehavior, Witness } from './witness/index.ts';
import type { ConnectedCourtV1 } from '../../contracts/ingest/index.ts';
import type { AnalyticsEngine } from '../../analytics/engine.ts';
import { CentralJobs, QUEUES, type QueueName, type Schedule, type WorkerTiming } from './jobs/index.ts';
import { addGaugeSource } from '../../runtime/metrics/index.ts';
import { CentralPulls, registerPullRoutes } from './pulls/index.ts';
import { CentralArchive } from './archive/index.ts';
import { fetchCourtFile, statCourtFile } from './files/index.ts';
import { validatePackage } from '../archive/index.ts';
import { signerOf } from '../../runtime/bus/nats-sign.ts';
import { pullRegisterBehavior } from './pulls/register.ts';
import { DETECTORS_SCHEDULE, registerDetectorJob } from './detectors/index.ts';
import { registerSilenceJob, SILENCE_SCHEDULE } from './witness/silence.ts';
import { registerConsole, registerConsoleRoutes } from './console/index.ts';
import { registryNow } from '../../analytics/court-registry.ts';
import { join } from 'node:path';
import { openEngine } from '../../analytics/engine.ts';
import { startCentralHttp } from './ingest/http.ts';
import { lockDataDir } from '../../runtime/data-lock.ts';
import type { LeaseV1, WorkerRoleV1 } from '../../contracts/ops/index.ts';
import { AnalyticsLease, NotAnalyticsOwner, Ownership, Presence, bindIngestStore, chdbStore, fencedEngine, openLeaseBucket, openPresenceBucket, serveDrain, serverStore, type StoreId } from './lease/index.ts';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { registerStatsJobs, registerStatsRoutes, startCentralStats, STATS_SCHEDULES, type CardReducer, type CentralStats, type StatsContext } from './stats/index.ts';
import type { FastifyInstance } from 'fastify';
import { registerOriginalsRoutes, startCentralOriginals, type CentralOriginals, type CentralOriginalsOptions } from './originals/index.ts';
import { exchangeBehaviors, startExchangeHub, type ExchangeHub, type ExchangeHubOptions } from './exchange/index.ts';

export interface CentralNodeOptions {
  /** Worker name on the bus, e.g. `central-1`. */
  node: string;
  dataDir: string;
  natsUrl: string;
  /** Bus credentials of this worker (bundle folder or identity; runtime/host.ts). */
  bus: string | BusIdentity;
  /** Redis for BullMQ job queues (long central work). */
  redisUrl?: string;
  /** ClickHouse server URL; without it the embedded chdb engine is used. */
  clickhouseUrl?: string;
  /**
   * chdb folder of the analytics store. Default `<dataDir>/analytics` (a store of this worker alone). Workers on one
   * machine that name the same folder share one store: one owns it (lease), the others stand by.
   */
  analyticsDir?: string;
  /** Lease time to live (ms): a stand-by takes over this long after the owner stopped renewing. Default 10,000. */
  leaseTtlMs?: number;
  /** Presence heartbeat (ms); an entry 3 beats old is stale. Default 5,000. */
  heartbeatMs?: number;
  /**
   * Open the analytics engine another way (embedding and tests). `shared: true` declares a store every worker may
   * use at once, as a ClickHouse server: no lease. Default: a ClickHouse server with clickhouseUrl, else leased chdb.
   */
  analytics?: { open: () => Promise<AnalyticsEngine>; shared: boolean; /** Its key in the ingest binding (shared stores). */ store?: string };
  /**
   * Bind the ingest stream to this worker's store even if it feeds another one (`--rebind-analytics`): only after the
   * operator moved the store deliberately. Default false — a worker on another store refuses to start.
   */
  rebindAnalytics?: boolean;
  /** Role changes (owner, standby with the holder, shared-server, draining): `asds central serve` prints them. */
  onRole?: (role: WorkerRoleV1, holder?: LeaseV1) => void;
  /** Port of the central HTTP API (lag monitor, reports); none when absent. */
  httpPort?: number;
  /** JetStream replicas of the ingest stream: 3 in a production cluster, 1 embedded (default). */
  replicas?: number;
  /** Registry of connected courts (`--courts`, analytics/court-registry.ts) for the lag monitor. */
  registry?: readonly ConnectedCourtV1[] | (() => readonly ConnectedCourtV1[]);
  /** Database pulls (with redisUrl): retention of verified copies, chunk size, job lock timing. */
  pulls?: { retentionDays?: number; chunkBytes?: number; patienceMs?: number } & WorkerTiming;
  /**
   * The central archive (with redisUrl; Засади 17.1): the sweep for built packages every `sweepEveryMs` instead of
   * daily, and the chunk size of transfers.
   */
  archive?: { sweepEveryMs?: number; chunkBytes?: number; /** Start transfers as package-built events are stored (default true). */ onIngest?: boolean };
  /** More job processors on this worker's queues (e.g. the detectors run), registered before the workers start. */
  registerJobs?: (jobs: CentralJobs, engine: () => AnalyticsEngine) => void;
  /** Their schedules (e.g. the detectors daily), upserted once the workers run (idempotent per id). */
  schedules?: Schedule[];
  /** Ingest events of any court with a valid passport, even without a registry (development and tests only). */
  anyCourt?: boolean;
  /**
   * Statistics (Засади 16; actors/central/stats): the configuration and forms, and the court's card reducer
   * (analytics/stats/derive.ts) — cards folded at ingest, signed reports received and checked, HTTP routes,
   * consolidation jobs (with redisUrl). Absent: none of it runs.
   */
  stats?: { ctx: () => StatsContext; reducer: CardReducer };
  /** Originals (Засади 13.2–13.3; actors/central/originals): the scan fetcher's timing (tests: short pauses). */
  originals?: CentralOriginalsOptions['scans'];
  /**
   * The exchange hub with other agencies (issue 17; actors/central/exchange): its mTLS listener on `port`, its admin
   * listener (public registry page, operator routes) on `adminPort` (loopback; default any free port). Run it on one
   * worker: its registries live on this worker's journal.
   */
  exchange?: Omit<ExchangeHubOptions, 'system' | 'log' | 'dataDir' | 'operatorPublicKey'>;
}

export interface CentralNode extends Host {
  /** Resolves once ingest first runs on this worker (a stand-by: when it takes over); undefined if stopped before. */
  ingest: Promise<CentralIngest | undefined>;
  /** Resolves once the job queues first run (with redisUrl); undefined without Redis. */
  pulls: Promise<CentralPulls | undefined>;
  /** The HTTP API's URL (with httpPort), once NATS connected. */
  httpUrl: Promise<string | undefined>;
  /** Resolves when an operator's drain has finished: the caller stops the node and exits 0. */
  drained: Promise<void>;
  /** This worker's role now. */
  role(): WorkerRoleV1;
  /** The exchange hub (with `exchange`). */
  exchange: ExchangeHub | undefined;
}

/** The central aggregator actors of this worker's own journal. */
export function centralBehaviors(): Behavior[] {
  return [pullRegisterBehavior, sealPinBehavior, ...exchangeBehaviors()];
}

/** The job queues of a term (with Redis). */
interface JobsPart {
  pulls: CentralPulls | undefined;
  archive?: CentralArchive;
  stop(): Promise<void>;
}

/** What runs while this worker serves the analytics store. */
interface Serving {
  ingest: CentralIngest;
  pulls: CentralPulls | undefined;
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_TTL_MS = 10_000;
export const DEFAULT_HEARTBEAT_MS = 5_000;

export async function startCentralNode(opts: CentralNodeOptions): Promise<CentralNode> {
  const host = await startHost({ node: opts.node, role: 'central', dataDir: opts.dataDir, natsUrl: opts.natsUrl, bus: opts.bus, behaviors: centralBehaviors() });
  const log = createLogger(`ingest:${opts.node}`);
  // the exchange hub needs only this worker's journal: it serves even while the bus or the analytics store is away
  let exchange: ExchangeHub | undefined;
  if (opts.exchange) {
    try {
      exchange = await startExchangeHub({
        ...opts.exchange,
        system: host.system,
        log: createLogger(`exchange:${opts.node}`),
        dataDir: opts.dataDir,
        ...(host.bus ? { operatorPublicKey: host.bus.operatorPublicKey } : {}),
      });
    } catch (e) {
      await host.stop('exchange hub failed to start');
      throw e;
    }
  }
  const leaseLog = createLogger(`lease:${opts.node}`);
  const shared = opts.analytics ? opts.analytics.shared : opts.clickhouseUrl !== undefined;
  const analyticsDir = opts.analyticsDir ?? join(opts.dataDir, 'analytics');
  let stopping = false;
  let serving: Serving | undefined;
  let ownership: Ownership | undefined;
  let presence: Presence | undefined;
  let role: WorkerRoleV1 = 'starting';
  let drainSub: Subscription | undefined;
  let app: FastifyInstance | undefined;
  const first = deferred<Serving | undefined>();
  const drained = deferred<void>();
  const httpUrl = deferred<string | undefined>();

  let standbyOf: string | undefined;
  const setRole = (r: WorkerRoleV1, holder?: LeaseV1) => {
    // a draining worker only leaves: a last poll of the lease loop must not announce it as a stand-by again
    if (role === 'draining') return;
    const changed = r !== role || (r === 'standby' && holder?.holder !== standbyOf);
    role = r;
    if (r === 'standby') standbyOf = holder?.holder;
    if (!changed) return;
    presence?.set(r, r === 'standby' && holder ? { owner: holder.holder } : {});
    opts.onRole?.(r, holder);
  };

  /** Start everything that uses the store; `open` opens it (fenced when leased). */
  const startServing = async (nc: NatsConnection, open: () => Promise<AnalyticsEngine>): Promise<Serving> => {
    const bus = host.bus!;
    let stats: CentralStats | undefined;
    let originals: CentralOriginals | undefined;
    let archive: CentralArchive | undefined;
    const i0 = await startCentralIngest({
      node: opts.node,
      nc,
      bus,
      dataDir: opts.dataDir,
      analyticsDir,
      openEngine: open,
      log,
      ...(opts.replicas ? { replicas: opts.replicas } : {}),
      ...(opts.registry ? { registry: opts.registry } : {}),
      ...(opts.anyCourt ? { anyCourt: true } : {}),
      // statistical cards follow every stored batch (Засади 16.1.3: the centre forms reports from the replicated facts)
      // and originals are folded from them (Засади 13.2), off the ingest path
      // and a court's new archival packages start their transfer (Засади 17.1)
      onStored: (courts: ReadonlySet<string>) => (stats?.folder.poke(courts), originals?.poke(courts), archive?.poke(courts)),
    });
    // Witness of courts' sealed checkpoints (issue 11 item 2), on the ingest worker's engine.
    const witness = new Witness({ nc, bus, engine: () => i0.worker.analytics, log: createLogger(`witness:${opts.node}`), operatorCa: operatorCaFiles(opts.dataDir) }).start();
    if (opts.stats) stats = startCentralStats({ nc, bus, engine: () => i0.worker.analytics, dataDir: opts.dataDir, ctx: opts.stats.ctx, reducer: opts.stats.reducer, log: createLogger(`stats:${opts.node}`) });
    originals = startCentralOriginals({ nc, bus, engine: () => i0.worker.analytics, dataDir: opts.dataDir, log: createLogger(`originals:${opts.node}`), ...(opts.originals ? { scans: opts.originals } : {}) });
    const ingest: CentralIngest = { ...i0, stop: async () => (await originals?.stop(), await stats?.stop(), await witness.stop(), await i0.stop()) };
    // a start that fails half-way leaves nothing running (the lease loop tries again; nothing may consume twice)
    let jobs: JobsPart = { pulls: undefined, stop: async () => undefined };
    try {
      if (opts.redisUrl) jobs = await startJobs(opts.redisUrl, nc, bus, () => i0.worker.analytics);
      archive = jobs.archive;
    } catch (e) {
      await ingest.stop().catch(() => undefined);
      throw e;
    }
    return {
      ingest,
      pulls: jobs.pulls,
      async stop() {
        // jobs first (they finish or are left to their lock), then ingest (its batch in flight finishes or is nak'ed)
        await jobs.stop();
        await ingest.stop();
      },
    };
  };

  /** Database pulls and other central jobs (issue 11 item 5), on the analytics engine of this term. */
  const startJobs = async (redisUrl: string, nc: NatsConnection, bus: BusIdentity, engine: () => AnalyticsEngine): Promise<JobsPart> => {
    const jobs = new CentralJobs({ redisUrl, node: opts.node, log: createLogger(`jobs:${opts.node}`), ...opts.pulls });
    const pulls = new CentralPulls({ node: opts.node, nc, bus, system: host.system, engine, jobs, dataDir: opts.dataDir, log: createLogger(`pulls:${opts.node}`), ...(opts.registry ? { registry: opts.registry } : {}), ...opts.pulls });
    // archival packages from the courts (Засади 17.1): fetched with the court-file fetcher, validated, receipted
    const signer = signerOf(bus);
    const chunk = opts.archive?.chunkBytes ? { chunkBytes: opts.archive.chunkBytes } : {};
    const archive = new CentralArchive({
      node: opts.node, nc, bus, system: host.system, engine, jobs, dataDir: opts.dataDir, log: createLogger(`archive:${opts.node}`),
      files: { stat: (o) => statCourtFile({ nc, signer, ...o }), fetch: (o) => fetchCourtFile({ nc, signer, ...chunk, ...o }) },
      validate: validatePackage,
      ...(opts.archive?.sweepEveryMs ? { sweepEveryMs: opts.archive.sweepEveryMs } : {}),
      ...(opts.archive?.onIngest === false ? { onIngest: false } : {}),
    });
    registerDetectorJob(jobs, engine, opts.node);
    registerSilenceJob(jobs, engine, opts.node);
    if (opts.stats) registerStatsJobs(jobs, engine, opts.stats.ctx, opts.node);
    const untrackQueues = addGaugeSource('asds_queue_jobs', async () => {
      const out: Array<{ labels: Record<string, string>; value: number }> = [];
      for (const q of Object.keys(QUEUES) as QueueName[]) {
        const counts = await jobs.queue(q).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        for (const [state, n] of Object.entries(counts)) out.push({ labels: { queue: q, state }, value: n });
      }
      return out;
    });
    const stop = async () => {
      untrackQueues();
      pulls.stop();
      archive.stop();
      await jobs.stop();
    };
    try {
      opts.registerJobs?.(jobs, engine);
      jobs.start();
      for (const s of [DETECTORS_SCHEDULE, SILENCE_SCHEDULE, ...(opts.stats ? STATS_SCHEDULES : []), ...(opts.schedules ?? [])]) await jobs.schedule(s);
      await pulls.start();
      await archive.start();
    } catch (e) {
      await stop().catch(() => undefined);
      throw e;
    }
    return { pulls, archive, stop };
  };

  const refuse = (): NotAnalyticsOwner | undefined => (serving ? undefined : new NotAnalyticsOwner(opts.node, ownership?.holder));

  const run = host.natsReady.then(async (nc) => {
    if (!nc || stopping || !host.bus) return;
    const ttlMs = opts.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    const store: StoreId | undefined = shared ? undefined : chdbStore(analyticsDir);
    const leaseKv = await openLeaseBucket(nc, opts.replicas ?? 1);
    // one store per ingest stream: a worker on another store would split the events (binding.ts)
    const bound = store ?? (opts.clickhouseUrl ? serverStore(opts.clickhouseUrl) : { key: opts.analytics?.store ?? 'shared', path: opts.analytics?.store ?? 'shared', host: '' });
    await bindIngestStore(leaseKv, bound, opts.node, opts.rebindAnalytics === true);
    const presenceKv = await openPresenceBucket(nc, opts.replicas ?? 1);
    presence = new Presence(presenceKv, opts.node, { engine: opts.clickhouseUrl ? 'clickhouse' : 'chdb', ...(store ? { store: store.key } : {}) }, opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, leaseLog).start();
    if (opts.httpPort !== undefined) {
      const started = await startCentralHttp(
        opts.node,
        log,
        () => {
          if (!serving) throw refuse();
          return serving.ingest.worker.analytics;
        },
        opts.httpPort,
        async () => (serving ? serving.ingest.worker.flushStatus() : Promise.reject(refuse())),
        opts.registry,
        undefined,
        [
          (a) => {
            // the operator console (read-only Bull Board) and pull requests need the operator's login (console/)
            const { guard, area } = registerConsole(a, { operatorPublicKey: host.bus!.operatorPublicKey, ...(opts.redisUrl ? { redisUrl: opts.redisUrl } : {}) });
            registerPullRoutes(a, () => serving?.pulls, guard);
            // the centre console's pages (issue 16): courts with lag and checkpoint, jobs, the cluster
            registerConsoleRoutes(a, area, {
              node: opts.node,
              role: () => role,
              shared,
              nats: () => nc,
              registry: () => registryNow(opts.registry),
              engine: () => {
                if (!serving) throw refuse();
                return serving.ingest.worker.analytics;
              },
              beforeLag: async () => (serving ? serving.ingest.worker.flushStatus() : Promise.reject(refuse())),
              ...(opts.redisUrl ? { redisUrl: opts.redisUrl } : {}),
            });
            registerOriginalsRoutes(a, () => {
              if (!serving) throw refuse();
              return serving.ingest.worker.analytics;
            });
            registerPinRoutes(a, { system: host.system, engine: () => {
              if (!serving) throw refuse();
              return serving.ingest.worker.analytics;
            }, guard });
            if (opts.stats) {
              const ctx = opts.stats.ctx;
              registerStatsRoutes(
                a,
                () => {
                  if (!serving) throw refuse();
                  return serving.ingest.worker.analytics;
                },
                ctx,
              );
            }
          },
        ],
        // every data route needs the console login of its area (console/access.ts)
        { console: { operatorPublicKey: host.bus!.operatorPublicKey }, refuse, health: () => ({ node: opts.node, role, ...(role === 'standby' && standbyOf ? { owner: standbyOf } : {}), ...(serving ? { engine: serving.ingest.worker.analytics.kind } : {}) }) },
      );
      app = started.app;
      presence.set(role, { http: started.url });
      httpUrl.resolve(started.url);
    } else httpUrl.resolve(undefined);
    drainSub = serveDrain(nc, host.bus, opts.node, leaseLog, async (reason, by) => {
      setRole('draining');
      leaseLog.info('drain', { reason, by });
      const released = await stopServing();
      await presence?.stop();
      drained.resolve();
      return released;
    });
    if (stopping) return;
    if (shared) {
      const open = opts.analytics?.open ?? (() => openEngine(opts.clickhouseUrl ? { clickhouseUrl: opts.clickhouseUrl } : { dataDir: analyticsDir }));
      serving = await startServing(nc, open);
      setRole('shared-server');
      first.resolve(serving);
      return;
    }
    const lease = new AnalyticsLease(leaseKv, nc, store!, opts.node, ttlMs);
    const open = async () => fencedEngine(await (opts.analytics?.open ?? (() => openEngine({ dataDir: analyticsDir })))(), () => lease.confirm(), store!.key);
    ownership = new Ownership({
      lease,
      nc,
      lockFolder: () => lockDataDir(analyticsDir),
      startTerm: async () => {
        serving = await startServing(nc, open);
        const s = serving;
        return {
          stop: async () => {
            serving = undefined;
            await s.stop();
          },
        };
      },
      log: leaseLog,
      onState: (state, holder) => {
        if (state === 'owner') {
          setRole('owner');
          first.resolve(serving);
        } else if (state === 'standby') setRole('standby', holder);
      },
    }).start();
  });
  run.catch((e) => {
    leaseLog.error('central-start-failed', { error: String(e) });
    first.reject(e);
  });

  /** Stop serving the store and hand it over; resolves with the released lease key (chdb owner). */
  let stoppedServing: Promise<string | undefined> | undefined;
  const stopServing = () =>
    (stoppedServing ??= (async () => {
      if (ownership) return ownership.stop();
      const s = serving;
      serving = undefined;
      await s?.stop();
      return undefined;
    })());

  const ingest = first.promise.then((s) => s?.ingest);
  const pulls = first.promise.then((s) => s?.pulls);
  return {
    ...host,
    ingest,
    pulls,
    httpUrl: httpUrl.promise,
    drained: drained.promise,
    role: () => role,
    exchange,
    async stop(reason) {
      stopping = true;
      host.cancelConnect();
      first.resolve(undefined);
      httpUrl.resolve(undefined);
      await run.catch(() => undefined);
      try {
        drainSub?.unsubscribe();
      } catch {
        // closed
      }
      await stopServing().catch((e) => leaseLog.warn('analytics-stop-failed', { error: String(e) }));
      await presence?.stop();
      await app?.close();
      await exchange?.stop();
      await host.stop(reason);
    },
  };
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
