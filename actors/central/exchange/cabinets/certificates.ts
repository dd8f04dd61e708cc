/**
 * Which certificate a cabinet trusts, and which organisation a qualified certificate names.
 *
 * A head's certificate is identified as its written request gives it (п. 11, 13): serial number and issuer (the
 * pair is unique by X.509); compared after normalising (hex case and separators; DN attribute order, spacing,
 * `\n` or `, ` separators).
 *
 * The organisation code of a qualified certificate of a legal entity's head: the subject's organizationIdentifier
 * (2.5.4.97, ETSI EN 319 412-1 `NTRUA-<ЄДРПОУ>`), else the ЄДРПОУ attribute of subjectDirectoryAttributes
 * (1.2.804.2.1.1.1.11.1.4.2.1, the Ukrainian qualified certificate profile).
 *
 *   organisationCodeOf(certPartsFromPem(pem))   // '02910060'
 */
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import type { CertParts } from '../../../pki/cert-parts.ts';
import { normalizeSerial, parseDer, type Asn1 } from '../../../pki/der.ts';
import type { HeadCertificateV1 } from '../../../../contracts/exchange/cabinets.ts';

export const OID_ORGANIZATION_IDENTIFIER = '2.5.4.97';
export const OID_SUBJECT_DIRECTORY_ATTRIBUTES = '2.5.29.9';
export const OID_UA_EDRPOU = '1.2.804.2.1.1.1.11.1.4.2.1';

const { asn1 } = forge;

function text(node: Asn1): string {
  const raw = node.value as string;
  return node.type === asn1.Type.BMPSTRING ? Buffer.from(raw, 'binary').swap16().toString('utf16le') : Buffer.from(raw, 'binary').toString(node.type === asn1.Type.UTF8 ? 'utf8' : 'latin1');
}

function attributesOf(name: Asn1): Array<{ oid: string; value: string }> {
  const out: Array<{ oid: string; value: string }> = [];
  for (const rdn of name.value as Asn1[]) {
    for (const atv of rdn.value as Asn1[]) {
      const [o, v] = atv.value as Asn1[];
      if (o && v) out.push({ oid: asn1.derToOid(o.value as string), value: text(v) });
    }
  }
  return out;
}

function edrpouExtension(parts: CertParts): string | undefined {
  for (const ext of extensionsOf(parts)) {
    if (ext.oid !== OID_SUBJECT_DIRECTORY_ATTRIBUTES) continue;
    const attrs = parseDer(ext.value).value as Asn1[];
    for (const a of attrs) {
      const [o, set] = a.value as Asn1[];
      if (o && set && asn1.derToOid(o.value as string) === OID_UA_EDRPOU) return text((set.value as Asn1[])[0]!);
    }
  }
  return undefined;
}

function extensionsOf(parts: CertParts): Array<{ oid: string; value: Buffer }> {
  const tbs = (parseDer(parts.der).value as Asn1[])[0]!;
  const ctx = (tbs.value as Asn1[]).find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 3);
  if (!ctx) return [];
  const list = (ctx.value as Asn1[])[0]!.value as Asn1[];
  return list.map((e) => {
    const kids = e.value as Asn1[];
    const value = kids[kids.length - 1]!;
    return { oid: asn1.derToOid(kids[0]!.value as string), value: Buffer.from(value.value as string, 'binary') };
  });
}

/** The organisation code (ЄДРПОУ) a certificate names, if any. */
export function organisationCodeOf(parts: CertParts): string | undefined {
  const id = attributesOf(parts.subject).find((a) => a.oid === OID_ORGANIZATION_IDENTIFIER)?.value;
  if (id) return id.replace(/^NTRUA-/i, '');
  return edrpouExtension(parts);
}

/** The certificate data a cabinet records for its head. */
export function headOf(parts: CertParts): HeadCertificateV1 {
  return { serial: parts.serial, issuer: parts.x509.issuer, subject: parts.x509.subject, notAfter: new Date(parts.x509.validTo).toISOString() };
}

/** A DN in a canonical form: attributes sorted, `KEY=value` with trimmed key upper-cased. */
export function canonicalDn(dn: string): string {
  return dn
    .split(/\n|,\s*(?=[A-Za-z][A-Za-z0-9.]*=)/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf('=');
      return `${p.slice(0, i).trim().toUpperCase()}=${p.slice(i + 1).trim()}`;
    })
    .sort()
    .join('\n');
}

export function sameCertificate(a: Pick<HeadCertificateV1, 'serial' | 'issuer'>, b: Pick<HeadCertificateV1, 'serial' | 'issuer'>): boolean {
  return normalizeSerial(a.serial) === normalizeSerial(b.serial) && canonicalDn(a.issuer) === canonicalDn(b.issuer);
}

export const sha256Hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
