import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateForm, periodUk, reportCsv, reportHtml } from '../../analytics/stats/index.ts';
import { CARDS, H1_2026, smallForm } from '../support/stats-fixture.ts';

const test = suite('report outputs for people (issue 14 item 8): Ukrainian labels, the court name, the period, never ids');
const court = { kind: 'court' as const, court: '537' };
const NAMES = { scope: 'Лубенський міськрайонний суд Полтавської області' };
const IDS = ['sec-civil', 'r-all', 'r-claim', 'c-sat', 'c-start', 'test-form', 'k-flow', '537'];

test('the period in Ukrainian, for each kind', () => {
  assert.is(periodUk(H1_2026), 'за І півріччя 2026 року');
  assert.is(periodUk({ kind: 'half-year', from: '2026-07-01', to: '2026-12-31' }), 'за ІІ півріччя 2026 року');
  assert.is(periodUk({ kind: 'year', from: '2026-01-01', to: '2026-12-31' }), 'за 2026 рік');
  assert.is(periodUk({ kind: 'quarter', from: '2026-07-01', to: '2026-09-30' }), 'за ІІІ квартал 2026 року');
  assert.is(periodUk({ kind: 'month', from: '2026-03-01', to: '2026-03-31' }), 'за березень 2026 року');
  assert.is(periodUk({ kind: 'any', from: '2026-01-05', to: '2026-03-15' }), 'за період з 5 січня 2026 р. по 15 березня 2026 р.');
});

test('CSV: UTF-8 BOM, Ukrainian headers and labels, hryvnias with a decimal comma, no ids', () => {
  const def = smallForm();
  const csv = reportCsv(def, evaluateForm(def, CARDS, H1_2026, court), NAMES);
  assert.ok(csv.startsWith('\uFEFF'));
  for (const s of ['Тестова форма руху цивільних справ', NAMES.scope, 'за І півріччя 2026 року', '№ рядка;Найменування показника;1. Залишок на початок періоду', '4. із задоволенням позову', 'Керівник апарату суду', 'Логічний контроль пройдено'])
    assert.ok(csv.includes(s), s);
  // Row 1: start 3, received 2, resolved 3, satisfied 2, over term 1, claimed 1200,00, awarded 800,00, end 2.
  assert.ok(csv.includes('1;Усього цивільних справ;3;2;3;2;1;1200,00;800,00;2\r\n'), csv);
  for (const id of IDS) assert.not.ok(csv.includes(id), id);
});

test('CSV and HTML carry the CEPEJ indicators when asked, with a decimal comma and "—" for no value', () => {
  const def = smallForm();
  const r = evaluateForm(def, CARDS, H1_2026, court);
  const csv = reportCsv(def, r, NAMES, { cepej: true });
  // r-all: received 2, resolved 3, pending 2 → 150 %, 1.5, 243.3 days; r-nocat: 0 %, 0, no figure.
  assert.ok(csv.includes('1;Усього цивільних справ;2;3;2;150,0;1,50;243,3\r\n'), csv);
  assert.ok(csv.includes('5;без категорії Засад;1;0;1;0,0;0,00;—\r\n'), csv);
  const html = reportHtml(def, r, NAMES, { cepej: true });
  assert.ok(html.includes('Показники CEPEJ. Розділ 1. Цивільні справи'));
  assert.ok(html.includes('<td class="n">243,3</td>'));
  assert.not.ok(reportHtml(def, r, NAMES).includes('CEPEJ'));
});

test('HTML: printable, court name, period, merged header cells, signature block, failures by labels, no ids', () => {
  const def = smallForm();
  const r = structuredClone(evaluateForm(def, CARDS, H1_2026, court));
  r.cells['sec-civil']!['r-juv']!['c-end'] = 4;
  r.failures = [...r.failures, { control: 'k-flow', text: 'Порушено рівність руху справ', cells: [{ ref: 'sec-civil.r-juv.c-end', value: 4 }] }];
  const html = reportHtml(def, r, { ...NAMES, signatories: [{ position: 'Керівник апарату суду', name: 'Олена Петрівна Коваль' }], drawnUpOn: '2026-07-10' });
  for (const s of ['<html lang="uk">', NAMES.scope, 'за І півріччя 2026 року', '<th rowspan="2">№ рядка</th>', 'Олена Петрівна Коваль', '10 липня 2026 р.', 'рядок 4 «за участі неповнолітніх», графа 8 «Залишок на кінець періоду» = 4', 'Зразок: офіційний макет комірок'])
    assert.ok(html.includes(s), s);
  for (const id of IDS) assert.not.ok(html.includes(id), id);
});

test('label placeholders become judges’ and categories’ names; an unknown one is said so, not shown as an id', () => {
  const def = smallForm();
  def.sections[0]!.rows[1]!.label = 'справи судді {judge:LUB-07}';
  def.sections[0]!.rows[2]!.label = 'категорія {category:civil-special}, суддя {judge:LUB-99}';
  const html = reportHtml(def, evaluateForm(def, CARDS, H1_2026, court), { ...NAMES, judges: { 'LUB-07': 'Іваненко Іван Іванович' }, categories: { 'civil-special': 'Цивільні справи окремого провадження' } });
  assert.ok(html.includes('справи судді Іваненко Іван Іванович'));
  assert.ok(html.includes('категорія Цивільні справи окремого провадження, суддя (ім’я судді не надано)'));
  for (const id of ['LUB-07', 'LUB-99', 'civil-special']) assert.not.ok(html.includes(id), id);
});

test.run();
