import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DomainRejected } from '../../../runtime/index.ts';
import { checkProtocolDocument, ProtocolStore, protocolPdf } from '../../../actors/court/distribution/index.ts';
import { cleanup } from '../../support/servers.ts';
import { civil, startCourt, testSeal, type TestCourt } from './support.ts';

const test = suite('court distribution actor');
test.after(cleanup);

function events(c: TestCourt): Array<{ aseq: number; type: string; data: any }> {
  const db = new Database(join(c.dir, 'journal.sqlite'), { readonly: true });
  const rows = db.prepare("SELECT aseq, type, data FROM events WHERE actor = 'distribution/537' ORDER BY aseq").all() as Array<{ aseq: number; type: string; data: string }>;
  db.close();
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) }));
}

async function rejected(p: Promise<unknown>): Promise<DomainRejected> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, DomainRejected);
    return e as DomainRejected;
  }
  throw new Error('expected a refusal');
}

test('a case is distributed once: sealed protocol with its attempt seq; a second distribute is refused naming the protocol, nothing written', async () => {
  const c = startCourt();
  const out = await c.ask({ type: 'distribute', case: civil('537/1/25', { uniqueNumber: '537/1/25' }) });
  assert.is(out.status, 'distributed');
  assert.match(out.documentId, /^537-\d{9}-протокол-розподілу-ц$/);
  const ev = events(c);
  const draw = ev.find((e) => e.type === 'case-distributed')!;
  assert.is(draw.aseq, out.seq, 'attempt seq = the event sequence number');
  assert.is(draw.data.document.attempt.seq, out.seq);
  assert.is(draw.data.document.state, 'Original');
  assert.is(draw.data.document.protocol.zasady.id, 'test-2025-01');
  const check = checkProtocolDocument(draw.data.document, testSeal().trust);
  assert.equal(check.problems, []);
  assert.match(check.seal, /^TOTAL_PASSED/);

  const before = ev.length;
  const err = await rejected(c.ask({ type: 'distribute', case: civil('537/1/25') }));
  assert.is(err.code, 'ALREADY_DISTRIBUTED');
  assert.is((err.details as any).documentId, out.documentId);
  assert.is(events(c).length, before, 'a refused second draw writes nothing');
  await c.system.shutdown();
});

test('every attempt is a journal event with its own seq — including an error', async () => {
  const c = startCourt();
  const a = await c.ask({ type: 'distribute', case: civil('537/2/25') });
  const b = await c.ask({ type: 'distribute', case: { caseId: '537/3/25', category: 'no-such-category', exclusions: [] } });
  assert.is(b.status, 'failed');
  assert.is(b.code, 'DRAW_INPUT_INVALID');
  const failedEv = events(c).find((e) => e.type === 'distribution-failed')!;
  assert.is(failedEv.aseq, b.seq);
  assert.ok(b.seq > a.seq);
  const read = await c.ask({ type: 'read-case', caseId: '537/3/25' });
  assert.is(read.assignment, null, 'a failed attempt assigns nobody');
  await c.system.shutdown();
});

test('batch (пакетний розподіл) keeps the given order; a duplicate inside the batch is refused, the rest go on', async () => {
  const c = startCourt();
  const items = ['537/10/25', '537/11/25', '537/10/25', '537/12/25'].map((id) => ({ case: civil(id) }));
  const { outcomes } = await c.ask({ type: 'distribute-batch', items });
  assert.equal(outcomes.map((o: any) => o.status), ['distributed', 'distributed', 'refused', 'distributed']);
  assert.is(outcomes[2].code, 'ALREADY_DISTRIBUTED');
  const seqs = outcomes.filter((o: any) => o.seq).map((o: any) => o.seq);
  assert.equal(seqs, [...seqs].sort((x: number, y: number) => x - y));
  assert.equal(outcomes.filter((o: any) => o.caseId !== '537/10/25' || o.status === 'distributed').map((o: any) => o.caseId), ['537/10/25', '537/11/25', '537/12/25']);
  await c.system.shutdown();
});

test('repeated distribution needs an order with reasons; the replaced judge is excluded; protocol of repeated distribution', async () => {
  const c = startCourt();
  const order = { kind: 'order', number: '15-р', date: '2025-06-10' };
  let err = await rejected(c.ask({ type: 'order-repeated-distribution', caseId: '537/20/25', order, reason: 'replace-judges', reasonText: 'тривалий лікарняний', replace: [] }, 'head1'));
  assert.is(err.code, 'CASE_NOT_DISTRIBUTED');
  const first = await c.ask({ type: 'distribute', case: civil('537/20/25') });
  const judge = first.document.protocol.chosen.presiding;
  err = await rejected(c.ask({ type: 'order-repeated-distribution', caseId: '537/20/25', order: { ...order, kind: 'memo' }, reason: 'replace-judges', reasonText: 'тривалий лікарняний', replace: [] }, 'head1'));
  assert.is(err.code, 'ORDER_REQUIRED');
  err = await rejected(c.ask({ type: 'order-repeated-distribution', caseId: '537/20/25', order, reason: 'replace-judges', reasonText: '   ', replace: [] }, 'head1'));
  assert.is(err.code, 'REASON_REQUIRED');
  err = await rejected(c.ask({ type: 'order-repeated-distribution', caseId: '537/20/25', order, reason: 'replace-judges', reasonText: 'тривалий лікарняний', replace: ['J99'] }, 'head1'));
  assert.is(err.code, 'NOT_IN_COMPOSITION');

  const again = await c.ask({ type: 'order-repeated-distribution', caseId: '537/20/25', order, reason: 'replace-judges', reasonText: 'тривалий лікарняний судді', replace: [judge] }, 'head1');
  assert.is(again.status, 'distributed');
  const doc = again.document;
  assert.is(doc.kind, 'repeated-distribution');
  assert.match(doc.documentId, /протокол-повторного-розподілу/);
  assert.is(doc.order.ref.number, '15-р');
  assert.is(doc.order.rule, '4.12; 4.13');
  assert.is(doc.createdBy, 'head1');
  assert.is(doc.protocol.replaced.judgeId, judge);
  assert.ok(doc.protocol.excluded.some((x: any) => x.judgeId === judge && x.reasons.some((r: any) => r.code === 'BEING_REPLACED')));
  assert.is.not(doc.protocol.chosen.presiding, judge);
  assert.equal(checkProtocolDocument(doc, testSeal().trust).problems, []);
  const read = await c.ask({ type: 'read-case', caseId: '537/20/25' });
  assert.is(read.assignment.presiding, doc.protocol.chosen.presiding);
  assert.equal(read.protocols.map((p: any) => p.kind), ['distribution', 'repeated-distribution']);
  await c.system.shutdown();
});

test('panel: replacing one member is a member-replacement draw; enlarging a panel re-draws with the larger composition', async () => {
  const c = startCourt();
  const order = { kind: 'order', number: '16-р', date: '2025-06-10' };
  const p = await c.ask({ type: 'distribute', case: { caseId: '537/30/25', category: 'criminal-panel', exclusions: [] } });
  const member = p.document.protocol.chosen.members[0];
  const r = await c.ask({ type: 'order-repeated-distribution', caseId: '537/30/25', order, reason: 'replace-judges', reasonText: 'призов на військову службу', replace: [member] }, 'head1');
  assert.is(r.document.kind, 'member-replacement');
  assert.is(r.document.protocol.chosen.presiding, p.document.protocol.chosen.presiding, 'the presiding judge stays');
  assert.not.ok([r.document.protocol.chosen.presiding, ...r.document.protocol.chosen.members].includes(member));
  assert.equal(checkProtocolDocument(r.document, testSeal().trust).problems, []);

  const single = await c.ask({ type: 'distribute', case: { caseId: '537/31/25', category: 'criminal', exclusions: [] } });
  assert.is(single.document.protocol.composition.size, 1);
  const bad = await rejected(c.ask({ type: 'order-repeated-distribution', caseId: '537/31/25', order, reason: 'enlarge-panel', reasonText: 'складність справи', replace: [], category: 'criminal' }, 'head1'));
  assert.is(bad.code, 'NOT_ENLARGED');
  const big = await c.ask({ type: 'order-repeated-distribution', caseId: '537/31/25', order, reason: 'enlarge-panel', reasonText: 'складність справи', replace: [], category: 'criminal-panel' }, 'head1');
  assert.is(big.document.protocol.composition.size, 3);
  assert.is(big.document.order.rule, '4.9 ¶3; 4.12');
  await c.system.shutdown();
});

test('availability events (4.2) with their order exclude the judge, quoted in the protocol; unknown judge refused', async () => {
  const c = startCourt();
  const basis = { kind: 'order', number: '45-в', date: '2025-06-01' };
  for (const j of ['J01', 'J02', 'J03', 'J04']) {
    await c.ask({ type: 'record-absence', judgeId: j, absence: { kind: 'vacation', from: '2025-06-09', to: '2025-06-30', basis } }, 'head1');
  }
  const err = await rejected(c.ask({ type: 'record-absence', judgeId: 'J77', absence: { kind: 'sick-leave', from: '2025-06-09', basis: { kind: 'memo', number: '1', date: '2025-06-09' } } }, 'head1'));
  assert.is(err.code, 'UNKNOWN_JUDGE');
  const out = await c.ask({ type: 'distribute', case: civil('537/40/25') });
  assert.is(out.document.protocol.chosen.presiding, 'J05');
  const ex = out.document.protocol.excluded.find((x: any) => x.judgeId === 'J01');
  assert.is(ex.reasons[0].code, 'VACATION');
  assert.is(ex.reasons[0].basis.number, '45-в');
  await c.system.shutdown();
});

test('protocols are read by id from the journal with seq + hash, and render as a Ukrainian PDF', async () => {
  const c = startCourt();
  const out = await c.ask({ type: 'distribute', case: civil('537/50/25') });
  await c.system.shutdown();
  const store = new ProtocolStore(join(c.dir, 'journal.sqlite'));
  const got = store.get(out.documentId)!;
  store.close();
  assert.ok(got.rowHashOk);
  assert.is(got.document.journal!.aseq, out.seq);
  assert.match(got.document.journal!.hash, /^[0-9a-f]{64}$/);
  assert.equal(checkProtocolDocument(got.document, testSeal().trust).problems, [], 'the journal block is outside the signed content');
  const pdf = await protocolPdf(got.document);
  assert.is(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.length > 2000);
});

test.run();
