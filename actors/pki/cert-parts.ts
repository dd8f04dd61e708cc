/**
 * Reads the parts of a certificate that Node's X509Certificate does not expose
 * as DER (issuer Name, serial INTEGER). Uses forge.asn1 rather than
 * forge.pki.certificateFromAsn1, which rejects non-RSA keys.
 */
import { X509Certificate } from 'node:crypto';
import { asn1, children, encode, isContext, isUniversal, parseDer, serialOfInteger, type Asn1 } from './der.ts';
import { InvalidCertificateError } from './errors.ts';

export interface CertParts {
  x509: X509Certificate;
  der: Buffer;
  /** Issuer Name node, exactly as encoded. */
  issuer: Asn1;
  subject: Asn1;
  serialNode: Asn1;
  /** Upper-case hex, no leading zeros. */
  serial: string;
}

export function certPartsFromDer(der: Buffer): CertParts {
  try {
    const root = parseDer(der);
    const tbs = children(children(root, 'Certificate')[0], 'TBSCertificate');
    const offset = isContext(tbs[0], 0) ? 1 : 0; // [0] version is optional (v1 certificates)
    const serialNode = tbs[offset];
    const issuer = tbs[offset + 2];
    const subject = tbs[offset + 4];
    if (!isUniversal(serialNode, asn1.Type.INTEGER) || !isUniversal(issuer, asn1.Type.SEQUENCE) || !isUniversal(subject, asn1.Type.SEQUENCE)) {
      throw new Error('unexpected TBSCertificate layout');
    }
    return { x509: new X509Certificate(der), der, issuer, subject, serialNode, serial: serialOfInteger(serialNode) };
  } catch (cause) {
    throw new InvalidCertificateError(`not an X.509 certificate: ${(cause as Error).message}`, { cause });
  }
}

export function certPartsFromPem(pem: string): CertParts {
  const match = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(pem);
  if (!match) throw new InvalidCertificateError('no PEM CERTIFICATE block');
  return certPartsFromDer(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'));
}

export const sameDer = (a: Asn1, b: Asn1): boolean => encode(a).equals(encode(b));
