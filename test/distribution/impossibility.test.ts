/** Protocol of impossibility (Засади 4.10). June 2025: Fri 13, Sat 14, Mon 16. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Absence } from '../../contracts/distribution/inputs.ts';
import type { ImpossibilityProtocol } from '../../contracts/distribution/protocol.ts';
import { distribute, type DistributionResult } from '../../actors/distribution/distribute.ts';
import { verifyProtocol } from '../../actors/distribution/verify.ts';
import { drawInput } from './support/draw-input.ts';

const test = suite('impossibility (4.10)');

const vacation = (from: string, to: string): Absence => ({ kind: 'vacation', from, to, basis: { kind: 'order', number: '5-в', date: '2025-05-01' } });
const sick = (from: string, to?: string): Absence =>
  to ? { kind: 'sick-leave', from, to, basis: { kind: 'memo', number: '2', date: from } } : { kind: 'sick-leave', from, basis: { kind: 'memo', number: '2', date: from } };

function impossible(r: DistributionResult): ImpossibilityProtocol {
  if (r.kind !== 'impossibility') throw new Error(`expected impossibility, got ${r.kind}`);
  return r;
}

test('¶3: all judges absent → the working day after the obstacle ends (vacations end Fri 13 → Mon 16)', () => {
  const all = { J01: [vacation('2025-06-02', '2025-06-13')], J02: [vacation('2025-06-09', '2025-06-13')], J03: [sick('2025-06-10', '2025-06-13')], J04: [sick('2025-06-11', '2025-06-12')], J05: [vacation('2025-06-02', '2025-06-27')] };
  const p = impossible(distribute(drawInput({ absences: all, date: '2025-06-11' })));
  assert.is(p.rule, '4.10 ¶3');
  assert.is(p.earliestEligible, '2025-06-13'); // J04 is back on Friday
  assert.is(p.runOn, '2025-06-13');
  assert.equal(p.eligible, []);
  assert.equal(p.excluded.map((e) => e.judgeId), ['J01', 'J02', 'J03', 'J04', 'J05']);
  assert.ok(p.excluded.every((e) => e.reasons.length > 0));
  assert.ok(verifyProtocol(p).ok);
});

test('¶3: obstacle ends on a Friday → first day back is Saturday, distribution on Monday', () => {
  const absences = Object.fromEntries(['J01', 'J02', 'J03', 'J04', 'J05'].map((j) => [j, [sick('2025-06-09', '2025-06-13')]]));
  const p = impossible(distribute(drawInput({ absences, date: '2025-06-11' })));
  assert.is(p.rule, '4.10 ¶3');
  assert.is(p.earliestEligible, '2025-06-14');
  assert.is(p.runOn, '2025-06-16');
});

test('¶2: the only juvenile judge on sick leave; others lack the specialisation → first working day he is back', () => {
  const p = impossible(distribute(drawInput({ absences: { J02: [sick('2025-06-10', '2025-06-12')] }, date: '2025-06-11' }, 'criminal-juvenile')));
  assert.is(p.rule, '4.10 ¶2');
  assert.is(p.needed, 1);
  assert.is(p.earliestEligible, '2025-06-13');
  assert.is(p.runOn, '2025-06-13');
  assert.equal(p.excluded.find((e) => e.judgeId === 'J02')!.reasons.map((r) => r.code), ['SICK_LEAVE']);
  assert.equal(p.excluded.find((e) => e.judgeId === 'J01')!.reasons.map((r) => r.code), ['NO_SPECIALISATION']);
});

test('no judge will ever be eligible within the horizon → null dates', () => {
  const p = impossible(distribute(drawInput({ absences: { J02: [{ kind: 'dismissal', from: '2025-06-01', basis: { kind: 'decision', number: '3', date: '2025-05-30' } }] }, date: '2025-06-11' }, 'criminal-juvenile')));
  assert.is(p.earliestEligible, null);
  assert.is(p.runOn, null);
});

test('ad-hoc panel needs 3 criminal judges; two away → impossibility with needed = 3', () => {
  const p = impossible(distribute(drawInput({ absences: { J01: [sick('2025-06-10', '2025-06-11')], J02: [sick('2025-06-10', '2025-06-20')] }, date: '2025-06-10' }, 'criminal-panel')));
  assert.is(p.needed, 3);
  assert.equal(p.eligible, ['J03', 'J04']);
  assert.is(p.earliestEligible, '2025-06-12');
  assert.is(p.rule, '4.10 ¶2');
});

test('verifier flags an impossibility protocol whose runOn precedes the earliest date', () => {
  const p = impossible(distribute(drawInput({ absences: { J02: [sick('2025-06-10', '2025-06-12')] }, date: '2025-06-11' }, 'criminal-juvenile')));
  const bad = { ...p, runOn: '2025-06-12' };
  assert.is(verifyProtocol(bad).ok, false);
});

test.run();
