/** The court's own certification authority and its seal certificate. */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import forge from 'node-forge';
import { buildCertificate, keyIdentifier } from './cert-builder.ts';
import { certPartsFromPem, type CertParts } from './cert-parts.ts';
import { toSeconds } from './der.ts';
import { CaAlreadyExistsError, CaNotFoundError, InvalidValidityError, KeyPassphraseMissingError } from './errors.ts';
import { encryptPrivateKeyPem, generateRsaKeyPair, isEncryptedPem, keyPemOf, MIN_PASSPHRASE_LENGTH, openPrivateKey } from './keys.ts';
import { caCertPath, caKeyPath, readKeyFile, readText, replaceSecret, sealCertPath, sealKeyPath, writePublic, writeSecret } from './layout.ts';
import { caSubject, sealSubject } from './names.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_CA_DAYS = 3650;
export const DEFAULT_SEAL_DAYS = 1095;

export interface InitCourtCaOptions {
  dir: string;
  courtCode: string;
  courtName: string;
  /** CA validity in days (default 3650). The seal gets min(1095, CA validity). */
  validDays?: number;
  now?: Date;
  /** Encrypts the CA and seal private keys at rest (passphrase.ts says where it comes from). */
  passphrase: string;
}

export interface CourtCaInfo {
  dir: string;
  caCertPem: string;
  caSerial: string;
  sealCertPem: string;
  sealSerial: string;
}

/** A loaded CA, ready to issue. */
export interface LoadedCa {
  parts: CertParts;
  key: KeyObject;
  keyId: Buffer;
  courtName: string;
  courtCode: string;
}

export const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * DAY_MS);

export function initCourtCa(options: InitCourtCaOptions): CourtCaInfo {
  const { dir, courtCode, courtName } = options;
  if (existsSync(caCertPath(dir)) || existsSync(caKeyPath(dir))) throw new CaAlreadyExistsError(dir);
  requirePassphrase(options.passphrase);
  const days = options.validDays ?? DEFAULT_CA_DAYS;
  if (!(days > 0)) throw new InvalidValidityError(`validDays must be positive, got ${days}`);
  const notBefore = toSeconds(options.now ?? new Date());
  const notAfter = addDays(notBefore, days);

  const caKeys = generateRsaKeyPair();
  // The key file is written first with O_EXCL: if two processes race, one loses here, before any certificate exists.
  try {
    writeSecret(caKeyPath(dir), encryptPrivateKeyPem(caKeys.privateKeyPem, options.passphrase));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CaAlreadyExistsError(dir);
    throw err;
  }
  const caKey = createPrivateKey(caKeys.privateKeyPem);
  const ca = buildCertificate({
    subject: caSubject(courtCode, courtName),
    subjectPublicKeyPem: caKeys.publicKeyPem,
    issuerKey: caKey,
    notBefore,
    notAfter,
    isCa: true,
  });
  writePublic(caCertPath(dir), ca.pem);

  const loaded = loadCourtCa(dir, options.passphrase);
  const sealKeys = generateRsaKeyPair();
  const seal = buildCertificate({
    subject: sealSubject(courtCode, courtName),
    issuerName: loaded.parts.subject,
    issuerKeyId: loaded.keyId,
    subjectPublicKeyPem: sealKeys.publicKeyPem,
    issuerKey: caKey,
    notBefore,
    notAfter: addDays(notBefore, Math.min(DEFAULT_SEAL_DAYS, days)),
    isCa: false,
  });
  writeSecret(sealKeyPath(dir), encryptPrivateKeyPem(sealKeys.privateKeyPem, options.passphrase));
  writePublic(sealCertPath(dir), seal.pem);
  return { dir, caCertPem: ca.pem, caSerial: ca.serial, sealCertPem: seal.pem, sealSerial: seal.serial };
}

export function loadCourtCa(dir: string, passphrase: string): LoadedCa {
  if (!existsSync(caCertPath(dir)) || !existsSync(caKeyPath(dir))) throw new CaNotFoundError(dir);
  const pem = readText(caCertPath(dir));
  const parts = certPartsFromPem(pem);
  // Our CA is always RSA, so forge can read it; the subject gives back court name and code.
  const forgeCert = forge.pki.certificateFromPem(pem);
  const field = (name: string): string => {
    const f = forgeCert.subject.getField(name) as { value?: string; valueTagClass?: number } | null;
    // forge hands back UTF8String values as raw UTF-8 bytes; decode or they get encoded twice on reissue.
    return f?.valueTagClass === forge.asn1.Type.UTF8 ? forge.util.decodeUtf8(f.value ?? '') : String(f?.value ?? '');
  };
  return {
    parts,
    key: openPrivateKey(readKeyFile(caKeyPath(dir)), passphrase, caKeyPath(dir)),
    keyId: keyIdentifier(forgeCert.publicKey as forge.pki.rsa.PublicKey),
    courtName: field('O'),
    courtCode: field('serialNumber'),
  };
}

/** The seal certificate and its key (decrypted in memory only), for `createSigner`. */
export function readSeal(dir: string, passphrase: string): { certPem: string; keyPem: string } {
  const key = openPrivateKey(readKeyFile(sealKeyPath(dir)), passphrase, sealKeyPath(dir));
  return { certPem: readText(sealCertPath(dir)), keyPem: keyPemOf(key) };
}

/** Refuse a missing or short passphrase before any key is written with it. */
export function requirePassphrase(passphrase: string | undefined): asserts passphrase is string {
  if (typeof passphrase !== 'string' || passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new KeyPassphraseMissingError(`a key passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters is needed to protect the court keys`);
  }
}

/**
 * `asds pki encrypt-keys`: the CA and seal keys of an older data dir, written
 * in clear, re-written encrypted (same keys, certificates unchanged). Returns
 * the files it encrypted; already encrypted ones are left alone.
 */
export function encryptCourtKeys(dir: string, passphrase: string): string[] {
  requirePassphrase(passphrase);
  if (!existsSync(caKeyPath(dir)) && !existsSync(sealKeyPath(dir))) throw new CaNotFoundError(dir);
  const done: string[] = [];
  for (const path of [caKeyPath(dir), sealKeyPath(dir)]) {
    if (!existsSync(path)) continue;
    const pem = readKeyFile(path);
    if (isEncryptedPem(pem)) continue;
    replaceSecret(path, encryptPrivateKeyPem(pem, passphrase));
    done.push(path);
  }
  return done;
}
