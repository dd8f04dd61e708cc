/**
 * Registration of incoming documents (Засади 3.1–3.4), version 1: the HTTP
 * body, the command of the `registry` actor and the event that carries the
 * numbers together with the registration.
 */
import { Type, type Static } from '@sinclair/typebox';
import { RegistrySearchV1 } from './search.ts';
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

/** Засади 4.11: the ruling that split the case off — its number, date and the judge who made it (Засади id or login). */
export const SplitRulingV1 = strictObject(
  { number: Text(100), date: DateV1, judge: Text(64) },
  'ухвала про роз’єднання (виділення) справи: номер, дата, суддя (Засади 4.11)',
);
export type SplitRulingV1 = Static<typeof SplitRulingV1>;

/**
 * Засади 5.1.11: the person the administrative-offence protocol is about, as the clerk has it — the РНОКПП,
 * or the full name with the date of birth (both when known: either then finds the earlier case). Never
 * stored: the node keeps only keyed hashes of the normalized values (registry/person.ts).
 */
export const RoutePersonV1 = strictObject(
  {
    rnokpp: Type.Optional(Type.String({ pattern: '^[0-9]{10}$', description: 'РНОКПП, 10 digits' })),
    name: Type.Optional(Text(300)),
    birthDate: Type.Optional(DateV1),
  },
  'особа, щодо якої складено протокол (Засади 5.1.11): РНОКПП або ПІБ з датою народження',
);
export type RoutePersonV1 = Static<typeof RoutePersonV1>;

/** What the route of a registration rests on, in both the body and the stored registration. */
const routeFields = {
  /** The ground the registrar states (e.g. 5.1.1 after appeal, 4.11 split-off), numbered as the court's Засади number it. */
  ground: Type.Optional(Type.String({ pattern: '^[0-9]+(\\.[0-9]+)*$', maxLength: 20 })),
  /** ЄРДР number of the criminal proceeding (5.2): 17 digits. */
  erdr: Type.Optional(Type.String({ pattern: '^[0-9]{17}$', description: 'номер кримінального провадження в ЄРДР, 17 цифр' })),
  /** The earlier case of this court (its proceeding number) whose judge the item follows (4.11, 4.17, 5.1). */
  relatedProceeding: Type.Optional(ProceedingNumberV1),
  splitRuling: Type.Optional(SplitRulingV1),
  /** 5.1.4 / 5.4: a question of executing a sentence in a case this court decided. */
  sentenceExecution: Type.Optional(Type.Boolean()),
};

/** Засади 4.11, 4.17, 5.1–5.2: the route a registration states for the 4.1 hand-off (all optional; version 1). */
export const RegistrationRouteBodyV1 = strictObject({ ...routeFields, person: Type.Optional(RoutePersonV1) }, 'маршрут справи при реєстрації (Засади 4.11, 4.17, 5.1–5.2)');
export type RegistrationRouteBodyV1 = Static<typeof RegistrationRouteBodyV1>;

/** The route as stored: the person only as keyed hashes (64 hex each). */
export const RegistrationRouteV1 = strictObject({
  ...routeFields,
  personKeys: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9a-f]{64}$' }), { minItems: 1, maxItems: 2 })),
});
export type RegistrationRouteV1 = Static<typeof RegistrationRouteV1>;

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
export const RegisterBodyV1 = strictObject({ ...registrationFields, covert: Type.Optional(CovertFieldsV1), route: Type.Optional(RegistrationRouteBodyV1) });
export type RegisterBodyV1 = Static<typeof RegisterBodyV1>;

/** What the registry receives: covert fields already sealed by the node's vault. */
export const RegistrationInputV1 = strictObject({ ...registrationFields, covert: Type.Optional(SealedV1), route: Type.Optional(RegistrationRouteV1) });
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
  RegistrySearchV1,
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
