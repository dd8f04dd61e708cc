/** `asds verify-protocol` through the real CLI: good and tampered protocols, by file and by id. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActorSystem } from '../../../runtime/index.ts';
import { checkProtocolDocument, distributionBehavior, ensureCourtSeal, ProtocolStore } from '../../../actors/court/distribution/index.ts';
import { courtSealAnchorOf, sealDocument } from '../../../actors/court/seal/index.ts';
import { createSigner, importExternalCertificate, initCourtCa, readSeal } from '../../../actors/pki/index.ts';
import { martialCalendar } from '../../distribution/support/fixtures.ts';
import { cleanup, tempDir } from '../../support/servers.ts';
import { civil, testConfig } from './support.ts';
import { TEST_KEY_PASSPHRASE } from '../../support/keys.ts';

const test = suite('asds verify-protocol');
test.after(cleanup);

function asds(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/asds.js', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function courtWithProtocol(): Promise<{ data: string; id: string }> {
  const data = tempDir();
  // The node's own bootstrap: the court CA + seal under <data>/pki, created on first start.
  const signer = ensureCourtSeal(data, '537', 'Тестовий суд');
  const system = new ActorSystem({ node: 'court-537', journal: join(data, 'journal.sqlite') })
    .register(distributionBehavior({ zasady: [testConfig()], calendar: martialCalendar, signer }))
    .start();
  const out = await system.ref('distribution', '537').ask<any>({ type: 'distribute', case: { caseId: '537/90/25', category: 'criminal-panel', exclusions: [] } });
  await system.shutdown();
  return { data, id: out.documentId };
}

test('good protocol: OK by id (journal) and by file; tampered file: every mismatch listed, exit 1', async () => {
  const { data, id } = await courtWithProtocol();
  const byId = asds(['verify-protocol', id, '--data', data]);
  assert.is(byId.code, 0, byId.out + byId.err);
  assert.match(byId.out, /OK — draw recomputed, seal TOTAL_PASSED/);

  const store = new ProtocolStore(join(data, 'journal.sqlite'));
  const doc = store.get(id)!.document;
  store.close();
  const file = join(data, 'protocol.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  const good = asds(['verify-protocol', file, '--ca', join(data, 'pki', 'ca.crt.pem')]);
  assert.is(good.code, 0, good.out + good.err);

  // Swap the presiding judge for another candidate, as someone editing the record would.
  const bad = structuredClone(doc) as any;
  const other = bad.protocol.steps[0].candidates.find((c: any) => c.judgeId !== bad.protocol.chosen.presiding).judgeId;
  bad.protocol.chosen.presiding = other;
  bad.protocol.steps[0].chosen = other;
  writeFileSync(file, JSON.stringify(bad));
  const r = asds(['verify-protocol', file, '--ca', join(data, 'pki', 'ca.crt.pem')]);
  assert.is(r.code, 1);
  assert.match(r.out, /MISMATCH protocol\/steps\/0\/chosen/);
  assert.match(r.out, /MISMATCH protocol\/chosen\/presiding|MISMATCH protocol\/steps\/1\/candidates/);
  assert.match(r.out, /MISMATCH seal: TOTAL_FAILED/);

  // Without any trust anchor a tampered file still fails on the signature's integrity.
  assert.is(asds(['verify-protocol', file]).code, 1);
});

test('review item 2: a distribution protocol edited and re-sealed by court 538 (CA imported as trusted) is refused; no anchor is no OK', async () => {
  const { data, id } = await courtWithProtocol();
  const store = new ProtocolStore(join(data, 'journal.sqlite'));
  const doc = store.get(id)!.document as any;
  store.close();
  const other = join(tempDir('asds-538-'), 'pki');
  const info = initCourtCa({ passphrase: TEST_KEY_PASSPHRASE, dir: other, courtCode: '538', courtName: 'Інший суд' });
  importExternalCertificate({ dir: join(data, 'pki'), pem: info.caCertPem, trusted: true });
  const { signature: _s, journal: _j, ...content } = doc;
  const edited = structuredClone(content);
  edited.createdBy = 'forger';
  const forged = sealDocument(edited, createSigner(readSeal(other, TEST_KEY_PASSPHRASE)), new Date());
  // The check the /protocols/:id/verify route runs, with this court's CA only.
  const check = checkProtocolDocument(forged, courtSealAnchorOf(data));
  assert.is(check.ok, false);
  assert.match(check.problems.join('\n'), /seal: INDETERMINATE/);
  const file = join(data, 'forged.json');
  writeFileSync(file, JSON.stringify(forged));
  const r = asds(['verify-protocol', file, '--data', data]);
  assert.is(r.code, 1, r.out + r.err);
  assert.match(r.out, /MISMATCH seal:/);
  // The genuine protocol, as a file without any anchor: the seal is unverified, so not OK.
  writeFileSync(file, JSON.stringify(doc));
  const bare = asds(['verify-protocol', file]);
  assert.is(bare.code, 1, bare.out);
  assert.match(bare.out, /MISMATCH seal: no court CA/);
  assert.is(asds(['verify-protocol', file, '--data', data]).code, 0);
});

test('a protocol edited inside the journal is caught by id', async () => {
  const { data, id } = await courtWithProtocol();
  const db = new Database(join(data, 'journal.sqlite'));
  const row = db.prepare("SELECT gseq, data FROM events WHERE type = 'case-distributed'").get() as { gseq: number; data: string };
  const ev = JSON.parse(row.data);
  ev.document.protocol.steps[0].u = 0.5;
  db.prepare('UPDATE events SET data = ? WHERE gseq = ?').run(JSON.stringify(ev), row.gseq);
  db.close();
  const r = asds(['verify-protocol', id, '--data', data]);
  assert.is(r.code, 1);
  assert.match(r.out, /MISMATCH journal: the event row/);
  assert.match(r.out, /MISMATCH protocol\/steps\/0\/u/);
  assert.match(r.out, /MISMATCH seal/);
});

test('usage: an id without --data is a usage error', () => {
  const r = asds(['verify-protocol', '537-000000001-протокол-розподілу-ц']);
  assert.is(r.code, 2);
  assert.match(r.err, /--data/);
});

test.run();
