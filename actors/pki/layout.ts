/**
 * On-disk layout of a court PKI directory:
 *
 *   ca.crt.pem  ca.key.pem        court CA (key 0600, encrypted PKCS#8)
 *   seal.crt.pem  seal.key.pem    court seal, signs protocols (key 0600, encrypted PKCS#8)
 *   users/<login>.crt.pem|.key.pem staff certificates
 *   external/<sha256>.crt.pem     imported third-party certificates
 *   trust/<sha256>.crt.pem        extra trust anchors (imported CAs)
 *   revocations.json              revoked serials + last CRL number
 *   crl.pem                       latest CRL built by `buildCrl`
 *
 * Every file is written durably (durable.ts: temporary file, fsync, rename,
 * fsync of the folder) — a power loss leaves the old file or the new one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurable } from '../../runtime/durable-file.ts';
import { InvalidLoginError } from './errors.ts';
import { assertOwnerOnly } from './passphrase.ts';

export const caCertPath = (dir: string): string => join(dir, 'ca.crt.pem');
export const caKeyPath = (dir: string): string => join(dir, 'ca.key.pem');
export const sealCertPath = (dir: string): string => join(dir, 'seal.crt.pem');
export const sealKeyPath = (dir: string): string => join(dir, 'seal.key.pem');
export const usersDir = (dir: string): string => join(dir, 'users');
export const externalDir = (dir: string): string => join(dir, 'external');
export const trustDir = (dir: string): string => join(dir, 'trust');
export const revocationsPath = (dir: string): string => join(dir, 'revocations.json');
export const crlPath = (dir: string): string => join(dir, 'crl.pem');

const LOGIN = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

/** Logins become file names: anything that could walk out of `users/` is refused. */
export function userPaths(dir: string, login: string): { cert: string; key: string } {
  if (!LOGIN.test(login)) throw new InvalidLoginError(login);
  return { cert: join(usersDir(dir), `${login}.crt.pem`), key: join(usersDir(dir), `${login}.key.pem`) };
}

export function writePublic(path: string, text: string): void {
  writeFileDurable(path, text, { mode: 0o644 });
}

/** Private keys: 0600 and never overwritten (EEXIST), so a race cannot clobber a key. */
export function writeSecret(path: string, text: string): void {
  writeFileDurable(path, text, { mode: 0o600, exclusive: true });
}

/** Replace a private key file in place (only `pki encrypt-keys`: the same key, now encrypted). */
export function replaceSecret(path: string, text: string): void {
  writeFileDurable(path, text, { mode: 0o600 });
}

export const readText = (path: string): string => readFileSync(path, 'utf8');

/** A private key file's text, refused when group/others can read it. */
export function readKeyFile(path: string): string {
  assertOwnerOnly(path, 'private key file');
  return readText(path);
}
export { existsSync };
