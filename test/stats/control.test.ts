import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { controlReport, evaluateForm, expandControl, refString, StatsReportMismatch } from '../../analytics/stats/index.ts';
import type { StatReportV1 } from '../../contracts/stats/report.ts';
import { CARDS, H1_2026, smallForm } from '../support/stats-fixture.ts';

const test = suite('report logical control (Засади 16.1.4): failures name the cells and say what does not hold');
const court = { kind: 'court' as const, court: '537' };
const clone = (r: StatReportV1): StatReportV1 => structuredClone(r);

test('wildcards expand per column (row sum) and per row (inequality)', () => {
  const def = smallForm();
  const sum = expandControl(def, def.controls[1]!);
  assert.is(sum.length, 8); // one per column
  assert.equal(sum.map((k) => (k.kind === 'sum' ? [refString(k.total), k.parts.map(refString)] : []))[0], ['sec-civil.r-all.c-start', ['sec-civil.r-claim.c-start', 'sec-civil.r-special.c-start']]);
  const le = expandControl(def, def.controls[2]!);
  assert.equal(le.map((k) => (k.kind === 'le' ? `${refString(k.left)}<=${refString(k.right)}` : '')), ['r-all', 'r-claim', 'r-special', 'r-juv', 'r-nocat'].map((r) => `sec-civil.${r}.c-sat<=sec-civil.${r}.c-out`));
});

test('an unbound wildcard in a part sums every other row of the section', () => {
  const def = smallForm();
  const k = expandControl(def, { id: 'x', kind: 'sum', total: 'sec-civil.r-all.c-in', parts: ['sec-civil.*.c-in'], text: 't' });
  assert.equal(k.map((c) => (c.kind === 'sum' ? c.parts.map((p) => p.row) : [])), [['r-claim', 'r-special', 'r-juv', 'r-nocat']]);
});

test('a broken sum, inequality and flow each fail with the cells involved and their values', () => {
  const def = smallForm();
  const r = clone(evaluateForm(def, CARDS, H1_2026, court));
  r.cells['sec-civil']!['r-claim']!['c-sat'] = 5; // > resolved 2, and breaks the row sum (2+0 ≠ 5)
  r.cells['sec-civil']!['r-juv']!['c-end'] = 4; // 0 + 2 − 1 ≠ 4
  const f = controlReport(def, r);
  assert.equal(f.map((x) => x.control).sort(), ['k-flow', 'k-le', 'k-sum']);
  const sum = f.find((x) => x.control === 'k-sum')!;
  assert.equal(sum.cells, [
    { ref: 'sec-civil.r-all.c-sat', value: 2 },
    { ref: 'sec-civil.r-claim.c-sat', value: 5 },
    { ref: 'sec-civil.r-special.c-sat', value: 0 },
  ]);
  assert.match(sum.text, 'Рядок 1 не дорівнює сумі рядків 2 і 3: рядок 1, графа 4 = 2, а сума рядок 2, графа 4 + рядок 3, графа 4 = 5');
  const le = f.find((x) => x.control === 'k-le')!;
  assert.equal(le.cells, [{ ref: 'sec-civil.r-claim.c-sat', value: 5 }, { ref: 'sec-civil.r-claim.c-out', value: 2 }]);
  assert.match(le.text, 'рядок 2, графа 4 = 5 більше, ніж рядок 2, графа 3 = 2');
  const flow = f.find((x) => x.control === 'k-flow')!;
  assert.equal(flow.cells.map((c) => c.ref), ['c-start', 'c-in', 'c-out', 'c-end'].map((c) => `sec-civil.r-juv.${c}`));
  assert.match(flow.text, 'рядок 4 «за участі неповнолітніх»: 0 + 2 − 1 = 1, а на кінець періоду 4');
});

test('continuity needs the previous report: a start that differs from the previous end fails, naming both cells', () => {
  const def = smallForm();
  const prev = evaluateForm(def, CARDS, { kind: 'half-year', from: '2025-07-01', to: '2025-12-31' }, court);
  const cur = evaluateForm(def, CARDS, H1_2026, court);
  assert.equal(controlReport(def, cur, prev), []);
  assert.equal(cur.failures, []); // evaluateForm runs no continuity
  const bad = clone(prev);
  bad.cells['sec-civil']!['r-all']!['c-end'] = 7;
  const f = controlReport(def, cur, bad);
  assert.is(f.length, 1);
  assert.equal(f[0]!.cells, [{ ref: 'sec-civil.r-all.c-start', value: 3 }, { ref: 'previous:sec-civil.r-all.c-end', value: 7 }]);
  assert.match(f[0]!.text, 'на початок періоду 3, а на кінець попереднього періоду 7');
});

test('a "previous" report of another form, a later period or another court is refused', () => {
  const def = smallForm();
  const cur = evaluateForm(def, CARDS, H1_2026, court);
  assert.throws(() => controlReport(def, cur, cur), (e: unknown) => e instanceof StatsReportMismatch && e.code === 'STATS_REPORT_MISMATCH');
  const other = { ...clone(cur), form: { id: 'other', version: 1 }, period: { kind: 'half-year' as const, from: '2025-07-01', to: '2025-12-31' } };
  assert.throws(() => controlReport(def, cur, other), (e: unknown) => e instanceof StatsReportMismatch);
  const otherCourt = evaluateForm(def, CARDS, { kind: 'half-year', from: '2025-07-01', to: '2025-12-31' }, { kind: 'court', court: '538' });
  assert.throws(() => controlReport(def, cur, otherCourt), (e: unknown) => e instanceof StatsReportMismatch);
});

test.run();
