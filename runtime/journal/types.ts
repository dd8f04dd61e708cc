/**
 * The journal's public shapes: options, write requests and results, and the
 * rows it reads back (events, reminders, dead letters). The behaviour lives in
 * journal.ts.
 */
import type { ChainedFields, PublicViewFn } from './hash.ts';

export interface JournalOptions {
  /** Most requests in one transaction. Default 2000. */
  maxBatch?: number;
  /** Wait for a locked database this long, ms. Default 5000. */
  busyTimeoutMs?: number;
  /** Open read-only (verification, inspection). Default false. */
  readonly?: boolean;
  /** Checkpoint the WAL into the main file after about this many bytes were written. Default 16 MB. */
  checkpointBytes?: number;
  /**
   * Keep the WAL under about this size: past it the next checkpoint is a TRUNCATE, which pauses writers while it
   * copies the WAL and empties it (PASSIVE ones never finish a full pass while commits keep arriving, and the WAL
   * would grow without bound). Default 256 MiB (a smaller one pauses writers more often: on a slow disk 64 MiB cost
   * a third of the sustained write rate); env ASDS_WAL_LIMIT_BYTES.
   */
  walLimitBytes?: number;
  /**
   * What of each event may leave the node (chain format 2, hash.ts): the node's redaction policy, given by its
   * opener (a court passes contracts/ingest/redaction.ts). Absent = nothing is public (fail-closed).
   */
  publicView?: PublicViewFn;
}

/** Timings a node's metrics take from its journal (runtime/metrics): set by the actor system. */
export interface JournalObserver {
  /** One group commit (SQLite transaction), ms. */
  commit(ms: number): void;
  /** The fdatasync that made a group durable, ms. */
  fsync(ms: number): void;
  /** A checkpoint finished (`truncate`: the WAL was emptied). */
  checkpoint?(mode: 'passive' | 'truncate', ok: boolean): void;
}

export type ReminderOp =
  | { op: 'upsert'; name: string; dueAt: number; everyMs?: number; message: string }
  | { op: 'delete'; name: string }
  /** A firing was handled: move to `nextDue`, or delete when null (one-shot). */
  | { op: 'fired'; name: string; firedAt: number; nextDue: number | null };

export interface PersistRequest {
  /** `kind/id` */
  actor: string;
  /** The actor's sequence number the events were decided on (optimistic concurrency). */
  expectedSeq: number;
  /**
   * Events in order. Each carries the JSON of its command's meta (author…) and
   * the command id, so that one request can hold the decisions of several
   * consecutive commands of the actor (batched decisions).
   */
  events: Array<{ type: string; data: string; meta: string; commandId?: string }>;
  ts: number;
  /** First replies of commands with ids that produced events, remembered for idempotent repeats. */
  commands?: Array<{ commandId: string; reply: string }>;
  snapshot?: { aseq: number; state: string };
  reminders?: ReminderOp[];
}

export interface PersistResult {
  /** The actor's sequence number after this request. */
  seq: number;
  /** Global sequence of the first event written (0 when none). */
  firstGseq: number;
  lastGseq: number;
}

/** A journal row: the chained fields plus the command id and the chain links. */
export interface StoredEvent extends ChainedFields {
  command_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface ReminderRow {
  actor: string;
  name: string;
  due_at: number;
  every_ms: number | null;
  message: string;
  last_fired: number | null;
}

export interface DeadLetterRow {
  id: number;
  actor: string;
  command_id: string | null;
  message: string;
  error: string;
  attempts: number;
  ts: number;
}
