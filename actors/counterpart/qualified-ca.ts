/**
 * A stand-in qualified trust service provider for the demo and the benchmark (issue 17: "for tests the project's
 * PKI"): a CA kept in a folder that issues heads' qualified certificates naming the office's code (subject
 * organizationIdentifier NTRUA-<code>, as the hub's cabinets check, actors/central/exchange/cabinets). Its
 * certificate goes into the hub's `<data>/exchange/qualified/` trust store. Never a real provider.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { writeDurable } from '../../runtime/bus/index.ts';
import { buildCertificate, keyIdentifier } from '../pki/cert-builder.ts';
import { certPartsFromPem } from '../pki/cert-parts.ts';
import { generateRsaKeyPair } from '../pki/keys.ts';
import type { HeadCertificateV1 } from '../../contracts/exchange/cabinets.ts';

export interface HeadKey {
  certPem: string;
  keyPem: string;
  serial: string;
}

export interface DemoQualifiedCa {
  certPem: string;
  issueHead(o: { code: string; fullName: string }): HeadKey;
}

const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
const NAME = 'Демонстраційний надавач електронних довірчих послуг (не кваліфікований)';

/** The issuing CA's key, its subject and key id — what a head's certificate names as its issuer. */
export interface HeadIssuer {
  key: ReturnType<typeof createPrivateKey>;
  subject: ReturnType<typeof certPartsFromPem>['subject'];
  keyId: ReturnType<typeof keyIdentifier>;
}

/**
 * A head's certificate as the cabinets check it: organizationIdentifier NTRUA-<code> (the office's ЄДР or
 * conditional code), title «керівник», the person's name; valid for two years from an hour ago unless told.
 */
export function issueHeadCertificate(issuer: HeadIssuer, o: { code: string; fullName: string; notBefore?: Date; notAfter?: Date }): HeadKey {
  const k = generateRsaKeyPair();
  const nb = o.notBefore ?? new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
  const cert = buildCertificate({
    subject: [
      { name: 'countryName', value: 'UA' },
      { type: '2.5.4.97', value: `NTRUA-${o.code}`, valueTagClass: UTF8 } as forge.pki.CertificateField,
      { name: 'title', value: 'керівник', valueTagClass: UTF8 },
      { name: 'commonName', value: o.fullName, valueTagClass: UTF8 },
    ],
    issuerName: issuer.subject,
    issuerKeyId: issuer.keyId,
    subjectPublicKeyPem: k.publicKeyPem,
    issuerKey: issuer.key,
    notBefore: nb,
    notAfter: o.notAfter ?? new Date(nb.getTime() + 730 * 86_400_000),
    isCa: false,
  });
  return { certPem: cert.pem, keyPem: k.privateKeyPem, serial: cert.serial };
}

/** The CA in `dir` (ca.crt.pem, ca.key.pem 0600), made on first use. */
export function openDemoQualifiedCa(dir: string): DemoQualifiedCa {
  const certFile = join(dir, 'ca.crt.pem');
  const keyFile = join(dir, 'ca.key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const keys = generateRsaKeyPair();
    const nb = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000);
    const subject = [{ name: 'countryName', value: 'UA' }, { name: 'organizationName', value: NAME, valueTagClass: UTF8 }, { name: 'commonName', value: `КНЕДП: ${NAME}`, valueTagClass: UTF8 }];
    const ca = buildCertificate({ subject, subjectPublicKeyPem: keys.publicKeyPem, issuerKey: createPrivateKey(keys.privateKeyPem), notBefore: nb, notAfter: new Date(nb.getTime() + 3650 * 86_400_000), isCa: true });
    writeDurable(keyFile, keys.privateKeyPem, 0o600);
    writeDurable(certFile, ca.pem, 0o644);
  }
  const certPem = readFileSync(certFile, 'utf8');
  const keyPem = readFileSync(keyFile, 'utf8');
  const key = createPrivateKey(keyPem);
  const parts = certPartsFromPem(certPem);
  const keyId = keyIdentifier(forge.pki.certificateFromPem(certPem).publicKey as forge.pki.rsa.PublicKey);
  return {
    certPem,
    issueHead: (o) => issueHeadCertificate({ key, subject: parts.subject, keyId }, o),
  };
}

/** The certificate's data as a written request gives it to the operator (п. 11, 13 of the 2024 order). */
export function headCertificateData(h: HeadKey): HeadCertificateV1 {
  const x = new X509Certificate(h.certPem);
  return { serial: h.serial, issuer: x.issuer, subject: x.subject };
}
