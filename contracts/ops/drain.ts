/**
 * Drain a central worker, version 1: an operator identity (bus class `operator`, node `ops-…`) sends a SIGNED request to
 * `asds.central.<node>.drain`. The worker stops taking jobs and ingest, finishes what is in flight, releases its
 * analytics lease (a stand-by takes over at once, without waiting for the lease to expire), deletes its presence
 * entry, replies, and exits 0. An unsigned request or one from a non-ops node is refused (`FORBIDDEN`).
 */
import { Type, type Static } from '@sinclair/typebox';

export const drainSubject = (node: string) => `asds.central.${node}.drain`;

export const DrainRequestV1 = Type.Object(
  {
    v: Type.Literal(1),
    /** Why, for the worker's log (e.g. "maintenance"). */
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DrainRequestV1 = Static<typeof DrainRequestV1>;

export const DrainReplyV1 = Type.Union([
  Type.Object(
    {
      v: Type.Literal(1),
      ok: Type.Literal(true),
      node: Type.String(),
      /** The analytics lease it released (chdb), if it held one. */
      released: Type.Optional(Type.String()),
      /** How long the drain took (ms). */
      tookMs: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      v: Type.Literal(1),
      ok: Type.Literal(false),
      node: Type.String(),
      /** FORBIDDEN (not an ops identity, unsigned), INVALID (not a DrainRequestV1), ALREADY_DRAINING, FAILED (see error; the worker keeps running). */
      code: Type.Union([Type.Literal('FORBIDDEN'), Type.Literal('INVALID'), Type.Literal('ALREADY_DRAINING'), Type.Literal('FAILED')]),
      error: Type.String(),
    },
    { additionalProperties: false },
  ),
]);
export type DrainReplyV1 = Static<typeof DrainReplyV1>;
