/**
 * Verification of detached CMS signatures with Node crypto (forge's PKCS#7
 * verify is unimplemented). Order follows ETSI EN 319 102-1: format, signing
 * certificate, cryptographic checks, then chain, time and revocation. A
 * TOTAL_FAILED finding always wins over an INDETERMINATE one, because a broken
 * signature is broken whoever issued the certificate.
 */
import { createHash, verify as nodeVerify } from 'node:crypto';
import { sameDer, type CertParts } from './cert-parts.ts';
import { cmsToDer, parseSignedData, type ParsedSignedData } from './cms-parse.ts';
import { crlSignedBy, parseCrl, type CrlInput, type ParsedCrl } from './crl-parse.ts';
import { asn1, children, isUniversal, readOctets, readOid, readTime } from './der.ts';
import { DIGEST_BY_OID, OID, SIGNATURE_OIDS } from './oids.ts';
import { outcome, type OutcomeContext, type ReasonCode, type SignerSummary, type VerificationResult } from './outcome.ts';
import type { TrustAnchor, TrustStore } from './trust-store.ts';

export interface VerifyOptions {
  content: Buffer;
  /** DER, or PEM (`CMS` / `PKCS7` label). */
  cms: Buffer | string;
  trustStore: TrustStore;
  /** CRL(s), DER or PEM. Revocation is checked only when one from the signer's CA is given. */
  crl?: CrlInput | readonly CrlInput[];
  /**
   * Proof of existence: a time by which the signature is known to have existed
   * (e.g. when the court journal recorded it). Default: now. The signingTime
   * attribute is the signer's own claim and is never used as proof.
   */
  at?: Date;
}

interface Context {
  options: VerifyOptions;
  parsed: ParsedSignedData;
  cert: CertParts;
  ctx: OutcomeContext;
}

const fail = (code: ReasonCode, ctx: OutcomeContext, detail?: string): VerificationResult => outcome(code, detail ? { ...ctx, detail } : ctx);

function summarize(cert: CertParts): SignerSummary {
  return {
    subject: cert.x509.subject,
    issuer: cert.x509.issuer,
    serial: cert.serial,
    notBefore: new Date(cert.x509.validFrom),
    notAfter: new Date(cert.x509.validTo),
  };
}

function singleValue(parsed: ParsedSignedData, type: string) {
  const values = parsed.signer.attributes.get(type);
  if (values && values.length !== 1) throw new Error(`attribute ${type} must have exactly one value`);
  return values?.[0];
}

/** Structural checks of the signed attributes; throws → FORMAT_FAILURE. */
function readSignedAttributes(parsed: ParsedSignedData): { messageDigest: Buffer; signingTime?: Date } {
  const contentType = singleValue(parsed, OID.contentType);
  if (!contentType || readOid(contentType, 'contentType') !== parsed.eContentType) throw new Error('contentType attribute missing or different from eContentType');
  const digest = singleValue(parsed, OID.messageDigest);
  if (!digest) throw new Error('messageDigest attribute missing');
  const time = singleValue(parsed, OID.signingTime);
  return { messageDigest: readOctets(digest, 'messageDigest'), ...(time ? { signingTime: readTime(time) } : {}) };
}

function findSignerCertificate(parsed: ParsedSignedData): CertParts | undefined {
  const { sidIssuer, sidSerial } = parsed.signer;
  if (!sidIssuer) return undefined; // subjectKeyIdentifier sids are not supported (we never emit them)
  return parsed.certificates.find((c) => c.serial === sidSerial && sameDer(c.issuer, sidIssuer));
}

/** ESS signing-certificate-v2, when present, must name this very certificate. */
function essMatches(parsed: ParsedSignedData, cert: CertParts): boolean {
  const value = singleValue(parsed, OID.signingCertificateV2);
  if (!value) return true;
  const [certs] = children(value, 'SigningCertificateV2');
  const first = children(certs, 'certs')[0];
  const fields = children(first, 'ESSCertIDv2');
  const hasAlgorithm = isUniversal(fields[0], asn1.Type.SEQUENCE);
  const hashOid = hasAlgorithm ? readOid(children(fields[0], 'hashAlgorithm')[0], 'hashAlgorithm') : OID.sha256;
  const hash = DIGEST_BY_OID[hashOid];
  if (!hash) return false;
  const expected = readOctets(fields[hasAlgorithm ? 1 : 0], 'certHash');
  return createHash(hash).update(cert.der).digest().equals(expected);
}

function findIssuer(cert: CertParts, store: TrustStore): TrustAnchor | undefined {
  // RFC 5280 6.1: an anchor is a trusted name + key; its own validity period is not part of path validation.
  return store.anchors.find((a) => {
    try {
      return sameDer(a.subject, cert.issuer) && cert.x509.checkIssued(a.x509) && cert.x509.verify(a.x509.publicKey);
    } catch {
      return false; // e.g. a key type OpenSSL cannot use for this certificate: simply not its issuer
    }
  });
}

function cryptoChecks(c: Context, messageDigest: Buffer): VerificationResult | undefined {
  const { signer } = c.parsed;
  const hash = DIGEST_BY_OID[signer.digestOid];
  if (!hash || !SIGNATURE_OIDS.has(signer.signatureOid)) return fail('UNSUPPORTED_ALGORITHM', c.ctx, `digest ${signer.digestOid}, signature ${signer.signatureOid}`);
  if (!createHash(hash).update(c.options.content).digest().equals(messageDigest)) return fail('HASH_FAILURE', c.ctx);
  let ok = false;
  try {
    ok = nodeVerify(hash, signer.signedAttrsDer, c.cert.x509.publicKey, signer.signature);
  } catch (err) {
    return fail('SIG_CRYPTO_FAILURE', c.ctx, (err as Error).message);
  }
  if (!ok) return fail('SIG_CRYPTO_FAILURE', c.ctx);
  if (!essMatches(c.parsed, c.cert)) return fail('SIGNING_CERTIFICATE_MISMATCH', c.ctx);
  return undefined;
}

type Revocation = { status: 'unknown' } | { status: 'good' } | { status: 'revoked'; at: Date } | { status: 'error'; code: ReasonCode; detail: string };

function revocationStatus(cert: CertParts, issuer: TrustAnchor, inputs: readonly CrlInput[], at: Date): Revocation {
  const crls: ParsedCrl[] = [];
  for (const input of inputs) {
    try {
      crls.push(parseCrl(input));
    } catch (err) {
      return { status: 'error', code: 'CRL_INVALID', detail: (err as Error).message };
    }
  }
  const relevant = crls.filter((crl) => sameDer(crl.issuer, cert.issuer));
  if (relevant.length === 0) return { status: 'unknown' };
  for (const crl of relevant) {
    if (!crlSignedBy(crl, issuer.x509.publicKey)) return { status: 'error', code: 'CRL_INVALID', detail: 'CRL signature does not verify with the CA key' };
    if (crl.nextUpdate && crl.nextUpdate.getTime() < at.getTime()) return { status: 'error', code: 'CRL_STALE', detail: `nextUpdate ${crl.nextUpdate.toISOString()}` };
  }
  for (const crl of relevant) {
    const revokedAt = crl.revoked.get(cert.serial);
    if (revokedAt) return { status: 'revoked', at: revokedAt };
  }
  return { status: 'good' };
}

/**
 * Time and revocation. Choices, per EN 319 102-1 for a signature without a
 * trusted timestamp (CAdES-BES):
 * - exists at `at` but certificate not yet valid then → TOTAL_FAILED/NOT_YET_VALID
 *   (the signature provably predates the certificate);
 * - revoked on or before `at` → INDETERMINATE/REVOKED_NO_POE, not TOTAL_FAILED/REVOKED:
 *   nothing proves the signature was made after the revocation (it may be an
 *   honest signature from before). A caller holding proof of existence before
 *   the revocation passes it as `at` and gets TOTAL_PASSED;
 * - signer's own signingTime after notAfter → INDETERMINATE/EXPIRED;
 * - certificate expired at `at` → INDETERMINATE/OUT_OF_BOUNDS_NO_POE.
 */
function timeAndRevocation(c: Context, issuer: TrustAnchor, signingTime: Date | undefined): VerificationResult | undefined {
  const at = c.options.at ?? new Date();
  const { notBefore, notAfter } = summarize(c.cert);
  if (at < notBefore) return fail('CERT_NOT_YET_VALID', c.ctx);
  if (signingTime && signingTime < notBefore) return fail('SIGNING_TIME_BEFORE_CERT', c.ctx);
  const crl = c.options.crl;
  const inputs: readonly CrlInput[] = crl === undefined ? [] : Array.isArray(crl) ? crl : [crl as CrlInput];
  const revocation = revocationStatus(c.cert, issuer, inputs, at);
  if (revocation.status === 'error') return fail(revocation.code, c.ctx, revocation.detail);
  c.ctx.revocationChecked = revocation.status !== 'unknown';
  if (revocation.status === 'revoked' && revocation.at <= at) return fail('CERT_REVOKED', c.ctx, `revoked ${revocation.at.toISOString()}`);
  if (signingTime && signingTime > notAfter) return fail('CERT_EXPIRED', c.ctx);
  if (at > notAfter) return fail('CERT_EXPIRED_NO_POE', c.ctx);
  return undefined;
}

export function verifyDetached(options: VerifyOptions): VerificationResult {
  let parsed: ParsedSignedData;
  let attrs: ReturnType<typeof readSignedAttributes>;
  try {
    parsed = parseSignedData(cmsToDer(options.cms));
    attrs = readSignedAttributes(parsed);
  } catch (err) {
    return fail('FORMAT_FAILURE', {}, (err as Error).message);
  }
  const ctx: OutcomeContext = attrs.signingTime ? { signingTime: attrs.signingTime } : {};
  const cert = findSignerCertificate(parsed);
  if (!cert) return fail('NO_SIGNING_CERTIFICATE', ctx);
  ctx.signer = summarize(cert);
  const c: Context = { options, parsed, cert, ctx };
  let failure: VerificationResult | undefined;
  try {
    failure = cryptoChecks(c, attrs.messageDigest);
  } catch (err) {
    return fail('FORMAT_FAILURE', ctx, (err as Error).message); // e.g. a malformed ESS attribute
  }
  if (failure) return failure;
  const issuer = findIssuer(cert, options.trustStore);
  if (!issuer) return fail('UNKNOWN_ISSUER', ctx);
  return timeAndRevocation(c, issuer, attrs.signingTime) ?? outcome('OK', ctx);
}
