/**
 * The centre's receipt for a checkpoint: "worker `centre` received this
 * checkpoint at `receivedAt` and then held `witnessed` at that gseq". Signed
 * with the worker's bus key (ed25519, runtime/bus/passport.ts) and carrying its
 * operator-issued passport, so the court — or anyone with the bus operator's
 * public key — can prove later what the centre acknowledged (`asds journal
 * verify --receipts`), with no connection to the centre.
 */
import { createHash, verify as edVerify } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { CourtCode } from '../ingest/event.ts';
import { checkpointSignedContent, EpochMs, Gseq, Sha256Hex, type UnsealedCheckpoint } from './checkpoint.ts';
import { publicKeyOf, verifyPassport, type Passport } from '../../runtime/bus/passport.ts';

export const NOT_YET = 'not-yet';

export const ReceiptV1 = Type.Object(
  {
    v: Type.Literal(1),
    court: CourtCode,
    gseq: Gseq,
    hash: Sha256Hex,
    time: EpochMs,
    /** SHA-256 of the checkpoint's sealed content (checkpointId). */
    checkpoint: Sha256Hex,
    receivedAt: EpochMs,
    /** The central worker's bus node name. */
    centre: Type.String({ pattern: '^central-[a-z0-9-]{1,32}$' }),
    /** The hash the centre held at `gseq` when it answered, or `not-yet` (events still on their way). */
    witnessed: Type.Union([Sha256Hex, Type.Literal(NOT_YET)]),
    /** The worker's passport (operator-signed) and its ed25519 signature (base64url) over receiptSignedText. */
    passport: Type.String({ minLength: 10, maxLength: 4096 }),
    sig: Type.String({ pattern: '^[A-Za-z0-9_-]{40,200}$' }),
  },
  { additionalProperties: false },
);
export type ReceiptV1 = Static<typeof ReceiptV1>;
export type UnsignedReceipt = Omit<ReceiptV1, 'passport' | 'sig'>;

/** The centre's answer on the checkpoint subject: a receipt, or why the checkpoint was refused. */
export const CheckpointAnswerV1 = Type.Union([
  Type.Object({ ok: Type.Literal(true), receipt: ReceiptV1 }, { additionalProperties: false }),
  Type.Object({ ok: Type.Literal(false), error: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
]);
export type CheckpointAnswerV1 = Static<typeof CheckpointAnswerV1>;

/** A central worker's request for a checkpoint now (checkpointNowSubject): why, for the court's log. */
export const CheckpointNowV1 = Type.Object(
  { v: Type.Literal(1), reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export type CheckpointNowV1 = Static<typeof CheckpointNowV1>;

/** Identity of a checkpoint: SHA-256 of its sealed content (checkpointSignedContent). */
export function checkpointId(c: UnsealedCheckpoint): string {
  return createHash('sha256').update(checkpointSignedContent(c)).digest('hex');
}

export function receiptSignedText(r: UnsignedReceipt): Buffer {
  return Buffer.from(JSON.stringify(['asds-receipt-v1', r.court, r.gseq, r.hash, r.time, r.checkpoint, r.receivedAt, r.centre, r.witnessed]), 'utf8');
}

/**
 * The central worker that signed `r`, or an Error saying why not: the passport is not the operator's, not a
 * central node's, not the node the receipt names, or the signature does not cover these fields.
 */
export function receiptSigner(r: ReceiptV1, operatorPublicKey: string): Passport {
  const p = verifyPassport(r.passport, operatorPublicKey);
  if (p.class !== 'central') throw new Error(`receipt signed by ${p.node}, not a central worker`);
  if (p.node !== r.centre) throw new Error(`receipt names ${r.centre} but is signed by ${p.node}`);
  if (!edVerify(null, receiptSignedText(r), publicKeyOf(p.nkey), Buffer.from(r.sig, 'base64url'))) throw new Error(`receipt signature of ${p.node} does not cover this receipt`);
  return p;
}
