/**
 * Why the central archive refuses a package (issue 15 item 6): the stable codes the centre sends the court's
 * `archive` actor in `record-refusal {packageId, code, reason}` — `reason` is Ukrainian text for the archivist,
 * naming the file or event. Nothing is marked transferred on a refusal (Засади 17.1: the case stays with the court
 * until the centre has accepted it); the court fixes the cause and builds the package again.
 */
import { Type, type Static } from '@sinclair/typebox';

export const ARCHIVE_REFUSAL_CODES = [
  /** A file the manifests list is absent at the court (or the court's file service says no such file). */
  'FILE_MISSING',
  /** A file's bytes do not match its manifest line (sha256 or size), or the bag's structure is broken. */
  'FIXITY_MISMATCH',
  /** The court seal over tagmanifest-sha256.txt does not verify under the court CA pinned at the centre. */
  'BAD_SEAL',
  /** A document's signature or a protocol's seal inside the package does not verify (Засади 13.1: an Original is signed). */
  'BAD_SIGNATURE',
  /** The journal segment in the package does not recompute to its sealed checkpoint. */
  'BAD_JOURNAL_PROOF',
  /** The package's case events disagree with the centre's replicated copy of that case (missing, extra, other hash). */
  'EVENTS_DISAGREE',
  /** The package is for another court or case than its `package-built` event says, or its metadata is malformed. */
  'WRONG_PACKAGE',
  /** Anything else validatePackage names (its own code is kept in the reason). */
  'INVALID_PACKAGE',
] as const;
export type ArchiveRefusalCode = (typeof ARCHIVE_REFUSAL_CODES)[number];
export const ArchiveRefusalCodeV1 = Type.Union(ARCHIVE_REFUSAL_CODES.map((c) => Type.Literal(c)));

/** What the centre tells the court on a refusal: the remote command `record-refusal` payload (apart from its type). */
export const ArchiveRefusalV1 = Type.Object(
  {
    packageId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$', maxLength: 128 }),
    code: ArchiveRefusalCodeV1,
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type ArchiveRefusalV1 = Static<typeof ArchiveRefusalV1>;
