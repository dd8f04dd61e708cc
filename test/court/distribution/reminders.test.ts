/**
 * Impossibility (4.10) and waiting transfers (5.4): the case waits and is
 * distributed by a durable reminder — tested with an injected clock across a
 * restart of the actor system (the reminder fires once after the downtime).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainRejected } from '../../../runtime/index.ts';
import { checkProtocolDocument } from '../../../actors/court/distribution/index.ts';
import { cleanup } from '../../support/servers.ts';
import { civil, kyiv, startCourt, testSeal } from './support.ts';

const test = suite('court distribution: impossibility and waiting, durable reminders');
test.after(cleanup);

const order = (n: string) => ({ kind: 'order', number: n, date: '2025-06-01' });

test('4.10 ¶3 all judges away: protocol of impossibility, then distributed by the reminder after a restart', async () => {
  const first = startCourt({ now: kyiv('2025-06-10') });
  for (const j of ['J01', 'J02', 'J03', 'J04', 'J05']) {
    await first.ask({ type: 'record-absence', judgeId: j, absence: { kind: 'vacation', from: '2025-06-09', to: '2025-06-20', basis: order(`v-${j}`) } }, 'head1');
  }
  const out = await first.ask({ type: 'distribute', case: civil('537/60/25') });
  assert.is(out.status, 'impossible');
  const p = out.document.protocol;
  assert.is(p.kind, 'impossibility');
  assert.is(p.rule, '4.10 ¶3');
  assert.is(p.earliestEligible, '2025-06-21');
  assert.is(p.runOn, '2025-06-23', 'the working day after the obstacle ends (21–22 June are a weekend)');
  assert.match(out.documentId, /протокол-неможливості-розподілу/);
  assert.equal(checkProtocolDocument(out.document, testSeal().trust).problems, []);
  // No silent second attempt: a distribute while waiting is refused.
  try {
    await first.ask({ type: 'distribute', case: civil('537/60/25') });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, DomainRejected);
    assert.is((e as DomainRejected).code, 'DISTRIBUTION_PENDING');
  }
  assert.is(first.system.fireDueReminders(), 0, 'not due yet');
  await first.system.shutdown();

  // The node was down over the due date; it comes back on 25 June.
  // Starting the system looks for due reminders at once: the missed one is delivered before our read.
  const second = startCourt({ dir: first.dir, now: kyiv('2025-06-25') });
  const read = await second.ask({ type: 'read-case', caseId: '537/60/25' });
  assert.ok(read.assignment, 'distributed by the reminder');
  assert.is(read.pending, null);
  assert.equal(read.protocols.map((x: any) => x.kind), ['impossibility', 'distribution']);
  assert.is(second.system.fireDueReminders(), 0, 'the one-shot reminder is gone');
  await second.system.shutdown();
});

test('4.10 ¶2 too few eligible judges (specialisation): runs on the first working day one is back', async () => {
  const c = startCourt({ now: kyiv('2025-06-10') });
  // Only J02 holds the juvenile specialisation (4.8, 9.1).
  await c.ask({ type: 'record-absence', judgeId: 'J02', absence: { kind: 'sick-leave', from: '2025-06-09', to: '2025-06-13', basis: { kind: 'sick-note', number: 'ЛН-77', date: '2025-06-09' } } }, 'head1');
  const out = await c.ask({ type: 'distribute', case: { caseId: '537/61/25', category: 'criminal-juvenile', exclusions: [] } });
  assert.is(out.document.protocol.rule, '4.10 ¶2');
  assert.is(out.document.protocol.runOn, '2025-06-16');
  c.clock.now = kyiv('2025-06-16');
  assert.is(c.system.fireDueReminders(), 1);
  const read = await c.ask({ type: 'read-case', caseId: '537/61/25' });
  assert.is(read.assignment.presiding, 'J02');
  await c.system.shutdown();
});

test('cancelling an absence retries waiting cases at once (the obstacle fell away early)', async () => {
  const c = startCourt({ now: kyiv('2025-06-10') });
  await c.ask({ type: 'record-absence', judgeId: 'J02', absence: { kind: 'business-trip', from: '2025-06-09', to: '2025-06-27', basis: order('t-1') } }, 'head1');
  const out = await c.ask({ type: 'distribute', case: { caseId: '537/62/25', category: 'criminal-juvenile', exclusions: [] } });
  assert.is(out.status, 'impossible');
  await c.ask({ type: 'cancel-absence', judgeId: 'J02', kind: 'business-trip', from: '2025-06-09', basis: order('t-1-скас') }, 'head1');
  assert.is(c.system.fireDueReminders(), 1);
  const read = await c.ask({ type: 'read-case', caseId: '537/62/25' });
  assert.is(read.assignment.presiding, 'J02');
  await c.system.shutdown();
});

test('5.3/5.4: transfer protocol to the earlier judge; absent with a 5.4 exception → waits, transferred by the reminder after a restart', async () => {
  const first = startCourt({ now: kyiv('2025-06-10') });
  // 5.1.2 follows the judge of the same case: the items carry the ЄУН of the earlier one (links.ts).
  const prev = await first.ask({ type: 'distribute', case: civil('537/70/25', { uniqueNumber: '537/700/25' }) });
  const judge = prev.document.protocol.chosen.presiding;
  const t = await first.ask({ type: 'distribute', case: civil('537/71/25', { uniqueNumber: '537/700/25' }), route: { ground: '5.1.2', relatedCaseId: '537/70/25' } });
  assert.is(t.status, 'transferred');
  assert.is(t.document.kind, 'transfer');
  assert.match(t.documentId, /протокол-передачі/);
  assert.equal(t.document.protocol.to, { presiding: judge, members: [] });
  assert.is(t.document.protocol.ground.code, '5.1.2');
  assert.equal(checkProtocolDocument(t.document, testSeal().trust).problems, []);

  await first.ask({ type: 'record-absence', judgeId: judge, absence: { kind: 'vacation', from: '2025-06-11', to: '2025-06-24', basis: order('v-9') } }, 'head1');
  first.clock.now = kyiv('2025-06-12');
  const w = await first.ask({ type: 'distribute', case: civil('537/72/25', { uniqueNumber: '537/700/25' }), route: { ground: '5.1.2', relatedCaseId: '537/70/25' } });
  assert.equal([w.status, w.judgeId, w.until, w.rule], ['waiting', judge, '2025-06-25', '5.4']);
  await first.system.shutdown();

  const second = startCourt({ dir: first.dir, now: kyiv('2025-06-26') });
  const read = await second.ask({ type: 'read-case', caseId: '537/72/25' });
  assert.is(second.system.fireDueReminders(), 0, 'fired once, on start');
  assert.is(read.assignment.presiding, judge);
  assert.equal(read.protocols.map((x: any) => x.kind), ['transfer']);
  await second.system.shutdown();
});

test('5.4: an open-ended sick leave — the exception waits for the judge (not drawn), is on the waiting list, and is handed over when the return is recorded', async () => {
  const c = startCourt({ now: kyiv('2025-06-10') });
  const prev = await c.ask({ type: 'distribute', case: civil('537/90/25', { uniqueNumber: '537/900/25' }) });
  const judge = prev.document.protocol.chosen.presiding;
  const sick = { kind: 'sick-leave', from: '2025-06-11', basis: { kind: 'sick-note', number: 'ЛН-5', date: '2025-06-11' } };
  await c.ask({ type: 'record-absence', judgeId: judge, absence: sick }, 'head1');
  c.clock.now = kyiv('2025-06-12');
  // 5.1.2 (an additional decision) and 5.1.3 (review of a default judgment): both 5.4 exceptions.
  const w = await c.ask({ type: 'distribute', case: civil('537/91/25', { uniqueNumber: '537/900/25' }), route: { ground: '5.1.2', relatedCaseId: '537/90/25' } });
  assert.equal([w.status, w.judgeId, w.until, w.rule], ['waiting', judge, null, '5.4']);
  const list = await c.ask({ type: 'read-waiting' });
  assert.equal(list.waiting, [{ caseId: '537/91/25', uniqueNumber: '537/900/25', category: 'civil-claim', why: 'waiting', judgeId: judge, ground: '5.1.2', rule: '5.4', since: '2025-06-12', runOn: null, recheckOn: null, protocol: null }]);
  assert.is(c.system.fireDueReminders(), 0, 'no date to retry on: the return is a new fact');
  // The judge is back: the sick note closes on 16 June.
  c.clock.now = kyiv('2025-06-17');
  await c.ask({ type: 'shorten-absence', judgeId: judge, kind: 'sick-leave', from: '2025-06-11', to: '2025-06-16', basis: { kind: 'sick-note', number: 'ЛН-5', date: '2025-06-16' } }, 'head1');
  assert.is(c.system.fireDueReminders(), 1);
  const read = await c.ask({ type: 'read-case', caseId: '537/91/25' });
  assert.is(read.assignment.presiding, judge);
  assert.equal(read.protocols.map((x: any) => x.kind), ['transfer']);
  assert.equal((await c.ask({ type: 'read-waiting' })).waiting, []);
  await c.system.shutdown();
});

test('5.2: requests in one ЄРДР proceeding follow the investigating judge of the first one', async () => {
  const c = startCourt({ now: kyiv('2025-06-10') });
  const erdr = '12025170000000001';
  const a = await c.ask({ type: 'distribute', case: { caseId: '537/80/25', category: 'investigator-request', exclusions: [] }, route: { erdr } });
  assert.is(a.status, 'distributed');
  const b = await c.ask({ type: 'distribute', case: { caseId: '537/81/25', category: 'investigator-request', exclusions: [] }, route: { erdr } });
  assert.is(b.status, 'transferred');
  assert.is(b.document.protocol.ground.code, '5.2');
  assert.is(b.document.protocol.to.presiding, a.document.protocol.chosen.presiding);
  await c.system.shutdown();
});

test.run();
