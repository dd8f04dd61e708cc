/**
 * `asds verify-protocol` on juror (Засади 7.6) and duty (4.6) protocols,
 * sealed like the distribution protocols (actors/court/seal): a sealed file
 * verifies (draw recomputed, seal TOTAL_PASSED against the court CA); one
 * edited byte outside the draw is refused by the seal; a changed choice is
 * refused by the recomputation too; an unsealed document is refused; by id
 * the document is read from the journal, and a row edited there is caught.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chainHash } from '../../../runtime/journal/hash.ts';
import { jurorsBehavior } from '../../../actors/court/jurors/index.ts';
import { dutyBehavior } from '../../../actors/court/duty/index.ts';
import { createSigner, importExternalCertificate, initCourtCa, issueUserCertificate, readSeal } from '../../../actors/pki/index.ts';
import { sealDocument, courtSealAnchorOf } from '../../../actors/court/seal/index.ts';
import { checkJurorOrDutyRecord } from '../../../actors/court/jurors/check.ts';
import { recordStreamHeadProblems } from '../../../actors/court/jurors/stream-head.ts';
import { cleanup, tempDir } from '../../support/servers.ts';
import { kyiv, ORDER, startNode } from './support.ts';
import { TEST_KEY_PASSPHRASE } from '../../support/keys.ts';

const test = suite('asds verify-protocol: sealed juror and duty protocols');
test.after(cleanup);

function asds(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/asds.js', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASDS_LOG: 'error' } });
  return { code: r.status, out: r.stdout + r.stderr };
}

/** A court data dir with its CA under <dir>/pki (issued before the injected 2025 clock) and one juror + one duty protocol. */
async function courtWithRecords() {
  const dir = tempDir('asds-records-');
  initCourtCa({ passphrase: TEST_KEY_PASSPHRASE, dir: join(dir, 'pki'), courtCode: '537', courtName: 'Тестовий суд', now: new Date('2025-01-01T00:00:00Z') });
  const signer = createSigner(readSeal(join(dir, 'pki'), TEST_KEY_PASSPHRASE));
  const node = startNode([jurorsBehavior({ signer }), dutyBehavior({ signer })], { dir, now: kyiv('2025-06-14', 10) });
  for (let i = 0; i < 9; i++) await node.ask('jurors', { type: 'add-juror', fullName: `П ${i}`, addedOn: '2025-01-01', basis: { kind: 'decision', number: 'р-1', date: '2024-12-01' } });
  const sel = await node.ask('jurors', { type: 'select', case: { caseId: '537/5/25' }, proceeding: 'criminal' });
  await node.ask('duty', { type: 'set-investigating-judges', count: 2, judgeIds: ['J02', 'J03'], decision: { kind: 'decision', number: 'з-2', date: '2025-01-10' } });
  await node.ask('duty', { type: 'approve-schedule', order: ORDER('ч-1'), entries: [{ date: '2025-06-14', judgeIds: ['J02', 'J03'] }] });
  const duty = await node.ask('duty', { type: 'assign-request', case: { caseId: '537/6/25', category: 'investigating-judge' } });
  await node.system.shutdown();
  return { dir, ca: join(dir, 'pki', 'ca.crt.pem'), juror: sel.document, duty: duty.document };
}

test('sealed juror and duty files verify; one edited byte is refused by the seal; a changed choice by the draw too', async () => {
  const { dir, ca, juror, duty } = await courtWithRecords();
  assert.is(juror.signature.format, 'cms-detached-der-base64');
  assert.is(duty.signature.format, 'cms-detached-der-base64');
  for (const [name, doc] of [['juror.json', juror], ['duty.json', duty]] as const) {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const ok = asds(['verify-protocol', file, '--ca', ca]);
    assert.is(ok.code, 0, ok.out);
    assert.match(ok.out, /OK — draw recomputed, seal TOTAL_PASSED/);
    // One byte of the file, outside the draw: who created it (head1 → head2).
    const text = readFileSync(file, 'utf8');
    assert.ok(text.includes('"createdBy": "head1"'));
    writeFileSync(file, text.replace('"createdBy": "head1"', '"createdBy": "head2"'));
    const bad = asds(['verify-protocol', file, '--ca', ca]);
    assert.is(bad.code, 1, bad.out);
    assert.match(bad.out, /MISMATCH seal: TOTAL_FAILED/);
    assert.not.match(bad.out, /MISMATCH protocol/, 'the draw itself still recomputes');
  }
  const chosen = structuredClone(juror);
  chosen.protocol.steps[1].chosen = chosen.protocol.steps[1].candidates.find((id: string) => id !== juror.protocol.steps[1].chosen);
  writeFileSync(join(dir, 'chosen.json'), JSON.stringify(chosen));
  const r = asds(['verify-protocol', join(dir, 'chosen.json'), '--ca', ca]);
  assert.is(r.code, 1, r.out);
  assert.match(r.out, /MISMATCH protocol\/steps\/1\/chosen/);
  assert.match(r.out, /MISMATCH seal: TOTAL_FAILED/);

  const { signature: _s, ...unsealed } = juror;
  writeFileSync(join(dir, 'unsealed.json'), JSON.stringify(unsealed));
  const u = asds(['verify-protocol', join(dir, 'unsealed.json')]);
  assert.is(u.code, 1, u.out);
  assert.match(u.out, /MISMATCH the document carries no seal signature/);
  writeFileSync(join(dir, 'bare.json'), JSON.stringify(juror.protocol));
  const b = asds(['verify-protocol', join(dir, 'bare.json')]);
  assert.is(b.code, 1, b.out);
  assert.match(b.out, /MISMATCH a bare protocol, not the sealed court document/);
  // asds-draw/2: without the seal certificate there is no key to check the VRF proofs with — said so, not passed.
  assert.match(b.out, /MISMATCH protocol\/vrf: expected "the court seal certificate to verify the VRF proofs"/);
});

test('by id from the journal: OK; a juror protocol edited in the journal is caught', async () => {
  const { dir, juror, duty } = await courtWithRecords();
  for (const id of [juror.documentId, duty.documentId]) {
    const ok = asds(['verify-protocol', id, '--data', dir]);
    assert.is(ok.code, 0, ok.out);
    assert.match(ok.out, /seal TOTAL_PASSED/);
  }
  const db = new Database(join(dir, 'journal.sqlite'));
  const row = db.prepare("SELECT gseq, data FROM events WHERE type = 'juror-protocol'").get() as { gseq: number; data: string };
  const ev = JSON.parse(row.data);
  ev.document.createdBy = 'someone-else';
  db.prepare('UPDATE events SET data = ? WHERE gseq = ?').run(JSON.stringify(ev), row.gseq);
  db.close();
  const r = asds(['verify-protocol', juror.documentId, '--data', dir]);
  assert.is(r.code, 1, r.out);
  assert.match(r.out, /MISMATCH journal: the event row/);
  assert.match(r.out, /MISMATCH seal: TOTAL_FAILED/);
  const none = asds(['verify-protocol', '537-000000099-протокол-присяжних-к', '--data', dir]);
  assert.is(none.code, 1);
  assert.match(none.out, /no protocol/);
});

test('review 13: a row edited and re-hashed in the journal (its meta: who recorded it, outside the seal) is caught by the chain around it', async () => {
  const { dir, juror } = await courtWithRecords();
  const db = new Database(join(dir, 'journal.sqlite'));
  // (The duty row is the journal's head: a head row has no successor to betray a re-hash — only the centre's marks can.)
  for (const type of ['juror-protocol']) {
    const row = db.prepare('SELECT * FROM events WHERE type = ? ORDER BY gseq LIMIT 1').get(type) as any;
    const meta = JSON.stringify({ ...JSON.parse(row.meta), author: 'someone-else' });
    const edited = { ...row, meta };
    db.prepare('UPDATE events SET meta = ?, hash = ? WHERE gseq = ?').run(meta, chainHash(row.prev_hash, edited), row.gseq);
  }
  db.close();
  for (const id of [juror.documentId]) {
    const r = asds(['verify-protocol', id, '--data', dir]);
    assert.is(r.code, 1, r.out);
    assert.match(r.out, /MISMATCH journal: the event row of .* the chain around it/);
    assert.not.match(r.out, /MISMATCH seal/, 'the document itself is intact: only the chain shows the edit');
  }
});

test('asds-draw/2 (issue 13 item 13): juror and duty bytes are the seal VRF over each step, bound to the stream head; a re-rolled draw is refused; asds-draw/1 ones still verify', async () => {
  const { dir, juror, duty } = await courtWithRecords();
  const signer = createSigner(readSeal(join(dir, 'pki'), TEST_KEY_PASSPHRASE));
  const anchor = courtSealAnchorOf(dir)!;
  const journal = join(dir, 'journal.sqlite');
  for (const doc of [juror, duty]) {
    assert.is(doc.protocol.algorithm, 'asds-draw/2');
    assert.is(doc.protocol.randomBytes, undefined, 'no CSPRNG bytes');
    assert.equal(doc.protocol.vrf.key, signer.vrf!.keyId);
    const steps = doc.protocol.steps ?? [doc.protocol.step];
    for (const st of steps) assert.match(st.proof, /^([0-9a-f]{2})+$/);
    assert.equal(checkJurorOrDutyRecord(doc, anchor).problems, []);
    assert.equal(recordStreamHeadProblems(journal, doc), [], 'prev = the stream head before the attempt, recomputed from the journal');
  }
  // The juror actor's first protocol follows 9 juror-added events: prev is H_9 of its stream, not genesis.
  assert.is.not(juror.protocol.vrf.prev, '0'.repeat(64));
  // The key holder re-rolls: another prev (as if drawn at another moment), re-sealed with the genuine seal.
  const { signature: _s, ...content } = structuredClone(juror);
  content.protocol.vrf.prev = 'ab'.repeat(32);
  const rerolled = sealDocument(content, signer, new Date('2025-06-14T08:00:00Z'));
  const problems = checkJurorOrDutyRecord(rerolled, anchor).problems;
  assert.ok(problems.some((p) => p.startsWith('protocol/steps/0/proof')), problems.join('; '));
  assert.ok(recordStreamHeadProblems(journal, rerolled).some((p) => p.includes('protocol/vrf/prev')));
  // A different step choice with the genuine proof: the bytes, u and pick no longer match.
  const dutyEdit = structuredClone(duty);
  dutyEdit.protocol.step.u = 0.5;
  assert.ok(checkJurorOrDutyRecord(dutyEdit, anchor).problems.some((p) => p.startsWith('protocol/step/u')));
  // The same court with an asds-draw/1 node (no VRF key): its protocols keep verifying, by the CLI too.
  const { vrf: _v, ...v1Signer } = signer;
  const old = startNode([jurorsBehavior({ signer: v1Signer })], { dir: tempDir('asds-v1-'), now: kyiv('2025-06-14', 10) });
  for (let i = 0; i < 9; i++) await old.ask('jurors', { type: 'add-juror', fullName: `П ${i}`, addedOn: '2025-01-01', basis: { kind: 'decision', number: 'р-1', date: '2024-12-01' } });
  const v1 = (await old.ask('jurors', { type: 'select', case: { caseId: '537/7/25' }, proceeding: 'criminal' })).document;
  await old.system.shutdown();
  assert.is(v1.protocol.algorithm, 'asds-draw/1');
  assert.match(v1.protocol.randomBytes, /^[0-9a-f]{64}$/);
  writeFileSync(join(dir, 'v1.json'), JSON.stringify(v1));
  const r = asds(['verify-protocol', join(dir, 'v1.json'), '--data', dir]);
  assert.is(r.code, 0, r.out);
});

/**
 * Review item 2: only THIS court's seal certificate, issued by its own CA,
 * makes a protocol verify — whatever else the court's PKI dir trusts.
 */
test('an edited protocol re-sealed by another court (its CA imported as trusted), by a staff certificate, or by a self-made CA is refused', async () => {
  const { dir, ca, juror } = await courtWithRecords();
  const { signature: _s, ...content } = juror;
  const edited = { ...content, createdBy: 'forger' };
  // Court 538's CA and seal; 537 imports 538's CA as a trust anchor (pki/external.ts), as it would for exchange.
  const other = join(tempDir('asds-538-'), 'pki');
  const info538 = initCourtCa({ passphrase: TEST_KEY_PASSPHRASE, dir: other, courtCode: '538', courtName: 'Інший суд', now: new Date('2025-01-01T00:00:00Z') });
  importExternalCertificate({ dir: join(dir, 'pki'), pem: info538.caCertPem, trusted: true });
  const staff = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: join(dir, 'pki'), login: 'clerk1', fullName: 'Секретар Тест', role: 'секретар' });
  const selfMade = join(tempDir('asds-self-'), 'pki');
  initCourtCa({ passphrase: TEST_KEY_PASSPHRASE, dir: selfMade, courtCode: '537', courtName: 'Тестовий суд', now: new Date('2025-01-01T00:00:00Z') });
  const forgeries = {
    'other-court': sealDocument(edited, createSigner(readSeal(other, TEST_KEY_PASSPHRASE)), new Date()),
    staff: sealDocument(edited, createSigner({ certPem: staff.certPem, keyPem: staff.keyPem }), new Date()),
    'self-made': sealDocument(edited, createSigner(readSeal(selfMade, TEST_KEY_PASSPHRASE)), new Date()),
  };
  const anchor = courtSealAnchorOf(dir)!;
  assert.is(anchor.courtCode, '537');
  assert.equal(checkJurorOrDutyRecord(juror, anchor).problems, [], 'the genuine protocol passes');
  const expected: Record<string, RegExp> = {
    'other-court': /seal: (INDETERMINATE|the signer certificate is not of court 537)/,
    staff: /seal: the signer certificate is a staff certificate/,
    'self-made': /seal: INDETERMINATE/,
  };
  for (const [name, doc] of Object.entries(forgeries)) {
    // What the HTTP verify routes run: the court's own CA from <data>/pki.
    const check = checkJurorOrDutyRecord(doc, anchor);
    assert.is(check.ok, false, name);
    assert.ok(check.problems.some((p) => expected[name]!.test(p)), `${name}: ${check.problems.join('; ')}`);
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(doc));
    for (const args of [['--data', dir], ['--ca', ca]]) {
      const r = asds(['verify-protocol', file, ...args]);
      assert.is(r.code, 1, `${name} ${args[0]}: ${r.out}`);
      assert.match(r.out, /MISMATCH seal:/);
    }
    // Without any anchor the seal is not verified at all: refused, never "OK (integrity only)".
    const bare = asds(['verify-protocol', file]);
    assert.is(bare.code, 1, bare.out);
    assert.match(bare.out, /MISMATCH seal: no court CA/);
  }
  // 538's own CA as --ca for a 537 protocol re-sealed by 538: the anchor is not this court's CA.
  const wrongCa = asds(['verify-protocol', join(dir, 'other-court.json'), '--ca', join(other, 'ca.crt.pem')]);
  assert.is(wrongCa.code, 1, wrongCa.out);
  assert.match(wrongCa.out, /MISMATCH seal: the trust anchor is the CA of court 538/);
  // The genuine file with no anchor is refused too (the seal was not checked).
  writeFileSync(join(dir, 'genuine.json'), JSON.stringify(juror));
  const genuine = asds(['verify-protocol', join(dir, 'genuine.json')]);
  assert.is(genuine.code, 1, genuine.out);
  assert.match(genuine.out, /MISMATCH seal: no court CA/);
});

test.run();
