/**
 * Is a signature the seal of THIS court? (Засади 13: a protocol is an
 * "Original" under the court's seal.) `verifyDetached` answers "is it a valid
 * signature from someone a trust store vouches for" — the trust store of a
 * court PKI dir also holds other courts' and qualified providers' CAs
 * (`trust/`, imported by external.ts), and the court CA issues staff
 * certificates too. A court protocol needs more, so this check:
 *
 * - anchors on the court's own CA only (`ca.crt.pem`, never `trust/`), and the
 *   CA must be the CA of the court the document names (subject serialNumber);
 * - accepts TOTAL_PASSED only — INDETERMINATE (unknown issuer, expired,
 *   revoked without proof of existence…) is a refusal, never "OK";
 * - requires the signer certificate to be the court seal: issued by that CA,
 *   subject serialNumber = the court code and CN "Печатка: …" (names.ts
 *   sealSubject), no user id (a staff certificate carries UID), not a CA, key
 *   usage digitalSignature + nonRepudiation (cert-builder.ts).
 */
import { existsSync } from 'node:fs';
import type { CertParts } from './cert-parts.ts';
import { cmsToDer, parseSignedData } from './cms-parse.ts';
import { asn1, children, isContext, isUniversal, parseDer, readOctets, readOid, type Asn1 } from './der.ts';
import { caCertPath, crlPath, readText } from './layout.ts';
import { OID } from './oids.ts';
import { createTrustStore, type TrustStore } from './trust-store.ts';
import { verifyDetached } from './verify.ts';
import type { VerificationResult } from './outcome.ts';

const SERIAL_NUMBER = '2.5.4.5';
const COMMON_NAME = '2.5.4.3';
const KEY_USAGE = '2.5.29.15';
/** CN prefix of every court seal certificate (names.ts sealSubject). */
export const SEAL_CN_PREFIX = 'Печатка: ';

/** The one anchor a court protocol is checked against. */
export interface CourtSealAnchor {
  /** The court code in the CA's subject (serialNumber). */
  courtCode: string;
  /** Exactly one anchor: the court CA. */
  trustStore: TrustStore;
  /** The court's CRL (`crl.pem`) when it has built one: a revoked seal is refused. */
  crl?: string;
}

/** Attribute values of a Name, by OID (UTF8String decoded; other string types as bytes). */
export function nameAttributes(name: Asn1): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rdn of children(name, 'Name')) {
    for (const atv of children(rdn, 'RelativeDistinguishedName')) {
      const [type, value] = children(atv, 'AttributeTypeAndValue');
      const id = readOid(type, 'AttributeType');
      const raw = typeof value?.value === 'string' ? value.value : '';
      const text = value?.type === asn1.Type.UTF8 ? Buffer.from(raw, 'binary').toString('utf8') : raw;
      out.set(id, [...(out.get(id) ?? []), text]);
    }
  }
  return out;
}

/** keyUsage bits (RFC 5280 4.2.1.3) or undefined when the extension is absent. */
function keyUsage(cert: CertParts): { digitalSignature: boolean; nonRepudiation: boolean } | undefined {
  const tbs = children(children(parseDer(cert.der), 'Certificate')[0], 'TBSCertificate');
  const exts = tbs.find((n) => isContext(n, 3));
  if (!exts) return undefined;
  for (const ext of children(children(exts, 'extensions')[0], 'Extensions')) {
    const fields = children(ext, 'Extension');
    if (readOid(fields[0], 'extnID') !== KEY_USAGE) continue;
    const bits = parseDer(readOctets(fields[fields.length - 1], 'extnValue'));
    if (!isUniversal(bits, asn1.Type.BITSTRING) || typeof bits.value !== 'string') return undefined;
    const first = bits.value.charCodeAt(1) || 0; // byte 0 = unused bits
    return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0 };
  }
  return undefined;
}

/** The anchor from a CA certificate (PEM); refused when it is not a CA or names no court code. */
export function courtSealAnchor(caPem: string, crl?: string): CourtSealAnchor {
  const trustStore = createTrustStore([caPem]);
  const code = nameAttributes(trustStore.anchors[0]!.subject).get(SERIAL_NUMBER)?.[0];
  if (!code) throw new Error('the CA certificate names no court code (subject serialNumber)');
  return crl ? { courtCode: code, trustStore, crl } : { courtCode: code, trustStore };
}

/** The anchor of a court PKI dir: `ca.crt.pem` only (never `trust/`), plus `crl.pem` if built; undefined without a CA. */
export function loadCourtSealAnchor(dir: string): CourtSealAnchor | undefined {
  if (!existsSync(caCertPath(dir))) return undefined;
  return courtSealAnchor(readText(caCertPath(dir)), existsSync(crlPath(dir)) ? readText(crlPath(dir)) : undefined);
}

/** Why a certificate is not the seal of `court` (undefined = it is). */
export function notCourtSeal(cert: CertParts, court: string): string | undefined {
  const attrs = nameAttributes(cert.subject);
  if (cert.x509.ca) return 'the signer certificate is a CA certificate, not the court seal';
  if (attrs.has(OID.userId)) return 'the signer certificate is a staff certificate (UID), not the court seal';
  if (attrs.get(SERIAL_NUMBER)?.[0] !== court) return `the signer certificate is not of court ${court} (serialNumber ${attrs.get(SERIAL_NUMBER)?.[0] ?? 'absent'})`;
  if (!attrs.get(COMMON_NAME)?.[0]?.startsWith(SEAL_CN_PREFIX)) return 'the signer certificate is not a seal certificate (CN)';
  const ku = keyUsage(cert);
  if (!ku?.digitalSignature || !ku.nonRepudiation) return 'the signer certificate lacks key usage digitalSignature + nonRepudiation';
  return undefined;
}

export interface CourtSealVerification {
  ok: boolean;
  result: VerificationResult;
  /** Why it is not this court's seal (English), when ok is false. */
  problem?: string;
  /** The seal certificate, when ok: its key also verifies the draws' VRF proofs (asds-draw/2). */
  signer?: CertParts;
}

/** Verify a detached CMS as the seal of `court` (see the module comment). */
export function verifyCourtSeal(o: { content: Buffer; cms: Buffer; anchor: CourtSealAnchor; court: string; at?: Date }): CourtSealVerification {
  const result = verifyDetached({ content: o.content, cms: o.cms, trustStore: o.anchor.trustStore, ...(o.anchor.crl ? { crl: o.anchor.crl } : {}), ...(o.at ? { at: o.at } : {}) });
  if (o.anchor.courtCode !== o.court) return { ok: false, result, problem: `the trust anchor is the CA of court ${o.anchor.courtCode}, the document is of court ${o.court}` };
  // Never INDETERMINATE as OK: an unknown issuer, an expired or revoked seal is not a seal we can vouch for.
  if (result.indication !== 'TOTAL_PASSED') return { ok: false, result, problem: `${result.indication} ${result.reason.en}` };
  let signer: CertParts | undefined;
  try {
    signer = parseSignedData(cmsToDer(o.cms)).certificates.find((c) => c.serial === result.signer?.serial && c.x509.checkIssued(o.anchor.trustStore.anchors[0]!.x509));
  } catch {
    signer = undefined;
  }
  if (!signer) return { ok: false, result, problem: 'the signer certificate was not found in the signature' };
  const why = notCourtSeal(signer, o.court);
  return why ? { ok: false, result, problem: why } : { ok: true, result, signer };
}

