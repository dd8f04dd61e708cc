/**
 * A central worker: any number of them, any of which can be killed
 * (architecture.md "Topology"). Aggregator actors join its behaviors list as
 * they are built (ingest, reports, archive transfer, security pulls).
 */
import { startHost, type Host } from '../../runtime/host.ts';
import type { Behavior } from '../../runtime/index.ts';

export interface CentralNodeOptions {
  /** Worker name on the bus, e.g. `central-1`. */
  node: string;
  dataDir: string;
  natsUrl: string;
  /** Redis for BullMQ job queues (long central work). */
  redisUrl?: string;
}

export function centralBehaviors(): Behavior[] {
  return [];
}

export function startCentralNode(opts: CentralNodeOptions): Promise<Host> {
  return startHost({ node: opts.node, role: 'central', dataDir: opts.dataDir, natsUrl: opts.natsUrl, behaviors: centralBehaviors() });
}
