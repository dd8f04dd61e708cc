/**
 * `asds archive verify` (issue 15 item 5; bin/commands/archive-verify.ts) as a process: a good package
 * exits 0 with a Ukrainian report, an altered one exits 1 naming the code, file and reason, a usage error 2.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage, SEAL_FILE, TAGMANIFEST, type BuiltPackage } from '../../actors/archive/index.ts';
import { archiveVerify } from '../../bin/commands/archive-verify.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { caseFixture, COURT_NAME, UEUN, type CaseFixture } from './fixture.ts';
import { copyPackage } from './reseal.ts';

const test = suite('archive: `asds archive verify` prints Ukrainian results and exits 0/1/2');
test.after(cleanup);

let f: CaseFixture;
let built: BuiltPackage;
let caFile: string;

// Built once when the suite starts (not at import: another suite's cleanup in the same process would remove it);
// a failure fails every test with its cause (uvu's before hook alone would swallow it).
let setupError: unknown;
test.before(async () => {
  try {
    f = await caseFixture();
    built = await buildPackage(f.dossier, { outDir: f.outDir, seal: f.seal, caPem: f.caPem });
    caFile = join(tempDir('asds-archive-ca-'), 'ca.crt.pem');
    writeFileSync(caFile, f.caPem);
  } catch (e) {
    setupError = e;
  }
});
const ready = async (): Promise<void> => {
  if (setupError) throw setupError;
};

const verify = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'test/archive/archive-verify-main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });

test('a valid package: exit 0, the case, court and every part of the check in Ukrainian', async () => {
  await ready();
  const r = verify(built.dir, '--ca', caFile, '--operator-key', f.operatorPublicKey);
  assert.is(r.status, 0, r.stdout + r.stderr);
  for (const s of [`справа № ${UEUN}`, COURT_NAME, 'Цілісність (маніфести BagIt): так', 'Печатка суду на пакеті: так', 'Доказ журналу: так', 'Подій справи, доведених ланцюгом журналу: 4', 'РЕЗУЛЬТАТ: пакет дійсний.']) {
    assert.ok(r.stdout.includes(s), `missing «${s}»:\n${r.stdout}`);
  }
});

test('a package with a missing file and another court\'s seal: exit 1, every problem with code, file and reason', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  rmSync(join(dir, 'data/scans/001.pdf'));
  writeFileSync(join(dir, SEAL_FILE), f.otherSeal.sign(readFileSync(join(dir, TAGMANIFEST))));
  const r = verify(dir, '--ca', caFile);
  assert.is(r.status, 1, r.stdout + r.stderr);
  assert.ok(r.stdout.includes('РЕЗУЛЬТАТ: пакет НЕ дійсний'), r.stdout);
  assert.ok(r.stdout.includes('FILE_MISSING [data/scans/001.pdf]: файлу data/scans/001.pdf немає'), r.stdout);
  assert.ok(r.stdout.includes(`SEAL_INVALID [${SEAL_FILE}]: печатка пакета не є дійсною печаткою суду 537`), r.stdout);
  assert.ok(r.stdout.includes('Печатка суду на пакеті: НІ'), r.stdout);
  // --json, in this process (a spawn costs seconds of shared CPU): the same report for scripts
  const printed: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => (printed.push(String(chunk)), true)) as typeof process.stdout.write;
  let code: number;
  try {
    code = await archiveVerify([dir, '--ca', caFile, '--json']);
  } finally {
    process.stdout.write = write;
  }
  assert.is(code, 1);
  const report = JSON.parse(printed.join('')) as { ok: boolean; problems: Array<{ code: string }> };
  assert.is(report.ok, false);
  assert.ok(report.problems.some((p) => p.code === 'FILE_MISSING'));
});

test('usage errors exit 2', async () => {
  await ready();
  assert.is(verify().status, 2);
  const usage = async (...argv: string[]) => archiveVerify(argv).then(() => 0, (e: { exitCode?: number }) => e.exitCode);
  assert.is(await usage(built.dir, '--at', 'не-час'), 2);
  assert.is(await usage(built.dir, '--no-such-option'), 2);
  assert.is(await usage(built.dir, '--ca', join(tempDir(), 'absent.pem')), 2);
});

test.run();
