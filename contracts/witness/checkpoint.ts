/**
 * A sealed checkpoint (issue 11 item 2; Засади 13.2–13.3, 18.1): the court states
 * "my journal's chain head is (gseq, hash), its last event written at `time`",
 * under its court seal, so the centre can hold the court to it later — the
 * signed-tree-head idea of RFC 6962/9162 over a hash chain instead of a Merkle tree.
 *
 * `previous` is the consistency link: the hash the court's chain has NOW at
 * the gseq of the last checkpoint the centre receipted (null when that row is
 * gone). A history rewritten below the head, then covered by new events the
 * centre also receives, still contradicts the earlier checkpoint there.
 */
import { Type, type Static } from '@sinclair/typebox';
import { CourtCode } from '../ingest/event.ts';

export const CHECKPOINT_VERSION = 1;

export const Sha256Hex = Type.String({ pattern: '^[0-9a-f]{64}$' });
/** Epoch milliseconds. */
export const EpochMs = Type.Integer({ minimum: 0, maximum: 8.64e15 });
export const Gseq = Type.Integer({ minimum: 0 });

export const CheckpointSeal = Type.Object(
  {
    format: Type.Literal('cms-detached-der-base64'),
    /** Detached CMS SignedData (CAdES-BES) over the canonical JSON of the checkpoint without `seal`. */
    cms: Type.String({ minLength: 16, maxLength: 64 * 1024, pattern: '^[A-Za-z0-9+/]+={0,2}$' }),
    /** PEM: the seal certificate, then the court CA certificate that issued it. */
    chain: Type.String({ minLength: 64, maxLength: 64 * 1024 }),
  },
  { additionalProperties: false },
);
export type CheckpointSeal = Static<typeof CheckpointSeal>;

export const CheckpointLink = Type.Object(
  {
    gseq: Gseq,
    /** The court's current hash at that gseq; null when the row no longer exists. */
    hash: Type.Union([Sha256Hex, Type.Null()]),
  },
  { additionalProperties: false },
);

export const CheckpointV1 = Type.Object(
  {
    v: Type.Literal(CHECKPOINT_VERSION),
    court: CourtCode,
    /** Chain head: the last durable event's global sequence (0: empty journal). */
    gseq: Gseq,
    /** Its chain hash (the genesis hash for an empty journal). */
    hash: Sha256Hex,
    /** The head event's own timestamp (ts), epoch ms: journal time only moves forward (runtime/clock.ts). */
    time: EpochMs,
    /** When the court sealed it (wall clock), epoch ms. */
    sealedAt: EpochMs,
    previous: Type.Optional(CheckpointLink),
    seal: CheckpointSeal,
  },
  { additionalProperties: false },
);
export type CheckpointV1 = Static<typeof CheckpointV1>;
export type UnsealedCheckpoint = Omit<CheckpointV1, 'seal'>;

/**
 * The bytes the seal signs: a JSON array in a fixed order behind a domain tag — no canonicalisation to get
 * wrong, and a checkpoint signature can never pass for a protocol's (different content shape).
 */
export function checkpointSignedContent(c: UnsealedCheckpoint): Buffer {
  return Buffer.from(
    JSON.stringify(['asds-checkpoint-v1', c.court, c.gseq, c.hash, c.time, c.sealedAt, c.previous?.gseq ?? null, c.previous?.hash ?? null]),
    'utf8',
  );
}
