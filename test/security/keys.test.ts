/**
 * Keys at rest (issue 10 item 6), tried as an attacker or a power cut would:
 * the court CA and seal keys are never on disk in clear; a key, passphrase or
 * court-key file that others can read stops the node; a plaintext key of an
 * older data dir is refused with the command that encrypts it; the passphrase
 * never comes from argv; every PEM is written durably and a SIGKILL at any
 * moment leaves the old file or the complete new one, never an empty one.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  buildCrl,
  createSigner,
  encryptCourtKeys,
  initCourtCa,
  KeyFilePermissionError,
  KeyNotEncryptedError,
  KeyPassphraseError,
  KeyPassphraseMissingError,
  readSeal,
  resolveKeyPassphrase,
  writeFileDurable,
  type DurableStep,
} from '../../actors/pki/index.ts';
import { fromPem } from '../../actors/pki/pem.ts';
import { ensureCourtSeal } from '../../actors/court/seal/index.ts';
import { CourtKey } from '../../actors/court/covert/vault.ts';
import { startCourtNode } from '../../actors/court/node.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { startNodeProcess } from '../support/processes.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('security: keys at rest');
test.after(cleanup);

const PASS = TEST_KEY_PASSPHRASE;
const COURT = { courtCode: '537', courtName: 'Тестовий суд' };
const pkiFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.pem'));
const asds = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'bin/cli.ts', ...args], { encoding: 'utf8', env: { ...process.env, ASDS_LOG: 'error', ASDS_KEY_PASSPHRASE: '', ...env } });

test('the CA and seal private keys are stored encrypted (PKCS#8 PBES2): no key in clear anywhere in pki/', () => {
  const dir = join(tempDir('asds-keys-'), 'pki');
  initCourtCa({ dir, ...COURT, passphrase: PASS });
  for (const f of ['ca.key.pem', 'seal.key.pem']) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.match(text, /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/, f);
    assert.is(statSync(join(dir, f)).mode & 0o777, 0o600, `${f} is 0600`);
    // Node (OpenSSL) opens it with the passphrase…
    assert.is(createPrivateKey({ key: text, passphrase: PASS }).asymmetricKeyType, 'rsa');
  }
  for (const f of pkiFiles(dir)) assert.not.match(readFileSync(join(dir, f), 'utf8'), /BEGIN (RSA )?PRIVATE KEY/, `${f} holds no plaintext key`);
  // …and the seal signs with it; a wrong passphrase opens nothing.
  assert.ok(createSigner(readSeal(dir, PASS)).sign(Buffer.from('протокол')).length > 0);
  assert.throws(() => readSeal(dir, 'not-the-passphrase'), (e: unknown) => e instanceof KeyPassphraseError && e.code === 'PKI_KEY_PASSPHRASE');
  assert.throws(() => initCourtCa({ dir: join(tempDir(), 'pki'), ...COURT, passphrase: 'short' }), (e: unknown) => e instanceof KeyPassphraseMissingError);
});

test('openssl reads the encrypted key with the passphrase and refuses it without', () => {
  const dir = join(tempDir('asds-keys-'), 'pki');
  initCourtCa({ dir, ...COURT, passphrase: PASS });
  const ok = spawnSync('openssl', ['pkey', '-in', join(dir, 'seal.key.pem'), '-passin', `pass:${PASS}`, '-noout'], { encoding: 'utf8' });
  assert.is(ok.status, 0, ok.stderr);
  const bad = spawnSync('openssl', ['pkey', '-in', join(dir, 'seal.key.pem'), '-passin', 'pass:wrong-passphrase', '-noout'], { encoding: 'utf8' });
  assert.is.not(bad.status, 0);
});

test('a key file readable by group/others stops the node with the chmod to run', () => {
  const data = tempDir('asds-keys-');
  ensureCourtSeal(data, '537', 'Тестовий суд', PASS);
  const seal = join(data, 'pki', 'seal.key.pem');
  chmodSync(seal, 0o640);
  assert.throws(
    () => ensureCourtSeal(data, '537', 'Тестовий суд', PASS),
    (e: unknown) => e instanceof KeyFilePermissionError && e.code === 'PKI_KEY_FILE_PERMISSIONS' && e.message.includes(`chmod 600 ${seal}`),
  );
  chmodSync(seal, 0o600);
  chmodSync(join(data, 'pki', 'ca.key.pem'), 0o604);
  assert.throws(() => buildCrl({ dir: join(data, 'pki'), passphrase: PASS }), (e: unknown) => e instanceof KeyFilePermissionError);
});

test('passphrase file and court key file: owner-only or refused; the passphrase is never an argument', () => {
  const dir = tempDir('asds-keys-');
  const pass = join(dir, 'passphrase');
  writeFileSync(pass, `${PASS}\n`, { mode: 0o644 });
  chmodSync(pass, 0o644);
  assert.throws(() => resolveKeyPassphrase({ file: pass }), (e: unknown) => e instanceof KeyFilePermissionError && /key passphrase file/.test((e as Error).message));
  chmodSync(pass, 0o600);
  assert.equal(resolveKeyPassphrase({ file: pass }), { passphrase: PASS, source: `file ${pass}` });

  const courtKey = join(dir, 'court.key');
  writeFileSync(courtKey, 'ab'.repeat(32));
  chmodSync(courtKey, 0o644);
  assert.throws(() => CourtKey.load(courtKey), (e: unknown) => e instanceof KeyFilePermissionError && /court key file/.test((e as Error).message));
  chmodSync(courtKey, 0o600);
  assert.ok(CourtKey.load(courtKey));

  // The CLI: no passphrase → refused before anything is created; a readable passphrase or court-key file → refused;
  // `--key-passphrase <value>` does not exist (argv is visible to every user in `ps`).
  const data = join(dir, 'court');
  const none = asds(['court', 'serve', '--court', '537', '--data', data, '--port', '0']);
  assert.is(none.status, 2, none.stderr);
  assert.match(none.stderr, /ASDS_KEY_PASSPHRASE or in a file --key-passphrase-file/);
  assert.not.ok(existsSync(join(data, 'pki')), 'nothing written');
  const argv = asds(['court', 'serve', '--court', '537', '--data', data, '--key-passphrase', PASS]);
  assert.is(argv.status, 2);
  assert.match(argv.stderr, /Unknown option '--key-passphrase'/);
  chmodSync(pass, 0o640);
  const loose = asds(['court', 'serve', '--court', '537', '--data', data, '--key-passphrase-file', pass]);
  assert.is(loose.status, 2, loose.stderr);
  assert.match(loose.stderr, /key passphrase: key passphrase file .* is accessible to group\/others \(mode 0640\).*chmod 600/);
  chmodSync(pass, 0o600);
  chmodSync(courtKey, 0o644);
  const keyLoose = asds(['court', 'serve', '--court', '537', '--data', data, '--port', '0', '--key-passphrase-file', pass, '--court-key-file', courtKey]);
  assert.is(keyLoose.status, 2, keyLoose.stderr);
  assert.match(keyLoose.stderr, /court key: court key file .* chmod 600/);
});

test('a plaintext key from an older data dir: the node refuses with the command; `asds pki encrypt-keys` fixes it', async () => {
  const data = tempDir('asds-keys-');
  const dir = join(data, 'pki');
  const info = initCourtCa({ dir, ...COURT, passphrase: PASS });
  // What an older version left: the same keys in clear.
  for (const f of ['ca.key.pem', 'seal.key.pem']) {
    const clear = createPrivateKey({ key: readFileSync(join(dir, f), 'utf8'), passphrase: PASS }).export({ type: 'pkcs8', format: 'pem' }) as string;
    writeFileSync(join(dir, f), clear, { mode: 0o600 });
  }
  assert.throws(
    () => ensureCourtSeal(data, '537', 'Тестовий суд', PASS),
    (e: unknown) => e instanceof KeyNotEncryptedError && e.code === 'PKI_KEY_NOT_ENCRYPTED' && e.message.includes('asds pki encrypt-keys --data'),
  );
  await startCourtNode({ court: '537', dataDir: data, keyPassphrase: PASS }).then(
    () => assert.unreachable('the node must not start on a plaintext key'),
    (e: unknown) => assert.instance(e, KeyNotEncryptedError),
  );
  const served = asds(['court', 'serve', '--court', '537', '--data', data], { ASDS_KEY_PASSPHRASE: PASS });
  assert.is(served.status, 1);
  assert.match(served.stderr, /^asds: the private key .*seal\.key\.pem|ca\.key\.pem is not encrypted/m);
  assert.not.match(served.stderr, /\n\s+at /, 'one line, no stack trace');

  const enc = asds(['pki', 'encrypt-keys', '--data', data], { ASDS_KEY_PASSPHRASE: PASS });
  assert.is(enc.status, 0, enc.stderr);
  assert.equal(JSON.parse(enc.stdout).encrypted, [join(dir, 'ca.key.pem'), join(dir, 'seal.key.pem')]);
  for (const f of ['ca.key.pem', 'seal.key.pem']) assert.match(readFileSync(join(dir, f), 'utf8'), /ENCRYPTED PRIVATE KEY/);
  assert.is(readFileSync(join(dir, 'seal.crt.pem'), 'utf8'), info.sealCertPem, 'the certificate is unchanged: same key');
  assert.ok(ensureCourtSeal(data, '537', 'Тестовий суд', PASS));
  assert.equal(encryptCourtKeys(dir, PASS), [], 'running it again changes nothing');
});

test('durable write: temporary file, fsync, rename, fsync of the folder; keys are never overwritten', () => {
  const dir = tempDir('asds-durable-');
  const steps: Array<[DurableStep, string]> = [];
  const trace = (s: DurableStep, p: string) => void steps.push([s, p]);
  writeFileDurable(join(dir, 'sub', 'crl.pem'), 'old', { mode: 0o644, trace });
  assert.equal(steps.map(([s]) => s), ['tmp-open', 'tmp-write', 'tmp-fsync', 'rename', 'dir-fsync']);
  assert.match(steps[0]![1], new RegExp(`^${join(dir, 'sub')}/\\.crl\\.pem\\.\\d+\\.[0-9a-f]{8}\\.tmp$`), 'temporary file in the same folder');
  assert.is(steps[3]![1], join(dir, 'sub', 'crl.pem'));
  steps.length = 0;
  writeFileDurable(join(dir, 'sub', 'k.pem'), 'secret', { mode: 0o600, exclusive: true, trace });
  assert.equal(steps.map(([s]) => s), ['tmp-open', 'tmp-write', 'tmp-fsync', 'link', 'dir-fsync']);
  assert.is(statSync(join(dir, 'sub', 'k.pem')).mode & 0o777, 0o600);
  assert.throws(() => writeFileDurable(join(dir, 'sub', 'k.pem'), 'other', { mode: 0o600, exclusive: true }), /EEXIST/);
  assert.is(readFileSync(join(dir, 'sub', 'k.pem'), 'utf8'), 'secret');
  assert.equal(readdirSync(join(dir, 'sub')).sort(), ['crl.pem', 'k.pem'], 'no temporary file left behind');
});

test('SIGKILL while a PEM is rewritten: always the old or the complete new file, never empty or torn', async () => {
  const dir = tempDir('asds-durable-');
  const file = join(dir, 'crl.pem');
  const bytes = 256 * 1024;
  for (let round = 0; round < 8; round++) {
    const p = startNodeProcess('test/support/pem-writer.ts', ['--file', file, '--bytes', String(bytes)]);
    await p.waitFor(/^READY$/);
    await p.waitFor(new RegExp(`^WROTE ${1 + round * 3}$`));
    await p.kill('SIGKILL');
    const text = readFileSync(file, 'utf8');
    const der = fromPem(text, ['X509 CRL']);
    assert.ok(der, `round ${round}: a complete PEM block`);
    assert.is(der!.length, bytes, `round ${round}: the whole body`);
    const n = der!.readUInt32BE(0);
    assert.ok(der!.subarray(4).every((b) => b === n % 251), `round ${round}: one version, not a mix`);
  }
});

test('SIGKILL during a court\'s first key creation: every PEM present is complete, none empty', async () => {
  for (const delayMs of [0, 2, 5, 10, 20, 40, 80]) {
    const data = tempDir('asds-firststart-');
    const dir = join(data, 'pki');
    const p = startNodeProcess('bin/cli.ts', ['pki', 'init', '--data', data, '--court', '537']);
    // Kill from the moment the first key file exists: the writes of the CA, seal and their certificates follow.
    while (!existsSync(join(dir, 'ca.key.pem')) && p.child.exitCode === null) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setTimeout(r, delayMs));
    await p.kill('SIGKILL');
    for (const f of pkiFiles(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      assert.ok(text.length > 0, `${f} after a kill at ${delayMs} ms is not empty`);
      assert.ok(fromPem(text, ['ENCRYPTED PRIVATE KEY', 'CERTIFICATE']), `${f} after a kill at ${delayMs} ms is a complete PEM`);
    }
  }
});

test.run();
