/**
 * The court's public seal material (issue 13 item 13; docs/draw-spec.md §8):
 * the seal certificate and the court CA that issued it, as a third party
 * needs them to check a protocol's seal and its asds-draw/2 VRF proofs.
 * Public by nature — certificates only, never a key.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { caCertPath, sealCertPath } from '../../pki/layout.ts';
import { vrfKeyId } from '../../pki/vrf.ts';
import { courtPkiDir } from './index.ts';

export interface PublishedCertificate {
  pem: string;
  subject: string;
  issuer: string;
  serial: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 of the certificate DER, lower-case hex. */
  sha256: string;
}

export interface PublishedSeal {
  schema: 'asds.court-seal/v1';
  court: string;
  seal: PublishedCertificate & {
    /** SHA-256 of the seal key's SubjectPublicKeyInfo: the `vrf.key` every asds-draw/2 protocol names. */
    vrfKey: string;
  };
  ca: PublishedCertificate;
}

function describe(pem: string): PublishedCertificate {
  const x = new X509Certificate(pem);
  return {
    pem,
    subject: x.subject.replace(/\n/g, ', '),
    issuer: x.issuer.replace(/\n/g, ', '),
    serial: x.serialNumber,
    validFrom: new Date(x.validFrom).toISOString(),
    validTo: new Date(x.validTo).toISOString(),
    sha256: createHash('sha256').update(x.raw).digest('hex'),
  };
}

/** The seal certificate and CA of a court data dir, or undefined when the node has none yet. */
export function publishedSeal(dataDir: string, court: string): PublishedSeal | undefined {
  const dir = courtPkiDir(dataDir);
  if (!existsSync(sealCertPath(dir)) || !existsSync(caCertPath(dir))) return undefined;
  const sealPem = readFileSync(sealCertPath(dir), 'utf8');
  const seal = describe(sealPem);
  return { schema: 'asds.court-seal/v1', court, seal: { ...seal, vrfKey: vrfKeyId(new X509Certificate(sealPem).publicKey) }, ca: describe(readFileSync(caCertPath(dir), 'utf8')) };
}
