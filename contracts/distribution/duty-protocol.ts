/**
 * Protocol of assignment to the investigating judge on duty (Засади 4.6) —
 * JSON v1, `kind: 'duty-assignment'` (or `duty-impossibility` when no judge
 * is scheduled). When the chief judge's schedule names several judges for
 * the day, one is drawn with equal probability (step label `duty`): by
 * `asds-draw/1` (CSPRNG bytes) or `asds-draw/2` (the court seal's VRF,
 * docs/draw-spec.md §9.6); with one judge there is no draw.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DocumentRefSchema, IsoDateSchema } from './common.ts';
import { ALGORITHM_V2, ALGORITHM_VERSION, VrfBlockSchema } from './protocol.ts';

const Hex32 = Type.String({ pattern: '^[0-9a-f]{64}$' });

const Common = {
  v: Type.Literal(1),
  algorithm: Type.Union([Type.Literal(ALGORITHM_VERSION), Type.Literal(ALGORITHM_V2)]),
  court: Type.String(),
  case: Type.Object(
    { caseId: Type.String({ minLength: 1 }), uniqueNumber: Type.Optional(Type.String()), proceedingNumber: Type.Optional(Type.String()), category: Type.String() },
    { additionalProperties: false },
  ),
  rule: Type.Literal('Засади 4.6'),
  at: Type.String(),
  date: IsoDateSchema,
  /** The calendar that made `date` a day off. */
  calendar: Type.String(),
};

export const DutyAssignmentProtocolSchema = Type.Object(
  {
    ...Common,
    kind: Type.Literal('duty-assignment'),
    /** The schedule entry of the day: judges on duty and the chief judge's order. */
    schedule: Type.Object({ judgeIds: Type.Array(Type.String(), { minItems: 1 }), basis: DocumentRefSchema }, { additionalProperties: false }),
    /** Judges on duty who cannot take it (absent), with why. */
    excluded: Type.Array(Type.Object({ judgeId: Type.String(), reason: Type.String() }, { additionalProperties: false })),
    /** asds-draw/1 only: the attempt's 32 CSPRNG bytes. */
    randomBytes: Type.Optional(Hex32),
    /** asds-draw/2 only: the seal key and the duty actor's stream head before the attempt. */
    vrf: Type.Optional(VrfBlockSchema),
    /** Present when more than one judge on duty could take the request. */
    step: Type.Optional(
      Type.Object(
        { label: Type.Literal('duty'), bytes: Hex32, proof: Type.Optional(Type.String({ pattern: '^([0-9a-f]{2})+$' })), u: Type.Number({ minimum: 0, exclusiveMaximum: 1 }), candidates: Type.Array(Type.String(), { minItems: 2 }), chosen: Type.String() },
        { additionalProperties: false },
      ),
    ),
    chosen: Type.String(),
  },
  { additionalProperties: false },
);

export const DutyImpossibilityProtocolSchema = Type.Object(
  {
    ...Common,
    kind: Type.Literal('duty-impossibility'),
    schedule: Type.Union([Type.Object({ judgeIds: Type.Array(Type.String()), basis: DocumentRefSchema }, { additionalProperties: false }), Type.Null()]),
    excluded: Type.Array(Type.Object({ judgeId: Type.String(), reason: Type.String() }, { additionalProperties: false })),
    text: Type.String(),
  },
  { additionalProperties: false },
);

export const DutyProtocolSchema = Type.Union([DutyAssignmentProtocolSchema, DutyImpossibilityProtocolSchema]);
export type DutyAssignmentProtocol = Static<typeof DutyAssignmentProtocolSchema>;
export type DutyImpossibilityProtocol = Static<typeof DutyImpossibilityProtocolSchema>;
export type DutyProtocol = Static<typeof DutyProtocolSchema>;
