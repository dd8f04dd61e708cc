/**
 * The staff's daily control lists, version 1 (issue 13 item 10), read-only:
 *
 *   undistributed   registered on a day and not distributed (Засади 4.1), with the reason
 *   not-handed-over distributed, and the case file not handed to the presiding judge by the
 *                   end of the next working day (Засади 4.18)
 *   waiting         cases waiting for a judge or for distribution to become possible, with the
 *                   forecast day (Засади 4.10, 5.4)
 *
 * Judges appear by full name only (never a login), case numbers in numeric order.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateV1, strictObject } from './common.ts';
import type { OverdueOrdersListV1 } from './orders.ts';

export const ControlQueryV1 = strictObject({
  /** The day the list is for (Kyiv). Default: today in Kyiv. */
  date: Type.Optional(DateV1),
  /** `json` (default), `html` (a printable page) or `text` (plain lines). */
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html'), Type.Literal('text')])),
});
export type ControlQueryV1 = Static<typeof ControlQueryV1>;

/** The waiting list is always the current one (as of now): only the format. */
export const WaitingQueryV1 = strictObject({ format: ControlQueryV1.properties.format });
export type WaitingQueryV1 = Static<typeof WaitingQueryV1>;

/** Why a case registered that day is not distributed (each code has a Ukrainian text in actors/court/control/reasons.ts). */
export const UNDISTRIBUTED_REASONS = [
  /** 4.10: the system found distribution impossible; it runs when the obstacle falls away. */
  'impossible',
  /** 5.4 / 4.11: the case waits for its earlier judge. */
  'waiting-for-judge',
  /** The case came with its ЄУН (3.3): it is distributed with its route (4.17, 5.1) by a person's decision. */
  'route-decision',
  /** The category is not one the Засади in force distribute automatically: a person distributes it. */
  'not-a-zasady-category',
  /** The court has no Засади in force: nothing is distributed automatically. */
  'no-zasady',
  /** The draw is journaled but the card has no judge yet (write the assignment from the protocol). */
  'card-not-updated',
  /** No distribution attempt yet: the 4.1 hand-off has not reached the case (or was refused). */
  'handoff-pending',
  /** The route stated at registration (4.11, 4.17, 5.1–5.2) was not borne out by the records: held for a person's decision. */
  'route-held',
] as const;
export type UndistributedReasonV1 = (typeof UNDISTRIBUTED_REASONS)[number];

const ReasonV1 = Type.Union(UNDISTRIBUTED_REASONS.map((r) => Type.Literal(r)));

export const UndistributedRowV1 = strictObject({
  ueun: Type.String(),
  proceedingNumber: Type.String(),
  registeredAt: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  reason: ReasonV1,
  /** The reason in Ukrainian, for people. */
  reasonText: Type.String(),
  /** The rule of the Засади behind the reason. */
  rule: Type.String(),
  /** The judge the case waits for, by full name. */
  judge: Type.Union([Type.String(), Type.Null()]),
  /** The forecast day of distribution (4.10 ¶2–3, 5.4), when known. */
  forecast: Type.Union([DateV1, Type.Null()]),
});
export type UndistributedRowV1 = Static<typeof UndistributedRowV1>;

export const NotHandedOverRowV1 = strictObject({
  ueun: Type.String(),
  proceedingNumber: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  /** When the composition was given (the assignment on the card), ISO instant. */
  assignedAt: Type.String(),
  /** The last day of the hand-over (4.18: the next working day after the distribution). */
  deadline: DateV1,
  /** The presiding judge's full name. */
  presiding: Type.String(),
  members: Type.Array(Type.String()),
  protocol: Type.String(),
});
export type NotHandedOverRowV1 = Static<typeof NotHandedOverRowV1>;

export const WaitingControlRowV1 = strictObject({
  caseId: Type.String(),
  ueun: Type.Union([Type.String(), Type.Null()]),
  category: Type.String(),
  why: Type.Union([Type.Literal('impossible'), Type.Literal('waiting'), Type.Literal('held')]),
  rule: Type.String(),
  reasonText: Type.String(),
  judge: Type.Union([Type.String(), Type.Null()]),
  since: Type.Union([Type.String(), Type.Null()]),
  /** The forecast day; null = not known (e.g. an open-ended sick leave). */
  forecast: Type.Union([DateV1, Type.Null()]),
  recheckOn: Type.Union([DateV1, Type.Null()]),
  protocol: Type.Union([Type.String(), Type.Null()]),
});
export type WaitingControlRowV1 = Static<typeof WaitingControlRowV1>;

const listOf = <K extends string, R extends Parameters<typeof Type.Array>[0]>(kind: K, row: R) =>
  strictObject({
    list: Type.Literal(kind),
    court: strictObject({ code: Type.String(), name: Type.String() }),
    date: DateV1,
    generatedAt: Type.String(),
    rows: Type.Array(row),
  });

export const UndistributedListV1 = listOf('undistributed', UndistributedRowV1);
export type UndistributedListV1 = Static<typeof UndistributedListV1>;
export const NotHandedOverListV1 = listOf('not-handed-over', NotHandedOverRowV1);
export type NotHandedOverListV1 = Static<typeof NotHandedOverListV1>;
export const WaitingControlListV1 = listOf('waiting', WaitingControlRowV1);
export type WaitingControlListV1 = Static<typeof WaitingControlListV1>;
/** Court documents past their next-working-day deadline (contracts/court/orders.ts). */
export type ControlListV1 = UndistributedListV1 | NotHandedOverListV1 | WaitingControlListV1 | OverdueOrdersListV1;
