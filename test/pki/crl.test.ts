import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { UnknownSerialError, buildCrl, issueUserCertificate, parseCrl, revokeCertificate } from '../../actors/pki/index.ts';
import { TempDirs, makeCourt, requireOpenssl, run } from './fixtures.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';

const temp = new TempDirs();
const crl = suite('pki: revocation and CRL');
crl.after(() => temp.removeAll());

crl('an empty CRL is signed, numbered, and lists nothing', () => {
  const { dir } = makeCourt(temp);
  const built = buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir });
  assert.is(built.crlNumber, 1);
  const parsed = parseCrl(built.der);
  assert.is(parsed.revoked.size, 0);
  assert.ok(parsed.nextUpdate && parsed.nextUpdate > parsed.thisUpdate);
  assert.is(buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir }).crlNumber, 2, 'CRL number increases with every build');
});

crl('revoked serials appear in the next CRL with their revocation date', () => {
  const { dir } = makeCourt(temp);
  const a = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir, login: 'a', fullName: 'A' });
  const b = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir, login: 'b', fullName: 'B' });
  const revokedAt = new Date('2026-03-01T10:00:00Z');
  const entry = revokeCertificate({ dir, serial: a.serial.toLowerCase(), reason: 'keyCompromise', revokedAt });
  assert.is(entry.serial, a.serial);
  const parsed = parseCrl(buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir }).pem);
  assert.is(parsed.revoked.get(a.serial)?.toISOString(), revokedAt.toISOString());
  assert.not.ok(parsed.revoked.has(b.serial));
});

crl('revoking twice keeps the first record; unknown serials are refused', () => {
  const { dir } = makeCourt(temp);
  const a = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir, login: 'a', fullName: 'A' });
  const first = revokeCertificate({ dir, serial: a.serial, reason: 'superseded' });
  const second = revokeCertificate({ dir, serial: a.serial, reason: 'keyCompromise' });
  assert.equal(second, first);
  assert.throws(() => revokeCertificate({ dir, serial: 'DEADBEEF' }), (e: unknown) => e instanceof UnknownSerialError && e.code === 'PKI_UNKNOWN_SERIAL');
});

crl('openssl accepts the CRL signature and rejects the revoked certificate with it', () => {
  const openssl = requireOpenssl();
  const { dir } = makeCourt(temp);
  const good = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir, login: 'good', fullName: 'Good' });
  const bad = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir, login: 'bad', fullName: 'Bad' });
  revokeCertificate({ dir, serial: bad.serial, reason: 'keyCompromise' });
  const built = buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir });
  const ca = join(dir, 'ca.crt.pem');

  const check = run(openssl, ['crl', '-in', built.path, '-CAfile', ca, '-noout']);
  assert.is(check.status, 0, check.output);
  assert.match(check.output, 'verify OK');

  const okCert = run(openssl, ['verify', '-crl_check', '-CRLfile', built.path, '-CAfile', ca, good.certPath]);
  assert.is(okCert.status, 0, okCert.output);
  const revoked = run(openssl, ['verify', '-crl_check', '-CRLfile', built.path, '-CAfile', ca, bad.certPath]);
  assert.is.not(revoked.status, 0);
  assert.match(revoked.output, 'certificate revoked');
});

crl('parseCrl rejects garbage with a typed error', () => {
  assert.throws(() => parseCrl(Buffer.from('not a crl')), (e: unknown) => (e as Error).name === 'InvalidCrlError');
  assert.throws(() => parseCrl('-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n'), (e: unknown) => (e as Error).name === 'InvalidCrlError');
});

crl.run();
