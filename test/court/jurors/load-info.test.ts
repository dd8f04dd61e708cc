/** Load information (Засади 10.1–10.2) over the README worked example: figures, 6.5 reductions, 6.6 days, counts, report, printable page. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { applyLoadEvent, assignedEvent, ledgerForZasady, type LoadEvent } from '../../../actors/distribution/load.ts';
import { balanceReport, loadInformation, loadInformationHtml, type Assignment } from '../../../actors/distribution/load-info.ts';
import { baseZasady } from '../../distribution/support/fixtures.ts';

const test = suite('load information (10.1–10.2)');
const zasady = baseZasady((c) => {
  c.judges = c.judges.slice(0, 3);
});
const assignments: Assignment[] = [
  { judgeId: 'J01', category: 'civil-claim', form: 'presiding', date: '2025-01-09' },
  { judgeId: 'J01', category: 'civil-claim', form: 'presiding', date: '2025-01-15' },
  { judgeId: 'J02', category: 'criminal', form: 'presiding', date: '2025-01-10' },
  { judgeId: 'J02', category: 'criminal-panel', form: 'member', date: '2025-01-16' },
  { judgeId: 'J03', category: 'criminal-panel', form: 'presiding', date: '2025-01-16' },
];
const ledger = [
  ...assignments.map((a, i) => assignedEvent(zasady, { ...a, caseId: `c${i}`, date: a.date! })),
  { type: 'judge-unavailable', judgeId: 'J03', from: '2025-01-20', days: 11 } as LoadEvent,
].reduce(applyLoadEvent, ledgerForZasady(zasady, '2025-01-31'));

test('per judge: N, non-distribution days, reductions, counts by category and form', () => {
  const set = loadInformation(zasady, ledger, '2025-01-31', assignments);
  const [j1, j2, j3] = set.judges;
  assert.is(j1!.figures.N, 4);
  assert.is(j1!.reductions.length, 1);
  assert.is(j1!.reductions[0]!.r, 0.5);
  assert.is(j3!.nonDistributionDays, 11);
  assert.is(j3!.figures.N, 4.65);
  assert.equal(j2!.byCategory!.map((c) => [c.category, c.presiding, c.member]), [['criminal', 1, 0], ['criminal-panel', 0, 1]]);
  assert.ok(set.coefficients.categories.some((c) => c.id === 'criminal-panel' && c.complexity === 3));
  // One judge only (10.2 "for each judge" on request).
  assert.equal(loadInformation(zasady, ledger, '2025-01-31', undefined, ['J02']).judges.map((j) => [j.judgeId, j.byCategory]), [['J02', undefined]]);
});

test('10.1: balance report — mean, spread, coefficient of variation, deviations', () => {
  const r = balanceReport(loadInformation(zasady, ledger, '2025-01-31'));
  assert.is(r.year, '2025');
  assert.ok(Math.abs(r.stats.mean - (4 + 3.5 + 4.65) / 3) < 1e-12);
  assert.ok(Math.abs(r.stats.spread - 1.15) < 1e-12);
  assert.ok(r.stats.cv > 0 && r.stats.cv < 0.2);
  assert.ok(Math.abs(r.judges.reduce((a, j) => a + j.deviation, 0)) < 1e-12);
});

test('printable page: Ukrainian, escaped, every judge a row', () => {
  const html = loadInformationHtml(loadInformation(zasady, ledger, '2025-01-31', assignments), '537<script>');
  assert.match(html, /<html lang="uk">/);
  assert.match(html, /Інформація щодо стану навантаження на суддів/);
  assert.not.match(html, /<script>/);
  assert.is(html.split('<tr><td>').length - 1, 3);
});

test.run();
