/**
 * The central archive's pure parts and its filesystem store (actors/central/archive): the case's events against the
 * centre's copy (agree, lag, each kind of disagreement named), validator problems as refusal codes, retention from
 * bag-info.txt, BagIt manifest lines (paths out of the bag refused), and a store that stores a package once, whole.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareCaseEvents, FsArchiveStore, manifestLines, PackageRefused, refusalOf, retentionOf, ArchiveBadPath, ArchiveNotStored, type CaseEventRef } from '../../actors/central/archive/index.ts';
import { checkManifest } from '../../bin/commands/archive.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { createHash } from 'node:crypto';

const test = suite('central archive: completeness, refusals, retention, manifests, store');
const U = '537/12/26';
const h = (n: number) => createHash('sha256').update(String(n)).digest('hex');
const ev = (gseq: number, actor = `case/${U}`, type = 'e'): CaseEventRef => ({ gseq, actor, type, hash: h(gseq) });

test.after(() => cleanup());

async function rejects(p: Promise<unknown>, is: (e: unknown) => boolean): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.ok(is(e), String(e));
    return;
  }
  assert.unreachable('expected a rejection');
}

test('completeness: the same events agree; events above the centre wait; every difference is named', () => {
  const pkg = [ev(3), ev(7, 'documents/537'), ev(9)];
  const held = [ev(3), ev(7, 'documents/537'), ev(9)];
  assert.equal(compareCaseEvents(U, pkg, held, 20), { verdict: 'agree', events: 3 });
  assert.equal(compareCaseEvents(U, pkg, held, 8), { verdict: 'lag', centreHead: 8, needed: 9 });
  // other hash, missing at the centre, a case event the package left out
  const r = compareCaseEvents(U, pkg, [{ ...ev(3), hash: h(1000) }, ev(5), ev(9)], 20);
  assert.is(r.verdict, 'disagree');
  const problems = (r as { problems: string[] }).problems;
  assert.ok(problems.some((p) => /подія №3: у пакеті case\/537\/12\/26 «e» з гешем/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /подія №7 \(e\) пакета відсутня в центральній базі/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /подія справи №5 \(e\), яку має центральна база, відсутня в пакеті/.test(p)), problems.join('\n'));
  // the archive's own marks after the package are not the package's business (its transfer, a recall)…
  assert.equal(compareCaseEvents(U, pkg, [...held, { ...ev(15), type: 'archive-transferred' }, { ...ev(16), type: 'archive-recalled' }], 20).verdict, 'agree');
  // …but an event of the case after it (an appeal filed, legal force revoked) makes the package stale
  const stale = compareCaseEvents(U, pkg, [...held, { ...ev(15), type: 'appeal-filed' }], 20);
  assert.is(stale.verdict, 'disagree');
  assert.match((stale as { problems: string[] }).problems.join('\n'), /після формування пакета у справі є подія №15 \(appeal-filed\): пакет застарів/);
  assert.is(compareCaseEvents(U, [], [], 20).verdict, 'disagree');
});

test('refusals: the first cause wins, every problem is in the Ukrainian reason', () => {
  const r = refusalOf([
    { code: 'SEAL_INVALID', message: 'печатка не цього суду', file: 'tagmanifest-sha256.txt.p7s' },
    { code: 'FILE_ALTERED', message: 'SHA-256 інший', file: 'data/case/card.json' },
  ]);
  assert.instance(r, PackageRefused);
  assert.is(r.refusal, 'FIXITY_MISMATCH');
  assert.match(r.reason, /^Вміст файлу пакета не збігається з маніфестом: /);
  assert.match(r.reason, /data\/case\/card\.json: SHA-256 інший \[FILE_ALTERED\]/);
  assert.match(r.reason, /печатка не цього суду \[SEAL_INVALID\]/);
  assert.is(refusalOf([{ code: 'SEAL_MISSING', message: 'немає' }]).refusal, 'BAD_SEAL');
  assert.is(refusalOf([{ code: 'CHAIN_BROKEN', message: 'розрив' }]).refusal, 'BAD_JOURNAL_PROOF');
  assert.is(refusalOf([{ code: 'FILE_MISSING', message: 'немає' }, { code: 'CHAIN_BROKEN', message: 'x' }]).refusal, 'FILE_MISSING');
  assert.is(refusalOf([{ code: 'SOMETHING_NEW', message: 'x' }]).refusal, 'INVALID_PACKAGE');
  assert.is(refusalOf([{ code: 'DOCUMENT_SIGNATURE_INVALID', message: 'підпис судді недійсний' }]).refusal, 'BAD_SIGNATURE');
});

test('retention: the last day from bag-info, permanent for 0 years or nothing said', () => {
  assert.equal(retentionOf({ 'ASDS-Category': 'civil', 'ASDS-Retention-Years': '5', 'ASDS-Retention-Until': '2031-12-31' }), { category: 'civil', retentionUntil: Date.parse('2032-01-01T00:00:00Z') });
  assert.equal(retentionOf({ 'ASDS-Category': 'criminal', 'ASDS-Retention-Years': '0' }), { category: 'criminal', retentionUntil: 0 });
  assert.equal(retentionOf({ 'ASDS-Retention-Years': '3', 'ASDS-Closed-On': '2026-05-10' }), { category: '', retentionUntil: Date.parse('2029-05-10T00:00:00Z') });
  assert.equal(retentionOf({}), { category: '', retentionUntil: 0 });
});

test('manifest lines: sha256sum format read; a path out of the bag or a bad line refused', () => {
  assert.equal(manifestLines(`${h(1)}  data/a.json\n${h(2)} *data/b%25.pdf\n`, 'manifest-sha256.txt'), [
    { sha256: h(1), path: 'data/a.json' },
    { sha256: h(2), path: 'data/b%.pdf' },
  ]);
  for (const bad of [`${h(1)}  ../etc/passwd`, `${h(1)}  /etc/passwd`, `${h(1)}  data/../../x`]) {
    try {
      manifestLines(bad, 'manifest-sha256.txt');
      assert.unreachable(bad);
    } catch (e) {
      assert.instance(e, PackageRefused);
      assert.is((e as PackageRefused).refusal, 'WRONG_PACKAGE');
      assert.match((e as PackageRefused).reason, /шлях поза пакетом/);
    }
  }
  assert.throws(() => manifestLines('not a line', 'manifest-sha256.txt'), (e: unknown) => e instanceof PackageRefused && e.refusal === 'FIXITY_MISMATCH');
});

test('filesystem store: one rename stores the whole bag; a second put of the same package stores nothing new; reads by range; no path out', async () => {
  const root = tempDir('asds-archive-store-');
  const store = new FsArchiveStore(join(root, 'packages'));
  const key = { court: '537', packageId: '537_537-12-26_20261207T060000Z' };
  const staging = join(root, 'staging', 'bag');
  mkdirSync(join(staging, 'data', 'scans'), { recursive: true });
  const body = 'Опис справи № 537/12/26\n';
  writeFileSync(join(staging, 'data', 'scans', '001.pdf'), body);
  writeFileSync(join(staging, 'manifest-sha256.txt'), `${createHash('sha256').update(body).digest('hex')}  data/scans/001.pdf\n`);
  assert.not.ok(await store.has(key));
  await rejects(store.files(key), (e: unknown) => e instanceof ArchiveNotStored);
  const { location } = await store.put(key, staging);
  assert.ok(await store.has(key));
  assert.not.ok(existsSync(staging), 'the staging folder became the package (one rename)');
  assert.equal(await store.files(key), [{ path: 'data/scans/001.pdf', size: Buffer.byteLength(body) }, { path: 'manifest-sha256.txt', size: 85 }]);
  assert.equal(checkManifest(location), [], 'sha256sum -c passes in the store');
  assert.equal(Buffer.from(await store.read(key, 'data/scans/001.pdf', 2, 6)), Buffer.from(body).subarray(2, 8));
  assert.is((await store.read(key, 'data/scans/001.pdf', 0, 10_000)).length, Buffer.byteLength(body), 'a read past the end gives what there is');
  // a rerun of the job stores the same package again: nothing changes
  mkdirSync(join(root, 'staging2'), { recursive: true });
  writeFileSync(join(root, 'staging2', 'other'), 'x');
  assert.is((await store.put(key, join(root, 'staging2'))).location, location);
  assert.equal(readdirSync(location).sort(), ['data', 'manifest-sha256.txt']);
  await rejects(store.read(key, '../../etc/passwd', 0, 10), (e: unknown) => e instanceof ArchiveBadPath);
  assert.throws(() => store.location({ court: '537', packageId: '..' }), (e: unknown) => e instanceof ArchiveBadPath);
});

test.run();
