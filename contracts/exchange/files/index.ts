/**
 * Information files exchanged between the judiciary's hub (ДСА) and the Ministry of Internal Affairs and its
 * services (Порядок 2021; domain §B): the registry of agreed file types as versioned schemas, the file envelope,
 * the HTTP bodies of the exchange API and the commands of the hub's journal actor `info-files/<org>`.
 *
 *   import { fileTypeOf, FileEnvelopeV1 } from './contracts/exchange/files/index.ts';
 *   const t = fileTypeOf('admin-offence-decision', 1); // { type, version, titleUk, schema }
 *   assertValid(t!.schema, payload);
 */
import { Type, type Static } from '@sinclair/typebox';
import { AdminOffenceDecisionV1 } from './admin-offence-decision.ts';
import { InformationAnswerV1, InformationRequestV1 } from './information-request.ts';
import { DateV1, FileIdV1, InstantV1, ParticipantIdV1, Sha256V1, Text, strictObject, type FileSchema } from './common.ts';
import { RestrictionV1 } from '../filings.ts';

export * from './common.ts';
export { AdminOffenceDecisionV1 } from './admin-offence-decision.ts';
export { InformationAnswerV1, InformationRequestV1 } from './information-request.ts';

export interface FileType {
  type: string;
  version: number;
  /** Its name in the journal (Ukrainian). */
  titleUk: string;
  schema: FileSchema;
  /** The payload field holding the file id of the request it answers (linked files). */
  answers?: string;
}

/** Every agreed type and version. A new version is a new entry; old ones stay readable (Порядок II.1). */
export const FILE_TYPES: readonly FileType[] = [
  { type: 'admin-offence-decision', version: 1, titleUk: 'Судове рішення у справі про адміністративне правопорушення', schema: AdminOffenceDecisionV1 },
  { type: 'information-request', version: 1, titleUk: 'Запит на отримання інформації', schema: InformationRequestV1 },
  { type: 'information-answer', version: 1, titleUk: 'Відповідь на запит', schema: InformationAnswerV1, answers: 'requestId' },
];

export const fileTypeKey = (type: string, version: number) => `${type}@${version}`;

export function fileTypeOf(type: string, version: number): FileType | undefined {
  return FILE_TYPES.find((t) => t.type === type && t.version === version);
}

export const FileTypeNameV1 = Type.String({ pattern: '^[a-z][a-z0-9-]{1,63}$' });
export const FileVersionV1 = Type.Integer({ minimum: 1, maximum: 999 });

/** A file: the JSON of its type and version. Its bytes are what the digest and the signature cover. */
export const FileEnvelopeV1 = strictObject({
  id: FileIdV1,
  type: FileTypeNameV1,
  version: FileVersionV1,
  from: ParticipantIdV1,
  to: ParticipantIdV1,
  createdAt: InstantV1,
  /** The access marking of the file's content: anything but `none` is refused with the reason (never exchanged). */
  restriction: Type.Optional(RestrictionV1),
  payload: Type.Object({}, { additionalProperties: true }),
});
export type FileEnvelopeV1 = Static<typeof FileEnvelopeV1>;

/** Largest file accepted (bytes of its JSON). */
export const MAX_FILE_BYTES = 512 * 1024;

/** `POST /exchange/v1/files`: the file's exact bytes and, optionally, the sender's detached CMS signature (PEM). */
export const UploadFileBodyV1 = strictObject({
  content: Type.String({ minLength: 2, maxLength: MAX_FILE_BYTES }),
  signature: Type.Optional(Type.String({ minLength: 16, maxLength: 64 * 1024 })),
});
export type UploadFileBodyV1 = Static<typeof UploadFileBodyV1>;

export const FetchQueryV1 = strictObject({ after: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })), limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })) });
export const JournalQueryV1 = strictObject({ direction: Type.Optional(Type.Union([Type.Literal('sent'), Type.Literal('received')])) });

/** `POST /exchange/v1/impossibility` (Порядок II.5): what makes the exchange impossible, since when, until when. */
export const ImpossibilityBodyV1 = strictObject({
  reason: Text(2000),
  since: DateV1,
  expectedUntil: Type.Optional(DateV1),
});
export type ImpossibilityBodyV1 = Static<typeof ImpossibilityBodyV1>;

/** The per-participant agreements: which file types each organisation exchanges, and which fields it receives. */
export const AgreementsConfigV1 = strictObject({
  schema: Type.Literal('asds.exchange-agreements/v1'),
  participants: Type.Array(
    strictObject({
      org: ParticipantIdV1,
      /** The agreement (protocol or contract, Порядок II.1) the list comes from. */
      agreement: Text(300),
      /** `<type>@<version>` → the payload fields (dotted paths) the organisation may receive. */
      receives: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9-]{1,63}@[0-9]{1,3}$' }), Type.Array(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*$' }), { maxItems: 200 })),
      /** `<type>@<version>` the organisation may send to the hub. */
      sends: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]{1,63}@[0-9]{1,3}$' }), { maxItems: 100 }),
    }),
    { maxItems: 1000 },
  ),
});
export type AgreementsConfigV1 = Static<typeof AgreementsConfigV1>;

const FileFacts = {
  id: FileIdV1,
  fileType: FileTypeNameV1,
  version: FileVersionV1,
  content: Type.String({ minLength: 2, maxLength: MAX_FILE_BYTES }),
  sha256: Sha256V1,
  size: Type.Integer({ minimum: 0 }),
  requestId: Type.Optional(FileIdV1),
  signature: Type.Optional(Type.String({ maxLength: 64 * 1024 })),
  /** Outcome of the signature check (actors/pki): indication and reason code. */
  signatureCheck: Type.Optional(strictObject({ indication: Text(40), reason: Text(60) })),
  at: Type.Integer({ minimum: 0 }),
};

/** Commands of the hub's journal actor `info-files/<org>` (in-process only: no `remote`). */
export const InfoFilesCommandV1 = Type.Union([
  /** The hub sends a file to the organisation (already stripped to its allow-list). */
  strictObject({ type: Type.Literal('deliver'), ...FileFacts }),
  /** The organisation uploaded a file to the hub. */
  strictObject({ type: Type.Literal('receive'), ...FileFacts }),
  /** The organisation fetched these files (first hand-over is journaled). */
  strictObject({ type: Type.Literal('mark-fetched'), ids: Type.Array(FileIdV1, { minItems: 1, maxItems: 1000 }), at: Type.Integer({ minimum: 0 }) }),
  strictObject({ type: Type.Literal('ack'), id: FileIdV1, at: Type.Integer({ minimum: 0 }) }),
  strictObject({
    type: Type.Literal('notify-impossibility'),
    noticeId: FileIdV1,
    by: Type.Union([Type.Literal('org'), Type.Literal('hub')]),
    reason: Text(2000),
    since: DateV1,
    expectedUntil: Type.Optional(DateV1),
    /** End of the 2nd working day after `since` (Порядок II.5), epoch ms. */
    dueAt: Type.Integer({ minimum: 0 }),
    at: Type.Integer({ minimum: 0 }),
  }),
  /** An unacknowledged file older than 2 working days with no notice: flagged once. */
  strictObject({ type: Type.Literal('record-overdue'), id: FileIdV1, dueAt: Type.Integer({ minimum: 0 }), at: Type.Integer({ minimum: 0 }) }),
  strictObject({ type: Type.Literal('status') }),
]);
export type InfoFilesCommandV1 = Static<typeof InfoFilesCommandV1>;

/** `POST /exchange/files/send` (the judiciary's operator or a court's hand-over): the hub sends a file to `to`. */
export const SendFileBodyV1 = strictObject({
  to: ParticipantIdV1,
  type: FileTypeNameV1,
  version: Type.Optional(FileVersionV1),
  id: Type.Optional(FileIdV1),
  /** The access marking of what is sent: anything but `none` is refused with the reason (never exchanged). */
  restriction: Type.Optional(RestrictionV1),
  payload: Type.Object({}, { additionalProperties: true }),
});
export type SendFileBodyV1 = Static<typeof SendFileBodyV1>;

/** `POST /exchange/files/impossibility` (operator): the hub notifies participants (all agreed ones when `to` is absent). */
export const HubImpossibilityBodyV1 = strictObject({
  to: Type.Optional(Type.Array(ParticipantIdV1, { minItems: 1, maxItems: 1000 })),
  reason: Text(2000),
  since: DateV1,
  expectedUntil: Type.Optional(DateV1),
});
export type HubImpossibilityBodyV1 = Static<typeof HubImpossibilityBodyV1>;
