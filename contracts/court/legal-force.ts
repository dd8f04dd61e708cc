/**
 * Legal force and export to ЄДРСР (Засади 11), version 1: the appeal-term
 * configuration (YAML beside the Засади), the HTTP bodies for appeals and
 * legal force after a higher instance, and the outbound ЄДРСР queue items.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ActorStampV1, DateV1, ProceedingNumberV1, Text, UeunV1, strictObject } from './common.ts';

export const LEGAL_FORCE_SCHEMA_ID = 'asds.legal-force/v1';

/** Appeal term in calendar days; `null` = not appealable (legal force on the decision day). */
const TermDays = Type.Union([Type.Integer({ minimum: 1, maximum: 365 }), Type.Null()]);

export const LegalForceCategoryV1 = strictObject({
  id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }),
  title: Text(200),
  /** Proceeding indexes (the part of the proceeding number before the first `/`) of this category. */
  indexes: Type.Array(Text(10), { maxItems: 50 }),
  /** Days for a final decision (рішення, вирок, постанова) and for a ruling (ухвала). */
  terms: strictObject({ decision: TermDays, ruling: TermDays }),
  /** Where the term comes from (article of the procedural code), shown to staff. */
  source: Text(300),
});
export type LegalForceCategoryV1 = Static<typeof LegalForceCategoryV1>;

export const LegalForceConfigV1 = strictObject({
  schema: Type.Literal(LEGAL_FORCE_SCHEMA_ID),
  /** Category used for an index no category lists. */
  defaultCategory: Type.String(),
  categories: Type.Array(LegalForceCategoryV1, { minItems: 1, maxItems: 50 }),
});
export type LegalForceConfigV1 = Static<typeof LegalForceConfigV1>;

/** An appeal received by the court (Засади 12.1, 12.4.2): when, by whom. */
export const AppealBodyV1 = strictObject({
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  /** Day the appeal arrived at the court. */
  date: DateV1,
  /** Who appealed (party, counsel, prosecutor). */
  appellant: Text(300),
  kind: Type.Optional(Type.Union([Type.Literal('appeal'), Type.Literal('cassation')])),
  note: Type.Optional(Text(1000)),
});
export type AppealBodyV1 = Static<typeof AppealBodyV1>;

/** The case file was sent to the appellate court (12.4.2, last column). */
export const AppealSentBodyV1 = strictObject({
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  date: DateV1,
  to: Text(300),
});
export type AppealSentBodyV1 = Static<typeof AppealSentBodyV1>;

/** The higher instance's decision on which legal force rests (Засади 11.1 ¶1, second sentence). */
export const HigherInstanceV1 = strictObject({
  court: Text(300),
  caseNumber: Text(100),
  date: DateV1,
  outcome: Text(500),
});
export type HigherInstanceV1 = Static<typeof HigherInstanceV1>;

/** POST /cases/…/legal-force: recorded by the presiding judge or the head of staff after the higher instance. */
export const LegalForceBodyV1 = strictObject({
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  /** Day the decision entered into legal force. */
  date: DateV1,
  higherInstance: HigherInstanceV1,
});
export type LegalForceBodyV1 = Static<typeof LegalForceBodyV1>;

/** Which clause of Засади 11.2 set the ЄДРСР deadline ('11.1': after a higher instance). */
export const EDRSR_RULES = ['11.2.1', '11.2.2', '11.2.3', '11.1'] as const;
export const EdrsrRuleV1 = Type.Union(EDRSR_RULES.map((r) => Type.Literal(r)));
export type EdrsrRuleV1 = Static<typeof EdrsrRuleV1>;

export const LEGAL_FORCE_BASES = ['non-appealable', 'term-expired', 'higher-instance'] as const;
export const LegalForceBasisV1 = Type.Union(LEGAL_FORCE_BASES.map((b) => Type.Literal(b)));
export type LegalForceBasisV1 = Static<typeof LegalForceBasisV1>;

/** One item of the outbound ЄДРСР queue: what is sent (the payload) and by when. */
export const EdrsrItemV1 = strictObject({
  /** Idempotency key: the decision document's unique id (13.2) when known, else `<court>-<proceeding>-legal-force`. */
  key: Text(200),
  court: Type.String(),
  ueun: UeunV1,
  proceedingNumber: ProceedingNumberV1,
  documentId: Type.Optional(Type.String()),
  decision: strictObject({ outcome: Type.String(), date: DateV1, fullTextDate: DateV1, writtenProceeding: Type.Boolean() }),
  legalForce: strictObject({ date: DateV1, basis: LegalForceBasisV1, higherInstance: Type.Optional(HigherInstanceV1), recordedAt: Type.String(), recordedBy: ActorStampV1 }),
  rule: EdrsrRuleV1,
  /** Last day (inclusive, court-local) to send it — computed on the court calendar. */
  deadline: DateV1,
});
export type EdrsrItemV1 = Static<typeof EdrsrItemV1>;

export const EdrsrQueueEntryV1 = strictObject({
  item: EdrsrItemV1,
  enqueuedAt: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.Optional(Type.String()),
  lastAttemptAt: Type.Optional(Type.String()),
  deliveredAt: Type.Optional(Type.String()),
  overdue: Type.Boolean(),
});
export type EdrsrQueueEntryV1 = Static<typeof EdrsrQueueEntryV1>;

export const EdrsrQueueQueryV1 = strictObject({
  state: Type.Optional(Type.Union([Type.Literal('overdue'), Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('all')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});
export type EdrsrQueueQueryV1 = Static<typeof EdrsrQueueQueryV1>;

/** GET /edrsr/queue — for the (deputy) head of staff's control of completeness and timeliness (Засади 11.1 ¶2). */
export const EdrsrQueueReplyV1 = strictObject({
  today: DateV1,
  counts: strictObject({ pending: Type.Integer(), overdue: Type.Integer(), delivered: Type.Integer(), deliveredLate: Type.Integer() }),
  items: Type.Array(EdrsrQueueEntryV1),
});
export type EdrsrQueueReplyV1 = Static<typeof EdrsrQueueReplyV1>;

/** Legal-force part of a proceeding on the card. */
export const CardLegalForceV1 = strictObject({
  decision: Type.Optional(strictObject({ outcome: Type.String(), date: DateV1, judge: Type.String(), fullTextDate: Type.Optional(DateV1), writtenProceeding: Type.Optional(Type.Boolean()), documentId: Type.Optional(Type.String()) })),
  appealTerm: Type.Optional(strictObject({ category: Type.String(), days: Type.Integer(), from: DateV1, lastDay: DateV1, legalForceDate: DateV1, source: Type.String() })),
  appeals: Type.Optional(Type.Array(strictObject({ date: DateV1, appellant: Type.String(), kind: Type.String(), note: Type.Optional(Type.String()), late: Type.Boolean(), at: Type.String(), by: ActorStampV1 }))),
  sentToAppeal: Type.Optional(strictObject({ date: DateV1, to: Type.String(), at: Type.String(), by: ActorStampV1 })),
  legalForce: Type.Optional(strictObject({ date: DateV1, basis: LegalForceBasisV1, higherInstance: Type.Optional(HigherInstanceV1), at: Type.String(), by: ActorStampV1, edrsr: strictObject({ key: Type.String(), rule: EdrsrRuleV1, deadline: DateV1 }) })),
});
