/**
 * The centre console's HTTP API (issue 16; actors/central/console): the roles of a console token, the queries the
 * console routes accept and the replies page builders rely on. Version 1 of each reply; a field is only ever added.
 *
 *   schemaErrors(CourtsQueryV1, req.query);      // [] when valid
 *   schemaErrors(CourtsReplyV1, await (await fetch(`${http}/courts`, { headers })).json());
 */
import { Type, type Static } from '@sinclair/typebox';

/**
 * Who a console token names: the central administrator may everything; an analyst reads statistics, workload, lag
 * and alarms; an operator runs the machinery (jobs, cluster, pulls, queues). A token without a role is an operator's
 * (tokens made before roles existed keep what they had).
 */
export const ConsoleRoleV1 = Type.Union([Type.Literal('administrator'), Type.Literal('analyst'), Type.Literal('operator')]);
export type ConsoleRoleV1 = Static<typeof ConsoleRoleV1>;

/** POST /ops/login with JSON. */
export const ConsoleLoginBodyV1 = Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }), next: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export type ConsoleLoginBodyV1 = Static<typeof ConsoleLoginBodyV1>;

/** POST /ops/login (JSON) reply. */
export const ConsoleSessionV1 = Type.Object({ operator: Type.String(), role: ConsoleRoleV1, expiresAt: Type.String() });
export type ConsoleSessionV1 = Static<typeof ConsoleSessionV1>;

/**
 * GET /ops/me reply: the person (full name as the token names them), role, end of the session (ISO 8601), and the
 * console areas the role may use (actors/central/console/roles.ts: statistics, workload, lag, alarms, jobs, cluster,
 * pulls, queues) — the app shows only those in its navigation; the server still checks every request.
 */
export const ConsoleMeV1 = Type.Object({ name: Type.String(), role: ConsoleRoleV1, expiresAt: Type.String(), areas: Type.Array(Type.String()) });
export type ConsoleMeV1 = Static<typeof ConsoleMeV1>;

const Minutes = Type.String({ pattern: '^[0-9]{1,6}(\\.[0-9]+)?$' });

/** GET /courts query: the lag threshold in minutes (default 120, Засади 13.3). */
export const CourtsQueryV1 = Type.Object({ thresholdMinutes: Type.Optional(Minutes) }, { additionalProperties: false });
export type CourtsQueryV1 = Static<typeof CourtsQueryV1>;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const CourtCheckpointV1 = Type.Object({
  gseq: Type.Integer({ minimum: 0 }),
  hash: Type.String(),
  /** When the court's head was written (court's clock, epoch ms). */
  time: Type.Integer(),
  /** When the court sealed the checkpoint (court's clock, epoch ms). */
  sealedAt: Type.Integer(),
  /** When the centre received and witnessed it (centre's clock, epoch ms). */
  witnessedAt: Type.Integer(),
  /** What the centre held at that seq then: the same hash, another one, or nothing yet (compared later). */
  witnessed: Type.Union([Type.Literal('match'), Type.Literal('mismatch'), Type.Literal('not-yet')]),
});
export type CourtCheckpointV1 = Static<typeof CourtCheckpointV1>;

export const CourtRowV1 = Type.Object({
  court: Type.String(),
  /** The court's name from the registry (courts.yaml); null for a court not in it (`--any-court`). */
  name: Nullable(Type.String()),
  lagMs: Type.Integer({ minimum: 0 }),
  /** lagMs above the threshold (Засади 13.3). */
  lagging: Type.Boolean(),
  lastSeen: Type.Integer({ minimum: 0 }),
  head: Type.Integer({ minimum: 0 }),
  mark: Type.Integer({ minimum: 0 }),
  pendingSince: Type.Union([Type.Integer(), Type.Null()]),
  neverReported: Type.Boolean(),
  /** Cut off the bus (`asds ops court revoke`): when and by whom; not counted as lagging. */
  revoked: Type.Union([Type.Object({ at: Type.String(), by: Type.String() }), Type.Null()]),
  lastCheckpoint: Type.Union([CourtCheckpointV1, Type.Null()]),
});
export type CourtRowV1 = Static<typeof CourtRowV1>;

/** GET /courts reply. */
export const CourtsReplyV1 = Type.Object({ thresholdMs: Type.Integer({ minimum: 0 }), courts: Type.Array(CourtRowV1) });
export type CourtsReplyV1 = Static<typeof CourtsReplyV1>;

export const JOB_STATES = ['active', 'waiting', 'delayed', 'failed', 'completed'] as const;
export const JobStateV1 = Type.Union(JOB_STATES.map((s) => Type.Literal(s)));
export type JobStateV1 = Static<typeof JobStateV1>;

/** GET /jobs query: one queue only, and how many recent jobs per queue (default 20, at most 100). */
export const JobsQueryV1 = Type.Object(
  { queue: Type.Optional(Type.String({ pattern: '^asds-[a-z-]{1,40}$' })), limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })) },
  { additionalProperties: false },
);
export type JobsQueryV1 = Static<typeof JobsQueryV1>;

export const JobRowV1 = Type.Object({
  id: Type.String(),
  name: Type.String(),
  state: JobStateV1,
  /** 0–100 as the processor reports it, or an object some processors report (phase and counts). */
  progress: Type.Unknown(),
  attemptsMade: Type.Integer({ minimum: 0 }),
  createdAt: Type.Integer(),
  startedAt: Type.Union([Type.Integer(), Type.Null()]),
  finishedAt: Type.Union([Type.Integer(), Type.Null()]),
  failedReason: Nullable(Type.String()),
});
export type JobRowV1 = Static<typeof JobRowV1>;

export const QueueViewV1 = Type.Object({
  name: Type.String(),
  /** For people (Ukrainian). */
  title: Type.String(),
  counts: Type.Object(Object.fromEntries(JOB_STATES.map((st) => [st, Type.Integer({ minimum: 0 })])) as Record<JobStateV1, ReturnType<typeof Type.Integer>>),
  /** Newest first, every state mixed. */
  jobs: Type.Array(JobRowV1),
});
export type QueueViewV1 = Static<typeof QueueViewV1>;

/** GET /jobs reply (read-only: nothing on this route changes a job). */
export const JobsReplyV1 = Type.Object({ queues: Type.Array(QueueViewV1) });
export type JobsReplyV1 = Static<typeof JobsReplyV1>;

export const ClusterWorkerV1 = Type.Object({
  node: Type.String(),
  role: Type.String(),
  host: Type.String(),
  pid: Type.Integer(),
  started: Type.Integer(),
  heartbeat: Type.Integer(),
  ageMs: Type.Integer({ minimum: 0 }),
  /** The heartbeat stopped: the worker died without stopping. */
  stale: Type.Boolean(),
  engine: Type.String(),
  http: Nullable(Type.String()),
  /** A stand-by's owner. */
  owner: Nullable(Type.String()),
});

/** GET /cluster reply: the operators' view of the central cluster. */
export const ClusterReplyV1 = Type.Object({
  /** The worker that answered. */
  node: Type.String(),
  role: Type.String(),
  workers: Type.Array(ClusterWorkerV1),
  analytics: Type.Object({
    /** A ClickHouse server every worker uses at once (no owner). */
    shared: Type.Boolean(),
    /** The worker owning the embedded store now (lease holder); null when shared or nobody holds it. */
    owner: Nullable(Type.String()),
    leases: Type.Array(Type.Object({ store: Type.String(), path: Type.String(), holder: Type.String(), state: Type.String(), expiresAt: Type.Integer(), expired: Type.Boolean(), token: Type.Integer() })),
  }),
  nats: Type.Object({ connected: Type.Boolean(), server: Nullable(Type.String()) }),
  courts: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), since: Nullable(Type.String()), revoked: Type.Union([Type.Object({ at: Type.String(), by: Type.String() }), Type.Null()]) })),
});
export type ClusterReplyV1 = Static<typeof ClusterReplyV1>;
