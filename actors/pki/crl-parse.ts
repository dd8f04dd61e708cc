/** Reads and checks an X.509 CRL with forge.asn1 + Node crypto (neither forge nor Node parses CRLs). */
import { verify as nodeVerify, type KeyObject } from 'node:crypto';
import { asn1, children, encode, isUniversal, parseDer, readBitString, readOid, readTime, serialOfInteger, type Asn1 } from './der.ts';
import { InvalidCrlError } from './errors.ts';
import { OID } from './oids.ts';
import { fromPem } from './pem.ts';

export type CrlInput = Buffer | string;

export interface ParsedCrl {
  issuer: Asn1;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** serial (normalised hex) → revocation date */
  revoked: ReadonlyMap<string, Date>;
  tbsDer: Buffer;
  signatureOid: string;
  signature: Buffer;
}

const HASH_BY_SIGNATURE_OID: Readonly<Record<string, string>> = {
  [OID.sha256WithRSAEncryption]: 'sha256',
  [OID.sha384WithRSAEncryption]: 'sha384',
  [OID.sha512WithRSAEncryption]: 'sha512',
  [OID.ecdsaWithSha256]: 'sha256',
  [OID.ecdsaWithSha384]: 'sha384',
  [OID.ecdsaWithSha512]: 'sha512',
};

const isTime = (n: Asn1 | undefined): boolean => isUniversal(n, asn1.Type.UTCTIME) || isUniversal(n, asn1.Type.GENERALIZEDTIME);

function readRevoked(list: Asn1 | undefined): Map<string, Date> {
  const revoked = new Map<string, Date>();
  if (!isUniversal(list, asn1.Type.SEQUENCE)) return revoked;
  for (const entry of children(list, 'revokedCertificates')) {
    const [serial, date] = children(entry, 'revoked entry');
    if (!isUniversal(serial, asn1.Type.INTEGER) || !date) throw new Error('revoked entry: bad serial or date');
    revoked.set(serialOfInteger(serial), readTime(date));
  }
  return revoked;
}

const isPemBytes = (b: Buffer): boolean => b.subarray(0, 64).toString('ascii').trimStart().startsWith('-----BEGIN');

export function parseCrl(input: CrlInput): ParsedCrl {
  try {
    // a CRL read from `crl.pem` arrives as a Buffer of PEM text, not DER
    const pem = typeof input === 'string' ? input : isPemBytes(input) ? input.toString('ascii') : undefined;
    const der = pem !== undefined ? fromPem(pem, ['X509 CRL']) : (input as Buffer);
    if (!der) throw new Error('no PEM X509 CRL block');
    const [tbs, algorithm, signatureBits] = children(parseDer(der), 'CertificateList');
    const fields = children(tbs, 'TBSCertList');
    let i = isUniversal(fields[0], asn1.Type.INTEGER) ? 1 : 0; // version is optional (v1 CRLs)
    i += 1; // inner signature AlgorithmIdentifier; the outer one is authoritative for verification
    const issuer = fields[i++];
    if (!isUniversal(issuer, asn1.Type.SEQUENCE)) throw new Error('issuer: expected a Name');
    const thisUpdate = readTime(fields[i++]!);
    const nextUpdate = isTime(fields[i]) ? readTime(fields[i++]!) : undefined;
    const revoked = readRevoked(fields[i]);
    return {
      issuer,
      thisUpdate,
      ...(nextUpdate ? { nextUpdate } : {}),
      revoked,
      tbsDer: encode(tbs!),
      signatureOid: readOid(children(algorithm, 'signatureAlgorithm')[0], 'signatureAlgorithm'),
      signature: readBitString(signatureBits, 'signatureValue'),
    };
  } catch (cause) {
    if (cause instanceof InvalidCrlError) throw cause;
    throw new InvalidCrlError(`malformed CRL: ${(cause as Error).message}`, { cause });
  }
}

/** True when `issuerKey` signed this CRL. */
export function crlSignedBy(crl: ParsedCrl, issuerKey: KeyObject): boolean {
  const hash = HASH_BY_SIGNATURE_OID[crl.signatureOid];
  if (!hash) return false;
  try {
    return nodeVerify(hash, crl.tbsDer, issuerKey, crl.signature);
  } catch {
    return false;
  }
}
