import forge from 'node-forge';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  KeyMismatchError,
  buildCrl,
  createSigner,
  issueUserCertificate,
  loadTrustStore,
  readSeal,
  revokeCertificate,
  signDetached,
  signDetachedPem,
  verifyDetached,
  type VerificationResult,
} from '../../actors/pki/index.ts';
import { TempDirs, daysFromNow, makeCourt } from './fixtures.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';

const temp = new TempDirs();
const court = makeCourt(temp);
const other = makeCourt(temp, '0910', 'Апеляційний суд Київської області');
const trustStore = loadTrustStore(court.dir);
const judge = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: court.dir, login: 'ivanenko', fullName: 'Іваненко Іван Іванович', role: 'суддя', notBefore: daysFromNow(-30) });
const content = Buffer.from('Протокол автоматизованого розподілу судової справи між суддями № 757/1234/26-ц');

const t = suite('pki: detached CMS sign → verify');
t.after(() => temp.removeAll());

function expect(result: VerificationResult, indication: string, subIndication: string | undefined, code: string): void {
  assert.is(result.indication, indication, JSON.stringify(result.reason));
  assert.is(result.subIndication, subIndication);
  assert.is(result.reason.code, code);
  assert.ok(result.reason.uk.length > 0 && result.reason.en.length > 0, 'messages in both languages');
}

/** Re-encodes the CMS with the [0] certificates field removed. */
function withoutCertificates(cms: Buffer): Buffer {
  const root = forge.asn1.fromDer(cms.toString('binary'));
  const signedData = ((root.value as forge.asn1.Asn1[])[1]!.value as forge.asn1.Asn1[])[0]!;
  signedData.value = (signedData.value as forge.asn1.Asn1[]).filter((n) => !(n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0));
  return Buffer.from(forge.asn1.toDer(root).getBytes(), 'binary');
}

t('round trip: a judge signs, the signature verifies TOTAL_PASSED with signer details', () => {
  const signingTime = new Date(Math.floor(daysFromNow(-1).getTime() / 1000) * 1000 + 789);
  const cms = signDetached({ content, certPem: judge.certPem, keyPem: judge.keyPem, signingTime });
  const result = verifyDetached({ content, cms, trustStore, at: new Date(signingTime.getTime() + 60_000) });
  expect(result, 'TOTAL_PASSED', undefined, 'OK');
  assert.is(result.signer?.serial, judge.serial);
  assert.match(result.signer?.subject ?? '', 'Іваненко Іван Іванович');
  assert.is(result.signingTime?.getTime(), signingTime.getTime() - 789, 'signing time kept to the second');
  assert.is(result.revocationChecked, false, 'no CRL given, so revocation was not checked');
});

t('the seal signer signs many contents with one parsed key; each signature binds its own content', () => {
  const seal = createSigner(readSeal(court.dir, TEST_KEY_PASSPHRASE));
  const docs = ['протокол 1', 'протокол 2', 'протокол 3'].map((s) => Buffer.from(s));
  const sigs = docs.map((d) => seal.sign(d));
  docs.forEach((doc, i) => expect(verifyDetached({ content: doc, cms: sigs[i]!, trustStore }), 'TOTAL_PASSED', undefined, 'OK'));
  expect(verifyDetached({ content: docs[0]!, cms: sigs[1]!, trustStore }), 'TOTAL_FAILED', 'HASH_FAILURE', 'HASH_FAILURE');
  assert.match(seal.certificate.subject, 'Печатка');
});

t('PEM signatures verify as well', () => {
  const pem = signDetachedPem({ content, certPem: judge.certPem, keyPem: judge.keyPem });
  assert.match(pem, /^-----BEGIN CMS-----\n/);
  expect(verifyDetached({ content, cms: pem, trustStore }), 'TOTAL_PASSED', undefined, 'OK');
});

t('changed content → TOTAL_FAILED / HASH_FAILURE', () => {
  const cms = signDetached({ content, certPem: judge.certPem, keyPem: judge.keyPem });
  const changed = Buffer.from(content);
  changed[changed.length - 1] ^= 0x01;
  expect(verifyDetached({ content: changed, cms, trustStore }), 'TOTAL_FAILED', 'HASH_FAILURE', 'HASH_FAILURE');
});

t('altered signature value → TOTAL_FAILED / SIG_CRYPTO_FAILURE', () => {
  const cms = signDetached({ content, certPem: judge.certPem, keyPem: judge.keyPem });
  // No unsigned attributes are emitted, so the signature value is the tail of the DER.
  cms[cms.length - 1] ^= 0x01;
  expect(verifyDetached({ content, cms, trustStore }), 'TOTAL_FAILED', 'SIG_CRYPTO_FAILURE', 'SIG_CRYPTO_FAILURE');
});

t('issuer not in the trust store → INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND', () => {
  const cms = signDetached({ content, certPem: judge.certPem, keyPem: judge.keyPem });
  const result = verifyDetached({ content, cms, trustStore: loadTrustStore(other.dir) });
  expect(result, 'INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND', 'UNKNOWN_ISSUER');
  assert.is(result.signer?.serial, judge.serial, 'signer is still reported');
});

t('certificate expired before the claimed signing time → INDETERMINATE / EXPIRED', () => {
  const expired = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: court.dir, login: 'expired', fullName: 'Expired', notBefore: daysFromNow(-30), notAfter: daysFromNow(-1) });
  const cms = signDetached({ content, certPem: expired.certPem, keyPem: expired.keyPem });
  expect(verifyDetached({ content, cms, trustStore }), 'INDETERMINATE', 'EXPIRED', 'CERT_EXPIRED');
});

t('expired now, signed while valid: OUT_OF_BOUNDS_NO_POE without proof, TOTAL_PASSED with proof of existence', () => {
  const lapsed = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: court.dir, login: 'lapsed', fullName: 'Lapsed', notBefore: daysFromNow(-30), notAfter: daysFromNow(-1) });
  const cms = signDetached({ content, certPem: lapsed.certPem, keyPem: lapsed.keyPem, signingTime: daysFromNow(-10) });
  expect(verifyDetached({ content, cms, trustStore }), 'INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE', 'CERT_EXPIRED_NO_POE');
  expect(verifyDetached({ content, cms, trustStore, at: daysFromNow(-9) }), 'TOTAL_PASSED', undefined, 'OK');
});

t('claimed signing time before the certificate → INDETERMINATE / NOT_YET_VALID', () => {
  const cms = signDetached({ content, certPem: judge.certPem, keyPem: judge.keyPem, signingTime: daysFromNow(-40) });
  expect(verifyDetached({ content, cms, trustStore }), 'INDETERMINATE', 'NOT_YET_VALID', 'SIGNING_TIME_BEFORE_CERT');
});

t('certificate not yet valid → TOTAL_FAILED / NOT_YET_VALID', () => {
  const future = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: court.dir, login: 'future', fullName: 'Future', notBefore: daysFromNow(1), notAfter: daysFromNow(30) });
  const cms = signDetached({ content, certPem: future.certPem, keyPem: future.keyPem });
  expect(verifyDetached({ content, cms, trustStore }), 'TOTAL_FAILED', 'NOT_YET_VALID', 'CERT_NOT_YET_VALID');
});

t('revoked certificate → INDETERMINATE / REVOKED_NO_POE only when a CRL is given', () => {
  const dir = makeCourt(temp).dir;
  const store = loadTrustStore(dir);
  const clerk = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir, login: 'clerk', fullName: 'Clerk', notBefore: daysFromNow(-10) });
  const cms = signDetached({ content, certPem: clerk.certPem, keyPem: clerk.keyPem });
  const goodCrl = buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir }).der;
  const good = verifyDetached({ content, cms, trustStore: store, crl: goodCrl });
  expect(good, 'TOTAL_PASSED', undefined, 'OK');
  assert.ok(good.revocationChecked);

  const revokedAt = new Date(Date.now() - 60_000);
  revokeCertificate({ dir, serial: clerk.serial, reason: 'keyCompromise', revokedAt });
  const crl = buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir }).pem;
  const revoked = verifyDetached({ content, cms, trustStore: store, crl });
  expect(revoked, 'INDETERMINATE', 'REVOKED_NO_POE', 'CERT_REVOKED');
  assert.ok(revoked.revocationChecked);
  expect(verifyDetached({ content, cms, trustStore: store }), 'TOTAL_PASSED', undefined, 'OK');
  // Proof that the signature existed before the revocation makes it valid again.
  expect(verifyDetached({ content, cms, trustStore: store, crl, at: new Date(revokedAt.getTime() - 3_600_000) }), 'TOTAL_PASSED', undefined, 'OK');
});

t('a CRL with a broken signature or past its nextUpdate makes the result INDETERMINATE', () => {
  const dir = makeCourt(temp).dir;
  const store = loadTrustStore(dir);
  const user = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir, login: 'u', fullName: 'U', notBefore: daysFromNow(-60) });
  const cms = signDetached({ content, certPem: user.certPem, keyPem: user.keyPem });
  const forged = Buffer.from(buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir }).der);
  forged[forged.length - 1] ^= 0x01;
  expect(verifyDetached({ content, cms, trustStore: store, crl: forged }), 'INDETERMINATE', 'CERTIFICATE_CHAIN_GENERAL_FAILURE', 'CRL_INVALID');
  const stale = buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir, now: daysFromNow(-30), nextUpdateDays: 7 }).der;
  expect(verifyDetached({ content, cms, trustStore: store, crl: stale }), 'INDETERMINATE', 'TRY_LATER', 'CRL_STALE');
  // A CRL of another CA says nothing about this certificate.
  const foreign = verifyDetached({ content, cms, trustStore: store, crl: buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir: other.dir }).der });
  expect(foreign, 'TOTAL_PASSED', undefined, 'OK');
  assert.not.ok(foreign.revocationChecked);
});

t('malformed CMS → TOTAL_FAILED / FORMAT_FAILURE', () => {
  const cms = signDetached({ content, certPem: judge.certPem, keyPem: judge.keyPem });
  for (const bad of [Buffer.from('not a signature'), cms.subarray(0, cms.length - 10), Buffer.alloc(0), '-----BEGIN CMS-----\nAAAA\n-----END CMS-----\n', 'plain text']) {
    const result = verifyDetached({ content, cms: bad, trustStore });
    expect(result, 'TOTAL_FAILED', 'FORMAT_FAILURE', 'FORMAT_FAILURE');
    assert.ok(result.reason.detail, 'technical detail is given');
  }
});

t('signer certificate missing from the CMS → INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND', () => {
  const cms = withoutCertificates(signDetached({ content, certPem: judge.certPem, keyPem: judge.keyPem }));
  expect(verifyDetached({ content, cms, trustStore }), 'INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND', 'NO_SIGNING_CERTIFICATE');
});

t('a key that does not belong to the certificate is refused before signing', () => {
  const seal = readSeal(court.dir, TEST_KEY_PASSPHRASE);
  assert.throws(() => createSigner({ certPem: judge.certPem, keyPem: seal.keyPem }), (e: unknown) => e instanceof KeyMismatchError && e.code === 'PKI_KEY_MISMATCH');
});

t.run();
