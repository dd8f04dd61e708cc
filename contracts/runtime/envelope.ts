/**
 * Wire format of actor messages over NATS (version 1).
 *
 * Request on subject `asds.<node>.<kind>.<id>`:
 *   { v: 1, command: <the kind's command>, commandId?: string, tell?: true }
 * with headers Asds-Passport / Asds-Sent / Asds-Sig (runtime/bus/passport.ts). There is no `meta`: who sent a
 * command is what the signature proves, never what the body says (architecture.md "Trust boundaries").
 * Reply:
 *   { ok: true, reply } | { ok: false, error: { name, code, message, details? } }
 */
import { Type, type Static } from '@sinclair/typebox';

/** Node names and actor kinds: lower-case tokens safe in a NATS subject. */
export const NodeName = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });
export const ActorKind = Type.String({ pattern: '^[a-z][a-z0-9-]{0,62}$' });

export const CommandMeta = Type.Object(
  { author: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) },
  { additionalProperties: true },
);

export const RequestEnvelopeV1 = Type.Object(
  {
    v: Type.Literal(1),
    command: Type.Unknown(),
    commandId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    tell: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RequestEnvelopeV1 = Static<typeof RequestEnvelopeV1>;

export const WireErrorV1 = Type.Object({
  name: Type.String(),
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
});

/** A bus session granted to the sender of a signed request (runtime/bus/sessions.ts). */
export const SessionGrantV1 = Type.Object(
  { id: Type.String({ minLength: 8, maxLength: 64 }), key: Type.String({ minLength: 43, maxLength: 43 }), expiresAt: Type.Integer() },
  { additionalProperties: false },
);

export const ReplyEnvelopeV1 = Type.Union([
  Type.Object({ ok: Type.Literal(true), reply: Type.Optional(Type.Unknown()), session: Type.Optional(SessionGrantV1) }),
  Type.Object({ ok: Type.Literal(false), error: WireErrorV1 }),
]);
export type ReplyEnvelopeV1 = Static<typeof ReplyEnvelopeV1>;
