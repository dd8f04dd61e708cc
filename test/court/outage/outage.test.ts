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

/** A stand-in distribution actor that keeps what it is told. */
const seen: unknown[] = [];
const distributionStub: Behavior = {
  kind: 'distribution',
  initialState: () => 0,
  decide: (_s, c) => {
    seen.push(c);
    return { events: [{ type: 'seen' }], reply: null };
  },
  evolve: (s) => s + 1,
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
  assert.is(ok.workingDays, 7);
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

test('15.2: hand-over now sends the cases to distribution as one batch in arrival order', async () => {
  seen.length = 0;
  const node = startNode([outageBehavior(), distributionStub], { now: kyiv('2025-06-11') });
  const id = await openOutage(node);
  await node.ask(O, { type: 'enter-act', outageId: id, act: act() });
  const dist = (caseId: string) => ({ case: { caseId, category: 'civil-claim', exclusions: [] } });
  await node.ask(O, { type: 'enter-backlog', outageId: id, item: { arrivalNumber: 1, arrivedAt: '2025-06-03T09:00:00+03:00', description: 'позов', distribute: dist('537/70/25') } });
  await node.ask(O, { type: 'enter-backlog', outageId: id, item: { arrivalNumber: 2, arrivedAt: '2025-06-03T10:00:00+03:00', description: 'лист' } });
  await node.ask(O, { type: 'enter-backlog', outageId: id, item: { arrivalNumber: 3, arrivedAt: '2025-06-04T10:00:00+03:00', description: 'позов', distribute: dist('537/71/25') } });
  const r = await node.ask(O, { type: 'hand-over', outageId: id, when: 'now' });
  assert.equal(r, { handedOver: 3, arrivalNumbers: [1, 2, 3], toDistribution: 2 });
  await refused(node.ask(O, { type: 'hand-over', outageId: id, when: 'now' }), 'NOTHING_TO_HAND_OVER');
  await node.system.shutdown(); // drains the tell
  assert.equal(seen, [{ type: 'distribute-batch', items: [dist('537/70/25'), dist('537/71/25')] }]);
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
