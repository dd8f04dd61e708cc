/**
 * The bus's own small PKI: a dedicated CA (kept in the operator folder) that signs the NATS server's TLS
 * certificate. Clients trust only this CA for the bus (`tls: { ca }`), so a server certificate from any public
 * CA — or a man in the middle on the court's network — is refused.
 *
 * A separate CA from the courts' document PKI (actors/pki): a court's CA certifies its staff and seal for
 * signed documents; the bus CA certifies central servers for transport. Mixing them would let a court's CA
 * (held at the court) mint a certificate that impersonates the centre's NATS server.
 *
 * Client certificates are not used: every client already proves its nkey in the NATS CONNECT handshake
 * (challenge–response over the server's nonce), and revocation is one place (the server's users list).
 * A second client credential would add a CRL to keep in sync and no authority the nkey lacks.
 */
import { createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';
import { generateRsaKeyPair } from '../../actors/pki/keys.ts';
import { randomSerial } from '../../actors/pki/cert-builder.ts';

export interface CaMaterial {
  certPem: string;
  keyPem: string;
}

export interface ServerTlsMaterial {
  certPem: string;
  keyPem: string;
}

/** Names every local server certificate carries, so `nats://127.0.0.1`, `[::1]` and `localhost` all verify. */
export const LOOPBACK_NAMES = ['127.0.0.1', '::1', 'localhost'];

const YEAR_MS = 365 * 86_400_000;

function sign(cert: forge.pki.Certificate, keyPem: string): void {
  // forge reads PKCS#1 or PKCS#8 RSA keys; Node exports PKCS#8.
  const key = forge.pki.privateKeyFromPem(createPrivateKey(keyPem).export({ type: 'pkcs1', format: 'pem' }) as string);
  cert.sign(key, forge.md.sha256.create());
}

/** A fresh bus CA (RSA-2048, 10 years): `CN=<name>`. */
export function createBusCa(name = 'ASDS bus CA', now = new Date()): CaMaterial {
  const keys = generateRsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.serialNumber = randomSerial();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * YEAR_MS);
  const subject = [{ name: 'commonName', value: name }, { name: 'organizationName', value: 'ASDS' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  sign(cert, keys.privateKeyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}

/** A server certificate for `names` (IP addresses and DNS names), signed by the bus CA, valid 2 years. */
export function issueServerCert(ca: CaMaterial, names: readonly string[], now = new Date()): ServerTlsMaterial {
  if (names.length === 0) throw new Error('a server certificate needs at least one name');
  const keys = generateRsaKeyPair();
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.serialNumber = randomSerial();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 2 * YEAR_MS);
  cert.setSubject([{ name: 'commonName', value: names[0]! }, { name: 'organizationName', value: 'ASDS' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    // clientAuth too: the same certificate authenticates a server to its cluster peers on TLS routes
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })) },
    { name: 'subjectKeyIdentifier' },
  ]);
  sign(cert, ca.keyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privateKeyPem };
}
