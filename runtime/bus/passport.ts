/**
 * Bus passports: who sent a message, provable by the receiver.
 *
 *   const op = createOperator();                       // the centre's operator key (kept offline / 0600)
 *   const court = createUser();                        // the court node's own nkey (also its NATS login)
 *   const token = issuePassport(op.getSeed(), { node: 'court-537', class: 'court', nkey: court.getPublicKey() });
 *   const signer = busSigner(court.getSeed(), token);
 *   const headers = signMessage(signer, 'asds.ingest.537', body);
 *   const who = verifyMessage((h) => headers[h], 'asds.ingest.537', body, op.getPublicKey()); // { node: 'court-537', class: 'court', … }
 *
 * Why: the NATS server authenticates each connection and confines its subjects, but a receiver that must know
 * *which* node sent a message (architecture.md "Trust boundaries": the centre witnesses a court's chain; a court
 * accepts a remote command only from the kind of node its actor kind names) cannot see the connection. So the
 * sender signs the message with its nkey (ed25519) and attaches its passport: the operator's signature binding
 * the node's name and class to that nkey. The receiver needs only the operator's public key — adding a court or a
 * worker changes nothing at the other nodes, and revocation happens at the server (the identity cannot connect).
 *
 * Signed text (v1): `asds-msg-v1\n<subject>\n<sent ms>\n<sha256 hex of body>`.
 * Ed25519 runs in Node's crypto (OpenSSL), not in the nkeys library's JS nacl: ≈ 30× faster per message.
 */
import { createHash, createPrivateKey, createPublicKey, sign as edSign, verify as edVerify, type KeyObject } from 'node:crypto';
import { Forbidden } from '../errors.ts';

export type NodeClass = 'court' | 'central' | 'operator';

export interface Passport {
  v: 1;
  /** Bus node name: `court-537`, `central-1`, `ops-admin`. */
  node: string;
  class: NodeClass;
  /** The node's public nkey (`U…`), the same key the NATS server authenticates. */
  nkey: string;
  /** ISO time the operator issued it. */
  issuedAt: string;
}

/** What a node needs to sign its messages. */
export interface BusSigner {
  node: string;
  class: NodeClass;
  passport: string;
  sign(data: Uint8Array): Uint8Array;
}

export const PASSPORT_HEADER = 'Asds-Passport';
export const SENT_HEADER = 'Asds-Sent';
export const SIGNATURE_HEADER = 'Asds-Sig';

const NODE_NAME = /^(court-[0-9]{1,4}|central-[a-z0-9-]{1,32}|ops-[a-z0-9-]{1,32})$/;
const CLASS_OF_PREFIX: Record<string, NodeClass> = { court: 'court', central: 'central', ops: 'operator' };

/** A node's name says its class (`court-`, `central-`, `ops-`); a passport whose class disagrees is refused. */
export function classOfNode(node: string): NodeClass | undefined {
  if (!NODE_NAME.test(node)) return undefined;
  return CLASS_OF_PREFIX[node.slice(0, node.indexOf('-'))];
}

// ---- nkey text ↔ Node key objects --------------------------------------------------------------

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Decode(s: string): Uint8Array {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of s) {
    const i = B32.indexOf(ch);
    if (i < 0) throw new Forbidden('BAD_KEY', `not an nkey: invalid character ${JSON.stringify(ch)}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/** Raw bytes of an nkey text (seed or public), checksum verified. */
function rawOf(text: string, prefixBytes: number): Uint8Array {
  const all = base32Decode(text);
  const body = all.subarray(0, all.length - 2);
  const crc = all[all.length - 2]! | (all[all.length - 1]! << 8);
  if (crc16(body) !== crc) throw new Forbidden('BAD_KEY', 'nkey checksum mismatch');
  return body.subarray(prefixBytes, prefixBytes + 32);
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

/** Private key of an nkey seed (`SU…`, `SO…`): two prefix bytes, 32 bytes of ed25519 seed. */
export function privateKeyOfSeed(seed: string | Uint8Array): KeyObject {
  const text = typeof seed === 'string' ? seed : new TextDecoder().decode(seed);
  if (text[0] !== 'S') throw new Forbidden('BAD_KEY', 'not an nkey seed');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, rawOf(text.trim(), 2)]), format: 'der', type: 'pkcs8' });
}

const publicKeys = new Map<string, KeyObject>();

/** Public key of an nkey public text (`U…`, `O…`): one prefix byte, 32 bytes of key. Cached. */
export function publicKeyOf(nkey: string): KeyObject {
  let k = publicKeys.get(nkey);
  if (!k) {
    k = createPublicKey({ key: Buffer.concat([SPKI_ED25519, rawOf(nkey, 1)]), format: 'der', type: 'spki' });
    if (publicKeys.size > 10_000) publicKeys.clear();
    publicKeys.set(nkey, k);
  }
  return k;
}

// ---- passports ---------------------------------------------------------------------------------

const b64u = (b: Uint8Array | string) => Buffer.from(b).toString('base64url');

/** The operator issues a node's passport: `<claim b64url>.<ed25519 signature b64url>`. */
export function issuePassport(operatorSeed: string | Uint8Array, p: Omit<Passport, 'v' | 'issuedAt'>, now = new Date()): string {
  if (classOfNode(p.node) !== p.class) throw new Forbidden('BAD_PASSPORT', `node name ${p.node} does not fit class ${p.class}`);
  const claim = b64u(JSON.stringify({ v: 1, node: p.node, class: p.class, nkey: p.nkey, issuedAt: now.toISOString() } satisfies Passport));
  return `${claim}.${b64u(edSign(null, Buffer.from(claim), privateKeyOfSeed(operatorSeed)))}`;
}

const verified = new Map<string, Passport>();

/** The passport's claim, if the operator signed it; else `Forbidden`. Verified tokens are cached. */
export function verifyPassport(token: string, operatorPublicKey: string): Passport {
  const key = `${operatorPublicKey}|${token}`;
  const hit = verified.get(key);
  if (hit) return hit;
  const [claim, sig, extra] = token.split('.');
  if (!claim || !sig || extra !== undefined) throw new Forbidden('BAD_PASSPORT', 'malformed passport');
  if (!edVerify(null, Buffer.from(claim), publicKeyOf(operatorPublicKey), Buffer.from(sig, 'base64url'))) {
    throw new Forbidden('BAD_PASSPORT', 'passport not signed by this bus operator');
  }
  let p: Passport;
  try {
    p = JSON.parse(Buffer.from(claim, 'base64url').toString('utf8')) as Passport;
  } catch {
    throw new Forbidden('BAD_PASSPORT', 'passport claim is not JSON');
  }
  if (p.v !== 1 || typeof p.nkey !== 'string' || classOfNode(p.node) !== p.class) throw new Forbidden('BAD_PASSPORT', 'passport claim is malformed');
  if (verified.size > 10_000) verified.clear();
  verified.set(key, p);
  return p;
}

// ---- messages ----------------------------------------------------------------------------------

export function busSigner(seed: string | Uint8Array, passport: string, operatorPublicKey?: string): BusSigner {
  const key = privateKeyOfSeed(seed);
  const claim = JSON.parse(Buffer.from(passport.split('.')[0]!, 'base64url').toString('utf8')) as Passport;
  if (operatorPublicKey) verifyPassport(passport, operatorPublicKey);
  const own = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519.length);
  if (!Buffer.from(own).equals(Buffer.from(rawOf(claim.nkey, 1)))) throw new Forbidden('BAD_PASSPORT', `passport of ${claim.node} is for another key`);
  return { node: claim.node, class: claim.class, passport, sign: (data) => edSign(null, data, key) };
}

export function signedText(subject: string, sent: string, data: Uint8Array | string): Buffer {
  return Buffer.from(`asds-msg-v1\n${subject}\n${sent}\n${createHash('sha256').update(data).digest('hex')}`);
}

/** Headers that prove `signer` sent `data` (bytes, or text as the UTF-8 NATS sends) on `subject` at `now`. */
export function signMessage(signer: BusSigner, subject: string, data: Uint8Array | string, now = Date.now()): Record<string, string> {
  const sent = String(now);
  return {
    [PASSPORT_HEADER]: signer.passport,
    [SENT_HEADER]: sent,
    [SIGNATURE_HEADER]: b64u(signer.sign(signedText(subject, sent, data))),
  };
}

export interface VerifyOptions {
  /** Refuse messages sent longer ago (or further ahead) than this; default 5 min. `Infinity` for stored frames. */
  maxSkewMs?: number;
  now?: number;
}

/**
 * Who sent this message, proven by its headers; `Forbidden` otherwise (no passport, not the operator's, a
 * signature that does not cover this subject and body, or sent outside the skew window — a replay from long ago).
 */
export function verifyMessage(header: (name: string) => string | undefined, subject: string, data: Uint8Array, operatorPublicKey: string, opts: VerifyOptions = {}): Passport {
  const token = header(PASSPORT_HEADER);
  const sent = header(SENT_HEADER);
  const sig = header(SIGNATURE_HEADER);
  if (!token || !sent || !sig) throw new Forbidden('UNSIGNED', `unsigned message on ${subject}`);
  const p = verifyPassport(token, operatorPublicKey);
  const skew = opts.maxSkewMs ?? 5 * 60_000;
  if (!/^[0-9]{1,15}$/.test(sent) || Math.abs((opts.now ?? Date.now()) - Number(sent)) > skew) {
    throw new Forbidden('STALE_MESSAGE', `message from ${p.node} on ${subject} is outside the ${skew} ms window`);
  }
  if (!edVerify(null, signedText(subject, sent, data), publicKeyOf(p.nkey), Buffer.from(sig, 'base64url'))) {
    throw new Forbidden('BAD_SIGNATURE', `signature of ${p.node} does not cover this message on ${subject}`);
  }
  return p;
}
