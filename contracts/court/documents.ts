/**
 * Court documents from templates (Засади 13.1–13.2): commands of the
 * `documents` actor (one per court, id = court code). Versioned V1.
 */
import { Type, type Static } from '@sinclair/typebox';

export const DOCUMENTS_KIND = 'documents';

const closed = { additionalProperties: false } as const;
export const LoginV1 = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' });
export const FieldValueV1 = Type.String({ minLength: 1, maxLength: 2000 });
/** Field values taken from the case card by the node (never typed by the client). */
export const CaseFieldsV1 = Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,40}$' }), Type.String({ maxLength: 4000 }));
export const InputFieldsV1 = Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,40}$' }), FieldValueV1, { maxProperties: 30 });
/** `537-000000001-ухвала-ц` */
export const DocumentIdV1 = Type.String({ minLength: 1, maxLength: 120 });

export const DocumentsCommandV1 = Type.Union([
  Type.Object({
    type: Type.Literal('create'),
    template: Type.String({ minLength: 1, maxLength: 64 }),
    ueun: Type.String({ maxLength: 20 }),
    proceedingNumber: Type.String({ maxLength: 30 }),
    caseFields: CaseFieldsV1,
    fields: InputFieldsV1,
    signers: Type.Array(LoginV1, { minItems: 1, maxItems: 10, uniqueItems: true }),
    /**
     * Set by the node (never by a client: the HTTP body has no such field) when the case holds a covert proceeding
     * (Засади 3.1 ¶2): the document and every later event of it carry `restricted: true`, so the redaction policy
     * (contracts/ingest/redaction.ts, official-use-only) lets only its id leave the court — never its content.
     */
    restricted: Type.Optional(Type.Literal(true)),
  }, closed),
  Type.Object({ type: Type.Literal('edit'), documentId: DocumentIdV1, fields: InputFieldsV1 }, closed),
  /** `cms`: detached CMS SignedData, DER, base64, over the document's canonical content; the signer is `meta.author`. */
  Type.Object({ type: Type.Literal('sign'), documentId: DocumentIdV1, cms: Type.String({ minLength: 1, maxLength: 64 * 1024, pattern: '^[A-Za-z0-9+/=\\s]+$' }) }, closed),
  Type.Object({ type: Type.Literal('read'), documentId: DocumentIdV1 }, closed),
  Type.Object({ type: Type.Literal('list'), ueun: Type.Optional(Type.String({ maxLength: 20 })) }, closed),
]);
export type DocumentsCommandV1 = Static<typeof DocumentsCommandV1>;
