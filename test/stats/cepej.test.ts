import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cepej, cepejRows, evaluateForm, StatsUnknownCell } from '../../analytics/stats/index.ts';
import { CARDS, H1_2026, smallForm } from '../support/stats-fixture.ts';

const test = suite('CEPEJ indicators (GOJUST 2008): clearance rate, turnover, disposition time; null on a zero denominator');

test('the three indicators from their definitions', () => {
  const x = cepej({ received: 200, resolved: 180, pendingEnd: 60 });
  assert.is(x.clearanceRate, 90);
  assert.is(x.turnover, 3);
  assert.ok(Math.abs(x.dispositionDays! - 365 / 3) < 1e-9);
  assert.is(cepej({ received: 50, resolved: 75, pendingEnd: 25 }).clearanceRate, 150); // backlog shrinks
});

test('zero denominators give null, never Infinity or NaN', () => {
  assert.equal(cepej({ received: 0, resolved: 0, pendingEnd: 0 }), { clearanceRate: null, turnover: null, dispositionDays: null });
  assert.equal(cepej({ received: 0, resolved: 4, pendingEnd: 0 }), { clearanceRate: null, turnover: null, dispositionDays: 0 });
  assert.equal(cepej({ received: 3, resolved: 0, pendingEnd: 5 }), { clearanceRate: 0, turnover: 0, dispositionDays: null });
});

test('per row of a section, from the named columns', () => {
  const def = smallForm();
  const r = evaluateForm(def, CARDS, H1_2026, { kind: 'court', court: '537' });
  const rows = cepejRows(def, r, 'sec-civil', { received: 'c-in', resolved: 'c-out', pendingEnd: 'c-end' });
  const all = rows.find((x) => x.row === 'r-all')!;
  // r-all: received 2, resolved 3, pending at end 2 (hand-counted in the evaluation test).
  assert.equal({ ...all }, { row: 'r-all', code: '1', label: 'Усього цивільних справ', received: 2, resolved: 3, pendingEnd: 2, clearanceRate: 150, turnover: 1.5, dispositionDays: 365 * 2 / 3 });
  const nocat = rows.find((x) => x.row === 'r-nocat')!;
  assert.equal([nocat.clearanceRate, nocat.turnover, nocat.dispositionDays], [0, 0, null]);
  assert.throws(() => cepejRows(def, r, 'sec-civil', { received: 'c-in', resolved: 'nope', pendingEnd: 'c-end' }), (e: unknown) => e instanceof StatsUnknownCell);
});

test.run();
