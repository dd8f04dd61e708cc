import { X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CaAlreadyExistsError,
  CertificateExistsError,
  InvalidCertificateError,
  InvalidLoginError,
  InvalidValidityError,
  NotCaCertificateError,
  importExternalCertificate,
  initCourtCa,
  issueUserCertificate,
  loadTrustStore,
  readSeal,
} from '../../actors/pki/index.ts';
import { TempDirs, makeCourt } from './fixtures.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';

const temp = new TempDirs();
const ca = suite('pki: court CA and certificates');
ca.after(() => temp.removeAll());

ca('initCourtCa writes a self-signed CA, its key 0600, and a seal certificate issued by it', () => {
  const info = makeCourt(temp);
  const caCert = new X509Certificate(readFileSync(join(info.dir, 'ca.crt.pem')));
  assert.ok(caCert.ca, 'CA certificate has basicConstraints cA');
  assert.ok(caCert.verify(caCert.publicKey), 'CA is self-signed');
  assert.match(caCert.subject, 'Печерський районний суд міста Києва');
  assert.is(statSync(join(info.dir, 'ca.key.pem')).mode & 0o777, 0o600);
  assert.is(statSync(join(info.dir, 'seal.key.pem')).mode & 0o777, 0o600);

  const seal = new X509Certificate(readSeal(info.dir, TEST_KEY_PASSPHRASE).certPem);
  assert.not.ok(seal.ca);
  assert.ok(seal.checkIssued(caCert) && seal.verify(caCert.publicKey), 'seal issued by the court CA');
  assert.is(seal.serialNumber.replace(/^0+/, ''), info.sealSerial);
});

ca('initCourtCa refuses to overwrite an existing CA', () => {
  const info = makeCourt(temp);
  const before = readFileSync(join(info.dir, 'ca.key.pem'), 'utf8');
  try {
    initCourtCa({ passphrase: TEST_KEY_PASSPHRASE, dir: info.dir, courtCode: '2601', courtName: 'інший' });
    assert.unreachable('must throw');
  } catch (err) {
    assert.instance(err, CaAlreadyExistsError);
    assert.is((err as CaAlreadyExistsError).code, 'PKI_CA_EXISTS');
    assert.is((err as Error).name, 'CaAlreadyExistsError');
  }
  assert.is(readFileSync(join(info.dir, 'ca.key.pem'), 'utf8'), before, 'key untouched');
});

ca('issueUserCertificate writes users/<login>.crt.pem and .key.pem, issued by the CA', () => {
  const info = makeCourt(temp);
  const user = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: info.dir, login: 'ivanenko', fullName: 'Іваненко Іван Іванович', role: 'суддя' });
  assert.is(user.certPath, join(info.dir, 'users', 'ivanenko.crt.pem'));
  assert.is(statSync(user.keyPath).mode & 0o777, 0o600);
  const cert = new X509Certificate(readFileSync(user.certPath));
  assert.match(cert.subject, 'CN=Іваненко Іван Іванович');
  assert.match(cert.subject, 'UID=ivanenko');
  assert.match(cert.subject, 'title=суддя');
  assert.match(cert.issuer, 'O=Печерський районний суд міста Києва');
  assert.ok(cert.verify(new X509Certificate(info.caCertPem).publicKey));
  assert.not.ok(cert.ca);
});

ca('explicit notBefore/notAfter are honoured (for expired / not-yet-valid certificates)', () => {
  const info = makeCourt(temp);
  const notBefore = new Date('2020-01-01T00:00:00Z');
  const notAfter = new Date('2021-01-01T00:00:00Z');
  const user = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: info.dir, login: 'old', fullName: 'Old', notBefore, notAfter });
  const cert = new X509Certificate(user.certPem);
  assert.is(new Date(cert.validFrom).toISOString(), notBefore.toISOString());
  assert.is(new Date(cert.validTo).toISOString(), notAfter.toISOString());
  assert.throws(() => issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: info.dir, login: 'bad', fullName: 'B', notBefore: notAfter, notAfter: notBefore }), (e: unknown) => e instanceof InvalidValidityError);
});

ca('logins that could escape users/ and duplicate logins are refused', () => {
  const info = makeCourt(temp);
  for (const login of ['../ca', 'a/b', '.hidden', '']) {
    assert.throws(() => issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: info.dir, login, fullName: 'X' }), (e: unknown) => e instanceof InvalidLoginError, login);
  }
  issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: info.dir, login: 'petrenko', fullName: 'Петренко' });
  assert.throws(() => issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: info.dir, login: 'petrenko', fullName: 'Петренко' }), (e: unknown) => e instanceof CertificateExistsError);
});

ca('importExternalCertificate stores certificates; a trusted CA joins the trust store', () => {
  const home = makeCourt(temp);
  const other = makeCourt(temp, '0910', 'Апеляційний суд Київської області');
  assert.is(loadTrustStore(home.dir).anchors.length, 1);

  const imported = importExternalCertificate({ dir: home.dir, pem: other.caCertPem, trusted: true });
  assert.ok(imported.isCa && imported.trusted);
  assert.ok(existsSync(imported.path));
  assert.equal(readdirSync(join(home.dir, 'trust')), [`${imported.fingerprint}.crt.pem`]);
  const anchors = loadTrustStore(home.dir).anchors.map((a) => a.x509.subject);
  assert.is(anchors.length, 2);
  assert.ok(anchors.some((s) => s.includes('Апеляційний суд Київської області')));

  const plain = importExternalCertificate({ dir: home.dir, pem: other.sealCertPem });
  assert.not.ok(plain.trusted);
  assert.is(loadTrustStore(home.dir).anchors.length, 2, 'an untrusted import does not become an anchor');
});

ca('an end-entity certificate cannot be imported as trusted; garbage is rejected', () => {
  const home = makeCourt(temp);
  const other = makeCourt(temp, '0910', 'Апеляційний суд');
  assert.throws(() => importExternalCertificate({ dir: home.dir, pem: other.sealCertPem, trusted: true }), (e: unknown) => e instanceof NotCaCertificateError);
  assert.not.ok(existsSync(join(home.dir, 'trust')));
  assert.throws(() => importExternalCertificate({ dir: home.dir, pem: 'not a certificate' }), (e: unknown) => e instanceof InvalidCertificateError);
});

ca.run();
