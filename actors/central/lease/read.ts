/**
 * What an operator's tools read and send (`asds ops status`, `asds ops drain`): leases, workers present, and the
 * signed drain request. Reads use only stream info and message get on the two buckets (an ops identity may do
 * nothing else there: runtime/bus/permissions.ts); a bucket not yet created reads as empty.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import {
  DrainReplyV1,
  INGEST_BINDING_KEY,
  IngestBindingV1,
  LEASE_BUCKET,
  LeaseV1,
  PRESENCE_BUCKET,
  PRESENCE_STALE_BEATS,
  WorkerPresenceV1,
  drainSubject,
  type DrainRequestV1,
  type LeaseEntryV1,
  type WorkerEntryV1,
} from '../../../contracts/ops/index.ts';
import { schemaErrors } from '../../../runtime/validate.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { signedHeaders, signerOf } from '../../../runtime/bus/nats-sign.ts';

const dec = new TextDecoder();
const enc = new TextEncoder();

interface Raw {
  key: string;
  seq: number;
  value: unknown;
}

/** The current value of every live key of `bucket` (deleted keys skipped, unreadable values skipped). */
async function readBucket(nc: NatsConnection, bucket: string): Promise<Raw[]> {
  const jsm: JetStreamManager = await jetstreamManager(nc, { checkAPI: false });
  const stream = `KV_${bucket}`;
  const prefix = `$KV.${bucket}.`;
  let subjects: Record<string, number>;
  try {
    const info = await jsm.streams.info(stream, { subjects_filter: `${prefix}>` });
    subjects = info.state.subjects ?? {};
  } catch (e) {
    if (/stream not found/i.test(String(e))) return [];
    throw e;
  }
  const out: Raw[] = [];
  for (const subject of Object.keys(subjects).sort()) {
    const m = await jsm.streams.getMessage(stream, { last_by_subj: subject }).catch(() => null);
    if (!m) continue;
    const op = m.header?.get('KV-Operation');
    if (op === 'DEL' || op === 'PURGE' || m.data.length === 0) continue;
    try {
      out.push({ key: subject.slice(prefix.length), seq: m.seq, value: JSON.parse(dec.decode(m.data)) });
    } catch {
      // not ours to judge here: a value that is not JSON is skipped
    }
  }
  return out;
}

/** Every analytics lease: holder, fencing token, and whether it looks expired by this machine's clock. */
export async function readLeases(nc: NatsConnection, now = Date.now()): Promise<LeaseEntryV1[]> {
  return (await readBucket(nc, LEASE_BUCKET))
    .filter((r) => schemaErrors(LeaseV1, r.value).length === 0)
    .map((r) => {
      const lease = r.value as LeaseV1;
      return { key: r.key, lease, token: r.seq, expired: now > lease.expiresAt };
    });
}

/** The analytics store the ingest stream feeds (binding.ts), or undefined before any worker bound it. */
export async function readIngestBinding(nc: NatsConnection): Promise<IngestBindingV1 | undefined> {
  const r = (await readBucket(nc, LEASE_BUCKET)).find((x) => x.key === INGEST_BINDING_KEY);
  return r && schemaErrors(IngestBindingV1, r.value).length === 0 ? (r.value as IngestBindingV1) : undefined;
}

/** Every central worker that announced itself; `stale` when its heartbeat stopped (it died without stopping). */
export async function readWorkers(nc: NatsConnection, now = Date.now()): Promise<WorkerEntryV1[]> {
  return (await readBucket(nc, PRESENCE_BUCKET))
    .filter((r) => schemaErrors(WorkerPresenceV1, r.value).length === 0)
    .map((r) => {
      const worker = r.value as WorkerPresenceV1;
      const ageMs = Math.max(0, now - worker.heartbeat);
      return { worker, ageMs, stale: ageMs > PRESENCE_STALE_BEATS * worker.heartbeatMs };
    });
}

/**
 * Ask central worker `node` to drain (signed with an ops identity). Resolves with its reply once it has handed over
 * (then it exits); rejects when no such worker answers within `timeoutMs` (default 60 s: in-flight jobs finish first).
 */
export async function requestDrain(nc: NatsConnection, identity: BusIdentity, node: string, opts: { reason?: string; timeoutMs?: number } = {}): Promise<DrainReplyV1> {
  const subject = drainSubject(node);
  const req: DrainRequestV1 = { v: 1, ...(opts.reason ? { reason: opts.reason } : {}) };
  const body = enc.encode(JSON.stringify(req));
  const r = await nc.request(subject, body, { timeout: opts.timeoutMs ?? 60_000, headers: signedHeaders(signerOf(identity), subject, body) });
  const reply = JSON.parse(dec.decode(r.data)) as DrainReplyV1;
  const errors = schemaErrors(DrainReplyV1, reply);
  if (errors.length > 0) throw new Error(`${node}: drain reply is not a DrainReplyV1: ${errors[0]!.path} ${errors[0]!.message}`);
  return reply;
}
