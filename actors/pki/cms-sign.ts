/**
 * Detached CMS SignedData (RFC 5652) with CAdES-BES signed attributes:
 * contentType, messageDigest (SHA-256), signingTime, ESS signing-certificate-v2
 * (RFC 5035). forge builds the ASN.1; Node's crypto does the private-key
 * operation, which is where the time goes.
 */
import { createHash, createPrivateKey, sign as nodeSign, type KeyObject, type X509Certificate } from 'node:crypto';
import { certPartsFromPem } from './cert-parts.ts';
import { asn1, encode, explicit, nullValue, octets, oid, parseDer, seq, set, smallInt, sortedSet, time, toSeconds, type Asn1 } from './der.ts';
import { KeyMismatchError, UnsupportedKeyError } from './errors.ts';
import { OID } from './oids.ts';
import { toPem } from './pem.ts';
import { vrfProver, type VrfProver } from './vrf.ts';

export interface SignerKeys {
  certPem: string;
  keyPem: string;
}

export interface Signer {
  readonly certificate: X509Certificate;
  /** DER CMS SignedData, content detached. `signingTime` defaults to now (whole seconds). */
  sign(content: Buffer, signingTime?: Date): Buffer;
  signPem(content: Buffer, signingTime?: Date): string;
  /** RSA-FDH-VRF over the same key (vrf.ts), for draws nobody can choose (asds-draw/2); absent for non-RSA keys. */
  readonly vrf?: VrfProver;
}

export interface SignDetachedOptions extends SignerKeys {
  content: Buffer;
  signingTime?: Date;
}

const context = (tag: number, items: Asn1[]): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, items);
const attribute = (type: string, value: Asn1): Asn1 => seq(oid(type), set(value));
// RFC 5754: SHA-2 AlgorithmIdentifiers omit parameters.
const sha256Algorithm = (): Asn1 => seq(oid(OID.sha256));

function signatureAlgorithm(key: KeyObject): Asn1 {
  // rsaEncryption (not sha256WithRSA) in SignerInfo is what OpenSSL and most CAdES tools emit.
  if (key.asymmetricKeyType === 'rsa') return seq(oid(OID.rsaEncryption), nullValue());
  if (key.asymmetricKeyType === 'ec') return seq(oid(OID.ecdsaWithSha256));
  throw new UnsupportedKeyError(String(key.asymmetricKeyType));
}

/** ESS signing-certificate-v2: binds the signature to this exact certificate (no substitution attack). */
function signingCertificateV2(certDer: Buffer, issuer: Asn1, serial: Asn1): Asn1 {
  const certHash = createHash('sha256').update(certDer).digest();
  // hashAlgorithm is omitted: SHA-256 is its DEFAULT, and DER forbids encoding defaults.
  const issuerSerial = seq(seq(explicit(4, issuer)), serial);
  return attribute(OID.signingCertificateV2, seq(seq(seq(octets(certHash), issuerSerial))));
}

/** Parses certificate and key once; `sign` is then only hashing, one RSA operation and DER assembly. */
export function createSigner(keys: SignerKeys): Signer {
  const parts = certPartsFromPem(keys.certPem);
  const key = createPrivateKey(keys.keyPem);
  if (!parts.x509.checkPrivateKey(key)) throw new KeyMismatchError();
  const sigAlgorithm = signatureAlgorithm(key);
  const sid = seq(parts.issuer, parts.serialNode);
  const essAttribute = signingCertificateV2(parts.der, parts.issuer, parts.serialNode);
  const certificates = context(0, [parseDer(parts.der)]);

  const sign = (content: Buffer, signingTime?: Date): Buffer => {
    const digest = createHash('sha256').update(content).digest();
    const signedAttrs = sortedSet([
      attribute(OID.contentType, oid(OID.data)),
      attribute(OID.signingTime, time(toSeconds(signingTime ?? new Date()))),
      attribute(OID.messageDigest, octets(digest)),
      essAttribute,
    ]);
    // RFC 5652 5.4: the signature covers the attributes encoded as a SET (tag 0x31), not as the [0] stored below.
    const signature = nodeSign('sha256', encode(signedAttrs), key);
    const signerInfo = seq(
      smallInt(1), // v1: sid is issuerAndSerialNumber
      sid,
      sha256Algorithm(),
      context(0, signedAttrs.value as Asn1[]),
      sigAlgorithm,
      octets(signature),
    );
    const signedData = seq(
      smallInt(1),
      set(sha256Algorithm()),
      seq(oid(OID.data)), // no eContent: detached
      certificates,
      set(signerInfo),
    );
    return encode(seq(oid(OID.signedData), explicit(0, signedData)));
  };

  return {
    certificate: parts.x509,
    sign,
    signPem: (content, signingTime) => toPem(sign(content, signingTime), 'CMS'),
    ...(key.asymmetricKeyType === 'rsa' ? { vrf: vrfProver(key) } : {}),
  };
}

export function signDetached(options: SignDetachedOptions): Buffer {
  return createSigner(options).sign(options.content, options.signingTime);
}

export function signDetachedPem(options: SignDetachedOptions): string {
  return createSigner(options).signPem(options.content, options.signingTime);
}
