/**
 * The case dossier (issue 15 item 3; Засади 17.1): everything the court's database holds on one
 * considered case, collected by the court node (actors/court/archive) and turned into an archival
 * package by `buildPackage` (build.ts). A plain value: no handles, no lazy reads — except scans,
 * which are named by file path (they can be large; build.ts streams them and re-hashes each one
 * against the sha256 given here, refusing a mismatch before anything is written).
 *
 * Texts are Ukrainian as the court prints them (court name, judge's full name, category label):
 * the package is read by people long after the logins and ids mean anything.
 *
 *   const d: CaseDossier = {
 *     v: 1,
 *     court: { code: '537', name: 'Лубенський міськрайонний суд Полтавської області' },
 *     case: { ueun: '537/12/26', proceedings: ['2/537/12/26'], category: '2', categoryLabel: 'цивільна справа',
 *       judge: 'Петренко Олена Василівна', registeredOn: '2026-01-12', decidedOn: '2026-03-02',
 *       legalForceOn: '2026-04-02', closedOn: '2026-05-10' },
 *     retention: { years: 5, basis: 'Перелік судових справ і документів (наказ ДСА № 1087), п. 2.1', until: '2031-12-31' },
 *     packedAt: '2026-12-07T06:00:00.000Z',
 *     card, journal: caseRows, documents, protocols, scans,
 *     proof: { segment, checkpoint, receipt },
 *   };
 *   assertValid(CaseDossierV1, d, 'case dossier');
 */
import { Type, type Static } from '@sinclair/typebox';
import { CheckpointV1 } from '../../contracts/witness/checkpoint.ts';
import { ReceiptV1 } from '../../contracts/witness/receipt.ts';
import { CourtCodeV1, DateV1, ProceedingNumberV1, UeunV1 } from '../../contracts/court/common.ts';

export const DOSSIER_VERSION = 1;

const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Base64 = Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$' });
const Name = (max = 500) => Type.String({ minLength: 1, maxLength: max });
const closed = { additionalProperties: false } as const;

/** The court: code and full Ukrainian name (issue 13 item 12 — never "Суд 537"). */
export const DossierCourtV1 = Type.Object({ code: CourtCodeV1, name: Name(300) }, closed);

/** The case facts printed in bag-info.txt and the опис. Dates are court-local civil dates (YYYY-MM-DD). */
export const DossierCaseV1 = Type.Object(
  {
    ueun: UeunV1,
    /** Every proceeding number of the card, in registration order. */
    proceedings: Type.Array(ProceedingNumberV1, { minItems: 1, maxItems: 100 }),
    /** Category code (proceeding index or the court's archive.yaml category). */
    category: Name(100),
    /** Its Ukrainian label, e.g. 'цивільна справа позовного провадження'. */
    categoryLabel: Name(300),
    /** The presiding judge's full name (Ukrainian), never a login. */
    judge: Name(300),
    registeredOn: DateV1,
    decidedOn: Type.Optional(DateV1),
    legalForceOn: Type.Optional(DateV1),
    /** The day the case was closed for the archive (execution completed / holding period over). */
    closedOn: DateV1,
  },
  closed,
);

/** Retention (строк зберігання) and its basis in the court's configuration / the ДСА list. */
export const DossierRetentionV1 = Type.Object(
  {
    /** Years; 0 = permanent (постійно). */
    years: Type.Integer({ minimum: 0, maximum: 500 }),
    /** The rule that sets it, in Ukrainian, e.g. 'Перелік судових справ і документів, п. 2.1'. */
    basis: Name(1000),
    /** Last day of the term (absent for permanent retention). */
    until: Type.Optional(DateV1),
  },
  closed,
);

/**
 * One row of the case's journal as the court stores it (chain format 2, runtime/journal/hash.ts): give
 * every row in full. The package carries the full row (meta, data, salt — the validator recomputes
 * `hidden` = SHA-256(salt ‖ JSON([meta, data]))) only when its committed public view withheld nothing;
 * a row whose view withheld something (covert values, ciphertexts, personal keys) goes as that public
 * view alone — covert never leaves the court (Засади 3.1 ¶2, contracts/ingest/redaction.ts).
 */
export const CaseJournalRowV1 = Type.Object(
  {
    gseq: Type.Integer({ minimum: 1 }),
    /** `kind/id`, e.g. `case/537/12/26`. */
    actor: Type.String({ minLength: 3, maxLength: 300 }),
    aseq: Type.Integer({ minimum: 1 }),
    type: Type.String({ minLength: 1, maxLength: 100 }),
    ts: Type.Integer({ minimum: 0 }),
    /** Stored JSON texts exactly as journaled (not re-encoded: the digest is over these bytes). */
    meta: Type.String(),
    data: Type.String(),
    /** 16 bytes hex (format 2). */
    salt: Type.String({ pattern: '^[0-9a-f]{32}$' }),
    /** The committed public view text (JSON {author, data, redacted}). */
    pub: Type.String(),
    prevHash: Sha256,
    hash: Sha256,
  },
  closed,
);

/**
 * One row of the chain segment as the centre receives it (contracts/ingest/event.ts IngestEventV2
 * without the envelope): the public view and the salted digest of the rest — enough to recompute
 * its hash with chainHashV2 and nothing that may not leave the court.
 */
export const ChainRowV1 = Type.Object(
  {
    gseq: Type.Integer({ minimum: 1 }),
    actor: Type.String({ minLength: 3, maxLength: 300 }),
    aseq: Type.Integer({ minimum: 1 }),
    type: Type.String({ minLength: 1, maxLength: 100 }),
    ts: Type.Integer({ minimum: 0 }),
    hidden: Sha256,
    author: Type.String({ maxLength: 200 }),
    data: Type.Record(Type.String(), Type.Unknown()),
    redacted: Type.Array(Type.String({ maxLength: 300 })),
    prevHash: Sha256,
    hash: Sha256,
  },
  closed,
);

/**
 * The journal proof: a contiguous run of chain rows — from the row before the case's first event (or the
 * case's first event when it is gseq 1) up to the sealed checkpoint's gseq — the checkpoint under the
 * court seal (actors/court/checkpoint) and, when the court holds it, the centre's receipt for exactly that
 * checkpoint (contracts/witness/receipt.ts). The last row's hash must equal `checkpoint.hash`.
 */
export const DossierProofV1 = Type.Object(
  {
    segment: Type.Array(ChainRowV1, { minItems: 1 }),
    checkpoint: CheckpointV1,
    receipt: Type.Optional(ReceiptV1),
  },
  closed,
);

/** A signature on a document: detached CMS (DER, base64) and the signer's name as people read it. */
export const DossierSignatureV1 = Type.Object(
  {
    /** Full Ukrainian name of the signer (from the certificate subject), never a login. */
    signerName: Name(300),
    /** When signed (ISO 8601). */
    at: Type.String({ minLength: 10, maxLength: 40 }),
    cms: Base64,
  },
  closed,
);

/**
 * A court document of the case (actors/court/documents): `content` is EXACTLY the bytes its signers
 * signed (canonicalContent(doc) — canonical JSON), so each CMS verifies against the file in the package.
 */
export const DossierDocumentV1 = Type.Object(
  {
    /** Unique id (Засади 13.2), e.g. `537-000000001-ухвала-ц`. */
    id: Type.String({ pattern: '^[^/\\\\\\x00-\\x1f]{1,120}$' }),
    /** Ukrainian title for the опис. */
    title: Name(500),
    /** Document type word, e.g. 'ухвала', 'рішення'. */
    type: Name(100),
    proceedingNumber: Type.Optional(ProceedingNumberV1),
    state: Type.Union([Type.Literal('Draft'), Type.Literal('Original')]),
    createdAt: Type.String({ minLength: 10, maxLength: 40 }),
    originalAt: Type.Optional(Type.String({ minLength: 10, maxLength: 40 })),
    /** Pages when known (a rendering or the registered requisites); the опис prints the size otherwise. */
    pages: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    mediaType: Name(100),
    content: Type.Uint8Array(),
    signatures: Type.Array(DossierSignatureV1, { maxItems: 20 }),
  },
  closed,
);

/** A distribution protocol (Засади 4, 13): its sealed content and the court seal's detached CMS. */
export const DossierProtocolV1 = Type.Object(
  {
    documentId: Type.String({ pattern: '^[^/\\\\\\x00-\\x1f]{1,120}$' }),
    title: Name(500),
    /** ISO 8601 of the protocol. */
    at: Type.String({ minLength: 10, maxLength: 40 }),
    /** Exactly the sealed bytes (actors/court/seal signedContentOf: canonical JSON without signature/journal). */
    content: Type.Uint8Array(),
    seal: Type.Object({ cms: Base64, signerName: Name(300) }, closed),
  },
  closed,
);

/** A scan (attachment) of the case: a file in the court's BlobStore, by path, with its fixity. */
export const DossierScanV1 = Type.Object(
  {
    path: Type.String({ minLength: 1, maxLength: 4096 }),
    sha256: Sha256,
    size: Type.Integer({ minimum: 0 }),
    /** Original file name as attached (kept in the опис; the package stores it as `<sha256>.<ext>`). */
    fileName: Name(255),
    mediaType: Name(100),
    /** Ukrainian title for the опис when the card names one. */
    title: Type.Optional(Name(500)),
    pages: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  closed,
);

export const CaseDossierV1 = Type.Object(
  {
    v: Type.Literal(DOSSIER_VERSION),
    court: DossierCourtV1,
    case: DossierCaseV1,
    retention: DossierRetentionV1,
    /**
     * When the package is made (ISO 8601): written into bag-info.txt (Bagging-Date) and the опис. Given, not
     * read from the clock, so the same dossier gives the same bytes (only the seal's CMS differs).
     */
    packedAt: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T' }),
    /** The card as the court API returns it (contracts/court/card.ts CardV1): covert fields only as ciphertexts. */
    card: Type.Record(Type.String(), Type.Unknown()),
    /** The case's journal rows in gseq order (every actor row that belongs to the case). */
    journal: Type.Array(CaseJournalRowV1, { minItems: 1 }),
    documents: Type.Array(DossierDocumentV1),
    protocols: Type.Array(DossierProtocolV1),
    scans: Type.Array(DossierScanV1),
    proof: DossierProofV1,
  },
  closed,
);

export type CaseDossierV1 = Static<typeof CaseDossierV1>;
/** The name the interface uses (plan.md). */
export type CaseDossier = CaseDossierV1;
export type CaseJournalRow = Static<typeof CaseJournalRowV1>;
export type ChainRow = Static<typeof ChainRowV1>;
export type DossierDocument = Static<typeof DossierDocumentV1>;
export type DossierProtocol = Static<typeof DossierProtocolV1>;
export type DossierScan = Static<typeof DossierScanV1>;
export type DossierSignature = Static<typeof DossierSignatureV1>;
