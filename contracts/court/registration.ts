/**
 * Registration of incoming documents (Засади 3.1–3.4), version 1: the HTTP
 * body, the command of the `registry` actor and the event that carries the
 * numbers together with the registration.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ActorStampV1, DateV1, DocRefV1, ProceedingIndexV1, ProceedingNumberV1, SealedV1, Text, UeunV1, strictObject } from './common.ts';

export const PartyV1 = strictObject({
  role: Text(60), // позивач, відповідач, обвинувачений, заявник…
  name: Text(300),
});
export type PartyV1 = Static<typeof PartyV1>;

/** Requisites of the incoming document (реквізити, 3.2). */
export const DocumentRequisitesV1 = strictObject({
  kind: Text(120), // позовна заява, клопотання, обвинувальний акт…
  title: Text(500),
  sender: Text(300),
  outgoingNumber: Type.Optional(Text(100)),
  outgoingDate: Type.Optional(DateV1),
  pages: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
export type DocumentRequisitesV1 = Static<typeof DocumentRequisitesV1>;

/** Засади 3.1: registration after the arrival day needs the head of staff's order with its reason and term. */
export const LateRegistrationV1 = strictObject(
  {
    order: DocRefV1, // розпорядження керівника апарату суду
    reason: Text(1000),
    /** The term the order set for registering (source 3.1: "в термін, визначений у розпорядженні"). */
    termUntil: DateV1,
  },
  'розпорядження керівника апарату про реєстрацію не в день надходження',
);
export type LateRegistrationV1 = Static<typeof LateRegistrationV1>;

/** Covert fields in clear: only ever in an HTTP body of the registrar and the reply to the assigned judge. */
export const CovertFieldsV1 = strictObject(
  {
    person: Text(500),
    action: Text(500),
  },
  'особа та вид НСРД (Засади 3.1 ¶2) — зберігаються лише зашифрованими',
);
export type CovertFieldsV1 = Static<typeof CovertFieldsV1>;

/**
 * Засади 12.4 (last ¶): parties and essence are not published where law
 * restricts it. Stated at registration, the restriction is part of the same
 * durable event as the numbers, so no daily list can ever show the case
 * unrestricted (a restriction recorded later via POST /public-lists/restrictions
 * covers only what is published after it).
 */
export const PublicationRestrictionV1 = strictObject(
  {
    restricted: Type.Literal(true),
    reason: Text(1000),
    /** The order/ruling or the law's provision that restricts publication. */
    basis: Type.Optional(DocRefV1),
  },
  'обмеження оприлюднення сторін і суті справи (Засади 12.4)',
);
export type PublicationRestrictionV1 = Static<typeof PublicationRestrictionV1>;

const registrationFields = {
  index: ProceedingIndexV1,
  arrivalDate: DateV1,
  document: DocumentRequisitesV1,
  category: Type.Optional(Text(200)),
  description: Text(4000),
  parties: Type.Array(PartyV1, { maxItems: 100 }),
  /** A case that already has a ЄУН (another court, instance, re-submission) keeps it (3.3). */
  existingUeun: Type.Optional(UeunV1),
  late: Type.Optional(LateRegistrationV1),
  publication: Type.Optional(PublicationRestrictionV1),
};

/** POST /registrations */
export const RegisterBodyV1 = strictObject({ ...registrationFields, covert: Type.Optional(CovertFieldsV1) });
export type RegisterBodyV1 = Static<typeof RegisterBodyV1>;

/** What the registry receives: covert fields already sealed by the node's vault. */
export const RegistrationInputV1 = strictObject({ ...registrationFields, covert: Type.Optional(SealedV1) });
export type RegistrationInputV1 = Static<typeof RegistrationInputV1>;

/** The registry's event: the numbers and the registration, inseparable (3.3–3.4). */
export const CaseRegisteredV1 = strictObject({
  type: Type.Literal('case-registered'),
  v: Type.Literal(1),
  /** 1, 2, 3… over all registrations of this court. */
  ordinal: Type.Integer({ minimum: 1 }),
  ueun: UeunV1,
  /** true: the ЄУН was generated here; false: the case kept the ЄУН it came with. */
  ueunAssignedHere: Type.Boolean(),
  proceedingNumber: ProceedingNumberV1,
  year: Type.Integer(),
  registeredAt: Type.Integer(),
  registrationDate: DateV1,
  by: ActorStampV1,
  registration: RegistrationInputV1,
});
export type CaseRegisteredV1 = Static<typeof CaseRegisteredV1>;

/** 201 reply of POST /registrations. */
export const RegistrationReplyV1 = strictObject({
  ueun: UeunV1,
  proceedingNumber: ProceedingNumberV1,
  ordinal: Type.Integer(),
  registeredAt: Type.String({ description: 'ISO timestamp' }),
  registrationDate: DateV1,
  arrivalDate: DateV1,
  late: Type.Boolean(),
  covert: Type.Boolean(),
});
export type RegistrationReplyV1 = Static<typeof RegistrationReplyV1>;

export const RegistryCommandV1 = Type.Union([
  strictObject({ type: Type.Literal('register'), registration: RegistrationInputV1 }),
  /** From a case actor: its card is open (the registry stops re-sending it). */
  strictObject({ type: Type.Literal('opened'), ueun: UeunV1, proceedingNumber: ProceedingNumberV1 }),
  /** A reader found no card yet (crash between the two writes): re-send if still pending. */
  strictObject({ type: Type.Literal('ensure-open'), ueun: UeunV1 }),
  /** Durable reminder: re-send every pending open. */
  strictObject({ type: Type.Literal('reconcile') }),
  /** Засади 4.1 hand-off: every registration up to this registry sequence number went to automated distribution. */
  strictObject({ type: Type.Literal('handoff-advanced'), upTo: Type.Integer({ minimum: 1 }) }),
  strictObject({ type: Type.Literal('list'), offset: Type.Integer({ minimum: 0 }), limit: Type.Integer({ minimum: 1, maximum: 500 }) }),
  strictObject({ type: Type.Literal('status') }),
]);
export type RegistryCommandV1 = Static<typeof RegistryCommandV1>;

export const CaseListItemV1 = strictObject({
  ordinal: Type.Integer(),
  ueun: UeunV1,
  proceedingNumber: ProceedingNumberV1,
  arrivalDate: DateV1,
  registrationDate: DateV1,
  /** Covert: true says only that — never who or what (3.1 ¶2). */
  covert: Type.Boolean(),
});
export type CaseListItemV1 = Static<typeof CaseListItemV1>;

export const CaseListV1 = strictObject({ total: Type.Integer(), offset: Type.Integer(), items: Type.Array(CaseListItemV1) });
export type CaseListV1 = Static<typeof CaseListV1>;

export const ListQueryV1 = strictObject({
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type ListQueryV1 = Static<typeof ListQueryV1>;
