/**
 * X.509 v2 CRL (RFC 5280 5.1). forge has no CRL support, so the ASN.1 is
 * assembled by hand with forge.asn1 and signed by the CA key through Node.
 */
import { sign as nodeSign } from 'node:crypto';
import { addDays, loadCourtCa } from './court-ca.ts';
import { bitString, encode, enumerated, explicit, implicitBytes, integerFromHex, nullValue, octets, oid, seq, smallInt, time, toSeconds, type Asn1 } from './der.ts';
import { crlPath, writePublic } from './layout.ts';
import { toPem } from './pem.ts';
import { OID } from './oids.ts';
import { CRL_REASONS, readRevocations, writeRevocations, type RevocationEntry } from './revocations.ts';

export interface BuildCrlOptions {
  dir: string;
  now?: Date;
  /** nextUpdate = now + this many days (default 7). */
  nextUpdateDays?: number;
  /** Opens the court CA key that signs the CRL. */
  passphrase: string;
}

export interface BuiltCrl {
  der: Buffer;
  pem: string;
  path: string;
  crlNumber: number;
  revokedSerials: string[];
}

const extension = (id: string, value: Asn1): Asn1 => seq(oid(id), octets(encode(value)));

function revokedEntry(e: RevocationEntry): Asn1 {
  const fields = [integerFromHex(e.serial), time(new Date(e.revokedAt))];
  // RFC 5280 5.3.1: reasonCode should be absent rather than "unspecified".
  if (e.reason !== 'unspecified') fields.push(seq(extension(OID.crlReason, enumerated(CRL_REASONS[e.reason]))));
  return seq(...fields);
}

export function buildCrl(options: BuildCrlOptions): BuiltCrl {
  const { dir } = options;
  const ca = loadCourtCa(dir, options.passphrase);
  const data = readRevocations(dir);
  const crlNumber = data.lastCrlNumber + 1;
  const thisUpdate = toSeconds(options.now ?? new Date());
  const algorithm = seq(oid(OID.sha256WithRSAEncryption), nullValue());

  const tbs: Asn1[] = [smallInt(1), algorithm, ca.parts.subject, time(thisUpdate), time(addDays(thisUpdate, options.nextUpdateDays ?? 7))];
  // RFC 5280 5.1.2.6: with nothing revoked the list is omitted, not empty.
  if (data.revoked.length > 0) tbs.push(seq(...data.revoked.map(revokedEntry)));
  tbs.push(
    explicit(0, seq(
      // AKI lets a verifier pick the right CA key when a court has rolled over its CA.
      extension(OID.authorityKeyIdentifier, seq(implicitBytes(0, ca.keyId))),
      extension(OID.crlNumber, smallInt(crlNumber)),
    )),
  );
  const tbsNode = seq(...tbs);
  const signature = nodeSign('sha256', encode(tbsNode), ca.key);
  const der = encode(seq(tbsNode, algorithm, bitString(signature)));
  const pem = toPem(der, 'X509 CRL');

  writePublic(crlPath(dir), pem);
  writeRevocations(dir, { ...data, lastCrlNumber: crlNumber });
  return { der, pem, path: crlPath(dir), crlNumber, revokedSerials: data.revoked.map((e) => e.serial) };
}
