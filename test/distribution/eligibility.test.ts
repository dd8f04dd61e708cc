/**
 * Засади 4.5–4.8 eligibility, table-driven: every bullet of 4.5 on both
 * sides of each boundary. Calendar: martial-law default (Mon–Fri working).
 * June 2025: Mon 2, 9, 16, 23, 30.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Absence, CaseToDistribute, DutyEntry } from '../../contracts/distribution/inputs.ts';
import { judgeEligibility, assessJudges, type EligibilityContext } from '../../actors/distribution/eligibility.ts';
import type { ReasonCode } from '../../actors/distribution/reasons.ts';
import { DrawInputInvalid } from '../../actors/distribution/errors.ts';
import { baseZasady, martialCalendar } from './support/fixtures.ts';

const test = suite('eligibility (Засади 4.5–4.8)');

const order = { kind: 'order', number: '12-в', date: '2025-05-20', issuer: 'Голова суду' } as const;
const memo = { kind: 'memo', number: '3', date: '2025-05-20' } as const;

const civilCase: CaseToDistribute = { caseId: 'c-1', category: 'civil-claim', exclusions: [] };

function ctx(date: string, absences: Absence[] = [], extra: Partial<EligibilityContext> = {}): EligibilityContext {
  return { zasady: baseZasady(), calendar: martialCalendar, date, case: civilCase, absences: { J02: absences }, ...extra };
}

function codes(c: EligibilityContext, judge = 'J02'): ReasonCode[] {
  const e = judgeEligibility(c, judge);
  return e.eligible ? [] : e.reasons.map((r) => r.code);
}

const a = (kind: Absence['kind'], from: string, to?: string, basis: Absence['basis'] = order): Absence =>
  to === undefined ? { kind, from, basis } : { kind, from, to, basis };

interface Row {
  name: string;
  absences: Absence[];
  date: string;
  expect: ReasonCode[];
}

const rows: Row[] = [
  // — vacation shorter than 5 days: 1 working day before (Fri 13 for Mon 16)
  { name: 'vacation 4 d: 2 wd before → eligible', absences: [a('vacation', '2025-06-16', '2025-06-19')], date: '2025-06-12', expect: [] },
  { name: 'vacation 4 d: 1 wd before → out', absences: [a('vacation', '2025-06-16', '2025-06-19')], date: '2025-06-13', expect: ['VACATION_BEFORE'] },
  { name: 'vacation 4 d: Saturday between → out', absences: [a('vacation', '2025-06-16', '2025-06-19')], date: '2025-06-14', expect: ['VACATION_BEFORE'] },
  // — 5–13 days: 5 working days before (Mon 9 … Fri 13)
  { name: 'vacation 5 d: 4th wd before → out (vs 4 d eligible)', absences: [a('vacation', '2025-06-16', '2025-06-20')], date: '2025-06-12', expect: ['VACATION_BEFORE'] },
  { name: 'vacation 13 d: exactly 5 wd before → out', absences: [a('vacation', '2025-06-16', '2025-06-28')], date: '2025-06-09', expect: ['VACATION_BEFORE'] },
  { name: 'vacation 13 d: 6 wd before → eligible', absences: [a('vacation', '2025-06-16', '2025-06-28')], date: '2025-06-06', expect: [] },
  { name: 'vacation 13 d: 7 wd before → eligible', absences: [a('vacation', '2025-06-16', '2025-06-28')], date: '2025-06-05', expect: [] },
  // — 14+ days: 7 working days before (Thu 5 … Fri 13)
  { name: 'vacation 14 d: exactly 7 wd before → out', absences: [a('vacation', '2025-06-16', '2025-06-29')], date: '2025-06-05', expect: ['VACATION_BEFORE'] },
  { name: 'vacation 14 d: 8 wd before → eligible', absences: [a('vacation', '2025-06-16', '2025-06-29')], date: '2025-06-04', expect: [] },
  { name: 'vacation: first day → out', absences: [a('vacation', '2025-06-16', '2025-06-29')], date: '2025-06-16', expect: ['VACATION'] },
  { name: 'vacation: last day → out', absences: [a('vacation', '2025-06-16', '2025-06-29')], date: '2025-06-29', expect: ['VACATION'] },
  { name: 'vacation: day after → eligible', absences: [a('vacation', '2025-06-16', '2025-06-29')], date: '2025-06-30', expect: [] },
  // — "за наявності наказу голови суду": a memo alone does not start the lead window
  { name: 'vacation 14 d on memo only: 1 wd before → eligible', absences: [a('vacation', '2025-06-16', '2025-06-29', memo)], date: '2025-06-13', expect: [] },
  { name: 'vacation 14 d on memo only: during → out', absences: [a('vacation', '2025-06-16', '2025-06-29', memo)], date: '2025-06-16', expect: ['VACATION'] },
  // — short trip 1–5 calendar days: 1 working day before and during
  { name: 'trip 5 cd: 2 wd before → eligible', absences: [a('business-trip', '2025-06-16', '2025-06-20')], date: '2025-06-12', expect: [] },
  { name: 'trip 5 cd: 1 wd before → out', absences: [a('business-trip', '2025-06-16', '2025-06-20')], date: '2025-06-13', expect: ['TRIP_BEFORE'] },
  { name: 'trip 5 cd: 3 wd before → eligible', absences: [a('business-trip', '2025-06-16', '2025-06-20')], date: '2025-06-11', expect: [] },
  { name: 'trip 5 cd: last day → out', absences: [a('business-trip', '2025-06-16', '2025-06-20')], date: '2025-06-20', expect: ['TRIP'] },
  { name: 'trip 5 cd: day after → eligible', absences: [a('business-trip', '2025-06-16', '2025-06-20')], date: '2025-06-21', expect: [] },
  { name: 'trip 1 cd: that day → out', absences: [a('business-trip', '2025-06-16', '2025-06-16')], date: '2025-06-16', expect: ['TRIP'] },
  // — long trip > 5 calendar days: 3 working days before and during
  { name: 'trip 6 cd: 3 wd before → out', absences: [a('business-trip', '2025-06-16', '2025-06-21')], date: '2025-06-11', expect: ['TRIP_BEFORE'] },
  { name: 'trip 6 cd: 4 wd before → eligible', absences: [a('business-trip', '2025-06-16', '2025-06-21')], date: '2025-06-10', expect: [] },
  { name: 'trip 6 cd: last day → out', absences: [a('business-trip', '2025-06-16', '2025-06-21')], date: '2025-06-21', expect: ['TRIP'] },
  // — sick leave: during only
  { name: 'sick: day before → eligible', absences: [a('sick-leave', '2025-06-10', '2025-06-12', memo)], date: '2025-06-09', expect: [] },
  { name: 'sick: first day → out', absences: [a('sick-leave', '2025-06-10', '2025-06-12', memo)], date: '2025-06-10', expect: ['SICK_LEAVE'] },
  { name: 'sick: last day → out', absences: [a('sick-leave', '2025-06-10', '2025-06-12', memo)], date: '2025-06-12', expect: ['SICK_LEAVE'] },
  { name: 'sick: day after → eligible', absences: [a('sick-leave', '2025-06-10', '2025-06-12', memo)], date: '2025-06-13', expect: [] },
  { name: 'sick: open-ended → out weeks later', absences: [a('sick-leave', '2025-06-10', undefined, memo)], date: '2025-07-15', expect: ['SICK_LEAVE'] },
  // — training without a trip: 1 working day before
  { name: 'training: 2 wd before → eligible', absences: [a('training', '2025-06-16', '2025-06-17')], date: '2025-06-12', expect: [] },
  { name: 'training: 1 wd before → out', absences: [a('training', '2025-06-16', '2025-06-17')], date: '2025-06-13', expect: ['TRAINING_BEFORE'] },
  { name: 'training: during → out', absences: [a('training', '2025-06-16', '2025-06-17')], date: '2025-06-17', expect: ['TRAINING'] },
  { name: 'training: day after → eligible', absences: [a('training', '2025-06-16', '2025-06-17')], date: '2025-06-18', expect: [] },
  // — appointment to ВККС / ВРП: from the decision, no end
  { name: 'ВККС/ВРП: day before decision → eligible', absences: [a('appointment-vkks-vrp', '2025-06-10', undefined, { kind: 'decision', number: '1/вр', date: '2025-06-10' })], date: '2025-06-09', expect: [] },
  { name: 'ВККС/ВРП: decision day → out', absences: [a('appointment-vkks-vrp', '2025-06-10', undefined, { kind: 'decision', number: '1/вр', date: '2025-06-10' })], date: '2025-06-10', expect: ['APPOINTED_VKKS_VRP'] },
  { name: 'ВККС/ВРП: a year later → out', absences: [a('appointment-vkks-vrp', '2025-06-10', undefined, { kind: 'decision', number: '1/вр', date: '2025-06-10' })], date: '2026-06-10', expect: ['APPOINTED_VKKS_VRP'] },
  // — suspension (6.3), dismissal
  { name: 'suspension: last day → out', absences: [a('suspension', '2025-06-10', '2025-06-20', { kind: 'decision', number: '9', date: '2025-06-09' })], date: '2025-06-20', expect: ['SUSPENDED'] },
  { name: 'suspension: day after → eligible', absences: [a('suspension', '2025-06-10', '2025-06-20', { kind: 'decision', number: '9', date: '2025-06-09' })], date: '2025-06-21', expect: [] },
  { name: 'dismissal: day before → eligible', absences: [a('dismissal', '2025-06-10')], date: '2025-06-09', expect: [] },
  { name: 'dismissal: from the day → out', absences: [a('dismissal', '2025-06-10')], date: '2025-06-10', expect: ['DISMISSED'] },
  // — end of powers 2025-08-15: two months before = from 2025-06-15
  { name: 'powers end: 2 months before minus one day → eligible', absences: [a('powers-end', '2025-08-15')], date: '2025-06-14', expect: [] },
  { name: 'powers end: exactly 2 months before → out', absences: [a('powers-end', '2025-08-15')], date: '2025-06-15', expect: ['POWERS_END_SOON'] },
  { name: 'powers end: last day of powers → out', absences: [a('powers-end', '2025-08-15')], date: '2025-08-14', expect: ['POWERS_END_SOON'] },
  { name: 'powers end: after → out', absences: [a('powers-end', '2025-08-15')], date: '2025-08-15', expect: ['POWERS_ENDED'] },
  // — several at once: all reasons listed
  { name: 'overlap: sick during vacation lead → both', absences: [a('vacation', '2025-06-16', '2025-06-29'), a('sick-leave', '2025-06-10', '2025-06-12', memo)], date: '2025-06-11', expect: ['VACATION_BEFORE', 'SICK_LEAVE'] },
];

for (const r of rows) {
  test(r.name, () => {
    assert.equal(codes(ctx(r.date, r.absences)), r.expect);
  });
}

test('powers end from the Засади roster (4.5): 2026-03-31 end → window from 2026-01-31 (month clamp both ways)', () => {
  const z = baseZasady((c) => {
    c.judges[1]!.powersEnd = '2026-03-31';
  });
  assert.equal(codes({ ...ctx('2026-01-30'), zasady: z }), []);
  assert.equal(codes({ ...ctx('2026-01-31'), zasady: z }), ['POWERS_END_SOON']);
});

test('not yet appointed → out', () => {
  const z = baseZasady((c) => {
    c.judges[1]!.appointedOn = '2025-06-10';
  });
  assert.equal(codes({ ...ctx('2025-06-09'), zasady: z }), ['NOT_YET_APPOINTED']);
  assert.equal(codes({ ...ctx('2025-06-10'), zasady: z }), []);
});

test('reason carries Ukrainian text, rule and the order', () => {
  const e = judgeEligibility(ctx('2025-06-13', [a('vacation', '2025-06-16', '2025-06-29')]), 'J02');
  assert.is(e.eligible, false);
  if (e.eligible) return;
  const r = e.reasons[0]!;
  assert.is(r.rule, 'Засади 4.5');
  assert.ok(r.text.startsWith('Період перед початком відпустки'));
  assert.equal(r.basis, order);
  assert.equal(r.window, { from: '2025-06-05', to: '2025-06-15' });
});

test('specialisation (4.8, 9.1): juvenile case only to judges with juvenile specialisation', () => {
  const c = { ...ctx('2025-06-10'), case: { caseId: 'c-2', category: 'criminal-juvenile', exclusions: [] } };
  const res = assessJudges(c);
  assert.equal(res.eligible, ['J02']);
  assert.equal(res.excluded.map((x) => x.judgeId), ['J01', 'J03', 'J04', 'J05']);
  assert.ok(res.excluded.every((x) => x.reasons[0]!.code === 'NO_SPECIALISATION'));
});

test('replaced judge (4.12) and judge excluded by law for this case (4.7)', () => {
  const kase: CaseToDistribute = { caseId: 'c-3', category: 'civil-claim', replacingJudgeId: 'J01', exclusions: [{ judgeId: 'J03', text: 'брав участь у розгляді справи в суді першої інстанції' }] };
  const res = assessJudges({ ...ctx('2025-06-10'), case: kase });
  assert.equal(res.eligible, ['J02', 'J04', 'J05']);
  assert.equal(res.excluded.map((x) => [x.judgeId, x.reasons[0]!.code]), [['J01', 'BEING_REPLACED'], ['J03', 'EXCLUDED_FOR_CASE']]);
});

const request: CaseToDistribute = { caseId: 'c-4', category: 'investigator-request', exclusions: [] };
const duty: DutyEntry[] = [{ date: '2025-06-14', judgeIds: ['J03'], basis: { kind: 'order', number: '44-од', date: '2025-06-01' } }];

test('duty (4.6): on a Saturday only the investigating judge on duty', () => {
  const res = assessJudges({ ...ctx('2025-06-14'), case: request, duty });
  assert.equal(res.eligible, ['J03']);
  assert.equal(res.excluded.find((x) => x.judgeId === 'J01')!.reasons.map((r) => r.code), ['NOT_ON_DUTY']);
});

test('duty (4.6): on a working day both investigating judges', () => {
  assert.equal(assessJudges({ ...ctx('2025-06-13'), case: request, duty }).eligible, ['J01', 'J03']);
});

test('duty (4.6): Sunday without a schedule → nobody', () => {
  assert.equal(assessJudges({ ...ctx('2025-06-15'), case: request, duty }).eligible, []);
});

test('vacation without an end date is refused as input', () => {
  assert.throws(() => judgeEligibility(ctx('2025-06-10', [a('vacation', '2025-06-16')]), 'J02'), (e: unknown) => e instanceof DrawInputInvalid);
});

test.run();
