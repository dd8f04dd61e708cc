/**
 * The central archive's acceptance receipt for an archival package (issue 15 item 4, Засади 17.1): "central worker
 * `centre` accepted package `packageId` of case `ueun` from court `court` at `acceptedAt`: `files` files, `bytes`
 * bytes, whose tag manifest hashes to `tagmanifestSha256`". Signed with the worker's bus key (ed25519,
 * runtime/bus/passport.ts) and carrying its operator-issued passport — like the witness receipt
 * (contracts/witness/receipt.ts) — so the court, or anyone holding the bus operator's public key, can prove later what
 * the centre accepted, offline. The tag manifest's hash pins every payload file (manifest-sha256.txt is itself listed
 * in tagmanifest-sha256.txt, BagIt RFC 8493 §2.2.1), so one hash binds the whole package.
 *
 *   const r = signArchiveReceipt({ v: 1, court, ueun, packageId, tagmanifestSha256, files, bytes, acceptedAt, centre }, signer);
 *   archiveReceiptSigner(r, operatorPublicKey);   // the central worker's passport, or throws ArchiveReceiptInvalid
 */
import { verify as edVerify } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { CourtCode } from '../ingest/event.ts';
import { UeunV1 } from '../court/common.ts';
import { EpochMs, Sha256Hex } from '../witness/checkpoint.ts';
import { publicKeyOf, verifyPassport, type BusSigner, type Passport } from '../../runtime/bus/passport.ts';

/** A package id is a folder name at the court and at the centre: no separators, no `..`. */
export const ArchivePackageId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$', maxLength: 128 });

export const ArchiveReceiptV1 = Type.Object(
  {
    v: Type.Literal(1),
    court: CourtCode,
    ueun: UeunV1,
    packageId: ArchivePackageId,
    /** SHA-256 of the bag's tagmanifest-sha256.txt as received, checked and stored. */
    tagmanifestSha256: Sha256Hex,
    /** Number of files of the bag stored (payload and tag files). */
    files: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    /** Their total size in bytes. */
    bytes: Type.Integer({ minimum: 0 }),
    acceptedAt: EpochMs,
    /** The central worker's bus node name. */
    centre: Type.String({ pattern: '^central-[a-z0-9-]{1,32}$' }),
    /** The worker's passport (operator-signed) and its ed25519 signature (base64url) over archiveReceiptSignedText. */
    passport: Type.String({ minLength: 10, maxLength: 4096 }),
    sig: Type.String({ pattern: '^[A-Za-z0-9_-]{40,200}$' }),
  },
  { additionalProperties: false },
);
export type ArchiveReceiptV1 = Static<typeof ArchiveReceiptV1>;
export type UnsignedArchiveReceipt = Omit<ArchiveReceiptV1, 'passport' | 'sig'>;

/** The exact bytes signed: a domain tag (never valid as another receipt kind) and every field in a fixed order. */
export function archiveReceiptSignedText(r: UnsignedArchiveReceipt): Buffer {
  return Buffer.from(
    JSON.stringify(['asds-archive-receipt-v1', r.court, r.ueun, r.packageId, r.tagmanifestSha256, r.files, r.bytes, r.acceptedAt, r.centre]),
    'utf8',
  );
}

/** Signs with a central worker's bus signer (runtime/bus/nats-sign.ts signerOf). */
export function signArchiveReceipt(r: UnsignedArchiveReceipt, signer: BusSigner): ArchiveReceiptV1 {
  if (signer.class !== 'central') throw new ArchiveReceiptInvalid(`${signer.node} is not a central worker`);
  if (signer.node !== r.centre) throw new ArchiveReceiptInvalid(`receipt names ${r.centre} but the signer is ${signer.node}`);
  const u: UnsignedArchiveReceipt = {
    v: 1, court: r.court, ueun: r.ueun, packageId: r.packageId, tagmanifestSha256: r.tagmanifestSha256,
    files: r.files, bytes: r.bytes, acceptedAt: r.acceptedAt, centre: r.centre,
  };
  return { ...u, passport: signer.passport, sig: Buffer.from(signer.sign(archiveReceiptSignedText(u))).toString('base64url') };
}

/** A receipt that does not prove what it says; `code` is stable for callers and logs. */
export class ArchiveReceiptInvalid extends Error {
  readonly code = 'ARCHIVE_RECEIPT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveReceiptInvalid';
  }
}

/**
 * The central worker that signed `r`, or ArchiveReceiptInvalid saying why not: the passport is not the operator's,
 * not a central node's, not the node the receipt names, or the signature does not cover these fields. Checks the
 * signature only — the caller compares court/packageId/tagmanifestSha256 with its own package.
 */
export function archiveReceiptSigner(r: ArchiveReceiptV1, operatorPublicKey: string): Passport {
  let p: Passport;
  try {
    p = verifyPassport(r.passport, operatorPublicKey);
  } catch (e) {
    throw new ArchiveReceiptInvalid(`receipt passport: ${(e as Error).message}`);
  }
  if (p.class !== 'central') throw new ArchiveReceiptInvalid(`receipt signed by ${p.node}, not a central worker`);
  if (p.node !== r.centre) throw new ArchiveReceiptInvalid(`receipt names ${r.centre} but is signed by ${p.node}`);
  let ok = false;
  try {
    ok = edVerify(null, archiveReceiptSignedText(r), publicKeyOf(p.nkey), Buffer.from(r.sig, 'base64url'));
  } catch {
    ok = false;
  }
  if (!ok) throw new ArchiveReceiptInvalid(`receipt signature of ${p.node} does not cover this receipt`);
  return p;
}
