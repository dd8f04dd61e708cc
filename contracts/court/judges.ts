/**
 * Judges' availability as the court node records it (Засади 2.3, 2.4, 4.2),
 * version 1. The absence record is the distribution contract's own schema, so
 * the distribution engineer reads these events without translation.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AbsenceSchema } from '../distribution/inputs.ts';
import { LoginV1, strictObject } from './common.ts';

/** PUT /judges/:id/availability — one absence (vacation, trip, sick leave…) with its basis. */
export const AvailabilityBodyV1 = AbsenceSchema;
export type AvailabilityBodyV1 = Static<typeof AvailabilityBodyV1>;

export const JudgeIdParamsV1 = strictObject({ id: LoginV1 });

export const JudgeCommandV1 = Type.Union([
  strictObject({ type: Type.Literal('record-absence'), absence: AvailabilityBodyV1 }),
  strictObject({ type: Type.Literal('availability') }),
]);
export type JudgeCommandV1 = Static<typeof JudgeCommandV1>;
