/**
 * Juror (Засади 7) and duty (4.6) draws on asds-draw/2 (issue 13 item 13,
 * docs/draw-spec.md §9.6): the bytes are the court seal's VRF over each step,
 * bound to the actor's own stream head — the runtime's random source no
 * longer decides, and a state recovered from a snapshot older than the head
 * gets it rebuilt from the journal, never restarted from genesis.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ActorSystem, Journal } from '../../../runtime/index.ts';
import { jurorsBehavior } from '../../../actors/court/jurors/index.ts';
import { dutyBehavior } from '../../../actors/court/duty/index.ts';
import { createSigner, initCourtCa, readSeal, type Signer } from '../../../actors/pki/index.ts';
import { chainStreamHead, GENESIS_STREAM_HEAD } from '../../../actors/court/distribution/stream-head.ts';
import { cleanup, tempDir } from '../../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../../support/keys.ts';
import { kyiv, ORDER } from './support.ts';

const test = suite('juror and duty draws on asds-draw/2');
test.after(cleanup);

function seal(): Signer {
  const dir = join(tempDir('asds-draw2-pki-'), 'pki');
  initCourtCa({ passphrase: TEST_KEY_PASSPHRASE, dir, courtCode: '537', courtName: 'Тестовий суд', now: new Date('2025-01-01T00:00:00Z') });
  return createSigner(readSeal(dir, TEST_KEY_PASSPHRASE));
}

/** A node whose runtime random source is `fill` bytes; one criminal candidate selection and one duty assignment. */
async function drawOn(signer: Signer, fill: number) {
  const dir = tempDir('asds-draw2-');
  const system = new ActorSystem({ node: 'court-537', journal: join(dir, 'journal.sqlite'), clock: () => kyiv('2025-06-14', 10), reminderTickMs: 3_600_000, randomBytes: (n) => new Uint8Array(n).fill(fill) });
  system.register(jurorsBehavior({ signer })).register(dutyBehavior({ signer })).start();
  const ask = (kind: string, cmd: unknown) => system.ref(kind, '537').ask(cmd, { meta: { author: 'head1' } }) as Promise<any>;
  for (let i = 0; i < 9; i++) await ask('jurors', { type: 'add-juror', fullName: `Присяжний ${i}`, addedOn: '2025-01-01', basis: { kind: 'decision', number: 'р-1', date: '2024-12-01' } });
  const juror = (await ask('jurors', { type: 'select', case: { caseId: '537/5/25' }, proceeding: 'criminal' })).document;
  await ask('duty', { type: 'set-investigating-judges', count: 3, judgeIds: ['J01', 'J02', 'J03'], decision: { kind: 'decision', number: 'з-2', date: '2025-01-10' } });
  await ask('duty', { type: 'approve-schedule', order: ORDER('ч-1'), entries: [{ date: '2025-06-14', judgeIds: ['J01', 'J02', 'J03'] }] });
  const duty = (await ask('duty', { type: 'assign-request', case: { caseId: '537/6/25', category: 'investigating-judge' } })).document;
  await system.shutdown();
  return { dir, juror, duty };
}

test('the runtime random source no longer decides: two nodes with different CSPRNGs draw the same jurors and the same judge on duty', async () => {
  const signer = seal();
  const a = await drawOn(signer, 0x00);
  const b = await drawOn(signer, 0xff);
  assert.is(a.juror.protocol.algorithm, 'asds-draw/2');
  assert.is(a.duty.protocol.algorithm, 'asds-draw/2');
  assert.equal(a.juror.protocol.steps.map((s: any) => [s.bytes, s.chosen]), b.juror.protocol.steps.map((s: any) => [s.bytes, s.chosen]));
  assert.equal([a.duty.protocol.step.bytes, a.duty.protocol.chosen], [b.duty.protocol.step.bytes, b.duty.protocol.chosen]);
  assert.ok(a.juror.protocol.steps.every((s: any) => /^[0-9a-f]{512}$/.test(s.proof)), 'an RSA-2048 proof per step');
  // prev is each actor's own stream head: H_9 of jurors/537 (nine juror-added events), H_2 of duty/537.
  const db = new Database(join(a.dir, 'journal.sqlite'), { readonly: true });
  const headOf = (actor: string, through: number) => (db.prepare('SELECT data FROM events WHERE actor = ? AND aseq <= ? ORDER BY aseq').all(actor, through) as Array<{ data: string }>).reduce((h, r) => chainStreamHead(h, r.data), GENESIS_STREAM_HEAD);
  assert.is(a.juror.protocol.vrf.prev, headOf('jurors/537', 9));
  assert.is(a.duty.protocol.vrf.prev, headOf('duty/537', 2));
  db.close();
});

test('a jurors snapshot from before the stream head is set aside: the head comes from the whole stream', async () => {
  const signer = seal();
  const { dir, juror } = await drawOn(signer, 0x01);
  const journalPath = join(dir, 'journal.sqlite');
  const rowsOf = () => {
    const db = new Database(journalPath, { readonly: true });
    try {
      return db.prepare("SELECT aseq, type, data FROM events WHERE actor = 'jurors/537' ORDER BY aseq").all() as Array<{ aseq: number; type: string; data: string }>;
    } finally {
      db.close();
    }
  };
  const rows = rowsOf();
  const behavior = jurorsBehavior({ signer });
  let state = behavior.initialState('537');
  for (const r of rows) state = behavior.evolve(state, JSON.parse(r.data));
  const { head, ...old } = state; // as a snapshot taken before the field existed
  assert.is.not(head, GENESIS_STREAM_HEAD);
  const j = new Journal(journalPath);
  await j.persist({ actor: 'jurors/537', expectedSeq: rows.at(-1)!.aseq, events: [], ts: Date.now(), snapshot: { aseq: rows.at(-1)!.aseq, state: JSON.stringify(old) } });
  j.close();

  const system = new ActorSystem({ node: 'court-537', journal: journalPath, clock: () => kyiv('2025-06-14', 11), reminderTickMs: 3_600_000 }).register(behavior).start();
  const d = await system.ref('jurors', '537').ask<any>({ type: 'select', case: { caseId: '537/9/25' }, proceeding: 'civil-special' }, { meta: { author: 'head1' } });
  await system.shutdown();
  const before = rowsOf().filter((x) => x.aseq <= rows.at(-1)!.aseq);
  assert.is(d.document.protocol.vrf.prev, before.reduce((h, x) => chainStreamHead(h, x.data), GENESIS_STREAM_HEAD), 'the head over the whole stream before the draw');
  assert.is(juror.protocol.algorithm, 'asds-draw/2');
});

test.run();
