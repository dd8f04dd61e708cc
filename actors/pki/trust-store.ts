/** Trust anchors: the court's own CA plus CAs imported as trusted. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { certPartsFromPem, type CertParts } from './cert-parts.ts';
import { NotCaCertificateError } from './errors.ts';
import { caCertPath, readText, trustDir } from './layout.ts';

export type TrustAnchor = CertParts;

export interface TrustStore {
  readonly anchors: readonly TrustAnchor[];
}

/** Only CA certificates can anchor trust; anything else is a configuration error, reported loudly. */
export function createTrustStore(pems: readonly string[]): TrustStore {
  const anchors = pems.map((pem) => {
    const parts = certPartsFromPem(pem);
    if (!parts.x509.ca) throw new NotCaCertificateError(parts.x509.subject);
    return parts;
  });
  return { anchors };
}

/** `ca.crt.pem` (when present) and every `trust/*.crt.pem` of a court PKI directory. */
export function loadTrustStore(dir: string): TrustStore {
  const pems: string[] = [];
  if (existsSync(caCertPath(dir))) pems.push(readText(caCertPath(dir)));
  const extra = trustDir(dir);
  if (existsSync(extra)) {
    for (const name of readdirSync(extra).sort()) {
      if (name.endsWith('.crt.pem')) pems.push(readText(join(extra, name)));
    }
  }
  return createTrustStore(pems);
}
