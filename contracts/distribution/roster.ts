/**
 * Changes of a court's roster of judges by ORDER, between Засади versions
 * (issue 13 item 11, D15): a judge appointed to the court, a judge's powers
 * ending, a judge's administrative reductions (6.5) changed. The assembly's
 * Засади set the rules; who sits in the court changes by the chief judge's
 * order, dated and numbered, applied from its effective date.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ConfigDateSchema } from './common.ts';

const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 64 });

/** The basis order: its number and date (DocRefV1 shape; `title` optional). */
export const RosterOrderSchema = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 100 }),
    date: ConfigDateSchema,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  },
  { additionalProperties: false },
);

export const RosterChangeSchema = Type.Union([
  /** Зарахування судді до штату суду: from `effectiveFrom` the judge is on the roster (appointedOn = effectiveFrom). */
  Type.Object(
    {
      kind: Type.Literal('appoint'),
      effectiveFrom: ConfigDateSchema,
      judge: Type.Object(
        {
          id: Id,
          name: Type.String({ minLength: 1, maxLength: 300 }),
          displayOrder: Type.Integer({ minimum: 0 }),
          specialisations: Type.Array(Id, { uniqueItems: true, maxItems: 20 }),
          reductions: Type.Array(Id, { uniqueItems: true, maxItems: 20 }),
          powersEnd: Type.Optional(ConfigDateSchema),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  /** Припинення повноважень: `effectiveFrom` is the first day without powers (4.5: no cases two months before, from the order's date). */
  Type.Object({ kind: Type.Literal('end-powers'), effectiveFrom: ConfigDateSchema, judgeId: Id }, { additionalProperties: false }),
  /** The judge's administrative positions (6.5) from `effectiveFrom`: r_j is their sum, at most 0.6. */
  Type.Object(
    { kind: Type.Literal('set-reductions'), effectiveFrom: ConfigDateSchema, judgeId: Id, reductions: Type.Array(Id, { uniqueItems: true, maxItems: 20 }) },
    { additionalProperties: false },
  ),
]);

export type RosterOrder = Static<typeof RosterOrderSchema>;
export type RosterChange = Static<typeof RosterChangeSchema>;

/** A recorded change: the order, who entered it and the actor seq of its event (names the roster version). */
export interface RecordedRosterChange {
  change: RosterChange;
  order: RosterOrder;
  by: { author: string; role: string };
  seq: number;
}
