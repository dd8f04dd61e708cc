/**
 * Re-pinning a court's CA at the centre (the witness trusts a court's seal CA
 * on first sight; a court that legitimately re-keys its CA needs an operator
 * to pin the new one). The operator's request and the command of the
 * centre's journaled `seal-pin/<court>` actor.
 */
import { Type, type Static } from '@sinclair/typebox';

/** POST /witness/pins (operators only). */
export const RepinBodyV1 = Type.Object(
  {
    court: Type.String({ pattern: '^[0-9]{1,4}$' }),
    /** The court's new CA certificate, PEM. */
    caPem: Type.String({ minLength: 100, maxLength: 20_000 }),
    /** Why (e.g. the court's order on re-issuing its CA): recorded with the pin. */
    reason: Type.String({ minLength: 10, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type RepinBodyV1 = Static<typeof RepinBodyV1>;

export const SealPinCommandV1 = Type.Union([
  Type.Object(
    {
      type: Type.Literal('record-repin'),
      fingerprint: Type.String({ minLength: 10, maxLength: 200 }),
      previous: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
      reason: Type.String({ minLength: 10, maxLength: 2000 }),
      by: Type.String({ minLength: 1, maxLength: 300 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('history') }, { additionalProperties: false }),
]);
export type SealPinCommandV1 = Static<typeof SealPinCommandV1>;
