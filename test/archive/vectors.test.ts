/**
 * Bad packages (issue 15 items 3, 5, 6): each test vector is a copy of a good package with one fault, and
 * the validator refuses it with exactly the codes that fault explains, naming the file and saying why in
 * Ukrainian. Faults inside the journal proof are re-manifested and re-sealed with the court's own key
 * (reseal.ts), so fixity and seal pass and only the proof itself can catch them.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage, validatePackage, MANIFEST, SEAL_FILE, TAGMANIFEST, type BuiltPackage, type ValidationReport } from '../../actors/archive/index.ts';
import { sealCheckpoint } from '../../actors/court/checkpoint/index.ts';
import type { CheckpointV1 } from '../../contracts/witness/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { testOperator } from '../support/identities.ts';
import { buildOnce, caseFixture, type CaseFixture } from './fixture.ts';
import { copyPackage, editLines, reseal } from './reseal.ts';

const test = suite('archive: bad packages refused with their exact code and reason');
test.after(cleanup);

let f: CaseFixture;
let built: BuiltPackage;

const ready = buildOnce(test, (x, b) => {
  f = x;
  built = b;
});

const CHAIN = 'data/journal/chain.jsonl';
const EVENTS = 'data/journal/case-events.jsonl';
const codes = (r: ValidationReport): string[] => [...new Set(r.problems.map((p) => p.code))].sort();
const problem = (r: ValidationReport, code: string) => r.problems.find((p) => p.code === code)!;
const check = (dir: string, o: { caPem?: string; operatorKey?: string } = {}) => validatePackage(dir, { caPem: f.caPem, operatorKey: f.operatorPublicKey, ...o });
const sha256sumOk = (dir: string): boolean => spawnSync('sha256sum', ['-c', '--strict', '--quiet', MANIFEST], { cwd: dir }).status === 0;

test('a missing file: FILE_MISSING naming it (and the Payload-Oxum no longer adds up); sha256sum -c fails too', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  rmSync(join(dir, 'data/scans/001.pdf'));
  const r = await check(dir);
  assert.not.ok(r.ok);
  assert.equal(codes(r), ['FILE_MISSING', 'OXUM_MISMATCH']);
  assert.is(problem(r, 'FILE_MISSING').file, 'data/scans/001.pdf');
  assert.match(problem(r, 'FILE_MISSING').message, /файлу data\/scans\/001\.pdf немає/);
  assert.not.ok(sha256sumOk(dir));
});

test('an altered file: FILE_ALTERED with both hashes; sha256sum -c fails too', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  const path = join(dir, 'data/scans/002.pdf');
  const b = readFileSync(path);
  b[100] ^= 1;
  writeFileSync(path, b);
  const r = await check(dir);
  assert.equal(codes(r), ['FILE_ALTERED']);
  assert.is(problem(r, 'FILE_ALTERED').file, 'data/scans/002.pdf');
  assert.match(problem(r, 'FILE_ALTERED').message, /файл data\/scans\/002\.pdf змінено: SHA-256 [0-9a-f]{64}, а в manifest-sha256\.txt — [0-9a-f]{64}/);
  assert.not.ok(sha256sumOk(dir));
});

test('an altered signed document: FILE_ALTERED and its signature no longer covers it (DOCUMENT_SIGNATURE_INVALID)', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  const path = join(dir, 'data/documents/001/content.json');
  writeFileSync(path, readFileSync(path, 'utf8').replace('ІМЕНЕМ', 'ІМЕНЕЯ'));
  const r = await check(dir);
  assert.equal(codes(r), ['DOCUMENT_SIGNATURE_INVALID', 'FILE_ALTERED']);
  assert.is(problem(r, 'DOCUMENT_SIGNATURE_INVALID').file, 'data/documents/001/signature-1.p7s');
});

test('an altered bag-info.txt: caught by the tag manifest the seal covers', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  const path = join(dir, 'bag-info.txt');
  writeFileSync(path, readFileSync(path, 'utf8').replace('ASDS-Retention-Years: 5', 'ASDS-Retention-Years: 1'));
  const r = await check(dir);
  assert.equal(codes(r), ['FILE_ALTERED']);
  assert.is(problem(r, 'FILE_ALTERED').file, 'bag-info.txt');
});

test('an extra file in data/ or beside the tag files: FILE_EXTRA naming it', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  writeFileSync(join(dir, 'data/note.txt'), 'додано пізніше');
  const r = await check(dir);
  assert.equal(codes(r), ['FILE_EXTRA', 'OXUM_MISMATCH']);
  assert.is(problem(r, 'FILE_EXTRA').file, 'data/note.txt');
  const dir2 = copyPackage(built.dir);
  writeFileSync(join(dir2, 'readme.txt'), 'x');
  const r2 = await check(dir2);
  assert.equal(codes(r2), ['FILE_EXTRA']);
  assert.match(problem(r2, 'FILE_EXTRA').message, /зайвий файл readme\.txt/);
});

test('a seal by another court\'s key: SEAL_INVALID, though every checksum holds', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  writeFileSync(join(dir, SEAL_FILE), f.otherSeal.sign(readFileSync(join(dir, TAGMANIFEST))));
  assert.ok(sha256sumOk(dir), 'fixity alone cannot tell');
  const r = await check(dir);
  assert.equal(codes(r), ['SEAL_INVALID']);
  assert.is(problem(r, 'SEAL_INVALID').file, SEAL_FILE);
  assert.match(problem(r, 'SEAL_INVALID').message, /не є дійсною печаткою суду 537/);
  // checked against the other court's CA instead: still not court 537's seal (nor its checkpoint's or protocol's)
  const r2 = await check(dir, { caPem: f.otherCaPem });
  assert.ok(codes(r2).includes('SEAL_INVALID') && codes(r2).includes('CHECKPOINT_SEAL_INVALID'), JSON.stringify(r2.problems));
});

test('no seal: SEAL_MISSING', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  rmSync(join(dir, SEAL_FILE));
  assert.equal(codes(await check(dir)), ['SEAL_MISSING']);
});

test('a broken chain segment (a row taken out): CHAIN_BROKEN at the gap', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  let gone = 0;
  editLines(join(dir, CHAIN), (rows) => {
    const i = rows.findIndex((r, k) => k > 0 && String(r.actor).startsWith('registry/'));
    gone = rows[i]!.gseq as number;
    return rows.filter((_, k) => k !== i);
  });
  await reseal(dir, f.seal);
  const r = await check(dir);
  assert.equal(codes(r), ['CHAIN_BROKEN']);
  assert.is(problem(r, 'CHAIN_BROKEN').file, CHAIN);
  assert.match(problem(r, 'CHAIN_BROKEN').message, new RegExp(`після події ${gone - 1} іде подія ${gone + 1}`));
});

test('a chain row changed (its public view): CHAIN_HASH_MISMATCH at that row', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  let changed = 0;
  editLines(join(dir, CHAIN), (rows) =>
    rows.map((r) => {
      if (changed || !String(r.actor).startsWith('registry/') || r === rows[0]) return r;
      changed = r.gseq as number;
      return { ...r, data: { ...(r.data as object), registration: { ueun: '537/999/26' } } };
    }),
  );
  await reseal(dir, f.seal);
  const r = await check(dir);
  assert.equal(codes(r), ['CHAIN_HASH_MISMATCH']);
  assert.match(problem(r, 'CHAIN_HASH_MISMATCH').message, new RegExp(`хеш події ${changed} .*не відповідає її вмісту`));
});

test('a segment that stops short of the checkpoint: CHECKPOINT_HASH_MISMATCH', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  editLines(join(dir, CHAIN), (rows) => rows.slice(0, -1));
  await reseal(dir, f.seal);
  const r = await check(dir);
  assert.equal(codes(r), ['CHECKPOINT_HASH_MISMATCH']);
  assert.is(problem(r, 'CHECKPOINT_HASH_MISMATCH').file, 'data/proof/checkpoint.json');
  assert.match(problem(r, 'CHECKPOINT_HASH_MISMATCH').message, /контрольна точка засвідчує подію \d+ з хешем [0-9a-f]{64}/);
});

test('a checkpoint sealed by the court over another hash: CHECKPOINT_HASH_MISMATCH (and the centre\'s receipt names another checkpoint)', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  const path = join(dir, 'data/proof/checkpoint.json');
  const { seal: _s, ...unsealed } = JSON.parse(readFileSync(path, 'utf8')) as CheckpointV1;
  writeFileSync(path, JSON.stringify(sealCheckpoint({ ...unsealed, hash: 'ab'.repeat(32) }, f.seal, f.caPem)));
  await reseal(dir, f.seal);
  const r = await check(dir);
  assert.equal(codes(r), ['CHECKPOINT_HASH_MISMATCH', 'RECEIPT_MISMATCH']);
  rmSync(join(dir, 'data/proof/receipt.json'));
  await reseal(dir, f.seal);
  assert.equal(codes(await check(dir)), ['CHECKPOINT_HASH_MISMATCH']);
});

test('a checkpoint whose seal does not cover it: CHECKPOINT_SEAL_INVALID', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  const path = join(dir, 'data/proof/checkpoint.json');
  const c = JSON.parse(readFileSync(path, 'utf8')) as CheckpointV1;
  writeFileSync(path, JSON.stringify({ ...c, sealedAt: c.sealedAt + 1 }));
  await reseal(dir, f.seal);
  const r = await check(dir, { operatorKey: undefined });
  assert.equal(codes(r), ['CHECKPOINT_SEAL_INVALID', 'RECEIPT_MISMATCH']);
});

test('a case event left out: CASE_EVENT_OMITTED; a case event\'s content changed: CASE_EVENT_MISMATCH', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  editLines(join(dir, EVENTS), (rows) => rows.filter((r) => r.type !== 'case-decided'));
  await reseal(dir, f.seal);
  const r = await check(dir);
  assert.equal(codes(r), ['CASE_EVENT_OMITTED']);
  assert.match(problem(r, 'CASE_EVENT_OMITTED').message, /\(case-decided\) з ланцюга журналу не включено/);

  const dir2 = copyPackage(built.dir);
  editLines(join(dir2, EVENTS), (rows) => rows.map((r) => (r.type === 'case-decided' ? { ...r, data: String(r.data).replace('2026-03-02', '2026-03-03') } : r)));
  await reseal(dir2, f.seal);
  const r2 = await check(dir2);
  assert.equal(codes(r2), ['CASE_EVENT_MISMATCH']);
  assert.match(problem(r2, 'CASE_EVENT_MISMATCH').message, /повний зміст події справи \d+ \(case-decided\)/);
});

test('the centre\'s receipt: forged → RECEIPT_MISMATCH + RECEIPT_INVALID; checked with another operator key → RECEIPT_INVALID; no key → a note, not a failure', async () => {
  await ready();
  const dir = copyPackage(built.dir);
  const path = join(dir, 'data/proof/receipt.json');
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), witnessed: 'cd'.repeat(32) }));
  await reseal(dir, f.seal);
  assert.equal(codes(await check(dir)), ['RECEIPT_INVALID', 'RECEIPT_MISMATCH']);
  const r = await check(built.dir, { operatorKey: testOperator().operatorPublicKey });
  assert.equal(codes(r), ['RECEIPT_INVALID']);
  const noKey = await validatePackage(built.dir, { caPem: f.caPem });
  assert.ok(noKey.ok);
  assert.ok(noKey.notes.some((n) => n.includes('не дано ключ оператора шини')), noKey.notes.join('\n'));
});

test('a package whose court holds no receipt for the checkpoint: valid, and the report notes it', async () => {
  await ready();
  const g = await caseFixture({ receipt: false });
  const b = await buildPackage(g.dossier, { outDir: g.outDir, seal: g.seal, caPem: g.caPem });
  const r = await validatePackage(b.dir, { caPem: g.caPem, operatorKey: g.operatorPublicKey });
  assert.equal(r.problems, []);
  assert.ok(r.notes.includes('квитанції центру на контрольну точку в пакеті немає'), r.notes.join('\n'));
});

test('no court CA anywhere: SEAL_NO_CA; the package\'s own CA is used when none is given, and the note says it proves only integrity', async () => {
  await ready();
  const own = await validatePackage(built.dir, { operatorKey: f.operatorPublicKey });
  assert.ok(own.ok, JSON.stringify(own.problems));
  assert.ok(own.notes.some((n) => n.includes('лише цілісність')));
  const dir = copyPackage(built.dir);
  rmSync(join(dir, 'data/proof/court-ca.crt.pem'));
  await reseal(dir, f.seal);
  const r = await validatePackage(dir, {});
  assert.equal(codes(r), ['CHECKPOINT_SEAL_INVALID', 'SEAL_NO_CA']);
});

test('not a package at all: BAG_NOT_FOUND; a folder without bagit.txt and manifests: each said', async () => {
  await ready();
  assert.equal(codes(await check(join(tempDir(), 'nothing-here'))), ['BAG_NOT_FOUND']);
  const dir = copyPackage(built.dir);
  rmSync(join(dir, 'bagit.txt'));
  rmSync(join(dir, MANIFEST));
  const r = await check(dir);
  assert.ok(codes(r).includes('BAGIT_DECLARATION_INVALID') && codes(r).includes('MANIFEST_MISSING'), JSON.stringify(codes(r)));
  appendFileSync(join(dir, TAGMANIFEST), `${'0'.repeat(64)}  ../../etc/passwd\n`);
  assert.ok(codes(await check(dir)).includes('MANIFEST_LINE_INVALID'));
});

test.run();
