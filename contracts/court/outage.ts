/**
 * Force-majeure mode (Засади 15.1–15.4): the outage actor (kind `outage`,
 * one per court, id = court code) — commands and documents, v1.
 */
import '../formats.ts';
import { Type, type Static } from '@sinclair/typebox';
import { DocumentRefSchema } from '../distribution/common.ts';
import { DistributeItemSchema } from './distribution.ts';

export const OUTAGE_KIND = 'outage';

const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });
/** An instant with its offset, e.g. 2025-06-10T09:15:00+03:00. */
export const InstantSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$', format: 'instant', maxLength: 40 });
const OutageId = Type.String({ pattern: '^O[0-9]{1,6}$' });

/** 15.3: cases the law says are heard without delay — the only ones assigned during an outage. */
export const URGENT_CATEGORIES = {
  elections: 'Судові справи, пов’язані з виборчим процесом',
  'peaceful-assembly': 'Встановлення або усунення обмежень щодо реалізації права на мирні зібрання',
  detention: 'Обрання запобіжного заходу у виді тримання під вартою',
  'securing-proceedings': 'Клопотання слідчого, прокурора про забезпечення кримінального провадження',
  'dwelling-entry': 'Клопотання про проникнення у житло',
  'dwelling-search': 'Клопотання про обшук чи огляд житла',
} as const;
export type UrgentCategory = keyof typeof URGENT_CATEGORIES;
export const UrgentCategorySchema = Type.Union(Object.keys(URGENT_CATEGORIES).map((k) => Type.Literal(k)));

export const CommissionMemberSchema = Type.Object(
  { fullName: Text(200), position: Text(200), chair: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

export const OutageCommandSchema = Type.Union([
  /** The system (or its distribution) stopped working: force-majeure mode starts (15.1). */
  Type.Object({ type: Type.Literal('open-outage'), startedAt: InstantSchema, note: Type.Optional(Text(1000)) }, { additionalProperties: false }),
  /** 15.3: an urgent case assigned by the assembly's decision during the outage, entered as such. */
  Type.Object(
    {
      type: Type.Literal('record-urgent-assignment'),
      outageId: OutageId,
      at: InstantSchema,
      /** One of URGENT_CATEGORIES; checked by the actor so that a non-urgent category gets its own code (NOT_URGENT). */
      category: Text(64),
      case: Type.Object(
        {
          caseId: Text(100),
          uniqueNumber: Type.Optional(Text(20)),
          proceedingNumber: Type.Optional(Text(30)),
          arrivalNumber: Type.Optional(Text(40)),
          /** The Засади category the case counts in (load, 6.4); default: the one category of its proceeding index. */
          zasadyCategory: Type.Optional(Text(64)),
        },
        { additionalProperties: false },
      ),
      judges: Type.Array(Text(64), { minItems: 1, maxItems: 9 }),
      /** Рішення зборів суддів — kind `decision`. */
      decision: DocumentRefSchema,
    },
    { additionalProperties: false },
  ),
  /** 15.1: the commission's act, entered by the next working day after recovery. */
  Type.Object(
    {
      type: Type.Literal('enter-act'),
      outageId: OutageId,
      act: Type.Object(
        {
          number: Text(50),
          startedAt: InstantSchema,
          endedAt: InstantSchema,
          causes: Type.Array(Text(1000), { minItems: 1, maxItems: 20 }),
          measures: Type.Array(Text(1000), { minItems: 1, maxItems: 20 }),
          commission: Type.Array(CommissionMemberSchema, { minItems: 1, maxItems: 20 }),
        },
        { additionalProperties: false },
      ),
      /** A late act: the head of staff's order and the reason (decided: accepted only with both). */
      late: Type.Optional(Type.Object({ order: DocumentRefSchema, reason: Text(2000, 3) }, { additionalProperties: false })),
    },
    { additionalProperties: false },
  ),
  /**
   * 15.1: a stop of five working days or less is not force majeure — no act. It is closed by this
   * recorded, reasoned entry (who, when, why, the end time), so the next outage can be opened.
   */
  Type.Object(
    { type: Type.Literal('close-without-act'), outageId: OutageId, endedAt: InstantSchema, reason: Text(2000, 3) },
    { additionalProperties: false },
  ),
  /** 15.4: correspondence received during the outage, in chronological order with its actual arrival number and date. */
  Type.Object(
    {
      type: Type.Literal('enter-backlog'),
      outageId: OutageId,
      item: Type.Object(
        {
          arrivalNumber: Type.Integer({ minimum: 1 }),
          arrivedAt: InstantSchema,
          description: Text(1000),
          /** When the item is a case for distribution: what the distribution actor receives at hand-over. */
          distribute: Type.Optional(DistributeItemSchema),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  /** 15.2: hand the entered backlog over for distribution now, or on the next working day (durable reminder). */
  Type.Object({ type: Type.Literal('hand-over'), outageId: OutageId, when: Type.Union([Type.Literal('now'), Type.Literal('next-working-day')]) }, { additionalProperties: false }),
  /** The distribution actor's answer to the hand-over's batch (an ask effect): the cards are written from it. */
  Type.Object(
    { type: Type.Literal('batch-distributed'), correlation: Type.Optional(Type.String({ maxLength: 100 })), ok: Type.Boolean(), reply: Type.Optional(Type.Unknown()), error: Type.Optional(Type.Unknown()) },
    { additionalProperties: false },
  ),
  /** What the reminder sends. */
  Type.Object({ type: Type.Literal('hand-over-due'), outageId: OutageId }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('read-outage'), outageId: OutageId }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('read-outages') }, { additionalProperties: false }),
]);
export type OutageCommand = Static<typeof OutageCommandSchema>;
