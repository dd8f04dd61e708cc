/**
 * The exchange hub's own certification authority (issue 17, "mutual TLS"): it issues the hub's TLS server
 * certificate and one client certificate per registered organisation (subject CN = the organisation's id in the
 * registry, so the hub maps a connection to its organisation without a lookup table). It is not a qualified CA:
 * it authenticates systems on the wire; documents are signed with qualified keys (actors/pki).
 *
 * Files in `<dataDir>/exchange/ca/`: `ca.crt.pem` (public), `ca.key.pem` — PKCS#8 encrypted with the key passphrase
 * when one is given (as the court CA, actors/pki/README.md "Keys at rest"), else owner-only (0600) in clear; a key
 * file that others may read is refused. The server key lives in memory only: a new one at every start.
 *
 *   const ca = openExchangeCa({ dir: join(dataDir, 'exchange', 'ca'), passphrase });
 *   const server = ca.serverCert(['127.0.0.1', 'localhost']);
 *   const { certPem, keyPem } = ca.issueClientCert('prok-kyiv');   // hand both to the organisation
 */
import { createHash, sign as nodeSign, createPrivateKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';
import { binary, encode, type Asn1 } from '../../pki/der.ts';
import { certPartsFromPem } from '../../pki/cert-parts.ts';
import { randomSerial, keyIdentifier } from '../../pki/cert-builder.ts';
import { encryptPrivateKeyPem, generateRsaKeyPair, isEncryptedPem, keyPemOf, openPrivateKey } from '../../pki/keys.ts';
import { readKeyFile, readText, writePublic, writeSecret } from '../../pki/layout.ts';
import { OID } from '../../pki/oids.ts';

const DAY_MS = 86_400_000;
export const EXCHANGE_CA_DAYS = 3650;
export const CLIENT_CERT_DAYS = 730;
const SERVER_CERT_DAYS = 397;

const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
const utf8 = (name: string, value: string): forge.pki.CertificateField => ({ name, value, valueTagClass: UTF8 });

export interface IssuedClientCert {
  certPem: string;
  keyPem: string;
  serial: string;
  /** SHA-256 of the DER, hex. */
  fingerprint: string;
  notAfter: string;
}

export interface ExchangeCa {
  certPem: string;
  /** A TLS server certificate for these host names / IP addresses (subjectAltName), with its key (PEM, in memory). */
  serverCert(hosts: readonly string[]): { certPem: string; keyPem: string };
  /** A client certificate naming the organisation (CN = orgId); `notBefore/notAfter` let tests make expired ones. */
  issueClientCert(orgId: string, o?: { notBefore?: Date; notAfter?: Date; name?: string }): IssuedClientCert;
}

interface Spec {
  subject: forge.pki.CertificateField[];
  publicKeyPem: string;
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
  issuer?: { name: Asn1; key: KeyObject };
  selfKey?: KeyObject;
}

type GetTbs = (cert: forge.pki.Certificate) => Asn1;

/** forge assembles the TBSCertificate; Node signs it (as actors/pki/cert-builder.ts, which has no subjectAltName). */
function build(spec: Spec): { pem: string; serial: string } {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = randomSerial();
  cert.publicKey = forge.pki.publicKeyFromPem(spec.publicKeyPem);
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(spec.subject);
  cert.setIssuer(spec.subject);
  cert.setExtensions(spec.extensions);
  cert.siginfo.algorithmOid = OID.sha256WithRSAEncryption;
  cert.signatureOid = OID.sha256WithRSAEncryption;
  const tbs = (forge.pki as unknown as { getTBSCertificate: GetTbs }).getTBSCertificate(cert);
  if (spec.issuer) (tbs.value as Asn1[])[3] = spec.issuer.name;
  const signature = nodeSign('sha256', encode(tbs), spec.issuer?.key ?? spec.selfKey!);
  const mutable = cert as forge.pki.Certificate & { tbsCertificate: Asn1 };
  mutable.tbsCertificate = tbs;
  mutable.signature = binary(signature);
  return { pem: forge.pki.certificateToPem(cert), serial: cert.serialNumber };
}

const seconds = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000);

function createCa(dir: string, passphrase: string | undefined): void {
  const keys = generateRsaKeyPair();
  const now = seconds(new Date());
  const ca = build({
    subject: [{ name: 'countryName', value: 'UA' }, utf8('organizationName', 'Державна судова адміністрація України'), utf8('commonName', 'ЦСК обміну АСДС (взаємне TLS)')],
    publicKeyPem: keys.publicKeyPem,
    notBefore: now,
    notAfter: new Date(now.getTime() + EXCHANGE_CA_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
    selfKey: createPrivateKey(keys.privateKeyPem),
  });
  // the key first: a certificate without its key would be a CA nobody can use
  writeSecret(join(dir, 'ca.key.pem'), passphrase ? encryptPrivateKeyPem(keys.privateKeyPem, passphrase) : keys.privateKeyPem);
  writePublic(join(dir, 'ca.crt.pem'), ca.pem);
}

function openKey(path: string, passphrase: string | undefined): KeyObject {
  const pem = readKeyFile(path); // refuses a key others may read
  if (isEncryptedPem(pem)) {
    if (!passphrase) throw new Error(`the exchange CA key ${path} is encrypted: give the key passphrase (ASDS_KEY_PASSPHRASE or --key-passphrase-file)`);
    return openPrivateKey(pem, passphrase, path);
  }
  // a key written without a passphrase stays owner-only in clear (documented above); with one given, it must be encrypted
  if (passphrase) return openPrivateKey(pem, passphrase, path);
  return createPrivateKey(pem);
}

/** Open (creating on first use) the exchange CA in `dir`. */
export function openExchangeCa(o: { dir: string; passphrase?: string }): ExchangeCa {
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  if (!existsSync(join(o.dir, 'ca.crt.pem'))) createCa(o.dir, o.passphrase);
  const certPem = readText(join(o.dir, 'ca.crt.pem'));
  const key = openKey(join(o.dir, 'ca.key.pem'), o.passphrase);
  const parts = certPartsFromPem(certPem);
  const caKeyId = keyIdentifier(forge.pki.certificateFromPem(certPem).publicKey as forge.pki.rsa.PublicKey);
  const issuer = { name: parts.subject, key };
  const aki = { name: 'authorityKeyIdentifier', keyIdentifier: binary(caKeyId) };
  const leaf = (usage: 'serverAuth' | 'clientAuth', extra: object[] = []) => [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', [usage]: true },
    { name: 'subjectKeyIdentifier' },
    aki,
    ...extra,
  ];
  return {
    certPem,
    serverCert(hosts) {
      const keys = generateRsaKeyPair();
      const now = seconds(new Date(Date.now() - 60_000));
      const altNames = hosts.map((h) => (isIP(h) ? { type: 7, ip: h } : { type: 2, value: h }));
      const c = build({
        subject: [{ name: 'countryName', value: 'UA' }, utf8('commonName', `Хаб обміну АСДС ${hosts[0] ?? ''}`.trim())],
        publicKeyPem: keys.publicKeyPem,
        notBefore: now,
        notAfter: new Date(now.getTime() + SERVER_CERT_DAYS * DAY_MS),
        extensions: leaf('serverAuth', [{ name: 'subjectAltName', altNames }]),
        issuer,
      });
      return { certPem: c.pem, keyPem: keyPemOf(createPrivateKey(keys.privateKeyPem)) };
    },
    issueClientCert(orgId, opt = {}) {
      const keys = generateRsaKeyPair();
      const notBefore = seconds(opt.notBefore ?? new Date(Date.now() - 60_000));
      const notAfter = seconds(opt.notAfter ?? new Date(notBefore.getTime() + CLIENT_CERT_DAYS * DAY_MS));
      const subject = [{ name: 'countryName', value: 'UA' }, ...(opt.name ? [utf8('organizationName', opt.name)] : []), /^[A-Za-z0-9 .-]*$/.test(orgId) ? { name: 'commonName', value: orgId } : utf8('commonName', orgId)];
      const c = build({ subject, publicKeyPem: keys.publicKeyPem, notBefore, notAfter, extensions: leaf('clientAuth'), issuer });
      const fingerprint = createHash('sha256').update(certPartsFromPem(c.pem).der).digest('hex');
      return { certPem: c.pem, keyPem: keys.privateKeyPem, serial: c.serial, fingerprint, notAfter: notAfter.toISOString() };
    },
  };
}
