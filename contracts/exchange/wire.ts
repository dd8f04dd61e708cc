/**
 * Commands of the exchange actors, version 1: the hub's `exchange-filings` (central worker) and the court's
 * `exchange-inbox` / `exchange-outgoing` (court node). The bus commands among them are signed node-to-node
 * messages (runtime/remote.ts): `file-document` and `outcomes` from a central node to a court; `filing-outcome`
 * and `send-document` from a court to the hub, which checks the sender is the court concerned.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ProceedingNumberV1, UeunV1, strictObject } from '../court/common.ts';
import { CorrespondenceKindSchemaV1 } from '../court/correspondence.ts';
import {
  CursorQueryV1,
  DocumentV1,
  FilingIdV1,
  InboxIdV1,
  MessageIdV1,
  OrganisationIdV1,
  OutgoingKindV1,
  RefusalV1,
  RegistrationV1,
  RestrictionV1,
  SignatureV1,
  VerificationV1,
} from './filings.ts';

const CourtCode = Type.String({ pattern: '^[0-9]{1,4}$' });

/** The filer as the court sees it: the organisation's name becomes the sender of the incoming correspondence. */
export const FilerV1 = strictObject({ id: Type.String(), name: Type.String(), code: Type.String() });
export type FilerV1 = Static<typeof FilerV1>;

/** A filing as the hub delivers it to the court. */
export const DeliveredFilingV1 = strictObject({
  filingId: FilingIdV1,
  from: FilerV1,
  messageId: MessageIdV1,
  /** Without it the court finds the case by `proceedingNumber`. */
  ueun: Type.Optional(UeunV1),
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  kind: CorrespondenceKindSchemaV1,
  title: Type.String({ minLength: 1, maxLength: 500 }),
  restriction: RestrictionV1,
  document: DocumentV1,
  signature: SignatureV1,
  verification: VerificationV1,
  receivedAt: Type.Integer(),
});
export type DeliveredFilingV1 = Static<typeof DeliveredFilingV1>;

/** An ask's answer told back to the asking actor (runtime/actor.ts `Effect` ask). */
const answer = <T extends string>(type: T) =>
  strictObject({
    type: Type.Literal(type),
    correlation: Type.Optional(Type.String()),
    ok: Type.Boolean(),
    reply: Type.Optional(Type.Unknown()),
    error: Type.Optional(Type.Unknown()),
  });

/** What the court says of a filing: `received` = journaled, in its queue; the rest are final. */
export const CourtFilingStateV1 = strictObject({
  filingId: FilingIdV1,
  status: Type.Union([Type.Literal('received'), Type.Literal('registered'), Type.Literal('refused')]),
  registration: Type.Optional(RegistrationV1),
  refusal: Type.Optional(RefusalV1),
});
export type CourtFilingStateV1 = Static<typeof CourtFilingStateV1>;

export const InboxCommandV1 = Type.Union([
  strictObject({ type: Type.Literal('file-document'), filing: DeliveredFilingV1 }),
  strictObject({ type: Type.Literal('outcomes'), filingIds: Type.Array(FilingIdV1, { maxItems: 1000 }) }),
  answer('case-found'),
  answer('case-card'),
  answer('correspondence-registered'),
  answer('outcome-told'),
  strictObject({ type: Type.Literal('resume') }),
  strictObject({ type: Type.Literal('status') }),
]);
export type InboxCommandV1 = Static<typeof InboxCommandV1>;

/** A document the court sends to an organisation's cabinet. */
export const SentDocumentV1 = strictObject({
  outgoingId: Type.String({ pattern: '^o-[0-9a-f]{32}$' }),
  court: CourtCode,
  organisation: OrganisationIdV1,
  ueun: UeunV1,
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  kind: OutgoingKindV1,
  title: Type.String({ minLength: 1, maxLength: 500 }),
  restriction: RestrictionV1,
  document: DocumentV1,
  signature: SignatureV1,
  verification: VerificationV1,
  sentAt: Type.Integer(),
});
export type SentDocumentV1 = Static<typeof SentDocumentV1>;

export const OutgoingCommandV1 = Type.Union([
  strictObject({ type: Type.Literal('send'), item: SentDocumentV1 }),
  answer('sent-answer'),
  strictObject({ type: Type.Literal('resend') }),
  strictObject({ type: Type.Literal('status'), outgoingId: Type.String() }),
]);
export type OutgoingCommandV1 = Static<typeof OutgoingCommandV1>;

/** A filing as the hub's HTTP layer hands it to the filings actor: checked, verified, its digest computed. */
export const NewFilingV1 = strictObject({
  organisation: FilerV1,
  messageId: MessageIdV1,
  /** sha256 over the whole filing body: a repeat of the message id with other content is refused (MESSAGE_ID_REUSED). */
  digest: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  court: CourtCode,
  ueun: Type.Optional(UeunV1),
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  kind: CorrespondenceKindSchemaV1,
  title: Type.String({ minLength: 1, maxLength: 500 }),
  restriction: RestrictionV1,
  document: DocumentV1,
  signature: SignatureV1,
  documentSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  verification: VerificationV1,
});
export type NewFilingV1 = Static<typeof NewFilingV1>;

const OrgId = Type.String({ minLength: 1, maxLength: 100 });

export const HubCommandV1 = Type.Union([
  strictObject({ type: Type.Literal('file'), filing: NewFilingV1 }),
  answer('delivery-answer'),
  answer('outcomes-answer'),
  strictObject({ type: Type.Literal('deliver'), court: CourtCode }),
  strictObject({ type: Type.Literal('poll'), court: CourtCode }),
  strictObject({
    type: Type.Literal('filing-outcome'),
    court: CourtCode,
    filingId: FilingIdV1,
    status: Type.Union([Type.Literal('registered'), Type.Literal('refused')]),
    registration: Type.Optional(RegistrationV1),
    refusal: Type.Optional(RefusalV1),
  }),
  strictObject({ type: Type.Literal('send-document'), item: SentDocumentV1 }),
  // the registry's answers about a court document's recipient (actors/central/exchange/filings/recipient.ts)
  answer('recipient-answer'),
  answer('cabinet-answer'),
  strictObject({ type: Type.Literal('filing'), organisation: OrgId, filingId: Type.String() }),
  strictObject({ type: Type.Literal('notices'), organisation: OrgId, ...CursorQueryV1.properties }),
  strictObject({ type: Type.Literal('inbox'), organisation: OrgId, ...CursorQueryV1.properties }),
  strictObject({ type: Type.Literal('ack'), organisation: OrgId, id: InboxIdV1 }),
  strictObject({ type: Type.Literal('status') }),
]);
export type HubCommandV1 = Static<typeof HubCommandV1>;
