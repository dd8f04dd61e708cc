/**
 * Thin helpers over `forge.asn1`. forge represents bytes as "binary strings"
 * (one char per byte); everything outside this file uses Buffers.
 */
import forge from 'node-forge';

const { asn1 } = forge;
export type Asn1 = forge.asn1.Asn1;

export const binary = (buf: Uint8Array): string => Buffer.from(buf).toString('binary');
export const buffer = (bytes: string): Buffer => Buffer.from(bytes, 'binary');

type FromDer = (bytes: string, options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean }) => Asn1;

/**
 * Strict DER parse. BIT STRINGs are left opaque so that re-encoding a parsed
 * node yields exactly the input bytes (we re-encode signed attributes,
 * certificates and TBSCertList to check signatures over them).
 */
export function parseDer(der: Uint8Array): Asn1 {
  // @types/node-forge only declares the boolean form of the options.
  return (asn1.fromDer as unknown as FromDer)(binary(der), { strict: true, parseAllBytes: true, decodeBitStrings: false });
}

export const encode = (node: Asn1): Buffer => buffer(asn1.toDer(node).getBytes());

const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;

export const seq = (...items: Asn1[]): Asn1 => asn1.create(U, T.SEQUENCE, true, items);
export const set = (...items: Asn1[]): Asn1 => asn1.create(U, T.SET, true, items);
export const oid = (id: string): Asn1 => asn1.create(U, T.OID, false, asn1.oidToDer(id).getBytes());
export const nullValue = (): Asn1 => asn1.create(U, T.NULL, false, '');
export const octets = (bytes: Uint8Array): Asn1 => asn1.create(U, T.OCTETSTRING, false, binary(bytes));
export const smallInt = (n: number): Asn1 => asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
export const enumerated = (n: number): Asn1 => asn1.create(U, T.ENUMERATED, false, asn1.integerToDer(n).getBytes());
export const bitString = (bytes: Uint8Array): Asn1 => asn1.create(U, T.BITSTRING, false, '\x00' + binary(bytes));
export const implicitBytes = (tag: number, bytes: Uint8Array): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, false, binary(bytes));
export const explicit = (tag: number, inner: Asn1): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, [inner]);

/** INTEGER from a hex serial; a leading zero byte keeps it positive, as RFC 5280 requires. */
export function integerFromHex(hex: string): Asn1 {
  let h = hex.length % 2 ? '0' + hex : hex;
  if (parseInt(h.slice(0, 2), 16) >= 0x80) h = '00' + h;
  return asn1.create(U, T.INTEGER, false, forge.util.hexToBytes(h));
}

/** Canonical serial text: upper-case hex without leading zeros (Node's X509Certificate style). */
export function normalizeSerial(hex: string): string {
  const s = hex.replace(/[^0-9a-f]/gi, '').replace(/^0+/, '').toUpperCase();
  return s === '' ? '0' : s;
}

export const serialOfInteger = (node: Asn1): string => normalizeSerial(forge.util.bytesToHex(node.value as string));

/** RFC 5280 / 5652: UTCTime for 1950-2049, GeneralizedTime otherwise. */
export function time(date: Date): Asn1 {
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? asn1.create(U, T.UTCTIME, false, asn1.dateToUtcTime(date))
    : asn1.create(U, T.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

export function readTime(node: Asn1): Date {
  if (node.tagClass === U && node.type === T.UTCTIME) return asn1.utcTimeToDate(node.value as string);
  if (node.tagClass === U && node.type === T.GENERALIZEDTIME) return asn1.generalizedTimeToDate(node.value as string);
  throw new Error('expected UTCTime or GeneralizedTime');
}

/**
 * DER SET OF: elements sorted by their encodings (X.690 11.6). OpenSSL
 * re-encodes signed attributes before verifying, so an unsorted set would
 * verify here and fail there.
 */
export function sortedSet(items: Asn1[]): Asn1 {
  const encoded = items.map((node) => ({ node, der: encode(node) }));
  encoded.sort((a, b) => Buffer.compare(a.der, b.der));
  return set(...encoded.map((e) => e.node));
}

/** Round to whole seconds: ASN.1 times carry no fractions, and comparisons must match what was encoded. */
export const toSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

export const isUniversal = (node: Asn1 | undefined, type: number): node is Asn1 =>
  node !== undefined && node.tagClass === U && node.type === type;

export const isContext = (node: Asn1 | undefined, tag: number): node is Asn1 =>
  node !== undefined && node.tagClass === asn1.Class.CONTEXT_SPECIFIC && node.type === tag;

/** Children of a constructed node; throws on a primitive so malformed input surfaces as a format error. */
export function children(node: Asn1 | undefined, what: string): Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new Error(`${what}: expected a constructed value`);
  return node.value;
}

export function readOid(node: Asn1 | undefined, what: string): string {
  if (!isUniversal(node, T.OID)) throw new Error(`${what}: expected an OID`);
  return asn1.derToOid(node.value as string);
}

export function readOctets(node: Asn1 | undefined, what: string): Buffer {
  if (!isUniversal(node, T.OCTETSTRING) || typeof node.value !== 'string') throw new Error(`${what}: expected an OCTET STRING`);
  return buffer(node.value);
}

export function readBitString(node: Asn1 | undefined, what: string): Buffer {
  if (!isUniversal(node, T.BITSTRING) || typeof node.value !== 'string') throw new Error(`${what}: expected a BIT STRING`);
  // first byte is the count of unused bits; signatures are whole bytes
  return buffer(node.value.slice(1));
}

export { asn1 };
