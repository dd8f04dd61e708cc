/**
 * The operators' view of the central cluster (issue 16): the workers present (actors/central/lease presence), who
 * owns the embedded analytics store (the lease), this worker's NATS link, and the courts connected or revoked in the
 * registry. Read from the buckets every worker already writes — it answers on a stand-by too (no store needed).
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { ConnectedCourtV1 } from '../../../contracts/ingest/index.ts';
import type { ClusterReplyV1 } from '../../../contracts/central/console.ts';
import { readLeases, readWorkers } from '../lease/read.ts';

export interface ClusterSource {
  node: string;
  role: () => string;
  /** A ClickHouse server shared by every worker (no lease). */
  shared: boolean;
  nats: () => NatsConnection | undefined;
  registry: () => readonly ConnectedCourtV1[];
}

export async function clusterView(s: ClusterSource, now = Date.now()): Promise<ClusterReplyV1> {
  const nc = s.nats();
  const live = nc && !nc.isClosed();
  const [workers, leases] = live ? await Promise.all([readWorkers(nc, now), readLeases(nc, now)]) : [[], []];
  const held = leases.filter((l) => !l.expired && l.lease.state === 'owner');
  return {
    node: s.node,
    role: s.role(),
    workers: workers.map(({ worker: w, ageMs, stale }) => ({
      node: w.node,
      role: w.role,
      host: w.host,
      pid: w.pid,
      started: w.started,
      heartbeat: w.heartbeat,
      ageMs: Math.round(ageMs),
      stale,
      engine: w.engine,
      http: w.http ?? null,
      owner: w.owner ?? null,
    })),
    analytics: {
      shared: s.shared,
      owner: s.shared ? null : (held[0]?.lease.holder ?? null),
      leases: leases.map((l) => ({ store: l.lease.store, path: l.lease.path, holder: l.lease.holder, state: l.lease.state, expiresAt: l.lease.expiresAt, expired: l.expired, token: l.token })),
    },
    nats: { connected: Boolean(live), server: live ? nc.getServer() : null },
    courts: s.registry().map((c) => ({ code: c.code, name: c.name, since: c.since ?? null, revoked: c.revoked ? { at: c.revoked.at, by: c.revoked.by } : null })),
  };
}
