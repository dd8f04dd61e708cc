import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { consolidate, evaluateForm, StatsReportMismatch } from '../../analytics/stats/index.ts';
import { H1_2026, randomCards, shippedForm, smallForm, CARDS } from '../support/stats-fixture.ts';

const test = suite('consolidation (Засади 16.1.5): cell-wise sums of same-form, same-period reports, control re-run');

test('the region report is the cell-wise sum of its courts, equal to evaluating all their cards at once', () => {
  const def = shippedForm('1-mzs.yaml');
  const cards = randomCards(5, 4000, ['537', '538', '539']);
  const p = { kind: 'year' as const, from: '2025-01-01', to: '2025-12-31' };
  const parts = ['537', '538', '539'].map((court) => evaluateForm(def, cards, p, { kind: 'court', court }));
  const region = { kind: 'region' as const, region: 'poltava', courts: ['537', '538', '539'] };
  const sum = consolidate(def, parts, region);
  assert.is(sum.cells['civil']!['total']!['received'], parts.reduce((a, r) => a + r.cells['civil']!['total']!['received']!, 0));
  assert.equal(sum.cells, evaluateForm(def, cards, p, region).cells);
  assert.is(sum.cards, parts[0]!.cards + parts[1]!.cards + parts[2]!.cards);
  assert.equal(sum.failures, []);
  assert.equal(sum.scope, region);
  // Nation from regions: the same sum again.
  const nation = consolidate(def, [sum], { kind: 'nation', courts: ['537', '538', '539'] });
  assert.equal(nation.cells, sum.cells);
});

test('control is run again on the sum: a court report that was broken shows in the region', () => {
  const def = smallForm();
  const a = evaluateForm(def, CARDS, H1_2026, { kind: 'court', court: '537' });
  const b = structuredClone(evaluateForm(def, CARDS, H1_2026, { kind: 'court', court: '538' }));
  b.cells['sec-civil']!['r-all']!['c-end'] = 9;
  const sum = consolidate(def, [a, b], { kind: 'region', region: 'poltava', courts: ['537', '538'] });
  assert.ok(sum.failures.some((f) => f.control === 'k-flow' && f.cells.some((c) => c.ref === 'sec-civil.r-all.c-end' && c.value === 11)));
});

test('reports of another version or period, a court twice, outside the scope or missing are refused with every reason', () => {
  const def = smallForm();
  const a = evaluateForm(def, CARDS, H1_2026, { kind: 'court', court: '537' });
  const b = evaluateForm(def, CARDS, { kind: 'year', from: '2026-01-01', to: '2026-12-31' }, { kind: 'court', court: '538' });
  const c = { ...evaluateForm(def, CARDS, H1_2026, { kind: 'court', court: '538' }), form: { id: 'test-form', version: 2 } };
  try {
    consolidate(def, [a, b, c, a], { kind: 'region', region: 'poltava', courts: ['537', '540'] });
    assert.unreachable('consolidated');
  } catch (e) {
    assert.instance(e, StatsReportMismatch);
    const p = (e as StatsReportMismatch).problems.join('\n');
    assert.is((e as StatsReportMismatch).code, 'STATS_REPORT_MISMATCH');
    assert.match(p, 'звіт 2 (суду 538): період 2026-01-01 — 2026-12-31');
    assert.match(p, 'звіт 3 (суду 538): форма «test-form» версії 2');
    assert.match(p, 'суд 537 враховано у 2 звітах');
    assert.match(p, 'суд 538 не належить до регіону poltava');
    assert.match(p, 'звіту суду 540 немає серед зведених');
  }
  assert.throws(() => consolidate(def, [], { kind: 'nation', courts: [] }), (e: unknown) => e instanceof StatsReportMismatch);
});

test.run();
