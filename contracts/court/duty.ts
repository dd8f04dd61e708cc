/**
 * Duty of investigating judges on days off (Засади 4.6, 8.2): the duty
 * actor (kind `duty`, one per court, id = court code) — v1.
 */
import { Type, type Static } from '@sinclair/typebox';
import { sealedRecordDocument } from './sealed-record.ts';
import { DocumentRefSchema, IsoDateSchema } from '../distribution/common.ts';
import { DutyProtocolSchema } from '../distribution/duty-protocol.ts';

export const DUTY_KIND = 'duty';
const JudgeId = Type.String({ minLength: 1, maxLength: 64 });

export const DutyCommandSchema = Type.Union([
  /** 8.2: the assembly sets the number of investigating judges (and who they are); 4.6: it establishes the duty. */
  Type.Object(
    { type: Type.Literal('set-investigating-judges'), count: Type.Integer({ minimum: 1, maximum: 50 }), judgeIds: Type.Array(JudgeId, { minItems: 1, maxItems: 50 }), decision: DocumentRefSchema },
    { additionalProperties: false },
  ),
  /** 4.6: the chief judge's order approving the duty schedule for days off. */
  Type.Object(
    {
      type: Type.Literal('approve-schedule'),
      order: DocumentRefSchema,
      entries: Type.Array(Type.Object({ date: IsoDateSchema, judgeIds: Type.Array(JudgeId, { minItems: 1, maxItems: 10 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 400 }),
    },
    { additionalProperties: false },
  ),
  /** An investigator's request on a day off → the judge on duty (recorded, with its protocol). */
  Type.Object(
    {
      type: Type.Literal('assign-request'),
      case: Type.Object(
        { caseId: Type.String({ minLength: 1, maxLength: 100 }), uniqueNumber: Type.Optional(Type.String({ maxLength: 20 })), proceedingNumber: Type.Optional(Type.String({ maxLength: 30 })), category: Type.String({ minLength: 1, maxLength: 64 }) },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('read-schedule'), from: Type.Optional(IsoDateSchema), to: Type.Optional(IsoDateSchema) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('read-document'), documentId: Type.String({ minLength: 1, maxLength: 120 }) }, { additionalProperties: false }),
]);
export type DutyCommand = Static<typeof DutyCommandSchema>;

export const DutyDocumentSchema = sealedRecordDocument('asds.duty-document/v1', Type.Union([Type.Literal('duty-assignment'), Type.Literal('duty-impossibility')]), DutyProtocolSchema);
export type DutyDocument = Static<typeof DutyDocumentSchema>;
