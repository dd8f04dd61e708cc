/**
 * Walks a CMS SignedData with forge.asn1 and returns exactly what verification
 * needs. Any structural surprise throws; the verifier turns that into FORMAT_FAILURE.
 */
import { certPartsFromDer, type CertParts } from './cert-parts.ts';
import { asn1, children, encode, isContext, isUniversal, parseDer, readOctets, readOid, serialOfInteger, type Asn1 } from './der.ts';
import { OID } from './oids.ts';
import { fromPem } from './pem.ts';

export interface ParsedSignerInfo {
  /** issuerAndSerialNumber; undefined when the signer is named by subjectKeyIdentifier. */
  sidIssuer?: Asn1;
  sidSerial?: string;
  digestOid: string;
  signatureOid: string;
  signature: Buffer;
  /** Signed attributes re-tagged as SET OF: the bytes the signature covers (RFC 5652 5.4). */
  signedAttrsDer: Buffer;
  /** attribute type OID → its values */
  attributes: ReadonlyMap<string, Asn1[]>;
}

export interface ParsedSignedData {
  eContentType: string;
  certificates: CertParts[];
  signer: ParsedSignerInfo;
}

export function cmsToDer(cms: Buffer | string): Buffer {
  if (Buffer.isBuffer(cms)) return cms;
  const der = fromPem(cms, ['CMS', 'PKCS7']);
  if (!der) throw new Error('no PEM CMS/PKCS7 block');
  return der;
}

function readAttributes(node: Asn1): Map<string, Asn1[]> {
  const attributes = new Map<string, Asn1[]>();
  for (const attr of children(node, 'signedAttrs')) {
    const [type, values] = children(attr, 'Attribute');
    const id = readOid(type, 'attrType');
    // RFC 5652 5.3: each attribute type appears once; duplicates are a classic confusion attack.
    if (attributes.has(id)) throw new Error(`duplicate signed attribute ${id}`);
    attributes.set(id, children(values, 'attrValues'));
  }
  return attributes;
}

function readSignerInfo(node: Asn1): ParsedSignerInfo {
  const [, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature] = children(node, 'SignerInfo');
  if (!isContext(signedAttrs, 0)) throw new Error('SignerInfo without signed attributes (CAdES requires them)');
  const signedSet = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, children(signedAttrs, 'signedAttrs'));
  const base = {
    digestOid: readOid(children(digestAlgorithm, 'digestAlgorithm')[0], 'digestAlgorithm'),
    signatureOid: readOid(children(signatureAlgorithm, 'signatureAlgorithm')[0], 'signatureAlgorithm'),
    signature: readOctets(signature, 'signature'),
    signedAttrsDer: encode(signedSet),
    attributes: readAttributes(signedSet),
  };
  if (isUniversal(sid, asn1.Type.SEQUENCE)) {
    const [issuer, serial] = children(sid, 'issuerAndSerialNumber');
    if (!isUniversal(serial, asn1.Type.INTEGER)) throw new Error('issuerAndSerialNumber: bad serial');
    return { ...base, sidIssuer: issuer, sidSerial: serialOfInteger(serial) };
  }
  return base;
}

export function parseSignedData(der: Buffer): ParsedSignedData {
  const [contentType, wrapped] = children(parseDer(der), 'ContentInfo');
  if (readOid(contentType, 'contentType') !== OID.signedData) throw new Error('not a CMS SignedData');
  if (!isContext(wrapped, 0)) throw new Error('ContentInfo: missing [0] content');
  const fields = children(children(wrapped, 'content')[0], 'SignedData');
  const encap = children(fields[2], 'encapContentInfo');
  if (encap.length > 1) throw new Error('content is embedded; a detached signature was expected');
  const certificates: CertParts[] = [];
  const signerInfos = fields[fields.length - 1];
  for (const field of fields.slice(3, -1)) {
    // [0] certificates; [1] crls is ignored (revocation data comes from the caller)
    if (isContext(field, 0)) {
      for (const cert of children(field, 'certificates')) if (isUniversal(cert, asn1.Type.SEQUENCE)) certificates.push(certPartsFromDer(encode(cert)));
    }
  }
  const infos = children(signerInfos, 'signerInfos');
  if (infos.length !== 1) throw new Error(`expected exactly one SignerInfo, found ${infos.length}`);
  return { eContentType: readOid(encap[0], 'eContentType'), certificates, signer: readSignerInfo(infos[0]!) };
}
