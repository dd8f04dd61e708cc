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
import type { ConnectedCourtV1 } from '../../contracts/ingest/index.ts';

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
  /** Ingest events of any court with a valid passport, even without a registry (development and tests only). */
  anyCourt?: boolean;
}

export interface CentralNode extends Host {
  /** Resolves once ingest runs (after NATS connected); undefined if stopped before. */
  ingest: Promise<CentralIngest | undefined>;
}

export function centralBehaviors(): Behavior[] {
  return [];
}

export async function startCentralNode(opts: CentralNodeOptions): Promise<CentralNode> {
  const host = await startHost({ node: opts.node, role: 'central', dataDir: opts.dataDir, natsUrl: opts.natsUrl, bus: opts.bus, behaviors: centralBehaviors() });
  const log = createLogger(`ingest:${opts.node}`);
  let stopping = false;
  const ingest = host.natsReady.then(async (nc) => {
    if (!nc || stopping || !host.bus) return undefined;
    return startCentralIngest({
      node: opts.node,
      nc,
      bus: host.bus,
      dataDir: opts.dataDir,
      log,
      ...(opts.clickhouseUrl ? { clickhouseUrl: opts.clickhouseUrl } : {}),
      ...(opts.httpPort !== undefined ? { httpPort: opts.httpPort } : {}),
      ...(opts.replicas ? { replicas: opts.replicas } : {}),
      ...(opts.registry ? { registry: opts.registry } : {}),
      ...(opts.anyCourt ? { anyCourt: true } : {}),
    });
  });
  return {
    ...host,
    ingest,
    async stop(reason) {
      stopping = true;
      const i = await ingest.catch(() => undefined);
      await i?.stop();
      await host.stop(reason);
    },
  };
}
