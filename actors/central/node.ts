/**
 * A central worker: any number of them, any of which can be killed
 * (architecture.md "Topology"). Aggregator actors join its behaviors list as
 * they are built (ingest, reports, archive transfer, security pulls).
 *
 * Ingest (issue 6) runs beside the actor system: the JetStream consumer, the
 * analytics engine (chdb under `<dataDir>/analytics`, or a ClickHouse server
 * with `clickhouseUrl`) and the HTTP API when `httpPort` is given. With chdb,
 * one worker per data dir (chdb locks it); scale out with a ClickHouse server.
 */
import { startHost, type Host } from '../../runtime/host.ts';
import type { BusIdentity } from '../../runtime/bus/identity.ts';
import { createLogger, type Behavior } from '../../runtime/index.ts';
import { startCentralIngest, type CentralIngest } from './ingest/index.ts';
import { Witness } from './witness/index.ts';
import type { ConnectedCourtV1 } from '../../contracts/ingest/index.ts';
import type { AnalyticsEngine } from '../../analytics/engine.ts';
import { CentralJobs, QUEUES, type QueueName, type Schedule, type WorkerTiming } from './jobs/index.ts';
import { addGaugeSource } from '../../runtime/metrics/index.ts';
import { CentralPulls, registerPullRoutes } from './pulls/index.ts';
import { pullRegisterBehavior } from './pulls/register.ts';
import { DETECTORS_SCHEDULE, registerDetectorJob } from './detectors/index.ts';
import { registerSilenceJob, SILENCE_SCHEDULE } from './witness/silence.ts';
import { registerConsole } from './console/index.ts';

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
  /** Port of the central HTTP API (lag monitor, reports); none when absent. */
  httpPort?: number;
  /** JetStream replicas of the ingest stream: 3 in a production cluster, 1 embedded (default). */
  replicas?: number;
  /** Registry of connected courts (`--courts`, analytics/court-registry.ts) for the lag monitor. */
  registry?: readonly ConnectedCourtV1[] | (() => readonly ConnectedCourtV1[]);
  /** Database pulls (with redisUrl): retention of verified copies, chunk size, job lock timing. */
  pulls?: { retentionDays?: number; chunkBytes?: number; patienceMs?: number } & WorkerTiming;
  /** More job processors on this worker's queues (e.g. the detectors run), registered before the workers start. */
  registerJobs?: (jobs: CentralJobs, engine: () => AnalyticsEngine) => void;
  /** Their schedules (e.g. the detectors daily), upserted once the workers run (idempotent per id). */
  schedules?: Schedule[];
  /** Ingest events of any court with a valid passport, even without a registry (development and tests only). */
  anyCourt?: boolean;
}

export interface CentralNode extends Host {
  /** Resolves once ingest runs (after NATS connected); undefined if stopped before. */
  ingest: Promise<CentralIngest | undefined>;
  /** Resolves once the job queues run (with redisUrl); undefined without Redis. */
  pulls: Promise<CentralPulls | undefined>;
}

/** The central aggregator actors of this worker's own journal. */
export function centralBehaviors(): Behavior[] {
  return [pullRegisterBehavior];
}

export async function startCentralNode(opts: CentralNodeOptions): Promise<CentralNode> {
  const host = await startHost({ node: opts.node, role: 'central', dataDir: opts.dataDir, natsUrl: opts.natsUrl, bus: opts.bus, behaviors: centralBehaviors() });
  const log = createLogger(`ingest:${opts.node}`);
  let stopping = false;
  let pullsNow: CentralPulls | undefined;
  let untrackQueues = () => undefined as unknown;
  const jobs = opts.redisUrl ? new CentralJobs({ redisUrl: opts.redisUrl, node: opts.node, log: createLogger(`jobs:${opts.node}`), ...opts.pulls }) : undefined;
  const ingest = host.natsReady.then(async (nc) => {
    if (!nc || stopping || !host.bus) return undefined;
    const i = await startCentralIngest({
      node: opts.node,
      nc,
      bus: host.bus,
      dataDir: opts.dataDir,
      log,
      ...(opts.clickhouseUrl ? { clickhouseUrl: opts.clickhouseUrl } : {}),
      ...(opts.httpPort !== undefined ? { httpPort: opts.httpPort } : {}),
      ...(opts.replicas ? { replicas: opts.replicas } : {}),
      ...(opts.registry ? { registry: opts.registry } : {}),
      httpRoutes: [
        (app) => {
          // the operator console: login, read-only queue board; POST /pulls behind the same login
          const { guard } = registerConsole(app, { operatorPublicKey: host.bus!.operatorPublicKey, ...(opts.redisUrl ? { redisUrl: opts.redisUrl } : {}) });
          registerPullRoutes(app, () => pullsNow, guard);
        },
      ],
      ...(opts.anyCourt ? { anyCourt: true } : {}),
    });
    // Witness of courts' sealed checkpoints (issue 11 item 2), on the ingest worker's engine.
    const witness = new Witness({ nc, bus: host.bus, engine: () => i.worker.analytics, log: createLogger(`witness:${opts.node}`) }).start();
    return { ...i, stop: async () => (await witness.stop(), await i.stop()) };
  });
  // Database pulls and other central jobs (issue 11 item 5): once the analytics engine runs
  const pulls = ingest.then(async (i) => {
    const nc = await host.natsReady;
    if (!i || !jobs || !nc || !host.bus || stopping) return undefined;
    const engine = () => i.worker.analytics;
    const p = new CentralPulls({ node: opts.node, nc, bus: host.bus, system: host.system, engine, jobs, dataDir: opts.dataDir, log: createLogger(`pulls:${opts.node}`), ...(opts.registry ? { registry: opts.registry } : {}), ...opts.pulls });
    registerDetectorJob(jobs, engine, opts.node);
    registerSilenceJob(jobs, engine, opts.node);
    untrackQueues = addGaugeSource('asds_queue_jobs', async () => {
      const out: Array<{ labels: Record<string, string>; value: number }> = [];
      for (const q of Object.keys(QUEUES) as QueueName[]) {
        const counts = await jobs.queue(q).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        for (const [state, n] of Object.entries(counts)) out.push({ labels: { queue: q, state }, value: n });
      }
      return out;
    });
    opts.registerJobs?.(jobs, engine);
    jobs.start();
    for (const s of [DETECTORS_SCHEDULE, SILENCE_SCHEDULE, ...(opts.schedules ?? [])]) await jobs.schedule(s);
    pullsNow = await p.start();
    return p;
  });
  return {
    ...host,
    ingest,
    pulls,
    async stop(reason) {
      stopping = true;
      untrackQueues();
      host.cancelConnect();
      const p = await pulls.catch(() => undefined);
      p?.stop();
      await jobs?.stop();
      const i = await ingest.catch(() => undefined);
      await i?.stop();
      await host.stop(reason);
    },
  };
}
