/**
 * The court's distribution actor (kind `distribution`, one per court, id =
 * court code): commands, events, replies and the protocol document — v1.
 *
 * The draw protocol itself is `contracts/distribution/protocol.ts`; here it
 * is wrapped as a signed court document (spec §1 unique id, state
 * "Original", Засади 13) next to the transfer protocol (Засади 5.3).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DocumentRefSchema, IsoDateSchema, SealSignatureSchema } from '../distribution/common.ts';
import { AbsenceKindSchema, AbsenceSchema, CaseToDistributeSchema, DutyEntrySchema } from '../distribution/inputs.ts';
import { DrawProtocolSchema, ImpossibilityProtocolSchema, JournalBlockSchema } from '../distribution/protocol.ts';
import { RosterChangeSchema, RosterOrderSchema } from '../distribution/roster.ts';

const JudgeId = Type.String({ minLength: 1, maxLength: 64 });
const CaseId = Type.String({ minLength: 1, maxLength: 100 });

/** The Lubny Засади's grounds that route a case past the draw (4.11, 4.17, 5.1, 5.2) — an example, not a limit. */
export const ROUTE_GROUNDS = [
  '4.11',
  '4.17.1',
  '4.17.2',
  '4.17.3',
  '5.1.1',
  '5.1.2',
  '5.1.3',
  '5.1.4',
  '5.1.5',
  '5.1.6',
  '5.1.7',
  '5.1.8',
  '5.1.9',
  '5.1.10',
  '5.1.11',
  '5.1.12',
  '5.2',
] as const;
/**
 * A ground's rule number as the court's Засади number it (`4.17.2`, `5.1.11`, another court's `3.5.1`): which
 * grounds exist and what they mean is the Засади's data (grounds.ts); an unknown one is refused as UNKNOWN_GROUND.
 */
export const RouteGroundSchema = Type.String({ pattern: '^\\d+(\\.\\d+)*$', maxLength: 20 });
export type RouteGround = Static<typeof RouteGroundSchema>;

/** What the registrar states about an incoming item that may not be drawn. */
export const RouteRequestSchema = Type.Object(
  {
    ground: Type.Optional(RouteGroundSchema),
    /** The earlier case (proceeding) of this court whose judge/panel the item follows. */
    relatedCaseId: Type.Optional(CaseId),
    /** The judge named by the ruling (who split the case, 4.11): only a check — it must be the judge of `relatedCaseId`. */
    judgeId: Type.Optional(JudgeId),
    /** ЄРДР number of the criminal proceeding (5.2: grouping for investigating judges). */
    erdr: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    /** 5.1.4 / 5.4: a question of executing a sentence in a case this court decided (waits for the judge). */
    sentenceExecution: Type.Optional(Type.Boolean()),
    /** The ruling or other document grounding the route (ухвала про роз'єднання… — required for 4.11, kind `ruling` with its author as `issuer`). */
    basis: Type.Optional(DocumentRefSchema),
  },
  { additionalProperties: false },
);
export type RouteRequest = Static<typeof RouteRequestSchema>;

export const DistributeItemSchema = Type.Object(
  { case: CaseToDistributeSchema, route: Type.Optional(RouteRequestSchema) },
  { additionalProperties: false },
);
export type DistributeItem = Static<typeof DistributeItemSchema>;

/** One case as the node read it from the court's own cards: the facts a transfer's link is checked on (Засади 5.1). */
export const CaseFactsSchema = Type.Object(
  {
    ueun: Type.String({ minLength: 1, maxLength: 40 }),
    proceedingNumber: Type.String({ minLength: 1, maxLength: 100 }),
    /** Names of the parties as registered (current requisites, corrections applied). */
    parties: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type CaseFacts = Static<typeof CaseFactsSchema>;

/**
 * Set by the node from the cards (case actors), never from a request body:
 * the incoming case and the earlier case its route names. The distribution
 * actor checks the ground's link on these and its own records (decide stays pure).
 */
export const LinkFactsSchema = Type.Object(
  {
    current: Type.Optional(CaseFactsSchema),
    related: Type.Optional(CaseFactsSchema),
    /**
     * Keyed identifiers of the person the registration names (5.1.11; registry/person.ts): recorded with the
     * distribution so a later protocol against the same person finds this case. Never a name or a number in clear.
     */
    personKeys: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9a-f]{64}$' }), { minItems: 1, maxItems: 2 })),
  },
  { additionalProperties: false },
);
export type LinkFacts = Static<typeof LinkFactsSchema>;

const DistributeCommandItemSchema = Type.Object(
  {
    case: CaseToDistributeSchema,
    route: Type.Optional(RouteRequestSchema),
    facts: Type.Optional(LinkFactsSchema),
    /**
     * The 4.1 hand-off's items: a route the records do not bear out (unknown ground, no earlier judge, link not
     * proven) is not drawn and not refused silently — the case is held in the waiting list for a person's decision.
     */
    hold: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type DistributeCommandItem = Static<typeof DistributeCommandItemSchema>;

/** Відвід / самовідвід: a judge excluded from one case by a ruling (the only source of case exclusions besides the law's own, 4.12). */
export const RECUSAL_KINDS = ['recusal', 'self-recusal'] as const;
export const RecusalBodySchema = Type.Object(
  {
    caseId: CaseId,
    judgeId: JudgeId,
    kind: Type.Union(RECUSAL_KINDS.map((k) => Type.Literal(k))),
    /** The ruling (ухвала) — kind `ruling`, number, date and its author (`issuer`) required. */
    ruling: DocumentRefSchema,
  },
  { additionalProperties: false },
);
export type RecusalBody = Static<typeof RecusalBodySchema>;

/** Cancel a recorded absence (the order revoked) — by its judge, kind and first day. */
export const AbsenceCancelBodySchema = Type.Object(
  { judgeId: JudgeId, kind: AbsenceKindSchema, from: IsoDateSchema, basis: DocumentRefSchema },
  { additionalProperties: false },
);
/** Shorten a recorded absence: the new last day (before the old one, not before its first day). */
export const AbsenceShortenBodySchema = Type.Object(
  { judgeId: JudgeId, kind: AbsenceKindSchema, from: IsoDateSchema, to: IsoDateSchema, basis: DocumentRefSchema },
  { additionalProperties: false },
);

/** POST /cases/…/assignment: write on the card the judge a protocol of THIS proceeding gave — the judge is read from the protocol. */
export const AssignmentSyncBodySchema = Type.Object(
  { proceedingNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), protocol: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type AssignmentSyncBody = Static<typeof AssignmentSyncBodySchema>;

/** Reasons of a repeated distribution (Засади 4.9 ¶3, 4.12–4.15). */
export const REPEATED_REASONS = ['replace-judges', 'enlarge-panel', 'returned-judge-gone', 'settings-error', 'required-by-law'] as const;
export const RepeatedReasonSchema = Type.Union(REPEATED_REASONS.map((r) => Type.Literal(r)));
export type RepeatedReason = Static<typeof RepeatedReasonSchema>;

export const RepeatedOrderSchema = Type.Object(
  {
    caseId: CaseId,
    /** Розпорядження керівника апарату суду — number and date are required (4.13, 4.15). */
    order: DocumentRefSchema,
    reason: RepeatedReasonSchema,
    /** The order's reasoning (вмотивоване розпорядження), quoted in the protocol. */
    reasonText: Type.String({ minLength: 3, maxLength: 2000 }),
    /** Judges to replace; empty = the whole composition. Ignored for enlarge-panel. */
    replace: Type.Array(JudgeId, { maxItems: 9 }),
    /** enlarge-panel: the category whose composition the case now needs (4.9 ¶3). */
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** 4.9 ¶2: the rapporteur's memo (службова записка судді-доповідача) the order follows; quoted in the protocol. */
    memo: Type.Optional(DocumentRefSchema),
  },
  { additionalProperties: false },
);
export type RepeatedOrder = Static<typeof RepeatedOrderSchema>;

export const DistributionCommandSchema = Type.Union([
  Type.Object({ type: Type.Literal('distribute'), ...DistributeCommandItemSchema.properties }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('distribute-batch'), items: Type.Array(DistributeCommandItemSchema, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('order-repeated-distribution'), ...RepeatedOrderSchema.properties }, { additionalProperties: false }),
  /**
   * Засади 15.3: an urgent case assigned during an outage by the assembly of judges' decision, entered after
   * recovery (15.4) — recorded as a non-random assignment (ground 15.3, the decision as basis) so that it is on
   * the card, counts in the judges' load and is the earlier case of later 5.1 transfers.
   */
  Type.Object(
    {
      type: Type.Literal('assign-by-assembly'),
      case: CaseToDistributeSchema,
      judges: Type.Array(JudgeId, { minItems: 1, maxItems: 9 }),
      decision: DocumentRefSchema,
      /** When the assembly assigned it (during the outage), court-local ISO instant. */
      at: Type.String({ minLength: 16, maxLength: 40 }),
      /** The 15.3 category's wording, e.g. "Обрання запобіжного заходу у виді тримання під вартою". */
      categoryText: Type.String({ minLength: 1, maxLength: 500 }),
      /** The outage record it belongs to, `<outageId>-<seq>`. */
      outageRef: Type.String({ minLength: 1, maxLength: 40 }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('record-absence'), judgeId: JudgeId, absence: AbsenceSchema }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('cancel-absence'), judgeId: JudgeId, kind: AbsenceKindSchema, from: IsoDateSchema, basis: DocumentRefSchema },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('shorten-absence'), ...AbsenceShortenBodySchema.properties }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('record-recusal'), ...RecusalBodySchema.properties }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('record-duty'), entry: DutyEntrySchema }, { additionalProperties: false }),
  /** A Засади version (asds.zasady/v1 object); validated by the actor, every error listed. */
  Type.Object({ type: Type.Literal('load-zasady'), config: Type.Unknown() }, { additionalProperties: false }),
  /**
   * The roster changes by the chief judge's ORDER (appointment, end of powers, reductions — D15), not by a new
   * Засади version; applied from `change.effectiveFrom` to every later draw, whose protocol names the roster version.
   */
  Type.Object({ type: Type.Literal('change-roster'), change: RosterChangeSchema, order: RosterOrderSchema }, { additionalProperties: false }),
  /** Migration of the load history from the previous system: a ledger built by applying its assignment events. */
  Type.Object(
    { type: Type.Literal('import-load-history'), ledger: Type.Unknown(), cases: Type.Integer({ minimum: 0 }), source: Type.String({ minLength: 1, maxLength: 200 }), through: IsoDateSchema },
    { additionalProperties: false },
  ),
  /** Try a waiting case again now (also what the durable reminder sends). */
  Type.Object({ type: Type.Literal('retry-pending'), caseId: CaseId }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('read-case'), caseId: CaseId }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('read-protocols'), caseId: Type.Optional(CaseId) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('read-load'), date: Type.Optional(IsoDateSchema) }, { additionalProperties: false }),
  /** The roster in force on `date` (default today) with its version, plus every recorded roster change. */
  Type.Object({ type: Type.Literal('read-roster'), date: Type.Optional(IsoDateSchema) }, { additionalProperties: false }),
  /** Cases waiting for their earlier judge (5.4 exceptions, 4.11) and for distribution (4.10): the staff's list. */
  Type.Object({ type: Type.Literal('read-waiting') }, { additionalProperties: false }),
  /** 5.1.11: the cases distributed here with any of these person keys (the person index), latest first. */
  Type.Object({ type: Type.Literal('read-person'), keys: Type.Array(Type.String({ pattern: '^[0-9a-f]{64}$' }), { minItems: 1, maxItems: 2 }) }, { additionalProperties: false }),
  /** Засади 10.1–10.2: the judges' assignments (what the load counts), filtered; inclusive period by distribution date. */
  Type.Object(
    {
      type: Type.Literal('read-assignments'),
      judgeId: Type.Optional(JudgeId),
      category: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
      from: Type.Optional(IsoDateSchema),
      to: Type.Optional(IsoDateSchema),
      /** Rows returned (the counts always cover every match). Default 1000. */
      limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
    },
    { additionalProperties: false },
  ),
  /** The Засади version in force on a date (default today), as journaled, with the roster in force that day (orders applied). */
  Type.Object({ type: Type.Literal('read-zasady'), date: Type.Optional(IsoDateSchema) }, { additionalProperties: false }),
]);
export type DistributionCommand = Static<typeof DistributionCommandSchema>;

/** Protocol of transfer to the previously assigned judge / panel (Засади 5.3), also used for 4.11 and 4.17. */
export const TransferProtocolSchema = Type.Object(
  {
    v: Type.Literal(1),
    kind: Type.Literal('transfer'),
    court: Type.String(),
    case: DrawProtocolSchema.properties.case,
    at: Type.String(),
    date: IsoDateSchema,
    zasady: DrawProtocolSchema.properties.zasady,
    /** The ground as the Засади word it (rule number + text). */
    ground: Type.Object({ code: Type.String(), text: Type.String() }, { additionalProperties: false }),
    to: Type.Object({ presiding: Type.String(), members: Type.Array(Type.String()) }, { additionalProperties: false }),
    /** How the earlier judge was found. */
    previous: Type.Object(
      {
        source: Type.Union([Type.Literal('related-case'), Type.Literal('erdr'), Type.Literal('person'), Type.Literal('named-judge')]),
        caseId: Type.Optional(Type.String()),
        erdr: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
    basis: Type.Optional(DocumentRefSchema),
  },
  { additionalProperties: false },
);
export type TransferProtocol = Static<typeof TransferProtocolSchema>;

export const DOCUMENT_KINDS = ['distribution', 'repeated-distribution', 'member-replacement', 'transfer', 'impossibility'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** A protocol as a court document (Засади 13; spec §1 unique id). */
export const ProtocolDocumentSchema = Type.Object(
  {
    schema: Type.Literal('asds.protocol-document/v1'),
    /** `<court DB code>-<document no>-<type>-<jurisdiction>`, e.g. `537-000000042-протокол-розподілу-ц`. */
    documentId: Type.String(),
    idParts: Type.Object(
      { courtDbCode: Type.String(), documentNo: Type.String(), type: Type.String(), jurisdiction: Type.String() },
      { additionalProperties: false },
    ),
    state: Type.Literal('Original'),
    kind: Type.Union(DOCUMENT_KINDS.map((k) => Type.Literal(k))),
    /** Ukrainian title printed on the protocol. */
    title: Type.String(),
    /** The attempt's sequence number in the court's distribution stream (= journal aseq of the event). */
    attempt: Type.Object({ actor: Type.String(), seq: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    createdAt: Type.String(),
    createdBy: Type.String(),
    /** Repeated distribution: the head of staff's order (4.13, 4.15). */
    order: Type.Optional(
      Type.Object(
        { ref: DocumentRefSchema, reason: RepeatedReasonSchema, reasonText: Type.String(), rule: Type.String(), memo: Type.Optional(DocumentRefSchema) },
        { additionalProperties: false },
      ),
    ),
    /** When this draw fell back from a transfer (5.4) or follows one. */
    routing: Type.Optional(Type.Object({ rule: Type.String(), note: Type.String() }, { additionalProperties: false })),
    protocol: Type.Union([DrawProtocolSchema, ImpossibilityProtocolSchema, TransferProtocolSchema]),
    /** Detached CMS over the canonical JSON of this document without `signature` and `journal`. */
    signature: Type.Optional(SealSignatureSchema),
    /** Filled on read from the journal: global sequence and hash-chain value of the event (not signed — known only after commit). */
    journal: Type.Optional(JournalBlockSchema),
  },
  { additionalProperties: false },
);
export type ProtocolDocument = Static<typeof ProtocolDocumentSchema>;

/** One item's outcome (replies of distribute, distribute-batch, retry-pending, repeated distribution). */
export type DistributionOutcome =
  | { status: 'distributed' | 'transferred' | 'impossible'; caseId: string; seq: number; documentId: string; document: ProtocolDocument }
  | { status: 'waiting'; caseId: string; seq: number; judgeId: string; until: string | null; rule: string }
  | { status: 'failed'; caseId: string; seq: number; code: string; message: string }
  /** Held for a person's decision (the route could not be followed): listed in the waiting list with the reason. */
  | { status: 'held'; caseId: string; seq: number; code: string; message: string; reason: string }
  | { status: 'refused'; caseId: string; code: string; message: string; details?: unknown };

/** One judge's part in one distributed or transferred case, as the load ledger counted it (Засади 6.4, 10). */
export interface AssignmentRow {
  /** The attempt (protocol) sequence number. */
  seq: number;
  caseId: string;
  judgeId: string;
  category: string;
  form: 'presiding' | 'member' | 'reserve';
  date: string;
  documentId: string;
}

/** Reply of `read-assignments`. */
export interface AssignmentsReply {
  from: string | null;
  to: string | null;
  /** Every matching row counted: judge → category → form → cases. */
  counts: Record<string, Record<string, { presiding: number; member: number; reserve: number }>>;
  total: number;
  /** Up to `limit` rows, newest last. */
  assignments: AssignmentRow[];
}
