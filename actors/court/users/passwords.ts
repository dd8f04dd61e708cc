/**
 * Password and token hashing, done by the node (async, off the actor loop).
 * scrypt with a random 16-byte salt; the parameters are stored with the hash
 * so they can be raised later without breaking old passwords.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { ScryptHashV1 } from '../../../contracts/court/index.ts';

export const SCRYPT_DEFAULTS = { N: 16384, r: 8, p: 1, keyLen: 32 } as const;

function scryptAsync(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keyLen, opts, (e, k) => (e ? reject(e) : resolve(k))));
}

export async function hashPassword(password: string, params = SCRYPT_DEFAULTS): Promise<ScryptHashV1> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, params.keyLen, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r });
  return { alg: 'scrypt', N: params.N, r: params.r, p: params.p, keyLen: params.keyLen, salt: salt.toString('base64'), hash: key.toString('base64') };
}

export async function verifyPassword(password: string, stored: ScryptHashV1): Promise<boolean> {
  const key = await scryptAsync(password, Buffer.from(stored.salt, 'base64'), stored.keyLen, {
    N: stored.N,
    r: stored.r,
    p: stored.p,
    maxmem: 256 * stored.N * stored.r,
  });
  const want = Buffer.from(stored.hash, 'base64');
  return want.length === key.length && timingSafeEqual(want, key);
}

/** A fresh bearer token: 32 random bytes, base64url. Only its SHA-256 is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
