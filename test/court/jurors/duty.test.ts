/**
 * Investigating judges on duty on days off (Засади 4.6, 8.2): the pure
 * assignment and its verifier, and the duty actor — assembly decision,
 * chief judge's schedule (days off only, investigating judges only), the
 * recorded assignment with its protocol, and the schedule told to distribution.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Behavior } from '../../../runtime/index.ts';
import { assignToDuty, verifyDutyProtocol } from '../../../actors/distribution/duty.ts';
import { dutyBehavior } from '../../../actors/court/duty/index.ts';
import { cleanup } from '../../support/servers.ts';
import { martialCalendar, testBytes } from '../../distribution/support/fixtures.ts';
import { kyiv, ORDER, refused, startNode } from './support.ts';
import { join } from 'node:path';
import { initCourtCa } from '../../../actors/pki/index.ts';
import { sealedRecordBehaviors } from '../../../actors/court/jurors/index.ts';
import { distributionBehavior } from '../../../actors/court/distribution/index.ts';
import { testConfig, testSeal } from '../distribution/support.ts';
import { checkJurorOrDutyRecord } from '../../../actors/court/jurors/check.ts';
import { courtSealAnchorOf } from '../../../actors/court/seal/index.ts';
import { TEST_KEY_PASSPHRASE } from '../../support/keys.ts';

const test = suite('duty of investigating judges');
test.after(cleanup);

const D = 'duty';
const DECISION = { kind: 'decision' as const, number: 'рішення зборів № 2', date: '2025-01-10' };
const CHIEF = ORDER('15-ос', '2025-06-01');
const req = (caseId: string) => ({ caseId, category: 'investigating-judge', proceedingNumber: `1-кс/537/${caseId.split('/')[1]}/25` });
const base = { court: '537', at: '2025-06-14T10:00:00.000+03:00', date: '2025-06-14', calendar: martialCalendar };

test('pure: one judge on duty → that judge, no draw; several → an equal-probability draw; verifiable', () => {
  const one = assignToDuty({ ...base, case: req('537/1/25'), schedule: [{ date: '2025-06-14', judgeIds: ['J03'], basis: CHIEF }], randomBytes: testBytes('duty', 1) });
  assert.is(one.kind, 'duty-assignment');
  assert.is(one.kind === 'duty-assignment' && one.chosen, 'J03');
  assert.is(one.kind === 'duty-assignment' && one.step, undefined);
  assert.ok(verifyDutyProtocol(JSON.parse(JSON.stringify(one))).ok);
  const counts: Record<string, number> = { J02: 0, J03: 0 };
  for (let i = 0; i < 2000; i++) {
    const p = assignToDuty({ ...base, case: req(`537/${i}/25`), schedule: [{ date: '2025-06-14', judgeIds: ['J03', 'J02'], basis: CHIEF }], randomBytes: testBytes('duty', i) });
    if (p.kind !== 'duty-assignment') throw new Error('impossible');
    counts[p.chosen]! += 1;
    if (i === 0) {
      assert.equal(p.step!.candidates, ['J02', 'J03']);
      assert.ok(verifyDutyProtocol(JSON.parse(JSON.stringify(p))).ok);
      const t = JSON.parse(JSON.stringify(p));
      t.chosen = t.chosen === 'J02' ? 'J03' : 'J02';
      assert.not.ok(verifyDutyProtocol(t).ok, 'a changed choice is caught');
    }
  }
  assert.ok(counts.J02! > 900 && counts.J03! > 900, JSON.stringify(counts));
  const absent = assignToDuty({ ...base, case: req('537/2/25'), schedule: [{ date: '2025-06-14', judgeIds: ['J03'], basis: CHIEF }], unavailable: new Map([['J03', 'лікарняний']]), randomBytes: testBytes('duty', 2) });
  assert.is(absent.kind, 'duty-impossibility');
  assert.ok(verifyDutyProtocol(absent).ok);
  assert.throws(() => assignToDuty({ ...base, date: '2025-06-13', case: req('537/3/25'), schedule: [], randomBytes: testBytes('duty', 3) }), /working day/);
});

test('actor: assembly decision → chief judge schedule → request on Saturday goes to the judge on duty', async () => {
  const told: unknown[] = [];
  const stub: Behavior = { kind: 'distribution', initialState: () => 0, decide: (_s, c) => (told.push(c), { events: [{ type: 'seen' }] }), evolve: (s) => s + 1 };
  const node = startNode([dutyBehavior(), stub], { now: kyiv('2025-06-14', 10) });
  await refused(node.ask(D, { type: 'approve-schedule', order: CHIEF, entries: [{ date: '2025-06-14', judgeIds: ['J03'] }] }, 'chief'), 'NO_INVESTIGATING_JUDGES');
  await refused(node.ask(D, { type: 'set-investigating-judges', count: 2, judgeIds: ['J02', 'J03'], decision: ORDER('1') }), 'DECISION_REQUIRED');
  await refused(node.ask(D, { type: 'set-investigating-judges', count: 3, judgeIds: ['J02', 'J03'], decision: DECISION }), 'COUNT_MISMATCH');
  await node.ask(D, { type: 'set-investigating-judges', count: 2, judgeIds: ['J02', 'J03'], decision: DECISION });
  const bad = await refused(
    node.ask(D, { type: 'approve-schedule', order: CHIEF, entries: [{ date: '2025-06-13', judgeIds: ['J03'] }, { date: '2025-06-15', judgeIds: ['J01'] }] }, 'chief'),
    'SCHEDULE_INVALID',
  );
  assert.equal((bad.details as any).problems.map((p: any) => p.code), ['NOT_A_DAY_OFF', 'NOT_INVESTIGATING_JUDGE']);
  await refused(node.ask(D, { type: 'approve-schedule', order: { ...CHIEF, kind: 'memo' }, entries: [{ date: '2025-06-14', judgeIds: ['J03'] }] }, 'chief'), 'ORDER_REQUIRED');
  await node.ask(D, { type: 'approve-schedule', order: CHIEF, entries: [{ date: '2025-06-14', judgeIds: ['J03'] }, { date: '2025-06-15', judgeIds: ['J02'] }] }, 'chief');
  const r = await node.ask(D, { type: 'assign-request', case: req('537/80/25') }, 'officer');
  assert.is(r.judgeId, 'J03');
  assert.is(r.document.title, 'Протокол автоматизованого розподілу клопотання черговому слідчому судді');
  assert.is(r.document.createdBy, 'officer');
  assert.ok(verifyDutyProtocol(r.document.protocol).ok);
  assert.equal((await node.ask(D, { type: 'read-document', documentId: r.documentId })).protocol.chosen, 'J03');
  await refused(node.ask(D, { type: 'assign-request', case: req('537/80/25') }), 'ALREADY_ASSIGNED');
  // Sunday: the other judge.
  node.clock.now = kyiv('2025-06-15', 10);
  assert.is((await node.ask(D, { type: 'assign-request', case: req('537/81/25') })).judgeId, 'J02');
  // Monday: a working day — the general distribution applies.
  node.clock.now = kyiv('2025-06-16', 10);
  await refused(node.ask(D, { type: 'assign-request', case: req('537/82/25') }), 'NOT_A_DAY_OFF');
  // Saturday without a schedule: a protocol of impossibility is recorded.
  node.clock.now = kyiv('2025-06-21', 10);
  const none = await node.ask(D, { type: 'assign-request', case: req('537/83/25') });
  assert.is(none.judgeId, null);
  assert.is(none.document.kind, 'duty-impossibility');
  await node.system.shutdown();
  assert.equal(told.map((m: any) => [m.type, m.entry.date, m.entry.judgeIds]), [['record-duty', '2025-06-14', ['J03']], ['record-duty', '2025-06-15', ['J02']]]);
});

test('review 7: the duty draw leaves out a judge on duty whose absence the distribution actor records (the court node wiring)', async () => {
  const node = startNode([], { now: kyiv('2025-06-14', 10) });
  await node.system.shutdown();
  // The court CA issued before the injected 2025 clock (the node would make one "now").
  initCourtCa({ passphrase: TEST_KEY_PASSPHRASE, dir: join(node.dir, 'pki'), courtCode: '537', courtName: 'Тестовий суд', now: new Date('2025-01-01T00:00:00Z') });
  // The court node's own behaviors: jurors + duty with the seal and the journal's absences (sealedRecordBehaviors).
  const court = startNode([...sealedRecordBehaviors({ court: '537', dataDir: node.dir, keyPassphrase: TEST_KEY_PASSPHRASE }), distributionBehavior({ zasady: [testConfig()], calendar: martialCalendar, signer: testSeal().signer })], { dir: node.dir, now: kyiv('2025-06-14', 10) });
  await court.ask(D, { type: 'set-investigating-judges', count: 2, judgeIds: ['J01', 'J03'], decision: DECISION });
  await court.ask(D, { type: 'approve-schedule', order: CHIEF, entries: [{ date: '2025-06-14', judgeIds: ['J01', 'J03'] }, { date: '2025-06-15', judgeIds: ['J03'] }] }, 'chief');
  const sick = { kind: 'sick-leave', from: '2025-06-13', basis: { kind: 'sick-note', number: 'ЛН-77', date: '2025-06-13' } };
  await court.ask('distribution', { type: 'record-absence', judgeId: 'J03', absence: sick });
  // Several requests: with J03 absent every one goes to J01, no draw between the two.
  for (let i = 1; i <= 6; i++) {
    const r = await court.ask(D, { type: 'assign-request', case: req(`537/${70 + i}/25`) });
    assert.is(r.judgeId, 'J01', `request ${i}`);
    assert.equal(r.document.protocol.excluded.map((x: any) => x.judgeId), ['J03']);
    assert.match(r.document.protocol.excluded[0].reason, /^Тимчасова непрацездатність судді: з 2025-06-13 \(Засади 4\.5; листок непрацездатності № ЛН-77 від 2025-06-13\)$/);
    assert.equal(checkJurorOrDutyRecord(r.document, courtSealAnchorOf(court.dir)).problems, [], 'sealed and recomputable');
  }
  // Sunday: J03 alone on duty and still sick → impossibility, naming why.
  court.clock.now = kyiv('2025-06-15', 10);
  const none = await court.ask(D, { type: 'assign-request', case: req('537/80/25') });
  assert.is(none.document.protocol.kind, 'duty-impossibility');
  assert.equal(none.document.protocol.excluded.map((x: any) => x.judgeId), ['J03']);
  // Cancelled in the distribution record → J03 takes requests again.
  await court.ask('distribution', { type: 'cancel-absence', judgeId: 'J03', kind: 'sick-leave', from: '2025-06-13', basis: { kind: 'memo', number: 'сз-3', date: '2025-06-15' } });
  const back = await court.ask(D, { type: 'assign-request', case: req('537/81/25') });
  assert.is(back.judgeId, 'J03');
  assert.equal(back.document.protocol.excluded, []);
  await court.system.shutdown();
});

test.run();
