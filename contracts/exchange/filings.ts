/**
 * Exchange of procedural documents between courts and prosecutors (exchange order 2024; digest
 * ../shared/domain/exchange-and-reception.md §A), version 1 — in the manner of OASIS ECF 5: an immediate receipt
 * with a filing id, then an asynchronous notice when the court registered (or refused) the document.
 *
 *   POST /exchange/v1/filings          (mTLS: the organisation comes from the client certificate)
 *   { "messageId": "ogp-2026-000123", "court": "537", "ueun": "537/12/26", "kind": "motion",
 *     "title": "клопотання про продовження строку тримання під вартою", "restriction": "none",
 *     "document": { "fileName": "motion.pdf", "mediaType": "application/pdf", "base64": "JVBERi0…" },
 *     "signature": "MIIG…" }                                   // CMS detached over the document's bytes, DER base64
 *   → 202 { "filingId": "f-…", "messageId": "ogp-2026-000123", "receivedAt": "2026-12-07T09:00:00.000Z", "status": "queued" }
 *   GET /exchange/v1/notices?after=0   → { "notices": [{ "cursor": 1, "filingId": "f-…", "status": "registered", "registration": { "number": "41/26", … } }], "next": 1 }
 *   GET /exchange/v1/filings/f-…       → { …, "status": "queued" | "delivered" | "registered" | "refused" }
 *
 * Court → prosecutor: the court's `POST /cases/:court/:seq/:yy/exchange/outgoing` (OutgoingBodyV1); the cabinet reads
 * `GET /exchange/v1/inbox?after=` and acknowledges `POST /exchange/v1/inbox/:id/ack`.
 *
 * Documents with official-use-only information or state secrets are never exchanged (§A): `restriction` other than
 * `none` is refused with the reason, in both directions, before anything is stored or sent.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CorrespondenceKindSchemaV1 } from '../court/correspondence.ts';
import { DateV1, ProceedingNumberV1, Text, UeunV1, strictObject } from '../court/common.ts';

export const RESTRICTIONS = ['none', 'official-use', 'state-secret'] as const;
export const RestrictionV1 = Type.Union(
  RESTRICTIONS.map((r) => Type.Literal(r)),
  { description: 'обмеження доступу: none; official-use (службова інформація) і state-secret (державна таємниця) не обмінюються' },
);
export type RestrictionV1 = Static<typeof RestrictionV1>;

/** Why a restricted document is never exchanged (§A), for people. */
export const RESTRICTION_REASONS: Record<Exclude<RestrictionV1, 'none'>, string> = {
  'official-use': 'Документ містить службову інформацію: такі документи не надсилаються через обмін (наказ 2024 р.)',
  'state-secret': 'Документ містить державну таємницю: такі документи не надсилаються через обмін (наказ 2024 р.)',
};

/** Largest document, bytes (before base64). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const BASE64 = '^[A-Za-z0-9+/]*={0,2}$';

export const DocumentV1 = strictObject({
  fileName: Text(200),
  mediaType: Type.String({ pattern: '^[a-z]+/[a-z0-9.+-]+$', maxLength: 100 }),
  base64: Type.String({ minLength: 1, maxLength: Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4, pattern: BASE64 }),
});
export type DocumentV1 = Static<typeof DocumentV1>;

/** CMS detached signature (DER, base64) over the document's bytes. */
export const SignatureV1 = Type.String({ minLength: 1, maxLength: 64 * 1024, pattern: BASE64 });

export const MessageIdV1 = Type.String({ pattern: '^[A-Za-z0-9_.:/-]{1,100}$', description: 'the sender’s own message id; a repeat with the same content gets the same receipt' });
export const FilingIdV1 = Type.String({ pattern: '^f-[0-9a-f]{32}$' });
export const InboxIdV1 = Type.String({ pattern: '^d-[0-9a-f]{32}$' });

/** POST /exchange/v1/filings */
export const FilingBodyV1 = strictObject(
  {
    messageId: MessageIdV1,
    court: Type.String({ pattern: '^[0-9]{1,4}$', description: 'court code, e.g. 537' }),
    /** The case: its ЄУН, or (without it) the proceeding number alone — one of the two is required. */
    ueun: Type.Optional(UeunV1),
    /** The proceeding the document is filed in; required when the case has more than one. */
    proceedingNumber: Type.Optional(ProceedingNumberV1),
    kind: CorrespondenceKindSchemaV1,
    title: Text(500),
    restriction: RestrictionV1,
    document: DocumentV1,
    /** Optional in the schema only so that an unsigned filing gets its own typed error (SIGNATURE_MISSING). */
    signature: Type.Optional(SignatureV1),
  },
  'процесуальний документ прокуратури до справи суду',
);
export type FilingBodyV1 = Static<typeof FilingBodyV1>;

export const FILING_STATUSES = ['queued', 'delivered', 'registered', 'refused'] as const;
export const FilingStatusNameV1 = Type.Union(FILING_STATUSES.map((s) => Type.Literal(s)));
export type FilingStatusNameV1 = Static<typeof FilingStatusNameV1>;

export const FilingReceiptV1 = strictObject({ filingId: FilingIdV1, messageId: MessageIdV1, receivedAt: Type.String(), status: Type.Literal('queued') });
export type FilingReceiptV1 = Static<typeof FilingReceiptV1>;

/** How the hub found the signature on arrival (actors/pki verifyDetached), stored with the filing. */
export const VerificationV1 = strictObject({
  indication: Type.String(),
  code: Type.String(),
  uk: Type.String(),
  signer: Type.Optional(strictObject({ subject: Type.String(), issuer: Type.String(), serial: Type.String() })),
  at: Type.String(),
});
export type VerificationV1 = Static<typeof VerificationV1>;

/** The court's registration: the number in its journal of incoming correspondence, and the case and proceeding it joined. */
export const RegistrationV1 = strictObject({
  number: Type.String(),
  registrationDate: DateV1,
  registeredAt: Type.String(),
  ueun: Type.Optional(Type.String()),
  proceedingNumber: Type.Optional(Type.String()),
});
export type RegistrationV1 = Static<typeof RegistrationV1>;
export const RefusalV1 = strictObject({ code: Type.String(), reason: Type.String() });
export type RefusalV1 = Static<typeof RefusalV1>;

/** GET /exchange/v1/filings/:id */
export const FilingStatusV1 = strictObject({
  filingId: FilingIdV1,
  messageId: MessageIdV1,
  court: Type.String(),
  ueun: Type.Optional(Type.String()),
  proceedingNumber: Type.Optional(Type.String()),
  kind: Type.String(),
  title: Type.String(),
  status: FilingStatusNameV1,
  receivedAt: Type.String(),
  deliveredAt: Type.Optional(Type.String()),
  decidedAt: Type.Optional(Type.String()),
  registration: Type.Optional(RegistrationV1),
  refusal: Type.Optional(RefusalV1),
  verification: VerificationV1,
  documentSha256: Type.String(),
});
export type FilingStatusV1 = Static<typeof FilingStatusV1>;

export const NoticeV1 = strictObject({
  cursor: Type.Integer({ minimum: 1 }),
  filingId: FilingIdV1,
  messageId: MessageIdV1,
  status: Type.Union([Type.Literal('registered'), Type.Literal('refused')]),
  at: Type.String(),
  registration: Type.Optional(RegistrationV1),
  refusal: Type.Optional(RefusalV1),
});
export type NoticeV1 = Static<typeof NoticeV1>;

export const CursorQueryV1 = strictObject({
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type CursorQueryV1 = Static<typeof CursorQueryV1>;

export const NoticesPageV1 = strictObject({ notices: Type.Array(NoticeV1), next: Type.Integer({ minimum: 0 }) });
export type NoticesPageV1 = Static<typeof NoticesPageV1>;

/** Procedural documents a court sends (ухвала, рішення, постанова, повістка, лист…). */
export const OUTGOING_KINDS = ['ruling', 'decision', 'resolution', 'summons', 'notice', 'letter', 'other'] as const;
export const OUTGOING_KIND_NAMES: Record<(typeof OUTGOING_KINDS)[number], string> = {
  ruling: 'ухвала',
  decision: 'рішення',
  resolution: 'постанова',
  summons: 'судова повістка',
  notice: 'повідомлення',
  letter: 'лист',
  other: 'інший документ',
};
export const OutgoingKindV1 = Type.Union(OUTGOING_KINDS.map((k) => Type.Literal(k)));

export const OrganisationIdV1 = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{1,63}$' });

/**
 * Court HTTP: POST /cases/:court/:seq/:yy/exchange/outgoing — either the signed bytes (`document` + `signature`) or
 * `documentId`: an Original of the court's documents (its canonical content and its first signature).
 */
export const OutgoingBodyV1 = strictObject(
  {
    organisation: OrganisationIdV1,
    proceedingNumber: Type.Optional(ProceedingNumberV1),
    kind: OutgoingKindV1,
    title: Text(500),
    restriction: RestrictionV1,
    document: Type.Optional(DocumentV1),
    signature: Type.Optional(SignatureV1),
    documentId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  'процесуальний документ суду до електронного кабінету прокуратури',
);
export type OutgoingBodyV1 = Static<typeof OutgoingBodyV1>;

export const OutgoingReplyV1 = strictObject({
  outgoingId: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('refused')]),
  inboxId: Type.Optional(InboxIdV1),
  refusal: Type.Optional(RefusalV1),
  verification: VerificationV1,
});
export type OutgoingReplyV1 = Static<typeof OutgoingReplyV1>;

/** One document in a cabinet's inbox (GET /exchange/v1/inbox). */
export const InboxItemV1 = strictObject({
  cursor: Type.Integer({ minimum: 1 }),
  id: InboxIdV1,
  court: Type.String(),
  ueun: Type.String(),
  proceedingNumber: Type.Optional(Type.String()),
  kind: Type.String(),
  kindName: Type.String(),
  title: Type.String(),
  document: DocumentV1,
  signature: Type.String(),
  verification: VerificationV1,
  sentAt: Type.String(),
  acknowledgedAt: Type.Optional(Type.String()),
});
export type InboxItemV1 = Static<typeof InboxItemV1>;
export const InboxPageV1 = strictObject({ items: Type.Array(InboxItemV1), next: Type.Integer({ minimum: 0 }) });
export type InboxPageV1 = Static<typeof InboxPageV1>;

/** Every refusal of the exchange API. */
export const ExchangeErrorV1 = strictObject({ error: Type.String({ description: 'stable code' }), message: Type.String({ description: 'for people, Ukrainian' }), details: Type.Optional(Type.Unknown()) });
