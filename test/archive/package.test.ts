/**
 * The archival package (issue 15 item 3; docs/archive-package.md): a real dossier (test/archive/fixture.ts)
 * becomes a BagIt bag that the real `sha256sum -c` and the project's validator both accept; the same
 * dossier gives the same bytes except the seal; the опис is Ukrainian; a dossier that cannot become a
 * valid package is refused with its code and leaves nothing behind.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage, packageSummary, validatePackage, MANIFEST, SEAL_FILE, TAGMANIFEST, type BuiltPackage } from '../../actors/archive/index.ts';
import { pdfText } from '../support/pdf-text.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { buildOnce, COURT_NAME, JUDGE, UEUN, type CaseFixture } from './fixture.ts';

const test = suite('archive: package built from a real dossier — sha256sum, validator, determinism, опис, refusals');
test.after(cleanup);

let f: CaseFixture;
let built: BuiltPackage;

const ready = buildOnce(test, (x, b) => {
  f = x;
  built = b;
});

test('the package passes the real `sha256sum -c manifest-sha256.txt` (and the tag manifest too)', async () => {
  await ready();
  const out = execFileSync('sha256sum', ['-c', '--strict', MANIFEST], { cwd: built.dir, encoding: 'utf8' });
  const lines = out.trim().split('\n');
  assert.ok(lines.length >= 10, out);
  assert.ok(lines.every((l) => l.endsWith(': OK')), out);
  assert.ok(lines.some((l) => l.startsWith('data/scans/')), 'scans are listed');
  assert.ok(lines.some((l) => l.startsWith('data/inventory.pdf')), 'the опис is listed');
  const tags = execFileSync('sha256sum', ['-c', '--strict', TAGMANIFEST], { cwd: built.dir, encoding: 'utf8' });
  assert.equal(tags.trim().split('\n').sort(), ['bag-info.txt: OK', 'bagit.txt: OK', 'manifest-sha256.txt: OK']);
});

test('the validator accepts it with the court CA and the operator key: seal, chain, checkpoint, receipt, inner signatures', async () => {
  await ready();
  const r = await validatePackage(built.dir, { caPem: f.caPem, operatorKey: f.operatorPublicKey });
  assert.equal(r.problems, []);
  assert.ok(r.ok);
  assert.is(r.bagInfo['ASDS-Case-UEUN'], UEUN);
  assert.is(r.bagInfo['Source-Organization'], COURT_NAME);
  assert.is(r.bagInfo['ASDS-Judge'], JUDGE);
  assert.is(r.bagInfo['ASDS-Retention-Years'], '5');
  assert.is(r.bagInfo['Payload-Oxum'], `${built.files.filter((x) => x.path.startsWith('data/')).reduce((s, x) => s + x.size, 0)}.${built.files.filter((x) => x.path.startsWith('data/')).length}`);
  assert.equal(r.caseEvents.map((e) => e.type), ['card-opened', 'judge-assigned', 'case-decided', 'legal-force-recorded']);
  assert.equal(r.caseEvents.map((e) => e.hash), f.dossier.journal.map((e) => e.hash));
  assert.ok(r.caseEvents.every((e) => e.actor === `case/${UEUN}`));
});

test('the result names every file with its size and sha256, and the tag manifest hash the seal signs', async () => {
  await ready();
  const paths = built.files.map((x) => x.path);
  assert.equal(paths, [...paths].sort());
  for (const x of built.files) assert.is(readFileSync(join(built.dir, x.path)).length, x.size, x.path);
  assert.ok(paths.includes(SEAL_FILE) && paths.includes(TAGMANIFEST) && paths.includes('bagit.txt'));
  assert.is(built.bytes, built.files.reduce((s, x) => s + x.size, 0));
  assert.is(built.tagmanifestSha256, built.files.find((x) => x.path === TAGMANIFEST)!.sha256);
  assert.is(built.packageId, '537_537-12-26_20261207T060000Z');
  assert.ok(!readdirSync(f.outDir).some((n) => n.startsWith('.')), 'no temporary folder left');
});

test('the same dossier gives the same bytes for every file but the seal', async () => {
  await ready();
  const again = await buildPackage(f.dossier, { outDir: tempDir('asds-archive-again-'), seal: f.seal, caPem: f.caPem });
  assert.equal(again.files.map((x) => x.path), built.files.map((x) => x.path));
  for (const x of built.files) {
    if (x.path === SEAL_FILE) continue;
    assert.is(again.files.find((y) => y.path === x.path)!.sha256, x.sha256, x.path);
  }
  assert.is(again.tagmanifestSha256, built.tagmanifestSha256);
});

test('the опис is a Ukrainian PDF: court, case, dates in words, each document with its pages and size', async () => {
  await ready();
  const text = pdfText(readFileSync(join(built.dir, 'data/inventory.pdf')));
  for (const s of [COURT_NAME, `ОПИС СПРАВИ № ${UEUN}`, JUDGE, '12 січня 2026 року', '2 березня 2026 року', '5 років', 'Рішення про стягнення заборгованості', '537-000000011-рішення-ц', '4 арк.', 'Протокол автоматизованого розподілу', 'Позовна заява (скан)', '65 536 байт']) {
    assert.ok(text.includes(s), `опис lacks «${s}»:\n${text}`);
  }
  assert.not.ok(text.includes('petrenko'), 'no logins in the опис');
});

test('covert content never leaves the court: no covert value or ciphertext in any file; such rows go as their public view', async () => {
  await ready();
  for (const x of built.files) {
    const text = readFileSync(join(built.dir, x.path)).toString('utf8');
    for (const marker of ['ТАЄМНО', 'VEFFTU5PLUNJUEhFUg']) assert.not.ok(text.includes(marker), `${x.path} holds ${marker}`);
  }
  const card = JSON.parse(readFileSync(join(built.dir, 'data/case/card.json'), 'utf8')) as Record<string, unknown>;
  assert.is(card.covert, true, 'the flag stays: it says only that');
  const rows = readFileSync(join(built.dir, 'data/journal/case-events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(rows[0]!.withheld, ['covert']);
  assert.is(rows[0]!.data, undefined);
  assert.ok(rows.slice(1).every((r) => typeof r.data === 'string' && typeof r.salt === 'string'), 'rows that withheld nothing go in full');
  const structure = JSON.parse(readFileSync(join(built.dir, 'data/package.json'), 'utf8')) as { files: Array<{ path: string; role: string }> };
  assert.ok(structure.files.some((x) => x.role === 'document-signature'));
  assert.ok(structure.files.some((x) => x.role === 'receipt'));
});

test('a package already built is never overwritten (ARCHIVE_PACKAGE_EXISTS)', async () => {
  await ready();
  const before = readFileSync(join(built.dir, SEAL_FILE));
  const e = await buildPackage(f.dossier, { outDir: f.outDir, seal: f.seal, caPem: f.caPem }).catch((x: unknown) => x as { code: string });
  assert.is((e as { code: string }).code, 'ARCHIVE_PACKAGE_EXISTS');
  assert.equal(readFileSync(join(built.dir, SEAL_FILE)), before);
  // the record of a build whose event was never written is rebuilt from the package itself
  assert.equal(await packageSummary(built.dir), built);
});

test('a build killed midway leaves a hidden folder; the next build of that package removes it', async () => {
  await ready();
  const out = tempDir('asds-archive-stale-');
  const dead = spawnSync('true').pid!;
  const stale = join(out, `.${built.packageId}.building-${dead}-0badc0de`);
  mkdirSync(join(stale, 'data'), { recursive: true });
  writeFileSync(join(stale, 'data/half.json'), '{');
  const again = await buildPackage(f.dossier, { outDir: out, seal: f.seal, caPem: f.caPem });
  assert.equal(readdirSync(out), [again.packageId]);
});

test('bad dossiers are refused with their code and leave nothing behind', async () => {
  await ready();
  const out = tempDir('asds-archive-bad-');
  const refused = async (d: typeof f.dossier, code: string) => {
    const e = await buildPackage(d, { outDir: out, seal: f.seal, caPem: f.caPem }).catch((x: unknown) => x as { code: string; message: string });
    assert.is((e as { code?: string }).code, code, String((e as { message?: string }).message));
    assert.equal(existsSync(out) ? readdirSync(out) : [], [], 'nothing half-written');
  };
  await refused({ ...f.dossier, case: { ...f.dossier.case, ueun: 'no-such' } }, 'ARCHIVE_DOSSIER_INVALID');
  await refused({ ...f.dossier, card: { ...f.dossier.card, ueun: '537/13/26' } }, 'ARCHIVE_DOSSIER_INVALID');
  const scan = f.dossier.scans[0]!;
  const tampered = join(tempDir('asds-archive-blob-'), 'scan');
  writeFileSync(tampered, Buffer.alloc(scan.size, 1));
  await refused({ ...f.dossier, scans: [{ ...scan, path: tampered }] }, 'ARCHIVE_SCAN_MISMATCH');
  // a journal proof that does not hold: the package would not validate, so it is not made
  const segment = f.dossier.proof.segment.map((r, i) => (i === 2 ? { ...r, data: { ...r.data, forged: true } } : r));
  await refused({ ...f.dossier, proof: { ...f.dossier.proof, segment } }, 'ARCHIVE_PACKAGE_INVALID');
  // sealed by another court's key: refused by the self-check
  const e = await buildPackage(f.dossier, { outDir: out, seal: f.otherSeal, caPem: f.caPem }).catch((x: unknown) => x as { code: string; details: { problems: Array<{ code: string }> } });
  assert.is((e as { code: string }).code, 'ARCHIVE_PACKAGE_INVALID');
  assert.ok((e as { details: { problems: Array<{ code: string }> } }).details.problems.some((p) => p.code === 'SEAL_INVALID'));
  assert.equal(readdirSync(out), []);
});

test.run();
