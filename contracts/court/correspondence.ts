/**
 * Incoming correspondence in a pending case (Засади 3.1–3.2), version 1.
 *
 * A motion, reply, evidence, letter, complaint, counterclaim… that arrives in
 * a case already registered gets a registration card of its own (3.2): its
 * requisites and a number in the court's journal of incoming correspondence
 * (журнал вхідної кореспонденції: one gap-free sequence per court and year,
 * `<seq>/<yy>`). It opens no proceeding and takes no ЄУН (3.3–3.4): it joins
 * the proceeding it was filed in and goes to that proceeding's presiding
 * judge (4.17: a counterclaim in an open case goes to the judge already
 * assigned, never to distribution).
 *
 *   POST /cases/537/12/26/correspondence
 *   { "kind": "motion", "arrivalDate": "2026-12-07", "sender": "Іваненко Іван Іванович",
 *     "title": "клопотання про витребування доказів", "outgoingNumber": "б/н", "pages": 3 }
 *   → 201 { "number": "41/26", "seq": 41, "year": 2026, "ueun": "537/12/26", "proceedingNumber": "2/537/9/26",
 *           "handedTo": "lub-05" | null, ... }
 */
import { Type, type Static } from '@sinclair/typebox';
import { ActorStampV1, DateV1, ProceedingNumberV1, SealedV1, Text, UeunV1, strictObject } from './common.ts';
import { CovertFieldsV1, LateRegistrationV1 } from './registration.ts';

/** What arrived. Each code has its Ukrainian name (CORRESPONDENCE_KIND_NAMES) for people. */
export const CORRESPONDENCE_KINDS = [
  'motion',
  'statement',
  'reply',
  'response-to-reply',
  'objection',
  'explanation',
  'evidence',
  'complaint',
  'letter',
  'counterclaim',
  'third-party-claim',
  'other',
] as const;
export type CorrespondenceKindV1 = (typeof CORRESPONDENCE_KINDS)[number];

export const CORRESPONDENCE_KIND_NAMES: Record<CorrespondenceKindV1, string> = {
  motion: 'клопотання',
  statement: 'заява',
  reply: 'відзив',
  'response-to-reply': 'відповідь на відзив',
  objection: 'заперечення',
  explanation: 'пояснення',
  evidence: 'докази',
  complaint: 'скарга',
  letter: 'лист',
  counterclaim: 'зустрічний позов',
  'third-party-claim': 'позов третьої особи із самостійними вимогами',
  other: 'інший документ',
};

export const CorrespondenceKindSchemaV1 = Type.Union(CORRESPONDENCE_KINDS.map((k) => Type.Literal(k)), {
  description: 'вид документа: ' + CORRESPONDENCE_KINDS.map((k) => `${k} (${CORRESPONDENCE_KIND_NAMES[k]})`).join(', '),
});

/** The registration card's requisites (3.2). */
const requisites = {
  /** The proceeding the document was filed in; required when the case has more than one. */
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  kind: CorrespondenceKindSchemaV1,
  /** The day it arrived (court-local). Not today → `late` with the head of staff's order (3.1). */
  arrivalDate: DateV1,
  sender: Text(300),
  /** Short content (короткий зміст): never the person or the action of a covert request — those go in `covert`. */
  title: Text(500),
  outgoingNumber: Type.Optional(Text(100)),
  outgoingDate: Type.Optional(DateV1),
  pages: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  late: Type.Optional(LateRegistrationV1),
};

/** POST /cases/:court/:seq/:yy/correspondence */
export const CorrespondenceBodyV1 = strictObject({ ...requisites, covert: Type.Optional(CovertFieldsV1) }, 'вхідний документ у справі, що перебуває в провадженні (Засади 3.1–3.2)');
export type CorrespondenceBodyV1 = Static<typeof CorrespondenceBodyV1>;

/** What the journal actor receives: the case checked by the node, covert fields already sealed. */
export const CorrespondenceInputV1 = strictObject({
  ...requisites,
  ueun: UeunV1,
  proceedingNumber: ProceedingNumberV1,
  /** The case is a covert one (3.1 ¶2): the journal's list shows no sender and no content of it. */
  covertCase: Type.Boolean(),
  covert: Type.Optional(SealedV1),
});
export type CorrespondenceInputV1 = Static<typeof CorrespondenceInputV1>;

/** The journal's event: the number and the item, inseparable (as the registry's numbers, 3.3–3.4). */
export const CorrespondenceRegisteredV1 = strictObject({
  type: Type.Literal('correspondence-registered'),
  v: Type.Literal(1),
  /** `<seq>/<yy>`: the number in the journal of incoming correspondence. */
  number: Type.String({ pattern: '^[1-9][0-9]{0,6}/[0-9]{2}$' }),
  year: Type.Integer(),
  seq: Type.Integer({ minimum: 1 }),
  registeredAt: Type.Integer(),
  registrationDate: DateV1,
  by: ActorStampV1,
  item: CorrespondenceInputV1,
});
export type CorrespondenceRegisteredV1 = Static<typeof CorrespondenceRegisteredV1>;

export const CorrespondenceCommandV1 = Type.Union([
  strictObject({ type: Type.Literal('register'), item: CorrespondenceInputV1 }),
  /** From the case actor: the item is on the card; `handedTo` = the presiding judge it went to, null = it waits for one. */
  strictObject({ type: Type.Literal('recorded'), number: Type.String(), handedTo: Type.Union([Type.String(), Type.Null()]) }),
  /** From the case actor: waiting items went to the judge assigned later. */
  strictObject({ type: Type.Literal('handed'), numbers: Type.Array(Type.String(), { minItems: 1, maxItems: 10_000 }), judge: Type.String() }),
  /** Durable reminder: re-send every item not yet on its card. */
  strictObject({ type: Type.Literal('reconcile') }),
  strictObject({ type: Type.Literal('list'), year: Type.Integer({ minimum: 2000, maximum: 2999 }), offset: Type.Integer({ minimum: 0 }), limit: Type.Integer({ minimum: 1, maximum: 500 }) }),
  /** The items of a year handed to this judge (login): the judge's incoming documents. */
  strictObject({ type: Type.Literal('handed-to'), judge: Type.String(), year: Type.Integer({ minimum: 2000, maximum: 2999 }) }),
  /** Items not on their card yet or not handed to a judge: candidates of the control list (the cards decide). */
  strictObject({ type: Type.Literal('waiting') }),
  strictObject({ type: Type.Literal('status') }),
]);
export type CorrespondenceCommandV1 = Static<typeof CorrespondenceCommandV1>;

/** One item as the card shows it (covert fields never, not even their ciphertext). */
export const CardCorrespondenceV1 = strictObject({
  number: Type.String(),
  proceedingNumber: ProceedingNumberV1,
  kind: CorrespondenceKindSchemaV1,
  kindName: Type.String(),
  arrivalDate: DateV1,
  registeredAt: Type.String(),
  registrationDate: DateV1,
  registeredBy: ActorStampV1,
  sender: Type.String(),
  title: Type.String(),
  outgoingNumber: Type.Optional(Type.String()),
  outgoingDate: Type.Optional(DateV1),
  pages: Type.Optional(Type.Integer()),
  late: Type.Optional(LateRegistrationV1),
  covert: Type.Boolean(),
  /** Handed to the presiding judge (login), when and by whom; absent = waits for a judge. */
  handedOver: Type.Optional(strictObject({ judge: Type.String(), at: Type.String(), by: ActorStampV1 })),
});
export type CardCorrespondenceV1 = Static<typeof CardCorrespondenceV1>;

/** 201 reply of POST /cases/…/correspondence. */
export const CorrespondenceReplyV1 = strictObject({
  number: Type.String(),
  seq: Type.Integer(),
  year: Type.Integer(),
  ueun: UeunV1,
  proceedingNumber: ProceedingNumberV1,
  registeredAt: Type.String(),
  registrationDate: DateV1,
  arrivalDate: DateV1,
  late: Type.Boolean(),
  covert: Type.Boolean(),
  /** The presiding judge's full name it was handed to; null = no judge yet, it waits (GET /control/correspondence-waiting). */
  handedTo: Type.Union([Type.String(), Type.Null()]),
});
export type CorrespondenceReplyV1 = Static<typeof CorrespondenceReplyV1>;

/** A row of the journal (GET /correspondence?year=): a covert case's item shows neither sender nor content. */
export const JournalRowV1 = strictObject({
  number: Type.String(),
  seq: Type.Integer(),
  registeredAt: Type.String(),
  registrationDate: DateV1,
  arrivalDate: DateV1,
  kind: CorrespondenceKindSchemaV1,
  kindName: Type.String(),
  ueun: UeunV1,
  proceedingNumber: ProceedingNumberV1,
  sender: Type.Union([Type.String(), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
  covertCase: Type.Boolean(),
});
export type JournalRowV1 = Static<typeof JournalRowV1>;

export const JournalQueryV1 = strictObject({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2999 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type JournalQueryV1 = Static<typeof JournalQueryV1>;

export const JournalPageV1 = strictObject({ year: Type.Integer(), total: Type.Integer(), offset: Type.Integer(), items: Type.Array(JournalRowV1) });
export type JournalPageV1 = Static<typeof JournalPageV1>;

/** A row of the control list: correspondence that waits for a judge (the case has none yet). */
export const CorrespondenceWaitingRowV1 = strictObject({
  number: Type.String(),
  arrivalDate: DateV1,
  registeredAt: Type.String(),
  kindName: Type.String(),
  ueun: UeunV1,
  proceedingNumber: ProceedingNumberV1,
  /** Why the case has no judge, in Ukrainian, with the rule (4.1, 4.10, 5.4). */
  reasonText: Type.String(),
  rule: Type.String(),
  /** The judge the case waits for (5.4), by full name. */
  judge: Type.Union([Type.String(), Type.Null()]),
  forecast: Type.Union([DateV1, Type.Null()]),
});
export type CorrespondenceWaitingRowV1 = Static<typeof CorrespondenceWaitingRowV1>;

export const CorrespondenceWaitingListV1 = strictObject({
  list: Type.Literal('correspondence-waiting'),
  court: strictObject({ code: Type.String(), name: Type.String() }),
  date: DateV1,
  generatedAt: Type.String(),
  rows: Type.Array(CorrespondenceWaitingRowV1),
});
export type CorrespondenceWaitingListV1 = Static<typeof CorrespondenceWaitingListV1>;
