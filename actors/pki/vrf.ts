/**
 * RSA-FDH-VRF-SHA256 (RFC 9381 §4, suite_string 0x01) over the court seal's
 * RSA key: a verifiable random function. Only the seal key's holder can
 * compute the output `beta` for an input `alpha`, anyone with the seal
 * certificate can check it from the proof `pi`, and for a given key and
 * alpha there is exactly ONE valid proof (RSA is a permutation on Z_n), so
 * the holder cannot choose among outputs. Used by the draw `asds-draw/2`
 * (docs/draw-spec.md §6).
 *
 *   k        = length of n in octets
 *   mgf_salt = I2OSP(k, 4) ‖ I2OSP(n, k)
 *   EM       = MGF1-SHA256(0x01 ‖ 0x01 ‖ mgf_salt ‖ alpha, k − 1)
 *   pi       = I2OSP(OS2IP(EM)^d mod n, k)                      (RSASP1)
 *   beta     = SHA-256(0x01 ‖ 0x02 ‖ pi)                          (32 bytes)
 *
 * The private operation is OpenSSL's raw RSA (privateDecrypt without padding:
 * CRT and blinding, the key never leaves Node's KeyObject); verification is
 * BigInt arithmetic, independent of OpenSSL's padding code.
 */
import { constants, createHash, createPublicKey, privateDecrypt, type KeyObject } from 'node:crypto';
import { UnsupportedKeyError } from './errors.ts';

export const VRF_SUITE = 'RSA-FDH-VRF-SHA256' as const;
const SUITE = 0x01;
const MGF_SEPARATOR = 0x01;
const HASH_SEPARATOR = 0x02;

interface RsaPublic {
  n: bigint;
  e: bigint;
  k: number;
}

function b64urlToBigInt(s: string): bigint {
  return BigInt('0x' + (Buffer.from(s, 'base64url').toString('hex') || '0'));
}

export function i2osp(x: bigint, len: number): Buffer {
  const hex = x.toString(16).padStart(len * 2, '0');
  if (hex.length > len * 2) throw new RangeError('integer too large');
  return Buffer.from(hex, 'hex');
}

export function os2ip(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + Buffer.from(b).toString('hex'));
}

function rsaPublic(key: KeyObject): RsaPublic {
  if (key.asymmetricKeyType !== 'rsa') throw new UnsupportedKeyError(`${String(key.asymmetricKeyType)} (the VRF needs the RSA seal key)`);
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' }) as { n: string; e: string };
  const n = b64urlToBigInt(jwk.n);
  return { n, e: b64urlToBigInt(jwk.e), k: Math.ceil(n.toString(16).length / 2) };
}

/** MGF1 (RFC 8017 B.2.1) with SHA-256. */
export function mgf1(seed: Buffer, length: number): Buffer {
  const parts: Buffer[] = [];
  for (let counter = 0, have = 0; have < length; counter++, have += 32) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    parts.push(createHash('sha256').update(seed).update(c).digest());
  }
  return Buffer.concat(parts).subarray(0, length);
}

/** EM = MGF1(suite ‖ 0x01 ‖ mgf_salt ‖ alpha, k − 1). */
function encode(pub: RsaPublic, alpha: Uint8Array): Buffer {
  const salt = Buffer.concat([i2osp(BigInt(pub.k), 4), i2osp(pub.n, pub.k)]);
  return mgf1(Buffer.concat([Buffer.from([SUITE, MGF_SEPARATOR]), salt, Buffer.from(alpha)]), pub.k - 1);
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
  }
  return result;
}

/** The proof pi (k octets) for `alpha` under the private RSA key. Deterministic. */
export function vrfProve(privateKey: KeyObject, alpha: Uint8Array, pub: RsaPublic = rsaPublic(privateKey)): Buffer {
  const em = encode(pub, alpha);
  // Raw RSA: m^d mod n. EM has k − 1 octets, so m < n.
  return privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, Buffer.concat([Buffer.alloc(1), em]));
}

/** beta = SHA-256(suite ‖ 0x02 ‖ pi): the 32 output bytes. */
export function vrfProofToHash(pi: Uint8Array): Buffer {
  return createHash('sha256').update(Buffer.from([SUITE, HASH_SEPARATOR])).update(pi).digest();
}

/** beta when `pi` is THE proof of `alpha` under `publicKey`, otherwise undefined (RFC 9381 §4.3). */
export function vrfVerify(publicKey: KeyObject, alpha: Uint8Array, pi: Uint8Array): Buffer | undefined {
  const pub = rsaPublic(publicKey);
  if (pi.length !== pub.k) return undefined;
  const s = os2ip(pi);
  if (s >= pub.n) return undefined;
  const m = modPow(s, pub.e, pub.n);
  if (m >= 1n << BigInt(8 * (pub.k - 1))) return undefined;
  return i2osp(m, pub.k - 1).equals(encode(pub, alpha)) ? vrfProofToHash(pi) : undefined;
}

/** A prover bound to one private key (the public part parsed once). */
export interface VrfProver {
  readonly suite: typeof VRF_SUITE;
  /** SHA-256 (hex) of the key's SubjectPublicKeyInfo DER: names the key in protocols. */
  readonly keyId: string;
  prove(alpha: Uint8Array): Buffer;
}

export function vrfKeyId(key: KeyObject): string {
  const spki = (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('hex');
}

export function vrfProver(privateKey: KeyObject): VrfProver {
  const pub = rsaPublic(privateKey);
  return { suite: VRF_SUITE, keyId: vrfKeyId(privateKey), prove: (alpha) => vrfProve(privateKey, alpha, pub) };
}
