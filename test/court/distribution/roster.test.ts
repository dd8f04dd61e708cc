/**
 * D15 / issue 13 item 11: the roster of judges changes by the chief judge's ORDER, not by a new Засади
 * version — an appointment, an end of powers, new reductions (6.5) — each an attributed event with its
 * order, applied from its effective date to every later draw, whose protocol names the roster version.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DomainRejected } from '../../../runtime/index.ts';
import { redact } from '../../../contracts/ingest/redaction.ts';
import { cleanup } from '../../support/servers.ts';
import { civil, kyiv, startCourt, testConfig, type TestCourt } from './support.ts';

const test = suite('roster changes by order');
let court: TestCourt;
test.before.each(() => {
  court = startCourt({ now: kyiv('2025-06-10') });
});
test.after.each(async () => {
  await court.system.shutdown();
});
test.after(cleanup);

const ORDER = { number: '45-ос', date: '2025-06-09' };
const appoint = (effectiveFrom: string) => ({
  type: 'change-roster',
  order: ORDER,
  change: { kind: 'appoint', effectiveFrom, judge: { id: 'J06', name: 'Суддя Шостий', displayOrder: 6, specialisations: ['civil'], reductions: [] } },
});

async function refusal(p: Promise<unknown>): Promise<DomainRejected> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainRejected) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const candidates = (out: any): string[] => out.document.protocol.steps[0].candidates.map((c: { judgeId: string }) => c.judgeId);

test('an appointment by order applies from its effective date; the next protocol names the new roster version', async () => {
  const rec = await court.ask(appoint('2025-06-12'), 'head1');
  assert.is(rec.recorded, true);
  assert.is(rec.rosterVersion, `test-2025-01+r${rec.seq}`);
  // The event is attributed and carries its order.
  const roster = await court.ask({ type: 'read-roster', date: '2025-06-12' });
  assert.equal(roster.rosterChanges.map((c: any) => [c.change.kind, c.order.number, c.by.author, c.seq]), [['appoint', '45-ос', 'head1', rec.seq]]);
  assert.is(roster.rosterVersion, `test-2025-01+r${rec.seq}`);
  assert.ok(roster.judges.some((j: any) => j.id === 'J06' && j.appointedOn === '2025-06-12'));
  // the load pages and printouts read the version in force with its roster: the new judge has a name there
  assert.ok((await court.ask({ type: 'read-zasady', date: '2025-06-12' })).judges.some((j: any) => j.id === 'J06' && j.name === 'Суддя Шостий'));
  assert.not.ok((await court.ask({ type: 'read-zasady', date: '2025-06-11' })).judges.some((j: any) => j.id === 'J06'));

  // Before the effective date: the Засади's roster, its version.
  const before = await court.ask({ type: 'distribute', case: civil('537/1/25') });
  assert.not.ok(candidates(before).includes('J06'));
  assert.equal(before.document.protocol.roster.version, 'test-2025-01');
  assert.is(before.document.protocol.roster.judges, 5);

  // From the effective date: the new judge is a candidate and the protocol names the changed roster.
  court.clock.now = kyiv('2025-06-12');
  const after = await court.ask({ type: 'distribute', case: civil('537/2/25') });
  assert.ok(candidates(after).includes('J06'), candidates(after).join(','));
  assert.equal(after.document.protocol.roster.version, `test-2025-01+r${rec.seq}`);
  assert.is(after.document.protocol.roster.judges, 6);
  assert.is.not(after.document.protocol.roster.digest, before.document.protocol.roster.digest);
});

test('an end of powers by order: the judge is excluded two months before (from the order) and after, the order is the basis', async () => {
  const rec = await court.ask({ type: 'change-roster', order: { number: '50-ос', date: '2025-06-10' }, change: { kind: 'end-powers', judgeId: 'J05', effectiveFrom: '2025-07-01' } }, 'head1');
  const out = await court.ask({ type: 'distribute', case: civil('537/3/25') });
  const j05 = out.document.protocol.excluded.find((e: any) => e.judgeId === 'J05');
  assert.ok(j05, 'J05 excluded');
  assert.is(j05.reasons[0].code, 'POWERS_END_SOON');
  assert.equal(j05.reasons[0].basis, { kind: 'order', number: '50-ос', date: '2025-06-10', issuer: 'голова суду' });
  assert.equal(out.document.protocol.roster.version, `test-2025-01+r${rec.seq}`);
  court.clock.now = kyiv('2025-07-02');
  const later = await court.ask({ type: 'distribute', case: civil('537/4/25') });
  assert.is(later.document.protocol.excluded.find((e: any) => e.judgeId === 'J05').reasons[0].code, 'POWERS_ENDED');
});

test('reductions by order change r_j from their date; a change breaking the Засади is refused with every problem listed, nothing written', async () => {
  await court.ask({ type: 'change-roster', order: ORDER, change: { kind: 'set-reductions', judgeId: 'J02', effectiveFrom: '2025-06-10', reductions: ['chief'] } }, 'head1');
  const load = await court.ask({ type: 'read-load' });
  assert.is(load.judges.find((j: any) => j.judgeId === 'J02').r, 0.5);
  assert.is(load.judges.find((j: any) => j.judgeId === 'J01').r, 0.5);

  const seqBefore = (await court.ask({ type: 'read-roster' })).rosterChanges.length;
  const bad = await refusal(court.ask({ type: 'change-roster', order: ORDER, change: { kind: 'appoint', effectiveFrom: '2025-06-11', judge: { id: 'J07', name: 'Суддя Сьомий', displayOrder: 7, specialisations: ['maritime', 'investigating'], reductions: ['nobody'] } } }));
  assert.is(bad.code, 'ROSTER_CHANGE_INVALID');
  const codes = (bad.details as { errors: Array<{ code: string }> }).errors.map((e) => e.code).sort();
  // unknown specialisation, unknown reduction, and 8.2: a third investigating judge where the assembly set two
  assert.equal(codes, ['INVESTIGATING_COUNT_MISMATCH', 'UNKNOWN_REDUCTION', 'UNKNOWN_SPECIALISATION']);
  assert.is((await court.ask({ type: 'read-roster' })).rosterChanges.length, seqBefore, 'nothing written');

  assert.is((await refusal(court.ask(appoint('2025-06-12')).then(() => court.ask(appoint('2025-06-20'))))).code, 'JUDGE_ON_ROSTER');
  assert.is((await refusal(court.ask({ type: 'change-roster', order: ORDER, change: { kind: 'end-powers', judgeId: 'J99', effectiveFrom: '2025-07-01' } }))).code, 'UNKNOWN_JUDGE');
  assert.is((await refusal(court.ask({ type: 'change-roster', order: { number: '1', date: '2025-06-30' }, change: { kind: 'end-powers', judgeId: 'J01', effectiveFrom: '2025-07-01' } }))).code, 'BASIS_IN_FUTURE');
});

test('a judge appointed by order can be given an absence (4.2) like a judge of the Засади', async () => {
  await court.ask(appoint('2025-06-10'), 'head1');
  const r = await court.ask({ type: 'record-absence', judgeId: 'J06', absence: { kind: 'sick-leave', from: '2025-06-10', basis: { kind: 'sick-note', number: 'лн-1', date: '2025-06-10' } } });
  assert.is(r.recorded, true);
  const out = await court.ask({ type: 'distribute', case: civil('537/5/25') });
  assert.is(out.document.protocol.excluded.find((e: any) => e.judgeId === 'J06').reasons[0].code, 'SICK_LEAVE');
});

test('a Засади version decided after an order lists the roster itself; an order dated after it acts on it', async () => {
  await court.ask(appoint('2025-06-12'), 'head1');
  const v2 = testConfig();
  v2.version = { id: 'test-2025-07', decisionNumber: '№7', decisionDate: '2025-06-20', effectiveFrom: '2025-07-01' };
  await court.ask({ type: 'load-zasady', config: v2 });
  assert.ok((await court.ask({ type: 'read-roster', date: '2025-06-30' })).judges.some((j: any) => j.id === 'J06'), 'the order acts on the version it followed');
  const july = await court.ask({ type: 'read-roster', date: '2025-07-01' });
  assert.equal([july.rosterVersion, july.judges.some((j: any) => j.id === 'J06')], ['test-2025-07', false], 'the later decision lists the judges it names');
  const later = await court.ask({ type: 'change-roster', order: { number: '60-ос', date: '2025-06-10' }, change: { kind: 'end-powers', judgeId: 'J04', effectiveFrom: '2025-09-01' } }, 'head1');
  // an order dated before the decision of test-2025-07: only the version in force on its date; test-2025-07 is decided later
  assert.equal((await court.ask({ type: 'read-roster', date: '2025-07-02' })).rosterVersion, 'test-2025-07');
  court.clock.now = kyiv('2025-06-25');
  const after = await court.ask({ type: 'change-roster', order: { number: '61-ос', date: '2025-06-25' }, change: { kind: 'end-powers', judgeId: 'J04', effectiveFrom: '2025-09-01' } }, 'head1');
  assert.equal((await court.ask({ type: 'read-roster', date: '2025-07-02' })).rosterVersion, `test-2025-07+r${after.seq}`);
  assert.ok(later.seq < after.seq);
});

test('a roster change leaves the court whole (the centre sees the judge, the order, who entered it)', () => {
  const e = { type: 'roster-changed', change: appoint('2025-06-12').change, order: ORDER, by: { author: 'head1', role: 'head_of_staff' }, seq: 7 };
  const out = redact('distribution', 'roster-changed', e, { hashKey: 'k' });
  assert.equal(out.redacted, []);
  const { type: _t, ...payload } = e;
  assert.equal(out.data, payload);
});

test.run();
