/**
 * Worker presence, version 1: every central worker keeps one key (its node name) in the NATS KV bucket
 * `asds_workers`, rewritten every `heartbeatMs` and deleted on a clean stop. An entry whose heartbeat is older
 * than `PRESENCE_STALE_BEATS` beats belongs to a worker that died without stopping: readers show it as stale.
 */
import { Type, type Static } from '@sinclair/typebox';

/** KV bucket of worker presence. */
export const PRESENCE_BUCKET = 'asds_workers';
/** Heartbeats missed before an entry counts as stale. */
export const PRESENCE_STALE_BEATS = 3;

export const WorkerRoleV1 = Type.Union([
  /** Starting: has not yet learned its role. */
  Type.Literal('starting'),
  /** Owns the embedded analytics store (chdb): ingests, runs jobs, answers queries. */
  Type.Literal('owner'),
  /** Waits for the lease of an embedded store another worker owns; ingests and answers nothing. */
  Type.Literal('standby'),
  /** On a ClickHouse server: shares ingest, jobs and queries with every other worker. */
  Type.Literal('shared-server'),
  /** Draining: finishing in-flight work, then hands over and exits. */
  Type.Literal('draining'),
]);
export type WorkerRoleV1 = Static<typeof WorkerRoleV1>;

export const WorkerPresenceV1 = Type.Object(
  {
    v: Type.Literal(1),
    node: Type.String({ minLength: 1, maxLength: 100 }),
    role: WorkerRoleV1,
    pid: Type.Integer({ minimum: 1 }),
    host: Type.String({ maxLength: 255 }),
    /** Process start (epoch ms, worker's clock). */
    started: Type.Integer({ minimum: 0 }),
    /** Last heartbeat (epoch ms, worker's clock). */
    heartbeat: Type.Integer({ minimum: 0 }),
    heartbeatMs: Type.Integer({ minimum: 100 }),
    engine: Type.Union([Type.Literal('chdb'), Type.Literal('clickhouse')]),
    /** The lease key of its embedded store (chdb only). */
    store: Type.Optional(Type.String({ maxLength: 200 })),
    /** The current owner of that store, when known (chdb only). */
    owner: Type.Optional(Type.String({ maxLength: 100 })),
    /** Its HTTP API, when it has one. */
    http: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);
export type WorkerPresenceV1 = Static<typeof WorkerPresenceV1>;

/** A presence entry as read (what `readWorkers` returns). */
export interface WorkerEntryV1 {
  worker: WorkerPresenceV1;
  /** Heartbeat older than PRESENCE_STALE_BEATS × heartbeatMs by the reader's clock: the worker died unclean. */
  stale: boolean;
  /** How old the heartbeat is, by the reader's clock (ms). */
  ageMs: number;
}
