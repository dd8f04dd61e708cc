/**
 * Builds X.509 v3 certificates: forge assembles the TBSCertificate, Node's
 * crypto signs it (forge's pure-JS RSA is far slower than OpenSSL).
 */
import { createHash, randomBytes, sign as nodeSign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { binary, encode, type Asn1 } from './der.ts';
import { OID } from './oids.ts';

export interface CertificateSpec {
  subject: forge.pki.CertificateField[];
  /** DER Name node of the issuer; absent for a self-signed certificate. */
  issuerName?: Asn1;
  /** Key identifier of the issuer, for the authorityKeyIdentifier extension. */
  issuerKeyId?: Buffer;
  subjectPublicKeyPem: string;
  issuerKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
}

export interface BuiltCertificate {
  pem: string;
  serial: string;
}

/**
 * 16 random bytes: unique without a shared counter (RFC 5280 allows up to 20
 * octets). First byte in 0x10..0x7f: positive, and its hex has no leading zero
 * so the text form is the same everywhere (forge, Node, OpenSSL).
 */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = 0x10 + (bytes[0]! % 0x70);
  return bytes.toString('hex').toUpperCase();
}

/** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(publicKey: forge.pki.rsa.PublicKey): Buffer {
  const rsaPublicKeyDer = encode(forge.pki.publicKeyToRSAPublicKey(publicKey));
  return createHash('sha1').update(rsaPublicKeyDer).digest();
}

function extensions(spec: CertificateSpec, publicKey: forge.pki.rsa.PublicKey): object[] {
  const common = [
    { name: 'subjectKeyIdentifier' },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: binary(spec.issuerKeyId ?? keyIdentifier(publicKey)),
    },
  ];
  if (spec.isCa) {
    return [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ...common,
    ];
  }
  return [
    { name: 'basicConstraints', cA: false, critical: true },
    // nonRepudiation (contentCommitment): court documents are signed as commitments, not for authentication.
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    ...common,
  ];
}

type GetTbs = (cert: forge.pki.Certificate) => Asn1;

export function buildCertificate(spec: CertificateSpec): BuiltCertificate {
  const publicKey = forge.pki.publicKeyFromPem(spec.subjectPublicKeyPem);
  const cert = forge.pki.createCertificate();
  cert.serialNumber = randomSerial();
  cert.publicKey = publicKey;
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(spec.subject);
  cert.setIssuer(spec.subject); // placeholder, replaced by the issuer's exact DER below
  cert.setExtensions(extensions(spec, publicKey));
  cert.siginfo.algorithmOid = OID.sha256WithRSAEncryption;
  cert.signatureOid = OID.sha256WithRSAEncryption;

  // getTBSCertificate is public in forge but missing from @types/node-forge.
  const tbs = (forge.pki as unknown as { getTBSCertificate: GetTbs }).getTBSCertificate(cert);
  // Copy the issuer Name byte-for-byte from the CA certificate: rebuilding it
  // from parsed attributes could change string types and break chain matching.
  if (spec.issuerName) (tbs.value as Asn1[])[3] = spec.issuerName;
  const signature = nodeSign('sha256', encode(tbs), spec.issuerKey);
  const mutable = cert as forge.pki.Certificate & { tbsCertificate: Asn1 };
  mutable.tbsCertificate = tbs;
  mutable.signature = binary(signature);
  return { pem: forge.pki.certificateToPem(cert), serial: cert.serialNumber };
}
