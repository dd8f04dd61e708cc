/**
 * Key pairs and private keys at rest. The court CA and seal keys are stored
 * as PKCS#8 EncryptedPrivateKeyInfo (RFC 5958) with PBES2 (RFC 8018):
 * PBKDF2-HMAC-SHA256, 16-byte random salt, AES-256-CBC — the `ENCRYPTED
 * PRIVATE KEY` PEM that OpenSSL, Node (`createPrivateKey({ key, passphrase })`)
 * and HSM import tools read. Built here because Node's own export uses
 * OpenSSL's default of 2,048 PBKDF2 iterations and forge's pure-JS PBKDF2
 * takes seconds; the derivation and AES are Node's, the ASN.1 is forge's.
 */
import { createCipheriv, createPrivateKey, generateKeyPairSync, pbkdf2Sync, randomBytes, type KeyObject } from 'node:crypto';
import { encode, nullValue, octets, oid, seq, smallInt } from './der.ts';
import { KeyNotEncryptedError, KeyPassphraseError } from './errors.ts';
import { toPem } from './pem.ts';

export interface KeyPairPem {
  publicKeyPem: string;
  privateKeyPem: string;
}

/** PBKDF2 rounds: ≈40 ms to open a key on this class of machine, ×200,000 per guess for an attacker. */
export const PBKDF2_ITERATIONS = 200_000;
/** A passphrase shorter than this is refused: the key file is only as strong as it. */
export const MIN_PASSPHRASE_LENGTH = 12;

const OIDS = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  hmacWithSha256: '1.2.840.113549.2.9',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
};

/** RSA-2048 from OpenSSL via Node: milliseconds, where forge's JS keygen takes seconds. */
export function generateRsaKeyPair(): KeyPairPem {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/** An unencrypted private key (PEM, PKCS#1 or PKCS#8) → `ENCRYPTED PRIVATE KEY` PEM with `passphrase`. */
export function encryptPrivateKeyPem(keyPem: string, passphrase: string, iterations = PBKDF2_ITERATIONS): string {
  const der = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(der), cipher.final()]);
  const algorithm = seq(
    oid(OIDS.pbes2),
    seq(
      seq(oid(OIDS.pbkdf2), seq(octets(salt), smallInt(iterations), seq(oid(OIDS.hmacWithSha256), nullValue()))),
      seq(oid(OIDS.aes256Cbc), octets(iv)),
    ),
  );
  return toPem(encode(seq(algorithm, octets(encrypted))), 'ENCRYPTED PRIVATE KEY');
}

export const isEncryptedPem = (pem: string): boolean => pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----');

/**
 * Open a key file's text. A plaintext key (from a data dir of an older version)
 * is refused with the command that encrypts it: silently using it would leave
 * the operator believing the key is protected.
 */
export function openPrivateKey(pem: string, passphrase: string, path: string): KeyObject {
  if (!isEncryptedPem(pem)) throw new KeyNotEncryptedError(path);
  try {
    return createPrivateKey({ key: pem, passphrase });
  } catch (e) {
    throw new KeyPassphraseError(path, { cause: e });
  }
}

/** The PKCS#8 PEM (unencrypted, in memory only) of an opened key, for APIs that take PEM. */
export const keyPemOf = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }) as string;
