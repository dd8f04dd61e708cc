/**
 * The jurors actor with a real journal: the list (7.2), exclusions (КПК 387,
 * 7.5 ¶2), service days (7.5), the criminal 7 → 3 + 2 path, civil 2,
 * replacements, impossibility with a durable reminder (7.9 ¶3), refusals
 * write nothing, and every protocol recomputes.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { jurorsBehavior } from '../../../actors/court/jurors/index.ts';
import { verifyJurorProtocol } from '../../../actors/distribution/verify-jurors.ts';
import { cleanup } from '../../support/servers.ts';
import { kyiv, ORDER, refused, RULING, startNode, type TestNode } from './support.ts';

const test = suite('court jurors actor');
test.after(cleanup);

const J = 'jurors';
const COUNCIL = { kind: 'decision' as const, number: 'рішення ради 15/2', date: '2024-12-20' };

async function list(node: TestNode, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await node.ask<{ jurorId: string }>(J, { type: 'add-juror', fullName: `Присяжний ${i + 1}`, addedOn: '2025-01-01', basis: COUNCIL })).jurorId);
  return ids;
}

function events(dir: string): number {
  const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
  const n = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  db.close();
  return n;
}

test('criminal: 7 candidates → КПК 387 releases → 3 main + 2 reserve → replacement from reserves → redraw', async () => {
  const node = startNode([jurorsBehavior()]);
  const ids = await list(node, 12);
  assert.equal(ids.slice(0, 2), ['P0001', 'P0002']);
  const sel = await node.ask(J, { type: 'select', case: { caseId: '537/10/25', proceedingNumber: '1-кп/537/10/25' }, proceeding: 'criminal' });
  assert.is(sel.document.title, 'Протокол попереднього відбору присяжних');
  assert.match(sel.documentId, /^537-\d{9}-протокол-присяжних-к$/);
  const cands: string[] = sel.composition.candidates;
  assert.is(cands.length, 7);
  assert.ok(verifyJurorProtocol(sel.document.protocol).ok);

  // КПК 387: releases only of candidates.
  const outsider = ids.find((id) => !cands.includes(id))!;
  await refused(node.ask(J, { type: 'exclude-juror', caseId: '537/10/25', jurorId: outsider, ground: 'released', ruling: RULING('у-1') }), 'NOT_A_CANDIDATE');
  await node.ask(J, { type: 'exclude-juror', caseId: '537/10/25', jurorId: cands[0], ground: 'released', ruling: RULING('у-1') });
  await node.ask(J, { type: 'exclude-juror', caseId: '537/10/25', jurorId: cands[1], ground: 'recused', ruling: RULING('у-2'), text: 'упередженість' });
  await refused(node.ask(J, { type: 'exclude-juror', caseId: '537/10/25', jurorId: cands[1], ground: 'recused', ruling: RULING('у-2') }), 'ALREADY_EXCLUDED');

  const comp = await node.ask(J, { type: 'compose', caseId: '537/10/25' });
  assert.is(comp.document.protocol.stage, 'composition');
  assert.is(comp.document.title, 'Протокол автоматизованого визначення присяжних');
  const { main, reserve } = comp.composition;
  assert.is(main.length, 3);
  assert.is(reserve.length, 2);
  for (const id of [...main, ...reserve]) assert.ok(cands.slice(2).includes(id));
  await refused(node.ask(J, { type: 'compose', caseId: '537/10/25' }), 'ALREADY_COMPOSED');

  // 7.7: a main juror leaves → one of the two reserves.
  const r1 = await node.ask(J, { type: 'replace', caseId: '537/10/25', jurorId: main[0], basis: RULING('у-3') });
  assert.is(r1.document.protocol.stage, 'reserve-to-main');
  assert.ok(reserve.includes(r1.composition.main[0]));
  assert.is(r1.composition.reserve.length, 1);
  const r2 = await node.ask(J, { type: 'replace', caseId: '537/10/25', jurorId: main[1] });
  assert.is(r2.composition.reserve.length, 0);
  // No reserve left → a new draw from the list; nobody already in the composition, nobody released or recused.
  const r3 = await node.ask(J, { type: 'replace', caseId: '537/10/25', jurorId: main[2] });
  assert.is(r3.document.protocol.stage, 'main-redraw');
  const pool: string[] = r3.document.protocol.steps[0].candidates;
  for (const id of [cands[0], cands[1], ...r2.composition.main]) assert.not.ok(pool.includes(id), `${id} must not be in the redraw pool`);
  await refused(node.ask(J, { type: 'replace', caseId: '537/10/25', jurorId: main[2] }), 'NOT_A_MAIN_JUROR');

  const kase = await node.ask(J, { type: 'read-case', caseId: '537/10/25' });
  assert.is(kase.documents.length, 5);
  for (const id of kase.documents) assert.ok(verifyJurorProtocol((await node.ask(J, { type: 'read-document', documentId: id })).protocol).ok, id);
  await node.system.shutdown();
});

test('criminal top-up: too few candidates after releases → more candidates from the list, then composition', async () => {
  const node = startNode([jurorsBehavior()]);
  await list(node, 10);
  const sel = await node.ask(J, { type: 'select', case: { caseId: '537/11/25' }, proceeding: 'criminal' });
  const cands: string[] = sel.composition.candidates;
  for (const id of cands.slice(0, 3)) await node.ask(J, { type: 'exclude-juror', caseId: '537/11/25', jurorId: id, ground: 'released', ruling: RULING('у') });
  const top = await node.ask(J, { type: 'compose', caseId: '537/11/25' });
  assert.is(top.document.protocol.stage, 'top-up');
  assert.is(top.document.protocol.chosen.jurors.length, 1);
  assert.is(top.composition.candidates.length, 8);
  const comp = await node.ask(J, { type: 'compose', caseId: '537/11/25' });
  assert.is(comp.document.protocol.stage, 'composition');
  await node.system.shutdown();
});

test('civil: 2 jurors; served more than a month this year → excluded; replacement by a new draw', async () => {
  const node = startNode([jurorsBehavior()]);
  const ids = await list(node, 4);
  const svc = await node.ask(J, { type: 'record-service', jurorId: ids[0], caseId: '537/1/25', from: '2025-03-01', to: '2025-04-05' });
  assert.equal(svc.days, { '2025': 36 });
  const split = await node.ask(J, { type: 'record-service', jurorId: ids[1], caseId: '537/2/24', from: '2024-12-20', to: '2025-01-10' });
  assert.equal(split.days, { '2024': 12, '2025': 10 });
  const sel = await node.ask(J, { type: 'select', case: { caseId: '537/20/25', proceedingNumber: '2-о/537/20/25' }, proceeding: 'civil-special' });
  assert.match(sel.documentId, /-ц$/);
  const p = sel.document.protocol;
  assert.equal(p.excluded.map((x: any) => [x.jurorId, x.reasons[0].code]), [[ids[0], 'SERVICE_LIMIT']]);
  assert.equal([...sel.composition.main].sort(), [ids[1], ids[2], ids[3]].filter((id) => p.chosen.jurors.includes(id)).sort());
  await refused(node.ask(J, { type: 'compose', caseId: '537/20/25' }), 'NOT_CRIMINAL');
  const r = await node.ask(J, { type: 'replace', caseId: '537/20/25', jurorId: sel.composition.main[0] });
  assert.is(r.document.protocol.stage, 'civil-replacement');
  await node.system.shutdown();
});

test('7.2: unavailability needs the head of staff order; refused commands write nothing', async () => {
  const node = startNode([jurorsBehavior()]);
  const [a] = await list(node, 1);
  const before = events(node.dir);
  await refused(node.ask(J, { type: 'record-unavailability', jurorId: a, absence: { kind: 'sickness', from: '2025-06-01', basis: { kind: 'memo', number: '1', date: '2025-06-01' } } }), 'ORDER_REQUIRED');
  await refused(node.ask(J, { type: 'record-unavailability', jurorId: a, absence: { kind: 'trip', from: '2025-06-05', to: '2025-06-01', basis: ORDER('1') } }), 'BAD_PERIOD');
  await refused(node.ask(J, { type: 'record-unavailability', jurorId: 'P0099', absence: { kind: 'trip', from: '2025-06-05', basis: ORDER('1') } }), 'JUROR_NOT_FOUND');
  // A day that never existed fails the contract (IsoDateSchema format 'date') before the actor decides.
  await assert_rejects_validation(node.ask(J, { type: 'record-service', jurorId: a, caseId: 'x', from: '2025-02-30', to: '2025-03-01' }));
  await refused(node.ask(J, { type: 'exclude-juror', caseId: 'nowhere', jurorId: a, ground: 'ruling', ruling: RULING('1') }), 'NO_JUROR_SELECTION');
  await refused(node.ask(J, { type: 'remove-juror', jurorId: a, removedOn: '2024-01-01', basis: COUNCIL }), 'BAD_PERIOD');
  assert.is(events(node.dir), before);
  await node.ask(J, { type: 'remove-juror', jurorId: a, removedOn: '2025-06-01', basis: COUNCIL });
  const l = await node.ask(J, { type: 'read-list' });
  assert.is(l.jurors[0].onList, false);
  await node.system.shutdown();
});

test('7.9: impossibility protocol, durable reminder at the earliest date, retried after a restart', async () => {
  const first = startNode([jurorsBehavior()], { now: kyiv('2025-06-10') });
  const ids = await list(first, 2);
  await first.ask(J, { type: 'record-unavailability', jurorId: ids[0], absence: { kind: 'vacation', from: '2025-06-01', to: '2025-06-15', basis: ORDER('в-1') } });
  const imp = await first.ask(J, { type: 'select', case: { caseId: '537/30/25' }, proceeding: 'civil-special' });
  assert.is(imp.document.kind, 'juror-impossibility');
  assert.is(imp.document.title, 'Протокол щодо неможливості автоматизованого визначення присяжних');
  assert.is(imp.document.protocol.earliestEligible, '2025-06-16');
  assert.ok(verifyJurorProtocol(imp.document.protocol).ok);
  await refused(first.ask(J, { type: 'select', case: { caseId: '537/30/25' }, proceeding: 'civil-special' }), 'SELECTION_PENDING');
  assert.is(first.system.fireDueReminders(), 0, 'not due yet');
  await first.system.shutdown();

  const second = startNode([jurorsBehavior()], { dir: first.dir, now: kyiv('2025-06-17') });
  const c = await second.ask(J, { type: 'read-case', caseId: '537/30/25' });
  assert.is(c.pending, undefined, 'the reminder ran the selection again');
  assert.is(c.main.length, 2);
  assert.is(c.documents.length, 2);
  await second.system.shutdown();
});

test('7.9 ¶3: a juror added to the list retries a waiting selection at once', async () => {
  const node = startNode([jurorsBehavior()]);
  await list(node, 1);
  const imp = await node.ask(J, { type: 'select', case: { caseId: '537/31/25' }, proceeding: 'civil-special' });
  assert.is(imp.document.protocol.earliestEligible, null);
  await list(node, 1);
  assert.is(node.system.fireDueReminders(), 1);
  // The firing sits in the mailbox ahead of this read.
  const c = await node.ask(J, { type: 'read-case', caseId: '537/31/25' });
  assert.is(c.pending, undefined);
  assert.is(c.main.length, 2);
  await node.system.shutdown();
});

test.run();

async function assert_rejects_validation(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    assert.is((e as { code?: string }).code, 'VALIDATION_FAILED', String(e));
    return;
  }
  assert.unreachable('expected VALIDATION_FAILED');
}
