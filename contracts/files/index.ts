/**
 * The court file service (issue 15: originals' scans to the centre, Засади 13.2; archive packages, 17.1), v1.
 * The centre drives it with signed requests (runtime/bus/nats-sign.ts); only court `<c>` subscribes to its
 * subjects (runtime/bus/permissions.ts):
 *
 *   centre → court  asds.files.<c>.stat   FileStatV1  → FileStatReplyV1 (JSON)
 *   centre → court  asds.files.<c>.chunk  FileChunkV1 → raw bytes of the file at [offset, offset+length)
 *
 * A refusal is an empty reply with header `Asds-Error` (URI-encoded JSON `{code, message}`, FileRefusalV1).
 *
 * Sources:
 * - `blob`: id = the SHA-256 of a scan in the court's content-addressed BlobStore. Only a scan attached to a case
 *   with no covert proceeding is served (Засади 3.1 ¶2: covert material never leaves the court).
 * - `archive`: id = `<packageId>/<path inside the bag>` under `<data>/archive/packages/` — no `..`, no absolute path.
 *
 *   const r = await nc.request(filesStatSubject('537'), body, { headers: signedHeaders(signer, filesStatSubject('537'), body) });
 */
import { Type, type Static } from '@sinclair/typebox';

export const filesStatSubject = (court: string) => `asds.files.${court}.stat`;
export const filesChunkSubject = (court: string) => `asds.files.${court}.chunk`;

/** Largest chunk a court serves (below NATS's default 1 MB max payload). */
export const MAX_FILE_CHUNK_BYTES = 512 * 1024;
/** The header of a refusal (same name as the pull service's). */
export const FILE_ERROR_HEADER = 'Asds-Error';

export const FileSourceV1 = Type.Union([Type.Literal('blob'), Type.Literal('archive')]);
export type FileSourceV1 = Static<typeof FileSourceV1>;

/** A blob id is a SHA-256; an archive id a relative path inside the packages folder (checked again by the court). */
export const FileIdV1 = Type.String({ minLength: 1, maxLength: 1000, pattern: '^[^\\u0000]+$' });

export const FileStatV1 = Type.Object({ source: FileSourceV1, id: FileIdV1 }, { additionalProperties: false });
export type FileStatV1 = Static<typeof FileStatV1>;

export const FileStatReplyV1 = Type.Object(
  { size: Type.Integer({ minimum: 0 }), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) },
  { additionalProperties: false },
);
export type FileStatReplyV1 = Static<typeof FileStatReplyV1>;

export const FileChunkV1 = Type.Object(
  { source: FileSourceV1, id: FileIdV1, offset: Type.Integer({ minimum: 0 }), length: Type.Integer({ minimum: 1, maximum: MAX_FILE_CHUNK_BYTES }) },
  { additionalProperties: false },
);
export type FileChunkV1 = Static<typeof FileChunkV1>;

/** Stable codes of a court's refusal. */
export const FILE_REFUSAL_CODES = ['BAD_REQUEST', 'FORBIDDEN', 'BAD_ID', 'NOT_FOUND', 'NOT_ATTACHED', 'COVERT', 'INTERNAL'] as const;
export type FileRefusalCode = (typeof FILE_REFUSAL_CODES)[number];
export interface FileRefusalV1 {
  code: FileRefusalCode;
  message: string;
}
