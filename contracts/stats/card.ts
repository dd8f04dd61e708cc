/**
 * The statistical card of one proceeding (обліково-статистична картка,
 * Засади 16.1.1): the facts the report forms need. Most fields are derived
 * from events the court already records (registration, distribution,
 * decision, legal force); the rest are entered or corrected by court users
 * through the court API and checked by input logical control (16.1.2).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateV1, ProceedingNumberV1, Text, strictObject } from '../court/common.ts';

export const STAT_CARD_SCHEMA_ID = 'asds.stat-card/v1';

/** Coded results of consideration (the forms' columns "розглянуто" split by result). */
export const STAT_RESULTS = [
  'satisfied', // задоволено (повністю або частково)
  'refused', // відмовлено
  'closed', // провадження закрито
  'left-without-consideration', // залишено без розгляду
  'returned', // повернуто
  'sent-by-jurisdiction', // передано за підсудністю
  'convicted', // обвинувальний вирок
  'acquitted', // виправдувальний вирок
  'released', // звільнено від кримінальної відповідальності
  'imposed', // накладено адміністративне стягнення
  'other', // інше
] as const;
export const StatResultV1 = Type.Union(STAT_RESULTS.map((r) => Type.Literal(r)));
export type StatResultV1 = Static<typeof StatResultV1>;

export const APPEAL_OUTCOMES = ['upheld', 'changed', 'quashed'] as const;

/** Money in kopiykas (integers: sums stay exact in both engines). */
const Kopiykas = Type.Integer({ minimum: 0, maximum: 1e15 });

export const StatCardV1 = strictObject({
  court: Type.String({ pattern: '^[0-9]{1,4}$' }),
  proceedingNumber: ProceedingNumberV1,
  /** Proceeding index (1-кп, 2, 3 …) as in the number. */
  index: Text(10),
  /** The Засади category id the case was distributed under (or registered with). */
  category: Type.Optional(Text(64)),
  /** Article of the Criminal Code / КУпАП, or subject code of the dispute (the forms' rows). */
  article: Type.Optional(Text(60)),
  receivedOn: DateV1,
  openedOn: Type.Optional(DateV1),
  decidedOn: Type.Optional(DateV1),
  result: Type.Optional(StatResultV1),
  legalForceOn: Type.Optional(DateV1),
  /** Presiding judge (stable id from the Засади roster). */
  judge: Type.Optional(Text(64)),
  amountClaimed: Type.Optional(Kopiykas),
  amountAwarded: Type.Optional(Kopiykas),
  /** Considered beyond the procedural term. */
  overTerm: Type.Boolean(),
  appealOutcome: Type.Optional(Type.Union(APPEAL_OUTCOMES.map((r) => Type.Literal(r)))),
  juvenile: Type.Boolean(),
  detention: Type.Boolean(),
});
export type StatCardV1 = Static<typeof StatCardV1>;
