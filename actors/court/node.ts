/**
 * A court node: one process per court, its records in its own journal, NATS
 * to the centre when the network is there (architecture.md "Topology").
 */
import { startHost, type Host } from '../../runtime/host.ts';
import type { Behavior } from '../../runtime/index.ts';

export interface CourtNodeOptions {
  /** The court's numeric code, e.g. `537` (first part of every ЄУН). */
  court: string;
  dataDir: string;
  natsUrl?: string;
}

/** Node name of a court on the bus: `court-<code>`. */
export function courtNodeName(court: string): string {
  return `court-${court}`;
}

/** The court's actor kinds. Registration, distribution etc. join this list as they are built. */
export function courtBehaviors(): Behavior[] {
  return [];
}

export function startCourtNode(opts: CourtNodeOptions): Promise<Host> {
  if (!/^[0-9]{1,4}$/.test(opts.court)) throw new Error(`court code must be 1–4 digits, got "${opts.court}"`);
  return startHost({
    node: courtNodeName(opts.court),
    role: 'court',
    dataDir: opts.dataDir,
    behaviors: courtBehaviors(),
    ...(opts.natsUrl ? { natsUrl: opts.natsUrl } : {}),
  });
}
