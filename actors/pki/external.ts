/** Certificates from outside the court: other courts' CAs, qualified providers, their users. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { certPartsFromPem } from './cert-parts.ts';
import { NotCaCertificateError } from './errors.ts';
import { externalDir, trustDir, writePublic } from './layout.ts';

export interface ImportExternalOptions {
  dir: string;
  pem: string;
  /** Add to `trust/` as an anchor; only allowed for a CA certificate. */
  trusted?: boolean;
}

export interface ImportedCertificate {
  /** SHA-256 of the DER, lower-case hex; also the file name. */
  fingerprint: string;
  subject: string;
  serial: string;
  isCa: boolean;
  trusted: boolean;
  path: string;
}

export function importExternalCertificate(options: ImportExternalOptions): ImportedCertificate {
  const parts = certPartsFromPem(options.pem);
  const isCa = parts.x509.ca;
  if (options.trusted && !isCa) throw new NotCaCertificateError(parts.x509.subject);
  const fingerprint = createHash('sha256').update(parts.der).digest('hex');
  // Re-emit the PEM from the DER so the stored file holds exactly one clean certificate.
  const pem = parts.x509.toString();
  const fileName = `${fingerprint}.crt.pem`;
  const path = join(externalDir(options.dir), fileName);
  writePublic(path, pem);
  if (options.trusted) writePublic(join(trustDir(options.dir), fileName), pem);
  return { fingerprint, subject: parts.x509.subject, serial: parts.serial, isCa, trusted: options.trusted === true, path };
}
