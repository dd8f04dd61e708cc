/**
 * Force-majeure mode (Засади 15.1–15.4) with a real journal and an injected
 * clock: the act and its deadline, urgent assignments by the assembly's
 * decision, chronological backlog entry, hand-over now or by a durable
 * reminder on the next working day, and the batch the distribution actor gets.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Behavior } from '../../../runtime/index.ts';
import { outageBehavior, workingDaysBetween } from '../../../actors/court/outage/index.ts';
import { cleanup } from '../../support/servers.ts';
import { martialCalendar } from '../../distribution/support/fixtures.ts';
import { kyiv, ORDER, refused, startNode, type TestNode } from '../jurors/support.ts';

const test = suite('court outage (force majeure)');
test.after(cleanup);

const O = 'outage';
const DECISION = { kind: 'decision' as const, number: 'рішення зборів № 4', date: '2025-06-03' };
const act = (over: Record<string, unknown> = {}) => ({
  number: 'акт-1',
  startedAt: '2025-06-02T10:00:00+03:00',
  endedAt: '2025-06-10T14:00:00+03:00',
  causes: ['Знеструмлення електромережі суду'],
  measures: ['Залучено резервне живлення', 'Відновлено сервер'],
  commission: [
    { fullName: 'Керівник Апарату', position: 'керівник апарату суду', chair: true },
    { fullName: 'Адміністратор', position: 'адміністратор АСДС' },
  ],
  ...over,
});

/** A stand-in distribution actor that keeps what it is asked and draws J02 for every case of a batch. */
const seen: unknown[] = [];
const distributionStub: Behavior = {
  kind: 'distribution',
  initialState: () => 0,
  decide: (_s, c: any) => {
    seen.push(c);
    const outcomes = (c.items ?? []).map((i: any, k: number) => ({ status: 'distributed', caseId: i.case.caseId, seq: k + 1, documentId: `D${k + 1}`, document: { documentId: `D${k + 1}`, kind: 'distribution', protocol: { kind: 'distribution', chosen: { presiding: 'J02', members: [] } } } }));
    return { events: [{ type: 'seen' }], reply: { outcomes } };
  },
  evolve: (s) => s + 1,
};
/** A stand-in case actor (the card) that keeps the assignments written to it. */
const assigned: Array<{ ueun: string; assignment: unknown }> = [];
const caseStub: Behavior = {
  kind: 'case',
  initialState: (id) => id,
  decide: (s: any, c: any) => {
    assigned.push({ ueun: s, assignment: c.assignment });
    return { events: [{ type: 'seen' }], reply: { assigned: true } };
  },
  evolve: (s) => s,
};

async function openOutage(node: TestNode): Promise<string> {
  return (await node.ask(O, { type: 'open-outage', startedAt: '2025-06-02T10:00:00+03:00' })).outageId;
}

test('calendar: working days of the outage are counted on the court calendar', () => {
  assert.is(workingDaysBetween(martialCalendar, '2025-06-02', '2025-06-10'), 7);
  assert.is(workingDaysBetween(martialCalendar, '2025-06-07', '2025-06-08'), 0);
});

test('15.3: urgent cases during the outage only by the assembly decision, only urgent categories, only inside the outage', async () => {
  const node = startNode([outageBehavior()], { now: kyiv('2025-06-04') });
  const id = await openOutage(node);
  await refused(node.ask(O, { type: 'open-outage', startedAt: '2025-06-03T10:00:00+03:00' }), 'OUTAGE_OPEN');
  const base = { type: 'record-urgent-assignment', outageId: id, at: '2025-06-03T11:00:00+03:00', case: { caseId: '537/50/25', arrivalNumber: '1201' }, judges: ['J02'] };
  const r = await node.ask(O, { ...base, category: 'detention', decision: DECISION });
  assert.is(r.rule, 'Засади 15.3');
  assert.is(r.categoryText, 'Обрання запобіжного заходу у виді тримання під вартою');
  await refused(node.ask(O, { ...base, case: { caseId: '537/51/25' }, category: 'civil-claim', decision: DECISION }), 'NOT_URGENT');
  await refused(node.ask(O, { ...base, case: { caseId: '537/51/25' }, category: 'dwelling-search', decision: ORDER('1') }), 'DECISION_REQUIRED');
  await refused(node.ask(O, { ...base, case: { caseId: '537/51/25' }, category: 'dwelling-search', decision: DECISION, at: '2025-06-01T11:00:00+03:00' }), 'OUTSIDE_OUTAGE');
  await refused(node.ask(O, { ...base, category: 'detention', decision: DECISION }), 'ALREADY_ASSIGNED');
  const o = await node.ask(O, { type: 'read-outage', outageId: id });
  assert.is(o.urgent.length, 1);
  assert.equal(o.urgent[0].decision, DECISION);
  assert.is(o.urgent[0].enteredBy, 'head1');
  await node.system.shutdown();
});

test('15.1: the act — more than five working days, a chair, by the next working day after recovery; late only with an order', async () => {
  const node = startNode([outageBehavior()], { now: kyiv('2025-06-13') });
  const id = await openOutage(node);
  await refused(node.ask(O, { type: 'enter-act', outageId: id, act: act({ endedAt: '2025-06-06T18:00:00+03:00' }) }), 'OUTAGE_TOO_SHORT');
  await refused(node.ask(O, { type: 'enter-act', outageId: id, act: act({ commission: [{ fullName: 'А', position: 'б' }] }) }), 'CHAIR_REQUIRED');
  await refused(node.ask(O, { type: 'enter-act', outageId: id, act: act({ endedAt: '2025-06-01T10:00:00+03:00' }) }), 'BAD_PERIOD');
  // Recovered on Tuesday 10 June: due by Wednesday 11 June; today is Friday 13 June.
  const late = await refused(node.ask(O, { type: 'enter-act', outageId: id, act: act() }), 'ACT_LATE');
  assert.equal(late.details, { dueBy: '2025-06-11' });
  await refused(node.ask(O, { type: 'enter-act', outageId: id, act: act(), late: { order: { kind: 'memo', number: '7', date: '2025-06-13' }, reason: 'хвороба керівника апарату' } }), 'ORDER_REQUIRED');
  const ok = await node.ask(O, { type: 'enter-act', outageId: id, act: act(), late: { order: ORDER('7-р', '2025-06-13'), reason: 'хвороба керівника апарату' } });
  // Mon 2 June 10:00 – Tue 10 June 14:00 in working hours 08:00–17:00: 7 + 4×9 + 9 + 6 = 58 h = 6.44 working days.
  assert.is(ok.workingDays, 6.44);
  await refused(node.ask(O, { type: 'enter-act', outageId: id, act: act() }), 'ACT_EXISTS');
  const o = await node.ask(O, { type: 'read-outage', outageId: id });
  assert.is(o.act.late.order.number, '7-р');
  await node.system.shutdown();
});

test('15.1: an act on time needs no late-entry order', async () => {
  const node = startNode([outageBehavior()], { now: kyiv('2025-06-11') });
  const id = await openOutage(node);
  await refused(node.ask(O, { type: 'enter-act', outageId: id, act: act(), late: { order: ORDER('7'), reason: 'ніяка' } }), 'LATE_ORDER_NOT_NEEDED');
  const r = await node.ask(O, { type: 'enter-act', outageId: id, act: act() });
  assert.is(r.dueBy, '2025-06-11');
  assert.is(r.handoverDue, '2025-06-12T08:00:00.000+03:00');
  await node.system.shutdown();
});

test('15.4: backlog only after the act, strictly chronological with actual arrival number and time; out of order refused', async () => {
  const node = startNode([outageBehavior()], { now: kyiv('2025-06-11') });
  const id = await openOutage(node);
  const item = (n: number, at: string) => ({ type: 'enter-backlog', outageId: id, item: { arrivalNumber: n, arrivedAt: at, description: `Вхідний № ${n}` } });
  await refused(node.ask(O, item(1300, '2025-06-03T09:00:00+03:00')), 'ACT_REQUIRED');
  await node.ask(O, { type: 'enter-act', outageId: id, act: act() });
  await node.ask(O, item(1300, '2025-06-03T09:00:00+03:00'));
  await node.ask(O, item(1301, '2025-06-03T09:00:00+03:00')); // same minute, next number: in order
  const e1 = await refused(node.ask(O, item(1299, '2025-06-04T09:00:00+03:00')), 'BACKLOG_OUT_OF_ORDER');
  assert.equal(e1.details, { last: { arrivalNumber: 1301, arrivedAt: '2025-06-03T09:00:00+03:00' } });
  await refused(node.ask(O, item(1305, '2025-06-02T12:00:00+03:00')), 'BACKLOG_OUT_OF_ORDER');
  await refused(node.ask(O, item(1301, '2025-06-05T12:00:00+03:00')), 'BACKLOG_OUT_OF_ORDER');
  await refused(node.ask(O, item(1306, '2025-06-11T08:00:00+03:00')), 'OUTSIDE_OUTAGE');
  await node.ask(O, item(1310, '2025-06-09T16:30:00+03:00'));
  const o = await node.ask(O, { type: 'read-outage', outageId: id });
  assert.equal(o.backlog.map((b: any) => b.arrivalNumber), [1300, 1301, 1310]);
  assert.is(o.backlog[0].late, false);
  await node.system.shutdown();
});

test('15.2, 15.4: hand-over now sends the registered cases to distribution as one batch in arrival order; their cards get the judges', async () => {
  seen.length = 0;
  assigned.length = 0;
  const node = startNode([outageBehavior(), distributionStub, caseStub], { now: kyiv('2025-06-11') });
  const id = await openOutage(node);
  await node.ask(O, { type: 'enter-act', outageId: id, act: act() });
  const dist = (caseId: string, ueun: string) => ({ case: { caseId, uniqueNumber: ueun, proceedingNumber: caseId, category: 'civil-claim', exclusions: [] } });
  // 15.4: a case goes to distribution only as a registered case (its ЄУН) — its card gets the judge.
  await refused(node.ask(O, { type: 'enter-backlog', outageId: id, item: { arrivalNumber: 1, arrivedAt: '2025-06-03T09:00:00+03:00', description: 'позов', distribute: { case: { caseId: '2/537/70/25', category: 'civil-claim', exclusions: [] } } } }), 'BACKLOG_NOT_REGISTERED');
  await node.ask(O, { type: 'enter-backlog', outageId: id, item: { arrivalNumber: 1, arrivedAt: '2025-06-03T09:00:00+03:00', description: 'позов', distribute: dist('2/537/70/25', '537/70/25') } });
  await node.ask(O, { type: 'enter-backlog', outageId: id, item: { arrivalNumber: 2, arrivedAt: '2025-06-03T10:00:00+03:00', description: 'лист' } });
  await node.ask(O, { type: 'enter-backlog', outageId: id, item: { arrivalNumber: 3, arrivedAt: '2025-06-04T10:00:00+03:00', description: 'позов', distribute: dist('2/537/71/25', '537/71/25') } });
  const r = await node.ask(O, { type: 'hand-over', outageId: id, when: 'now' });
  assert.equal(r, { handedOver: 3, arrivalNumbers: [1, 2, 3], toDistribution: 2 });
  await refused(node.ask(O, { type: 'hand-over', outageId: id, when: 'now' }), 'NOTHING_TO_HAND_OVER');
  // The answer comes back as a command: wait until the outcomes are recorded (bounded), then the cards' tells drain at shutdown.
  for (let i = 0; i < 400 && !(await node.ask(O, { type: 'read-outage', outageId: id })).distributed; i++) await new Promise((r) => setTimeout(r, 5));
  await node.system.shutdown();
  assert.equal(seen, [{ type: 'distribute-batch', items: [dist('2/537/70/25', '537/70/25'), dist('2/537/71/25', '537/71/25')] }]);
  assert.equal(assigned, [
    { ueun: '537/70/25', assignment: { proceedingNumber: '2/537/70/25', judge: 'j02', protocol: 'D1', mode: 'random' } },
    { ueun: '537/71/25', assignment: { proceedingNumber: '2/537/71/25', judge: 'j02', protocol: 'D2', mode: 'random' } },
  ]);
  const again = startNode([outageBehavior()], { dir: node.dir, now: kyiv('2025-06-11', 12) });
  const o = await again.ask(O, { type: 'read-outage', outageId: id });
  assert.equal(o.distributed, [{ caseId: '2/537/70/25', status: 'distributed', documentId: 'D1' }, { caseId: '2/537/71/25', status: 'distributed', documentId: 'D2' }]);
  await again.system.shutdown();
});

test('15.2: hand-over on the next working day by a durable reminder that survives a restart', async () => {
  const first = startNode([outageBehavior()], { now: kyiv('2025-06-11') });
  const id = await openOutage(first);
  await first.ask(O, { type: 'enter-act', outageId: id, act: act() });
  await first.ask(O, { type: 'enter-backlog', outageId: id, item: { arrivalNumber: 1, arrivedAt: '2025-06-03T09:00:00+03:00', description: 'скарга' } });
  assert.is(first.system.fireDueReminders(), 0);
  await first.system.shutdown();
  // Down over Thursday morning; back on Thursday afternoon: the missed reminder fires at start.
  const second = startNode([outageBehavior()], { dir: first.dir, now: kyiv('2025-06-12', 15) });
  const o = await second.ask(O, { type: 'read-outage', outageId: id });
  assert.is(o.handovers.length, 1);
  assert.is(o.handovers[0].trigger, 'reminder');
  assert.ok(o.backlog[0].handedOverAt);
  await second.system.shutdown();
});

test('15.1: a short outage (≤ 5 working days) is closed without an act — recorded, reasoned, attributed — and does not block the next one', async () => {
  const node = startNode([outageBehavior()], { now: kyiv('2025-06-05', 12) });
  const first = (await node.ask(O, { type: 'open-outage', startedAt: '2025-06-03T10:00:00+03:00' })).outageId;
  await refused(node.ask(O, { type: 'open-outage', startedAt: '2025-06-04T10:00:00+03:00' }), 'OUTAGE_OPEN');
  await refused(node.ask(O, { type: 'enter-act', outageId: first, act: act({ startedAt: '2025-06-03T10:00:00+03:00', endedAt: '2025-06-04T16:00:00+03:00' }) }), 'OUTAGE_TOO_SHORT');
  await refused(node.ask(O, { type: 'close-without-act', outageId: first, endedAt: '2025-06-06T10:00:00+03:00', reason: 'Сервер відновлено' }), 'IN_FUTURE');
  const closed = await node.ask(O, { type: 'close-without-act', outageId: first, endedAt: '2025-06-04T16:00:00+03:00', reason: 'Відновлено живлення; збій тривав менше п’яти робочих днів' }, 'head1');
  // Tuesday 10:00–17:00 and Wednesday 08:00–16:00: 15 working hours.
  assert.equal(closed, { closed: true, workingDays: 1.67, workingHours: 15, dueBy: '2025-06-05', handoverDue: '2025-06-06T08:00:00.000+03:00' });
  await refused(node.ask(O, { type: 'close-without-act', outageId: first, endedAt: '2025-06-04T16:00:00+03:00', reason: 'ще раз' }), 'OUTAGE_CLOSED');
  await refused(node.ask(O, { type: 'enter-act', outageId: first, act: act() }), 'OUTAGE_CLOSED');
  const o = await node.ask(O, { type: 'read-outage', outageId: first });
  assert.equal(o.closure, { endedAt: '2025-06-04T16:00:00+03:00', reason: 'Відновлено живлення; збій тривав менше п’яти робочих днів', workingDays: 1.67, closedBy: 'head1', closedOn: '2025-06-05', dueBy: '2025-06-05' });
  // What arrived meanwhile is still entered in chronological order (15.4) and handed over.
  await node.ask(O, { type: 'enter-backlog', outageId: first, item: { arrivalNumber: 400, arrivedAt: '2025-06-03T11:00:00+03:00', description: 'позовна заява' } });
  await refused(node.ask(O, { type: 'enter-backlog', outageId: first, item: { arrivalNumber: 401, arrivedAt: '2025-06-04T17:00:00+03:00', description: 'лист' } }), 'OUTSIDE_OUTAGE');
  // The next outage opens, and its own backlog is accepted.
  const second = (await node.ask(O, { type: 'open-outage', startedAt: '2025-06-05T09:00:00+03:00' })).outageId;
  assert.is.not(second, first);
  await node.system.shutdown();
});

test('15.1: working days by the hours — Monday 17:00 to the next Monday 09:00 is 4.11 working days, not six dates: no act', async () => {
  const node = startNode([outageBehavior()], { now: kyiv('2025-06-16', 12) });
  const id = (await node.ask(O, { type: 'open-outage', startedAt: '2025-06-09T17:00:00+03:00' })).outageId;
  const short = await refused(node.ask(O, { type: 'enter-act', outageId: id, act: act({ startedAt: '2025-06-09T17:00:00+03:00', endedAt: '2025-06-16T09:00:00+03:00' }) }), 'OUTAGE_TOO_SHORT');
  assert.equal(short.details, { workingDays: 4.11, workingHours: 37 });
  const r = await node.ask(O, { type: 'close-without-act', outageId: id, endedAt: '2025-06-16T09:00:00+03:00', reason: 'Обладнання замінено' });
  assert.is(r.workingDays, 4.11);
  await node.system.shutdown();
});

test('15.1: a stop of more than five working days cannot be closed without the act', async () => {
  const node = startNode([outageBehavior()], { now: kyiv('2025-06-11') });
  const id = await openOutage(node);
  const e = await refused(node.ask(O, { type: 'close-without-act', outageId: id, endedAt: '2025-06-10T14:00:00+03:00', reason: 'відновлено' }), 'ACT_REQUIRED');
  assert.equal(e.details, { workingDays: 6.44, workingHours: 58 });
  await node.system.shutdown();
});

test('15.1: working hours are configuration — 00:00–24:00 counts whole days', async () => {
  // Tuesday 10 June 00:00 – Tuesday 17 June 03:00.
  const close = { type: 'close-without-act', endedAt: '2025-06-17T03:00:00+03:00', reason: 'відновлено' };
  const hours = startNode([outageBehavior()], { now: kyiv('2025-06-17', 12) });
  const a = (await hours.ask(O, { type: 'open-outage', startedAt: '2025-06-10T00:00:00+03:00' })).outageId;
  // 08:00–17:00: four days Tue–Fri and Monday = exactly 5 working days — not "more than five".
  assert.is((await hours.ask(O, { ...close, outageId: a })).workingDays, 5);
  await hours.system.shutdown();
  const whole = startNode([outageBehavior({ workingHours: { from: '00:00', to: '24:00' } })], { now: kyiv('2025-06-17', 12) });
  const b = (await whole.ask(O, { type: 'open-outage', startedAt: '2025-06-10T00:00:00+03:00' })).outageId;
  const e = await refused(whole.ask(O, { ...close, outageId: b }), 'ACT_REQUIRED');
  // Whole days: 4 × 24 h + 24 h + 3 h = 123 h = 5.13 days.
  assert.equal(e.details, { workingDays: 5.13, workingHours: 123 });
  assert.throws(() => outageBehavior({ workingHours: { from: '17:00', to: '08:00' } }), /after the start/);
  await whole.system.shutdown();
});

test('bad input is refused by the schema before anything is written', async () => {
  const node = startNode([outageBehavior()]);
  try {
    await node.ask(O, { type: 'open-outage', startedAt: 'yesterday' });
    assert.unreachable();
  } catch (e) {
    assert.is((e as { code: string }).code, 'VALIDATION_FAILED');
  }
  await node.system.shutdown();
});

test.run();
