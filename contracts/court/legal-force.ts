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

/**
 * The event a term runs from: the decision's proclamation (`decision`, e.g. КПК ст. 395, КУпАП ст. 294),
 * its full text when only the operative part was announced (`full-text`, ЦПК ст. 354 ч. 1, КАС ст. 295 ч. 1),
 * or the service of a copy (`service`: a судовий наказ, ЦПК ст. 170 ч. 1) — no term until it is recorded.
 */
export const TERM_STARTS = ['decision', 'full-text', 'service'] as const;
export const TermStartV1 = Type.Union(TERM_STARTS.map((s) => Type.Literal(s)));
export type TermStartV1 = Static<typeof TermStartV1>;

/** A term: bare days (the category's `from` and `source`), or days with its own start and article. */
export const TermV1 = Type.Union([TermDays, strictObject({ days: TermDays, from: Type.Optional(TermStartV1), source: Type.Optional(Text(300)) })]);
export type TermV1 = Static<typeof TermV1>;

export const LegalForceCategoryV1 = strictObject({
  id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }),
  title: Text(200),
  /** Proceeding indexes (the part of the proceeding number before the first `/`) of this category. */
  indexes: Type.Array(Text(10), { maxItems: 50 }),
  /** Days for a final decision (рішення, вирок, постанова, судовий наказ) and for a ruling (ухвала). */
  terms: strictObject({ decision: TermV1, ruling: TermV1 }),
  /** What the terms run from unless a term says otherwise. Default `full-text` (the v1 behaviour). */
  from: Type.Optional(TermStartV1),
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

/**
 * POST /cases/…/decision/full-text: the full text made later than the decision (only the operative part
 * was announced), and/or the day a copy was served (судовий наказ) — the term is recomputed and the
 * reminder re-armed in the same write. At least one of the dates.
 */
export const FullTextBodyV1 = strictObject({
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  fullTextDate: Type.Optional(DateV1),
  servedDate: Type.Optional(DateV1),
  /** Unique id of the full-text document (Засади 13.2), when the decision had none. */
  documentId: Type.Optional(Text(120)),
});
export type FullTextBodyV1 = Static<typeof FullTextBodyV1>;

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

/**
 * Which clause of Засади 11.2 set the ЄДРСР deadline ('11.1': after a higher instance; 'withdrawal':
 * automatic legal force withdrawn after a timely appeal — the Засади name no term, see edrsrDeadline).
 */
export const EDRSR_RULES = ['11.2.1', '11.2.2', '11.2.3', '11.1', 'withdrawal'] as const;
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
  /** Absent = 'legal-force'. A withdrawal tells the register that the legal force of item `withdraws.key` was recorded in error. */
  kind: Type.Optional(Type.Union([Type.Literal('legal-force'), Type.Literal('withdrawal')])),
  withdraws: Type.Optional(strictObject({ key: Text(200), legalForceDate: DateV1, reason: Type.Literal('timely-appeal'), appeal: strictObject({ date: DateV1, appellant: Type.String() }) })),
});
export type EdrsrItemV1 = Static<typeof EdrsrItemV1>;

export const EdrsrQueueEntryV1 = strictObject({
  item: EdrsrItemV1,
  enqueuedAt: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.Optional(Type.String()),
  lastAttemptAt: Type.Optional(Type.String()),
  deliveredAt: Type.Optional(Type.String()),
  /** Not sent: withdrawn before delivery (a timely appeal came first) — nothing reached the register. */
  cancelledAt: Type.Optional(Type.String()),
  /** A withdrawal waiting for its legal-force item to be delivered (or not needed once that item is cancelled). */
  waitingFor: Type.Optional(Type.String()),
  overdue: Type.Boolean(),
});
export type EdrsrQueueEntryV1 = Static<typeof EdrsrQueueEntryV1>;

export const EdrsrQueueQueryV1 = strictObject({
  state: Type.Optional(Type.Union([Type.Literal('overdue'), Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('withdrawals'), Type.Literal('all')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  /** Paging: skip this many items of the chosen state (counts always cover all). */
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type EdrsrQueueQueryV1 = Static<typeof EdrsrQueueQueryV1>;

/** GET /edrsr/queue — for the (deputy) head of staff's control of completeness and timeliness (Засади 11.1 ¶2). */
export const EdrsrQueueReplyV1 = strictObject({
  today: DateV1,
  counts: strictObject({ pending: Type.Integer(), overdue: Type.Integer(), delivered: Type.Integer(), deliveredLate: Type.Integer(), withdrawals: Type.Integer(), conflicts: Type.Integer() }),
  items: Type.Array(EdrsrQueueEntryV1),
  /** Items that came with a key another proceeding's item already holds: never sent, always listed (Засади 11.1 ¶2). */
  conflicts: Type.Array(strictObject({ key: Type.String(), at: Type.String(), proceedingNumber: Type.String(), ueun: Type.String(), heldBy: Type.String() })),
});
export type EdrsrQueueReplyV1 = Static<typeof EdrsrQueueReplyV1>;

/** Legal-force part of a proceeding on the card. */
export const CardLegalForceV1 = strictObject({
  decision: Type.Optional(strictObject({ outcome: Type.String(), date: DateV1, judge: Type.String(), fullTextDate: Type.Optional(DateV1), servedDate: Type.Optional(DateV1), appealable: Type.Optional(Type.Boolean()), writtenProceeding: Type.Optional(Type.Boolean()), documentId: Type.Optional(Type.String()), termCategory: Type.Optional(Type.String()) })),
  appealTerm: Type.Optional(strictObject({ category: Type.String(), days: Type.Integer(), start: Type.Optional(TermStartV1), from: DateV1, lastDay: DateV1, legalForceDate: DateV1, source: Type.String() })),
  /** The term starts on an event not yet recorded (e.g. service of a судовий наказ). */
  termAwaiting: Type.Optional(TermStartV1),
  appeals: Type.Optional(Type.Array(strictObject({ date: DateV1, appellant: Type.String(), kind: Type.String(), note: Type.Optional(Type.String()), late: Type.Boolean(), at: Type.String(), by: ActorStampV1 }))),
  sentToAppeal: Type.Optional(strictObject({ date: DateV1, to: Type.String(), at: Type.String(), by: ActorStampV1 })),
  legalForce: Type.Optional(strictObject({ date: DateV1, basis: LegalForceBasisV1, higherInstance: Type.Optional(HigherInstanceV1), at: Type.String(), by: ActorStampV1, edrsr: strictObject({ key: Type.String(), rule: EdrsrRuleV1, deadline: DateV1 }) })),
  /** Automatic legal force withdrawn after a timely appeal (kept: nothing is overwritten). */
  revokedLegalForce: Type.Optional(Type.Array(strictObject({ date: DateV1, basis: LegalForceBasisV1, revokedAt: Type.String(), appealDate: DateV1, edrsrKey: Type.String(), withdrawalKey: Type.String() }))),
});

/** The `edrsr-export` actor's commands (its feeder, its sender, the HTTP control list) — validated by the runtime. */
const QueueState = Type.Union([Type.Literal('overdue'), Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('withdrawals'), Type.Literal('all')]);
const Gseq = Type.Integer({ minimum: 1 });
const Ms = Type.Integer({ minimum: 0 });
const Limit = Type.Integer({ minimum: 1, maximum: 10_000 });
export const EdrsrCommandV1 = Type.Union([
  strictObject({ type: Type.Literal('enqueue'), gseq: Gseq, item: EdrsrItemV1 }),
  strictObject({ type: Type.Literal('advance'), gseq: Gseq }),
  strictObject({ type: Type.Literal('status') }),
  strictObject({ type: Type.Literal('pending'), limit: Type.Optional(Limit) }),
  strictObject({ type: Type.Literal('due'), now: Ms, backoffMs: Ms, maxBackoffMs: Ms, limit: Type.Optional(Limit) }),
  strictObject({ type: Type.Literal('delivered'), key: Text(300), status: Type.Integer({ minimum: 100, maximum: 599 }) }),
  strictObject({ type: Type.Literal('failed'), key: Text(300), error: Type.String({ maxLength: 2000 }) }),
  strictObject({ type: Type.Literal('list'), state: Type.Optional(QueueState), limit: Type.Optional(Limit), offset: Type.Optional(Type.Integer({ minimum: 0 })) }),
]);
export type EdrsrCommandV1 = Static<typeof EdrsrCommandV1>;
