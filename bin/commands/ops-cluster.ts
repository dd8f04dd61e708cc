/**
 * What `asds ops status` gathers, read-only, with an ops bus identity (runtime/bus/permissions.ts lists the
 * JetStream API requests it may make: account, stream and consumer info, reads of the two operations KV buckets):
 *
 *   const status = await clusterStatus(nc, { redisUrl, registry });   // → ClusterStatus (plain JSON)
 *
 * Each part is gathered on its own: a part that cannot be read (no JetStream, no Redis, no central worker
 * answering) is reported with its error and the rest is still shown.
 *
 * Servers: an ops identity is not in the server's system account ($SYS), so it cannot ask every server for its
 * state; it sees the server it is connected to (INFO), the other servers' client URLs the cluster announces, and
 * the JetStream peers of every stream (leader and replicas, current or lagging).
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager, type StreamInfo } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { Queue } from 'bullmq';
import { CENTRAL_LAG_SUBJECT, type ConnectedCourtV1 } from '../../contracts/ingest/index.ts';
import { withRegistry } from '../../analytics/court-registry.ts';
import type { CourtLag } from '../../analytics/lag.ts';
import { QUEUES } from '../../actors/central/jobs/queues.ts';
import { redisConnection } from '../../actors/central/jobs/connection.ts';

/** KV buckets of the central workers (contracts/ops: presence.ts, lease.ts). */
export const PRESENCE_BUCKET = 'asds_workers';
export const LEASE_BUCKET = 'asds_leases';
/** The key in the lease bucket that names the store the ingest stream feeds (contracts/ops/lease.ts), not a lease. */
export const INGEST_BINDING_KEY = 'ingest_binding';
/** Heartbeats missed before a presence entry counts as stale (contracts/ops/presence.ts). */
const STALE_BEATS = 3;

type Part<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ServerSeen {
  name: string;
  /** How it is known: the server this CLI is connected to, a cluster peer's announced URL, a JetStream peer. */
  seenAs: Array<'connected' | 'announced' | 'jetstream'>;
  version?: string;
  url?: string;
  /** As a JetStream peer: up to date with the leader, and how long since it was last heard from (ms). */
  current?: boolean;
  offline?: boolean;
  activeAgoMs?: number;
}

export interface ConsumerStatus {
  name: string;
  /** Messages in the stream not yet delivered to this consumer. */
  pending: number;
  /** Delivered and not yet acknowledged. */
  ackPending: number;
  redelivered: number;
  waiting: number;
  leader?: string;
}

export interface StreamStatus {
  name: string;
  subjects: string[];
  messages: number;
  bytes: number;
  replicas: number;
  leader?: string;
  /** Leader and replicas; `offline`: the server holding the replica cannot be reached by the leader. */
  peers: Array<{ name: string; current: boolean; offline?: boolean; lag?: number; activeAgoMs: number }>;
  consumers: ConsumerStatus[];
}

export interface KvEntry {
  key: string;
  /** The entry as stored (JSON per contracts/ops), or null if it is not JSON. */
  value: Record<string, unknown> | null;
  revision: number;
  /** When the KV stored it (the server's clock). */
  storedAt: number;
}

export interface WorkerStatus {
  node: string;
  role: string;
  pid?: number;
  host?: string;
  engine?: string;
  http?: string;
  heartbeatAgoMs?: number;
  stale: boolean;
}

export interface LeaseStatus {
  key: string;
  holder: string;
  state: string;
  path?: string;
  /** Fencing token: the KV revision of the holder's last write. */
  token: number;
  renewedAgoMs?: number;
  expired: boolean;
}

/** Which analytics store the ingest stream is bound to (the first worker's; rebinding is an operator's act). */
export interface IngestBinding {
  store: string;
  path?: string;
  host?: string;
  by?: string;
  since?: number;
}

export interface QueueStatus {
  name: string;
  counts: Record<string, number>;
}

export interface ClusterStatus {
  at: number;
  identity: string;
  connected: { name: string; id: string; version: string; cluster?: string; jetstream: boolean; url: string };
  servers: ServerSeen[];
  /** Always false for an ops identity: the system account's per-server reports are not available to it. */
  systemAccount: false;
  streams: Part<StreamStatus[]>;
  workers: Part<WorkerStatus[]>;
  leases: Part<LeaseStatus[]>;
  /** null: no worker has bound the ingest stream to a store yet (or the workers predate the binding). */
  binding: Part<IngestBinding | null>;
  queues: Part<QueueStatus[]> | { ok: false; error: string; notAsked: true };
  lags: Part<CourtLag[]>;
}

async function part<T>(fn: () => Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

const ns = (n: number | undefined) => Math.round((n ?? 0) / 1e6);

async function streams(jsm: JetStreamManager): Promise<StreamStatus[]> {
  const out: StreamStatus[] = [];
  for await (const si of jsm.streams.list()) out.push(await streamStatus(jsm, si));
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

async function streamStatus(jsm: JetStreamManager, si: StreamInfo): Promise<StreamStatus> {
  const consumers: ConsumerStatus[] = [];
  for await (const ci of jsm.consumers.list(si.config.name)) {
    consumers.push({ name: ci.name, pending: ci.num_pending, ackPending: ci.num_ack_pending, redelivered: ci.num_redelivered, waiting: ci.num_waiting, ...(ci.cluster?.leader ? { leader: ci.cluster.leader } : {}) });
  }
  const peers = [
    ...(si.cluster?.leader ? [{ name: si.cluster.leader, current: true, activeAgoMs: 0 }] : []),
    ...(si.cluster?.replicas ?? []).map((r) => ({ name: r.name, current: r.current && !r.offline, ...(r.offline ? { offline: true } : {}), ...(r.lag !== undefined ? { lag: r.lag } : {}), activeAgoMs: ns(r.active) })),
  ];
  return {
    name: si.config.name,
    subjects: si.config.subjects ?? [],
    messages: si.state.messages,
    bytes: si.state.bytes,
    replicas: si.config.num_replicas,
    ...(si.cluster?.leader ? { leader: si.cluster.leader } : {}),
    peers,
    consumers: consumers.sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Every live key of a KV bucket, read without creating a consumer (stream info lists the subjects). */
export async function readBucket(nc: NatsConnection, jsm: JetStreamManager, bucket: string): Promise<KvEntry[]> {
  const prefix = `$KV.${bucket}.`;
  let info: StreamInfo;
  try {
    info = await jsm.streams.info(`KV_${bucket}`, { subjects_filter: `${prefix}>` });
  } catch (e) {
    // no worker has created the bucket yet: nobody present, no lease
    if (/stream not found/i.test(String(e))) return [];
    throw e;
  }
  const kv = await new Kvm(nc).open(bucket);
  const out: KvEntry[] = [];
  for (const subject of Object.keys(info.state.subjects ?? {})) {
    if (!subject.startsWith(prefix)) continue;
    const e = await kv.get(subject.slice(prefix.length));
    if (!e || e.operation !== 'PUT') continue;
    let value: Record<string, unknown> | null = null;
    try {
      const v = e.json<unknown>();
      if (v && typeof v === 'object' && !Array.isArray(v)) value = v as Record<string, unknown>;
    } catch {
      // not JSON: shown as unreadable
    }
    out.push({ key: e.key, value, revision: e.revision, storedAt: e.created.getTime() });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Presence entries (contracts/ops/presence.ts), read tolerantly: an unknown field is ignored, a missing one left out. */
export function workerOf(e: KvEntry, now: number): WorkerStatus {
  const v = e.value ?? {};
  const beat = num(v.heartbeat) ?? e.storedAt;
  const every = num(v.heartbeatMs);
  const agoMs = Math.max(0, now - beat);
  return {
    node: str(v.node) ?? e.key,
    role: str(v.role) ?? 'невідомо',
    ...(num(v.pid) !== undefined ? { pid: num(v.pid)! } : {}),
    ...(str(v.host) ? { host: str(v.host)! } : {}),
    ...(str(v.engine) ? { engine: str(v.engine)! } : {}),
    ...(str(v.http) ? { http: str(v.http)! } : {}),
    heartbeatAgoMs: agoMs,
    stale: every !== undefined ? agoMs > STALE_BEATS * every : false,
  };
}

/** Lease entries (contracts/ops/lease.ts), read tolerantly. Expired by this machine's clock (a hint, as the contract says). */
export function leaseOf(e: KvEntry, now: number): LeaseStatus {
  const v = e.value ?? {};
  const renewed = num(v.renewed) ?? e.storedAt;
  const expiresAt = num(v.expiresAt) ?? (num(v.ttlMs) !== undefined ? renewed + num(v.ttlMs)! : undefined);
  return {
    key: e.key,
    holder: str(v.holder) ?? 'невідомо',
    state: str(v.state) ?? 'невідомо',
    ...(str(v.path) ? { path: str(v.path)! } : {}),
    token: e.revision,
    renewedAgoMs: Math.max(0, now - renewed),
    expired: expiresAt !== undefined && expiresAt < now,
  };
}

function bindingOf(e: KvEntry | undefined): IngestBinding | null {
  const v = e?.value;
  if (!v || !str(v.store)) return null;
  return { store: str(v.store)!, ...(str(v.path) ? { path: str(v.path)! } : {}), ...(str(v.host) ? { host: str(v.host)! } : {}), ...(str(v.by) ? { by: str(v.by)! } : {}), ...(num(v.since) !== undefined ? { since: num(v.since)! } : {}) };
}

/** host:port of a Redis URL, never its password (what an error may name). */
const redisWhere = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 6379}`;
  } catch {
    return '(bad URL)';
  }
};

async function queues(redisUrl: string): Promise<QueueStatus[]> {
  const connection = redisConnection(redisUrl);
  // a status command fails fast instead of waiting for Redis to come back
  connection.options.retryStrategy = () => null;
  connection.options.maxRetriesPerRequest = 1;
  try {
    const out: QueueStatus[] = [];
    for (const name of Object.keys(QUEUES)) {
      const q = new Queue(name, { connection, prefix: 'asds' });
      out.push({ name, counts: await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed') });
      await q.close();
    }
    return out;
  } finally {
    connection.disconnect();
  }
}

async function lags(nc: NatsConnection, registry: readonly ConnectedCourtV1[], timeoutMs: number): Promise<CourtLag[]> {
  const m = await nc.request(CENTRAL_LAG_SUBJECT, '{}', { timeout: timeoutMs }).catch((e: Error) => {
    if (/no responders|503/i.test(e.message)) throw new Error(`жоден центральний вузол не відповідає (${CENTRAL_LAG_SUBJECT})`);
    if (/timeout/i.test(e.message)) throw new Error(`центральний вузол не відповів за ${timeoutMs / 1000} с`);
    throw e;
  });
  const r = JSON.parse(new TextDecoder().decode(m.data)) as { ok: boolean; result?: CourtLag[]; error?: string };
  if (!r.ok) throw new Error(r.error ?? 'central worker failed');
  return withRegistry(r.result ?? [], registry);
}

function serversSeen(nc: NatsConnection, s: Part<StreamStatus[]>): ServerSeen[] {
  const info = nc.info!;
  const byName = new Map<string, ServerSeen>();
  byName.set(info.server_name, { name: info.server_name, seenAs: ['connected'], version: info.version, url: nc.getServer() });
  for (const url of info.connect_urls ?? []) {
    byName.set(`url:${url}`, { name: url, seenAs: ['announced'], url });
  }
  for (const st of s.ok ? s.value : []) {
    for (const p of st.peers) {
      const known = byName.get(p.name) ?? { name: p.name, seenAs: [] };
      if (!known.seenAs.includes('jetstream')) known.seenAs.push('jetstream');
      known.current = (known.current ?? true) && p.current;
      if (p.offline) known.offline = true;
      known.activeAgoMs = Math.max(known.activeAgoMs ?? 0, p.activeAgoMs);
      byName.set(p.name, known);
    }
  }
  return [...byName.values()];
}

export interface StatusOptions {
  identity: string;
  /** Redis of the central job queues; without it the queues are not asked. */
  redisUrl?: string;
  registry?: readonly ConnectedCourtV1[];
  /** How long to wait for a central worker's answer to the lag query (default 10 s). */
  timeoutMs?: number;
  now?: () => number;
}

export async function clusterStatus(nc: NatsConnection, o: StatusOptions): Promise<ClusterStatus> {
  const now = o.now?.() ?? Date.now();
  const info = nc.info!;
  // During a JetStream leader election the manager's first API call can time out: that is a finding to report
  // in every JetStream part (streams, workers, leases), not a reason for the whole status to fail — an operator
  // runs this exactly when the cluster is in trouble.
  let jsError = 'JetStream is not enabled on the connected server';
  const jsm = info.jetstream
    ? await jetstreamManager(nc, { timeout: o.timeoutMs ?? 10_000 }).catch((e: Error) => {
        jsError = `JetStream did not answer: ${e.message}`;
        return undefined;
      })
    : undefined;
  const noJs = async (): Promise<never> => {
    throw new Error(jsError);
  };
  const st = await part(() => (jsm ? streams(jsm) : noJs()));
  const [workers, leaseEntries, q, lag] = await Promise.all([
    part(async () => (jsm ? (await readBucket(nc, jsm, PRESENCE_BUCKET)).map((e) => workerOf(e, now)) : noJs())),
    part(async () => (jsm ? readBucket(nc, jsm, LEASE_BUCKET) : noJs())),
    o.redisUrl ? part(() => queues(o.redisUrl!).catch((e: Error) => Promise.reject(new Error(`Redis ${redisWhere(o.redisUrl!)}: ${e.message}`)))) : Promise.resolve({ ok: false as const, error: 'no --redis given', notAsked: true as const }),
    part(() => lags(nc, o.registry ?? [], o.timeoutMs ?? 10_000)),
  ]);
  return {
    at: now,
    identity: o.identity,
    connected: { name: info.server_name, id: info.server_id, version: info.version, ...(info.cluster ? { cluster: info.cluster } : {}), jetstream: !!info.jetstream, url: nc.getServer() },
    servers: serversSeen(nc, st),
    systemAccount: false,
    streams: st,
    workers,
    leases: leaseEntries.ok ? { ok: true, value: leaseEntries.value.filter((e) => e.key !== INGEST_BINDING_KEY).map((e) => leaseOf(e, now)) } : leaseEntries,
    binding: leaseEntries.ok ? { ok: true, value: bindingOf(leaseEntries.value.find((e) => e.key === INGEST_BINDING_KEY)) } : leaseEntries,
    queues: q,
    lags: lag,
  };
}
