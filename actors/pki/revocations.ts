/** The CA's record of revoked serials (`revocations.json`), source for `buildCrl`. */
import { existsSync, readdirSync } from 'node:fs';
import { writeFileDurable } from '../../runtime/durable-file.ts';
import { join } from 'node:path';
import { certPartsFromPem } from './cert-parts.ts';
import { normalizeSerial, toSeconds } from './der.ts';
import { CaNotFoundError, UnknownSerialError } from './errors.ts';
import { caCertPath, caKeyPath, readText, revocationsPath, sealCertPath, usersDir } from './layout.ts';

/** RFC 5280 5.3.1 CRLReason names and codes (7 is unused by the RFC). */
export const CRL_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;
export type CrlReason = keyof typeof CRL_REASONS;

export interface RevocationEntry {
  serial: string;
  /** ISO-8601 */
  revokedAt: string;
  reason: CrlReason;
}

interface RevocationFile {
  lastCrlNumber: number;
  revoked: RevocationEntry[];
}

export function readRevocations(dir: string): RevocationFile {
  const path = revocationsPath(dir);
  if (!existsSync(path)) return { lastCrlNumber: 0, revoked: [] };
  return JSON.parse(readText(path)) as RevocationFile;
}

/** Durable write-then-rename: a crash or power loss leaves the old list or the new one, never half of one. */
export function writeRevocations(dir: string, data: RevocationFile): void {
  writeFileDurable(revocationsPath(dir), JSON.stringify(data, null, 2) + '\n', { mode: 0o644 });
}

function issuedSerials(dir: string): Set<string> {
  const serials = new Set<string>();
  const add = (path: string): void => {
    serials.add(certPartsFromPem(readText(path)).serial);
  };
  if (existsSync(sealCertPath(dir))) add(sealCertPath(dir));
  if (existsSync(usersDir(dir))) {
    for (const name of readdirSync(usersDir(dir))) if (name.endsWith('.crt.pem')) add(join(usersDir(dir), name));
  }
  return serials;
}

export interface RevokeOptions {
  dir: string;
  /** Hex serial (any case, leading zeros and colons ignored). */
  serial: string;
  reason?: CrlReason;
  /** Default now. */
  revokedAt?: Date;
}

/**
 * Records a revocation; takes effect for verifiers once `buildCrl` publishes it.
 * Idempotent: revoking an already revoked serial returns the first record
 * unchanged (the original revocation time is what matters legally).
 */
export function revokeCertificate(options: RevokeOptions): RevocationEntry {
  const { dir } = options;
  // Recording a revocation needs no key (the CRL signing does): fail before anything is written.
  if (!existsSync(caCertPath(dir)) || !existsSync(caKeyPath(dir))) throw new CaNotFoundError(dir);
  const serial = normalizeSerial(options.serial);
  if (!issuedSerials(dir).has(serial)) throw new UnknownSerialError(options.serial);
  const data = readRevocations(dir);
  const existing = data.revoked.find((e) => e.serial === serial);
  if (existing) return existing;
  const entry: RevocationEntry = {
    serial,
    revokedAt: toSeconds(options.revokedAt ?? new Date()).toISOString(),
    reason: options.reason ?? 'unspecified',
  };
  writeRevocations(dir, { ...data, revoked: [...data.revoked, entry] });
  return entry;
}
