/**
 * An independent parser must accept what we produce: OpenSSL's `cms -verify`.
 * If openssl is missing this suite fails loudly (requireOpenssl), it never skips.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildCrl, createSigner, issueUserCertificate, readSeal, revokeCertificate, signDetached, signDetachedPem } from '../../actors/pki/index.ts';
import { TempDirs, makeCourt, requireOpenssl, run } from './fixtures.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';

const temp = new TempDirs();
const t = suite('pki: OpenSSL accepts our CMS');
t.after(() => temp.removeAll());

const content = Buffer.from('Протокол передачі справи раніше визначеному складу суду\n', 'utf8');

/** `crlPem`: openssl cms has no -CRLfile, so the CRL rides in the -CAfile bundle and -crl_check turns it on. */
function opensslVerify(dir: string, cms: Buffer | string, data: Buffer, crlPem?: string): { status: number; output: string } {
  const openssl = requireOpenssl();
  const sig = join(dir, typeof cms === 'string' ? 'sig.pem' : 'sig.der');
  const file = join(dir, 'content.bin');
  writeFileSync(sig, cms);
  writeFileSync(file, data);
  const inform = typeof cms === 'string' ? 'PEM' : 'DER';
  let caFile = join(dir, 'ca.crt.pem');
  if (crlPem) {
    caFile = join(dir, 'ca-and-crl.pem');
    writeFileSync(caFile, readFileSync(join(dir, 'ca.crt.pem'), 'utf8') + crlPem);
  }
  const extra = crlPem ? ['-crl_check'] : [];
  return run(openssl, ['cms', '-verify', '-binary', '-inform', inform, '-in', sig, '-content', file, '-CAfile', caFile, '-purpose', 'any', '-out', '/dev/null', ...extra]);
}

t('openssl is installed', () => {
  assert.ok(requireOpenssl().length > 0);
});

t('openssl cms -verify accepts a staff signature (DER) and a seal signature (PEM)', () => {
  const { dir } = makeCourt(temp);
  const judge = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir, login: 'ivanenko', fullName: 'Іваненко Іван Іванович', role: 'суддя' });
  const der = signDetached({ content, certPem: judge.certPem, keyPem: judge.keyPem });
  const r1 = opensslVerify(dir, der, content);
  assert.is(r1.status, 0, r1.output);
  assert.match(r1.output, 'Verification successful');

  const pem = createSigner(readSeal(dir, TEST_KEY_PASSPHRASE)).signPem(content);
  const r2 = opensslVerify(dir, pem, content);
  assert.is(r2.status, 0, r2.output);
});

t('openssl rejects the same signature over changed content (the check can fail)', () => {
  const { dir } = makeCourt(temp);
  const judge = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir, login: 'j', fullName: 'J' });
  const der = signDetached({ content, certPem: judge.certPem, keyPem: judge.keyPem });
  const r = opensslVerify(dir, der, Buffer.concat([content, Buffer.from('!')]));
  assert.is.not(r.status, 0);
  assert.match(r.output, /digest failure|Verification failure/i);
});

t('openssl with our CRL rejects a signature by a revoked certificate', () => {
  const { dir } = makeCourt(temp);
  const clerk = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir, login: 'clerk', fullName: 'Clerk' });
  const pem = signDetachedPem({ content, certPem: clerk.certPem, keyPem: clerk.keyPem });
  const crl = buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir });
  const ok = opensslVerify(dir, pem, content, crl.pem);
  assert.is(ok.status, 0, ok.output);

  revokeCertificate({ dir, serial: clerk.serial, reason: 'keyCompromise' });
  const revokedCrl = buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir });
  const revoked = opensslVerify(dir, pem, content, revokedCrl.pem);
  assert.is.not(revoked.status, 0);
  assert.match(revoked.output, 'certificate revoked');
});

t.run();
