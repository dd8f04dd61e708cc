/**
 * Court → centre ingest messages: version 2 (verified ingest, issue 11) and
 * version 1 (legacy, issue 6 — still accepted).
 *
 * JetStream subject `asds.ingest.<court>`. A message is either one
 * `IngestEventV1` (message id `<court>:<seq>`) or an `IngestFrameV1` of
 * consecutive events (message id `<court>:<first>-<last>`); courts send
 * frames, the centre accepts both. `seq` is the court journal's global sequence
 * (gseq): gapless per court, so the centre can tell a gap from the end.
 * `data` is the event payload AFTER the court's redaction policy
 * (redaction.ts); `redacted` lists what the policy removed or hashed.
 */
import { Type, type Static } from '@sinclair/typebox';

export const CourtCode = Type.String({ pattern: '^[0-9]{1,4}$' });

export const IngestEventV1 = Type.Object(
  {
    v: Type.Literal(1),
    court: CourtCode,
    seq: Type.Integer({ minimum: 1 }),
    /** `kind/id` of the actor that wrote the event. */
    actor: Type.String({ minLength: 3, maxLength: 300, pattern: '^[a-z][a-z0-9-]*/' }),
    aseq: Type.Integer({ minimum: 1 }),
    type: Type.String({ minLength: 1, maxLength: 100 }),
    /** Commit time at the court, epoch ms. */
    ts: Type.Integer({ minimum: 0 }),
    /** Author from the command meta (login or `system:*`), '' when none. */
    author: Type.String({ maxLength: 200 }),
    /** Hash-chain values of the court journal (over the unredacted row): evidence, not re-verifiable at the centre. */
    hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    prevHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    data: Type.Record(Type.String(), Type.Unknown()),
    redacted: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 1000 }),
  },
  { additionalProperties: false },
);
export type IngestEventV1 = Static<typeof IngestEventV1>;

/**
 * A frame: consecutive journal events of one court in one JetStream message
 * (the court's replicator sends these). JetStream and the worker then pay
 * their per-message costs (store, dedup, delivery, ack) once per frame
 * instead of once per event — the difference between ~10,000 and ≥ 50,000
 * events/s on two cores. Message id `<court>:<first>-<last>`.
 *
 * The envelope is checked first; then EVERY event is validated as an
 * `IngestEventV1` on its own (a bad event is rejected alone, the others go
 * in, and the court's mark stops below the bad one). `events[i].seq` must be
 * `first + i`: a frame is a contiguous run of the journal.
 */
export const INGEST_FRAME_MAX_EVENTS = 2000;
export const IngestFrameV1 = Type.Object(
  {
    v: Type.Literal(1),
    court: CourtCode,
    first: Type.Integer({ minimum: 1 }),
    last: Type.Integer({ minimum: 1 }),
    /** Each one an IngestEventV1, validated one by one by the centre. */
    events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: INGEST_FRAME_MAX_EVENTS }),
  },
  { additionalProperties: false },
);
export type IngestFrameV1 = Static<typeof IngestFrameV1>;

/**
 * Version 2: an event of the court's hash chain format 2
 * (runtime/journal/hash.ts), sent exactly as stored — the public view
 * {author, data, redacted} the court committed to when it wrote the row, and
 * the salted digest `hidden` of what stayed at the court — so the centre
 * RECOMPUTES `hash`: JSON.stringify({author, data, redacted}) gives the
 * committed `pub` text back (JSON.parse → JSON.stringify is the identity on
 * JSON.stringify's own output), then
 * hash = SHA-256hex(prevHash ‖ "2\n" ‖ JSON([seq, actor, aseq, type, ts, hidden]) ‖ "\n" ‖ pub).
 * A row of the legacy format 1 travels as an IngestEventV1 (its hash cannot be recomputed at the centre:
 * only its links and place are checked — the legacy range).
 */
export const IngestEventV2 = Type.Object(
  {
    v: Type.Literal(2),
    court: CourtCode,
    seq: Type.Integer({ minimum: 1 }),
    actor: Type.String({ minLength: 3, maxLength: 300, pattern: '^[a-z][a-z0-9-]*/' }),
    aseq: Type.Integer({ minimum: 1 }),
    type: Type.String({ minLength: 1, maxLength: 100 }),
    ts: Type.Integer({ minimum: 0 }),
    /** SHA-256hex(salt ‖ JSON([meta, data])) of the full row; the salt never leaves the court. */
    hidden: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    prevHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    author: Type.String({ maxLength: 200 }),
    data: Type.Record(Type.String(), Type.Unknown()),
    redacted: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 1000 }),
  },
  { additionalProperties: false },
);
export type IngestEventV2 = Static<typeof IngestEventV2>;

/**
 * A frame of version 2: consecutive events (each an IngestEventV2, or an IngestEventV1 for a legacy row) and
 * the court journal's `head` when it was sent — no event above it can exist, so one is refused (an alarm).
 * Message id `<court>:<first>-<last>`.
 */
export const IngestFrameV2 = Type.Object(
  {
    v: Type.Literal(2),
    court: CourtCode,
    first: Type.Integer({ minimum: 1 }),
    last: Type.Integer({ minimum: 1 }),
    head: Type.Integer({ minimum: 1 }),
    events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: INGEST_FRAME_MAX_EVENTS }),
  },
  { additionalProperties: false },
);
export type IngestFrameV2 = Static<typeof IngestFrameV2>;

/** Court → centre request on `asds.central.ingest-mark.<court>`. */
export const MarkRequestV1 = Type.Object(
  {
    v: Type.Literal(1),
    court: CourtCode,
    /** The court journal's head gseq now. */
    head: Type.Integer({ minimum: 0 }),
    /** Commit time of the court's oldest event above its confirmed mark; 0 when everything is confirmed. */
    pendingSince: Type.Integer({ minimum: 0 }),
    /** The court's own idea of the confirmed mark (the centre's answer wins). */
    confirmed: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type MarkRequestV1 = Static<typeof MarkRequestV1>;

/**
 * Centre → court: the durable high-water mark (every seq ≤ mark is in
 * ClickHouse). The reply to a MarkRequest, and also pushed on
 * `asds.court.<court>.ingest-mark` whenever it advances. `resendFrom` is set
 * when the centre has seen a gap: the court should re-publish from there.
 */
export const MarkV1 = Type.Object(
  {
    v: Type.Literal(1),
    court: CourtCode,
    mark: Type.Integer({ minimum: 0 }),
    resendFrom: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type MarkV1 = Static<typeof MarkV1>;
