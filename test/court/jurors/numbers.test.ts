/**
 * Document numbers of juror (Засади 7.6, 7.9) and duty (4.6) protocols
 * (spec §1, 13.2): each type has its own gapless sequence from 1 — list
 * changes, schedules, refusals and the other type's protocols take no
 * number — no duplicates, and the sequence goes on after a restart.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jurorsBehavior } from '../../../actors/court/jurors/index.ts';
import { dutyBehavior } from '../../../actors/court/duty/index.ts';
import { cleanup } from '../../support/servers.ts';
import { checkJurorOrDutyRecord } from '../../../actors/court/jurors/check.ts';
import type { Behavior } from '../../../runtime/index.ts';
import { kyiv, ORDER, refused, RULING, startNode, type TestNode } from './support.ts';

const test = suite('juror and duty protocol numbers');
test.after(cleanup);

const COUNCIL = { kind: 'decision' as const, number: 'р-1', date: '2024-12-01' };
const numberOf = (id: string) => Number(/^537-(\d{9})-/.exec(id)![1]);

test('per type gapless from 1, interleaved with other events and refusals; no duplicates; continues after restart', async () => {
  const start = (dir?: string): TestNode => startNode([jurorsBehavior(), dutyBehavior()], { now: kyiv('2025-06-14', 10), ...(dir ? { dir } : {}) });
  let node = start();
  const jurorDocs: any[] = [];
  const dutyDocs: any[] = [];
  const addJurors = async (n: number) => {
    for (let i = 0; i < n; i++) await node.ask('jurors', { type: 'add-juror', fullName: `П ${i}`, addedOn: '2025-01-01', basis: COUNCIL });
  };
  await addJurors(9);
  jurorDocs.push((await node.ask('jurors', { type: 'select', case: { caseId: '537/1/25' }, proceeding: 'criminal' })).document);
  await refused(node.ask('jurors', { type: 'select', case: { caseId: '537/1/25' }, proceeding: 'criminal' }), 'ALREADY_SELECTED');
  await node.ask('duty', { type: 'set-investigating-judges', count: 2, judgeIds: ['J02', 'J03'], decision: { kind: 'decision', number: 'з-2', date: '2025-01-10' } });
  await node.ask('duty', { type: 'approve-schedule', order: ORDER('ч-1'), entries: [{ date: '2025-06-14', judgeIds: ['J02', 'J03'] }] });
  dutyDocs.push((await node.ask('duty', { type: 'assign-request', case: { caseId: '537/10/25', category: 'investigating-judge' } })).document);
  await refused(node.ask('duty', { type: 'assign-request', case: { caseId: '537/10/25', category: 'investigating-judge' } }), 'ALREADY_ASSIGNED');
  jurorDocs.push((await node.ask('jurors', { type: 'select', case: { caseId: '537/2/25' }, proceeding: 'civil-special' })).document);
  const c1 = await node.ask('jurors', { type: 'read-case', caseId: '537/1/25' });
  await node.ask('jurors', { type: 'exclude-juror', caseId: '537/1/25', jurorId: c1.candidates[0], ground: 'released', ruling: RULING('у-1') });
  jurorDocs.push((await node.ask('jurors', { type: 'compose', caseId: '537/1/25' })).document);
  await addJurors(1);
  dutyDocs.push((await node.ask('duty', { type: 'assign-request', case: { caseId: '537/11/25', category: 'investigating-judge' } })).document);

  await node.system.shutdown();
  node = start(node.dir);
  const c = await node.ask('jurors', { type: 'read-case', caseId: '537/1/25' });
  jurorDocs.push((await node.ask('jurors', { type: 'replace', caseId: '537/1/25', jurorId: c.main[0] })).document);
  dutyDocs.push((await node.ask('duty', { type: 'assign-request', case: { caseId: '537/12/25', category: 'investigating-judge' } })).document);

  assert.equal(jurorDocs.map((d) => d.number), [1, 2, 3, 4]);
  assert.equal(jurorDocs.map((d) => numberOf(d.documentId)), [1, 2, 3, 4]);
  assert.equal(jurorDocs.map((d) => d.documentId.replace(/^537-\d{9}-/, '')), ['протокол-присяжних-к', 'протокол-присяжних-ц', 'протокол-присяжних-к', 'протокол-присяжних-к']);
  assert.equal(dutyDocs.map((d) => d.number), [1, 2, 3]);
  assert.equal(dutyDocs.map((d) => d.documentId), ['537-000000001-протокол-чергування-к', '537-000000002-протокол-чергування-к', '537-000000003-протокол-чергування-к']);
  // The event seq is still recorded, and is not the number (list changes take seqs).
  assert.is(jurorDocs[0].attempt.seq, 10, 'nine juror-added events came first');
  const ids = [...jurorDocs, ...dutyDocs].map((d) => d.documentId);
  assert.is(new Set(ids).size, ids.length);
  for (const d of jurorDocs) assert.equal(await node.ask('jurors', { type: 'read-document', documentId: d.documentId }), d);
  for (const d of dutyDocs) assert.equal(await node.ask('duty', { type: 'read-document', documentId: d.documentId }), d);
  await node.system.shutdown();
});

/**
 * The juror actor as it was before its own numbering: the document id carried
 * the event seq (`<court>-<seq>-протокол-присяжних-<к|ц>`) and no `number`.
 */
function legacyJurors(): Behavior {
  const inner = jurorsBehavior();
  return {
    ...inner,
    decide(s: any, cmd: any, ctx: any) {
      const d: any = inner.decide(s, cmd, ctx);
      for (const e of d.events ?? []) {
        if (e.type !== 'juror-protocol') continue;
        const { number: _n, ...doc } = e.document;
        doc.documentId = `537-${String(ctx.seq + 1).padStart(9, '0')}-протокол-присяжних-${e.proceeding === 'criminal' ? 'к' : 'ц'}`;
        e.document = doc;
        if (d.reply?.documentId) d.reply = { ...d.reply, documentId: doc.documentId, document: doc };
      }
      return d;
    },
  };
}

test('review 11: a journal with old seq-based ids — new numbers never repeat or replace one, old documents are marked legacy', async () => {
  let node = startNode([legacyJurors()], { now: kyiv('2025-06-14', 10) });
  // Old ids: seq 2 and seq 4 (a juror added at 1, service recorded at 3). Count-based numbering would give 3, then 4 — an old id.
  await node.ask('jurors', { type: 'add-juror', fullName: 'П 0', addedOn: '2025-01-01', basis: COUNCIL });
  const old2 = await node.ask('jurors', { type: 'select', case: { caseId: '537/1/25' }, proceeding: 'criminal' });
  await node.ask('jurors', { type: 'record-service', jurorId: 'P0001', caseId: '537/0/25', from: '2025-02-01', to: '2025-02-03' });
  const old4 = await node.ask('jurors', { type: 'select', case: { caseId: '537/2/25' }, proceeding: 'civil-special' });
  assert.equal([old2.documentId, old4.documentId], ['537-000000002-протокол-присяжних-к', '537-000000004-протокол-присяжних-ц']);
  assert.is(old4.document.number, undefined);
  await node.system.shutdown();

  node = start2(node.dir);
  const a = await node.ask('jurors', { type: 'select', case: { caseId: '537/3/25' }, proceeding: 'civil-special' });
  const b = await node.ask('jurors', { type: 'select', case: { caseId: '537/4/25' }, proceeding: 'civil-special' });
  const c = await node.ask('jurors', { type: 'select', case: { caseId: '537/5/25' }, proceeding: 'civil-special' });
  assert.equal([a.document.number, b.document.number, c.document.number], [5, 6, 7], 'continues above the highest old id');
  assert.equal([a.documentId, c.documentId], ['537-000000005-протокол-присяжних-ц', '537-000000007-протокол-присяжних-ц']);
  // The old documents are still there under their ids, not replaced.
  const kept = await node.ask('jurors', { type: 'read-document', documentId: old4.documentId });
  assert.equal([kept.case, kept.number, kept.attempt.seq], [old4.document.case, undefined, 4]);
  assert.is((await node.ask('jurors', { type: 'read-document', documentId: b.documentId })).number, 6);
  await node.system.shutdown();
  // An old document fails verification with a plain statement of why, not a schema error.
  const check = checkJurorOrDutyRecord(old4.document);
  assert.is(check.ok, false);
  assert.equal(check.problems, [`legacy protocol ${old4.documentId}: recorded before protocol numbering and sealing — its id carries the journal event seq 4, not a protocol number, and it has no court seal (not verifiable as an Original)`]);
});

function start2(dir: string): TestNode {
  return startNode([jurorsBehavior(), dutyBehavior()], { now: kyiv('2025-06-14', 10), dir });
}

test.run();
