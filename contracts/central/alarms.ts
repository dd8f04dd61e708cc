/**
 * Integrity alarms over the bus (issue 11 item 6): `asds central integrity`
 * asks any central worker (queue group) to list alarms, or — signed by an
 * operator identity — to acknowledge one. Version 1.
 */
import { Type, type Static } from '@sinclair/typebox';

export const CENTRAL_ALARMS_SUBJECT = 'asds.central.query.alarms';
export const CENTRAL_ALARM_ACK_SUBJECT = 'asds.central.query.alarm-ack';

export const AlarmListRequestV1 = Type.Object(
  {
    court: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
    /** Exact kind, or a prefix ending in ':' (e.g. 'detector:'). */
    kind: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z:-]+$' })),
    unacknowledged: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  },
  { additionalProperties: false },
);
export type AlarmListRequestV1 = Static<typeof AlarmListRequestV1>;

export const AlarmAckRequestV1 = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9a-f]{32}$' }),
    /** The person acknowledging (full name); the worker adds the operator identity that signed the request. */
    by: Type.String({ minLength: 3, maxLength: 200 }),
    note: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type AlarmAckRequestV1 = Static<typeof AlarmAckRequestV1>;
