/**
 * Inputs the runtime hands to the pure distribution core: judges'
 * availability periods (from orders and memos, Засади 2.3, 2.4, 4.2), the
 * case to distribute, the duty schedule (4.6).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DocumentRefSchema, IsoDateSchema } from './common.ts';

export const AbsenceKindSchema = Type.Union([
  Type.Literal('vacation'), // відпустка (4.5, length in calendar days)
  Type.Literal('business-trip'), // відрядження (4.5: short 1–5 / long > 5 calendar days)
  Type.Literal('sick-leave'), // тимчасова непрацездатність (4.5)
  Type.Literal('training'), // навчання, семінари, самоврядування без відрядження (4.5)
  Type.Literal('appointment-vkks-vrp'), // призначення/обрання членом ВККС чи ВРП (4.5)
  Type.Literal('suspension'), // тимчасове відсторонення (6.3, ВРП)
  Type.Literal('dismissal'), // звільнення / припинення повноважень
  Type.Literal('powers-end'), // закінчення повноважень (4.5: two months before)
]);

export const AbsenceSchema = Type.Object(
  {
    kind: AbsenceKindSchema,
    /** First day of the absence; for appointment/suspension/dismissal — the date of the decision; for powers-end — the first day without powers. */
    from: IsoDateSchema,
    /** Last day (inclusive). Absent = open-ended (sick leave still running, appointment, dismissal). */
    to: Type.Optional(IsoDateSchema),
    /** The order / memo / decision the fact rests on; quoted in the protocol. */
    basis: DocumentRefSchema,
  },
  { additionalProperties: false },
);

export const CaseExclusionSchema = Type.Object(
  {
    judgeId: Type.String(),
    /** Why the law excludes this judge for this case (e.g. took part earlier, recusal). */
    text: Type.String({ minLength: 1 }),
    basis: Type.Optional(DocumentRefSchema),
  },
  { additionalProperties: false },
);

export const CaseToDistributeSchema = Type.Object(
  {
    /** Stable case id — also the HMAC message of the draw. */
    caseId: Type.String({ minLength: 1 }),
    uniqueNumber: Type.Optional(Type.String()), // ЄУН
    proceedingNumber: Type.Optional(Type.String()),
    category: Type.String({ minLength: 1 }),
    exclusions: Type.Array(CaseExclusionSchema),
    /** Repeated distribution: the judge being replaced (4.12–4.14). */
    replacingJudgeId: Type.Optional(Type.String()),
    /** Basis of a repeated distribution (розпорядження керівника апарату). */
    repeatedBasis: Type.Optional(DocumentRefSchema),
  },
  { additionalProperties: false },
);

export const DutyEntrySchema = Type.Object(
  {
    date: IsoDateSchema,
    judgeIds: Type.Array(Type.String(), { minItems: 1 }),
    /** наказ голови суду approving the schedule (4.6). */
    basis: DocumentRefSchema,
  },
  { additionalProperties: false },
);

export type AbsenceKind = Static<typeof AbsenceKindSchema>;
export type Absence = Static<typeof AbsenceSchema>;
export type CaseExclusion = Static<typeof CaseExclusionSchema>;
export type CaseToDistribute = Static<typeof CaseToDistributeSchema>;
export type DutyEntry = Static<typeof DutyEntrySchema>;
export type DocumentRef = Static<typeof DocumentRefSchema>;
