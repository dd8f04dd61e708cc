import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Value } from '@sinclair/typebox/value';
import { evaluateForm, StatsPeriodInvalid } from '../../analytics/stats/index.ts';
import { StatReportV1 } from '../../contracts/stats/report.ts';
import { StatCardV1 } from '../../contracts/stats/card.ts';
import { CARDS, H1_2026, randomCards, shippedForm, smallForm } from '../support/stats-fixture.ts';

const test = suite('stats evaluation (Засади 16.1.3): cells per the measures of contracts/stats/form.ts');
const court = { kind: 'court' as const, court: '537' };

test('hand-made cards give the hand-counted cells (boundaries, sums in kopiykas, absent fields, other courts)', () => {
  const r = evaluateForm(smallForm(), CARDS, H1_2026, court);
  const s = r.cells['sec-civil']!;
  // Counted by hand from the card list in test/support/stats-fixture.ts.
  assert.equal(s['r-all'], { 'c-start': 3, 'c-in': 2, 'c-out': 3, 'c-sat': 2, 'c-over': 1, 'c-claimed': 120000, 'c-awarded': 80000, 'c-end': 2 });
  assert.equal(s['r-claim'], { 'c-start': 3, 'c-in': 1, 'c-out': 2, 'c-sat': 2, 'c-over': 1, 'c-claimed': 100000, 'c-awarded': 80000, 'c-end': 2 });
  assert.equal(s['r-special'], { 'c-start': 0, 'c-in': 1, 'c-out': 1, 'c-sat': 0, 'c-over': 0, 'c-claimed': 20000, 'c-awarded': 0, 'c-end': 0 });
  assert.equal(s['r-juv'], { 'c-start': 0, 'c-in': 2, 'c-out': 1, 'c-sat': 0, 'c-over': 0, 'c-claimed': 20000, 'c-awarded': 0, 'c-end': 1 });
  assert.equal(s['r-nocat'], { 'c-start': 0, 'c-in': 1, 'c-out': 0, 'c-sat': 0, 'c-over': 0, 'c-claimed': 0, 'c-awarded': 0, 'c-end': 1 });
  assert.is(r.cards, 6); // A B C D G H
  assert.equal(r.failures, []);
  assert.equal(r.form, { id: 'test-form', version: 3 });
  assert.ok(Value.Check(StatReportV1, r), [...Value.Errors(StatReportV1, r)].map((e) => e.path + ' ' + e.message).join('\n'));
});

test('the fixture cards are valid statistical cards (the engine is fed what the contract allows)', () => {
  for (const c of [...CARDS, ...randomCards(1, 500, ['537', '538'])]) assert.ok(Value.Check(StatCardV1, c), `${c.proceedingNumber}: ${[...Value.Errors(StatCardV1, c)].map((e) => e.path + ' ' + e.message).join('; ')}`);
});

test('a region scope takes the cards of its courts only', () => {
  const r = evaluateForm(smallForm(), CARDS, H1_2026, { kind: 'region', region: 'poltava', courts: ['537', '538'] });
  assert.is(r.cells['sec-civil']!['r-claim']!['c-in'], 2); // D and I
  const other = evaluateForm(smallForm(), CARDS, H1_2026, { kind: 'court', court: '538' });
  assert.is(other.cells['sec-civil']!['r-all']!['c-in'], 1);
  assert.is(other.cards, 1);
});

test('a period the form is not made for, or bounds that are not such a period, are refused', () => {
  const def = smallForm();
  assert.throws(() => evaluateForm(def, CARDS, { kind: 'month', from: '2026-01-01', to: '2026-01-31' }, court), (e: unknown) => e instanceof StatsPeriodInvalid && e.code === 'STATS_PERIOD_INVALID');
  assert.throws(() => evaluateForm(def, CARDS, { kind: 'half-year', from: '2026-01-01', to: '2026-06-29' }, court), (e: unknown) => e instanceof StatsPeriodInvalid);
  assert.throws(() => evaluateForm(def, CARDS, { kind: 'any', from: '2026-02-01', to: '2026-01-01' }, court), (e: unknown) => e instanceof StatsPeriodInvalid);
  assert.is(evaluateForm(def, CARDS, { kind: 'any', from: '2026-02-01', to: '2026-02-01' }, court).cells['sec-civil']!['r-juv']!['c-in'], 0);
  assert.is(evaluateForm(def, CARDS, { kind: 'year', from: '2025-01-01', to: '2025-12-31' }, court).cells['sec-civil']!['r-all']!['c-in'], 4); // A B E G
});

test('flow identity holds on random consistent cards for every shipped form, period and row (seeded)', () => {
  const periods = [
    { kind: 'year' as const, from: '2025-01-01', to: '2025-12-31' },
    { kind: 'half-year' as const, from: '2025-07-01', to: '2025-12-31' },
    { kind: 'quarter' as const, from: '2026-04-01', to: '2026-06-30' },
    { kind: 'month' as const, from: '2024-02-01', to: '2024-02-29' },
    { kind: 'any' as const, from: '2024-03-17', to: '2025-09-02' },
  ];
  for (const seed of [1, 7, 42]) {
    const cards = randomCards(seed, 3000);
    for (const file of ['1-mzs.yaml', '1-oas.yaml', '2-azs.yaml']) {
      const def = shippedForm(file);
      for (const p of periods) {
        const r = evaluateForm(def, cards, p, court);
        assert.equal(r.failures, [], `${file} ${p.from}–${p.to} seed ${seed}`);
        for (const s of def.sections) {
          for (const row of s.rows) {
            const c = r.cells[s.id]![row.id]!;
            assert.is(c['start']! + c['received']! - c['resolved']!, c['end']!, `${file} ${s.id}.${row.id}`);
          }
        }
      }
    }
  }
  // Not vacuous: the 1-мзс civil total saw cases in every measure.
  const r = evaluateForm(shippedForm('1-mzs.yaml'), randomCards(1, 3000), periods[0]!, court);
  for (const v of Object.values(r.cells['civil']!['total']!)) assert.ok(v > 0);
});

test('continuity: the end of one half-year is the start of the next, on random cards', () => {
  const cards = randomCards(9, 2000);
  const def = shippedForm('1-mzs.yaml');
  const a = evaluateForm(def, cards, { kind: 'half-year', from: '2025-01-01', to: '2025-06-30' }, court);
  const b = evaluateForm(def, cards, { kind: 'half-year', from: '2025-07-01', to: '2025-12-31' }, court);
  for (const s of def.sections) for (const row of s.rows) assert.is(b.cells[s.id]![row.id]!['start'], a.cells[s.id]![row.id]!['end']);
});

test.run();
