/**
 * The court → centre JetStream stream and its durable consumer, as code
 * (issue 6 item 5). Created (or updated) by every central worker at start.
 *
 * - subjects `asds.ingest.>`: one subject per court, so per-court order is
 *   the stream order and a court's backlog is visible by subject.
 * - retention WorkQueue: a message is removed once a worker acked it, and a
 *   worker acks only after the ClickHouse insert returned. JetStream is the
 *   transport, not a copy (architecture.md "Durability"): the court keeps
 *   everything above the centre's mark, so the stream holds only the backlog.
 * - discard New + max_bytes: a full stream refuses publishes instead of
 *   dropping old ones; courts back off and resend later from the mark —
 *   nothing is lost, only delayed.
 * - duplicate_window 2 min: the replicator's quick retries after a lost PubAck
 *   are dropped by JetStream; later resends (after an outage) are absorbed by
 *   ReplacingMergeTree — dedup here is an optimisation, not the guarantee.
 * - replicas 3 in production (a 3-node cluster survives one node), 1 embedded
 *   (a single nats-server); file storage; deploy/nats sets sync_interval: always.
 *
 * Consumer: one durable pull consumer shared by every worker (same durable
 * name → the server splits the messages), explicit acks, unlimited
 * redeliveries (an event is never given up), ack_wait covering a batch.
 */
import { AckPolicy, DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig, type ConsumerConfig } from '@nats-io/jetstream';
import { INGEST_DURABLE, INGEST_STREAM, INGEST_WILDCARD } from '../../../contracts/ingest/index.ts';

const NS = 1_000_000;

export interface IngestStreamOptions {
  /** 3 for a production cluster, 1 for a single embedded nats-server. */
  replicas: number;
  /** Bytes the backlog may take (-1 = unlimited). Default 50 GiB. */
  maxBytes?: number;
}

export function ingestStreamConfig(opts: IngestStreamOptions): StreamConfig {
  return {
    name: INGEST_STREAM,
    subjects: [INGEST_WILDCARD],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.New,
    num_replicas: opts.replicas,
    max_bytes: opts.maxBytes ?? 50 * 1024 ** 3,
    duplicate_window: 2 * 60_000 * NS,
  } as StreamConfig;
}

export function ingestConsumerConfig(ackWaitMs = 60_000, maxAckPending = 50_000): Partial<ConsumerConfig> {
  return {
    durable_name: INGEST_DURABLE,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: ackWaitMs * NS,
    max_deliver: -1,
    max_ack_pending: maxAckPending,
    filter_subject: INGEST_WILDCARD,
  };
}

/** Create the stream and the consumer, or bring an existing one to this config. */
export async function ensureIngestStream(jsm: JetStreamManager, opts: IngestStreamOptions & { ackWaitMs?: number }): Promise<void> {
  const cfg = ingestStreamConfig(opts);
  try {
    await jsm.streams.info(INGEST_STREAM);
    const { name: _n, retention: _r, storage: _s, ...update } = cfg;
    await jsm.streams.update(INGEST_STREAM, update);
  } catch (e) {
    if (!/not found/i.test(String(e))) throw e;
    await jsm.streams.add(cfg).catch(async (err) => {
      // another worker created it meanwhile
      if (!/already in use|exists/i.test(String(err))) throw err;
    });
  }
  const consumer = ingestConsumerConfig(opts.ackWaitMs);
  try {
    await jsm.consumers.add(INGEST_STREAM, consumer);
  } catch {
    const { durable_name: _d, deliver_policy: _p, filter_subject: _f, ...update } = consumer;
    await jsm.consumers.update(INGEST_STREAM, INGEST_DURABLE, update);
  }
}
