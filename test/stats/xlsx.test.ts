import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import { controlReport, evaluateForm, reportXlsx } from '../../analytics/stats/index.ts';
import { CARDS, H1_2026, shippedForm, smallForm } from '../support/stats-fixture.ts';

const test = suite('XLSX in the form’s own layout (issue 14 item 8), read back with exceljs');
const court = { kind: 'court' as const, court: '537' };
const NAMES = { scope: 'Лубенський міськрайонний суд Полтавської області' };

async function readBack(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  assert.is(wb.worksheets.length, 1);
  return wb.worksheets[0]!;
}

/** Every cell's text, row by row, for finding labels without knowing their address. */
function texts(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    out[n] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => (out[n]![col] = c.value === null || c.value === undefined ? '' : String(c.value)));
  });
  return out;
}

test('title, court name, period, two-level merged header, rows with codes, labels and values, control result, signatures', async () => {
  const def = smallForm();
  const ws = await readBack(await reportXlsx(def, evaluateForm(def, CARDS, H1_2026, court), { ...NAMES, signatories: [{ position: 'Керівник апарату суду', name: 'Олена Петрівна Коваль' }] }));
  assert.is(ws.getCell('A1').value, 'Тестова форма руху цивільних справ');
  const t = texts(ws);
  const rowOf = (s: string) => t.findIndex((r) => r?.some((x) => x === s));
  assert.ok(rowOf(NAMES.scope) > 0);
  assert.ok(rowOf('за І півріччя 2026 року') > 0);
  // The header: "№ рядка" and "Найменування показника" merged over two rows; column labels above their numbers.
  const h1 = rowOf('№ рядка');
  assert.is(ws.getCell(h1, 2).value, 'Найменування показника');
  assert.is(ws.getCell(h1 + 1, 1).isMerged, true);
  assert.is(ws.getCell(h1 + 1, 1).master.address, ws.getCell(h1, 1).address);
  assert.is(ws.getCell(h1 + 1, 2).master.address, ws.getCell(h1, 2).address);
  assert.is(ws.getCell(h1, 3).value, 'Залишок на початок періоду');
  assert.is(ws.getCell(h1 + 1, 3).value, '1');
  assert.is(ws.getCell(h1, 8).value, 'Сума позовних вимог');
  // The title is merged across the form's width (2 + 8 columns).
  assert.is(ws.getCell('J1').master.address, 'A1');
  // Row 1 "Усього цивільних справ": hand-counted values; money in hryvnias.
  const r1 = h1 + 2;
  assert.is(ws.getCell(r1, 1).value, '1');
  assert.is(ws.getCell(r1, 2).value, 'Усього цивільних справ');
  assert.equal([3, 4, 5, 6, 7, 8, 9, 10].map((c) => ws.getCell(r1, c).value), [3, 2, 3, 2, 1, 1200, 800, 2]);
  assert.is(ws.getCell(r1, 8).numFmt, '#,##0.00');
  assert.ok(rowOf('Логічний контроль пройдено: помилок не виявлено.') > r1);
  assert.ok(rowOf('Олена Петрівна Коваль') > r1);
  assert.ok(rowOf('Керівник апарату суду') > r1);
  // No ids anywhere.
  const all = t.flat().join('\n');
  for (const id of ['sec-civil', 'r-all', 'c-sat', 'test-form', '537']) assert.not.ok(all.includes(id), id);
});

test('a shipped form: every section and every row label is on the sheet, failures listed by cell labels', async () => {
  const def = shippedForm('1-mzs.yaml');
  const report = structuredClone(evaluateForm(def, [], { kind: 'year', from: '2026-01-01', to: '2026-12-31' }, court));
  report.cells['civil']!['claim']!['end'] = 1; // breaks the row sum and the flow
  report.failures = controlReport(def, report);
  const ws = await readBack(await reportXlsx(def, report, NAMES));
  const all = texts(ws).flat();
  for (const s of def.sections) {
    assert.ok(all.includes(s.title), s.title);
    for (const r of s.rows) assert.ok(all.includes(r.label), r.label);
  }
  assert.ok(all.some((x) => x.includes('розділ «Розділ 2. Цивільні справи (2, 2-о, 2-н)», рядок 8 «у т.ч. позовного провадження», графа 13') && x.includes('= 1')));
  assert.ok(all.some((x) => x.startsWith('Зразок: офіційний макет комірок форми недоступний')));
});

test('a national report with CEPEJ indicators per row: numbers, and "—" where a denominator is zero', async () => {
  const def = smallForm();
  const nation = { kind: 'nation' as const, courts: ['537', '538'] };
  const ws = await readBack(await reportXlsx(def, evaluateForm(def, CARDS, H1_2026, nation), { scope: 'Україна' }, { cepej: true }));
  const t = texts(ws);
  const title = t.findIndex((r) => r?.some((x) => x === 'Показники CEPEJ. Розділ 1. Цивільні справи'));
  assert.ok(title > 0);
  assert.is(ws.getCell(title + 1, 6).value, 'Коефіцієнт розгляду справ (clearance rate), %');
  // r-all over both courts: received 3 (C, D, I), resolved 3, pending at end 3 (B, D, I) — hand-counted.
  const all = [1, 2, 3, 4, 5, 6, 7, 8].map((c) => ws.getCell(title + 2, c).value);
  assert.equal(all, ['1', 'Усього цивільних справ', 3, 3, 3, 100, 1, 365]);
  // r-nocat: received 1, resolved 0, pending 1 → clearance 0, turnover 0, no disposition time.
  assert.equal([6, 7, 8].map((c) => ws.getCell(title + 6, c).value), [0, 0, '—']);
});

test.run();
