/**
 * A report as XLSX in the form's own layout (issue 14 item 8), with exceljs:
 * title, the court's or region's full name, the period in Ukrainian, per
 * section a two-level header ("№ рядка" and "Найменування показника" merged
 * over the column labels and their numbers), the rows with their numbers and
 * labels, money in hryvnias as numbers, then the logical-control result
 * (Засади 16.1.4) and the signature block (16.3). One sheet, A4 landscape,
 * fitted to the page width — it prints like the paper form.
 *
 *   writeFileSync('1-mzs.xlsx', await reportXlsx(def, report, { scope: 'Лубенський міськрайонний суд Полтавської області' }));
 */
import ExcelJS from 'exceljs';
import type { FormDefinitionV1 } from '../../contracts/stats/form.ts';
import type { StatReportV1 } from '../../contracts/stats/report.ts';
import { CEPEJ_HEADERS, reportLayout, type LayoutSection, type ReportLayout, type ReportNames, type ReportOptions } from './layout.ts';

type Sheet = ExcelJS.Worksheet;

const THIN = { style: 'thin' as const };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const CENTER = { horizontal: 'center' as const, vertical: 'middle' as const, wrapText: true };
const WRAP = { vertical: 'top' as const, wrapText: true };

/** A line of text across the whole width of the form. */
function banner(ws: Sheet, row: number, width: number, text: string, font: Partial<ExcelJS.Font> = {}, alignment: Partial<ExcelJS.Alignment> = CENTER): void {
  ws.mergeCells(row, 1, row, width);
  const c = ws.getCell(row, 1);
  c.value = text;
  c.font = font;
  c.alignment = alignment;
}

function writeSection(ws: Sheet, start: number, width: number, s: LayoutSection): number {
  let row = start;
  banner(ws, row++, width, s.title, { bold: true }, { horizontal: 'left', vertical: 'middle', wrapText: true });
  const h1 = row++;
  const h2 = row++;
  ws.mergeCells(h1, 1, h2, 1);
  ws.mergeCells(h1, 2, h2, 2);
  ws.getCell(h1, 1).value = '№ рядка';
  ws.getCell(h1, 2).value = 'Найменування показника';
  s.columns.forEach((c, i) => {
    ws.getCell(h1, 3 + i).value = c.label;
    ws.getCell(h2, 3 + i).value = c.code;
  });
  ws.getRow(h1).height = 75;
  for (const r of [h1, h2]) for (let c = 1; c <= 2 + s.columns.length; c++) Object.assign(ws.getCell(r, c), { border: BOX, alignment: CENTER, font: { size: 9 } });
  for (const line of s.rows) {
    const r = row++;
    ws.getCell(r, 1).value = line.code;
    ws.getCell(r, 2).value = line.label;
    ws.getCell(r, 2).alignment = WRAP;
    line.values.forEach((v, i) => {
      const cell = ws.getCell(r, 3 + i);
      const money = s.columns[i]!.money;
      cell.value = money ? v / 100 : v;
      cell.numFmt = money ? '#,##0.00' : '0';
    });
    for (let c = 1; c <= 2 + s.columns.length; c++) ws.getCell(r, c).border = BOX;
  }
  return row + 1;
}

/** CEPEJ indicators as numbers (null → "—", a zero denominator has no figure). */
function writeCepej(ws: Sheet, start: number, width: number, t: ReportLayout['cepej'][number]): number {
  let row = start;
  banner(ws, row++, width, `Показники CEPEJ. ${t.title}`, { bold: true }, { horizontal: 'left', vertical: 'middle', wrapText: true });
  CEPEJ_HEADERS.forEach((h, i) => Object.assign(ws.getCell(row, 1 + i), { value: h, border: BOX, alignment: CENTER, font: { size: 9 } }));
  ws.getRow(row++).height = 60;
  for (const r of t.rows) {
    const values: (string | number | null)[] = [r.code, r.label, r.received, r.resolved, r.pendingEnd, r.clearanceRate, r.turnover, r.dispositionDays];
    values.forEach((v, i) => {
      const cell = ws.getCell(row, 1 + i);
      cell.value = v === null ? '—' : v;
      if (i >= 5 && v !== null) cell.numFmt = i === 6 ? '0.00' : '0.0';
      cell.border = BOX;
    });
    row++;
  }
  return row + 1;
}

export async function reportXlsx(def: FormDefinitionV1, report: StatReportV1, names: ReportNames, options: ReportOptions = {}): Promise<Buffer> {
  const l = reportLayout(def, report, names, options);
  const width = Math.max(CEPEJ_HEADERS.length, 2 + Math.max(...l.sections.map((s) => s.columns.length)));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'АСДС';
  const ws = wb.addWorksheet('Звіт', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 8 }, { width: 48 }, ...Array.from({ length: width - 2 }, () => ({ width: 14 }))];
  let row = 1;
  banner(ws, row++, width, l.title, { bold: true, size: 13 });
  if (l.note) banner(ws, row++, width, l.note, { italic: true, size: 9 });
  banner(ws, row++, width, l.scope, { bold: true });
  banner(ws, row++, width, l.period);
  row++;
  for (const s of l.sections) row = writeSection(ws, row, width, s);
  for (const t of l.cepej) row = writeCepej(ws, row, width, t);
  banner(ws, row++, width, 'Результат логічного контролю', { bold: true }, { horizontal: 'left' });
  for (const c of l.control) {
    banner(ws, row, width, c, l.passed ? {} : { color: { argb: 'FFAA0000' } }, { horizontal: 'left', vertical: 'top', wrapText: true });
    ws.getRow(row++).height = l.passed ? 15 : 45;
  }
  row++;
  for (const s of l.signatories) {
    ws.mergeCells(row, 1, row, 2);
    ws.getCell(row, 1).value = s.position;
    ws.getCell(row, 3).value = '________________ (підпис)';
    ws.getCell(row, 5).value = s.name ?? '________________ (ім’я, прізвище)';
    row += 2;
  }
  ws.mergeCells(row, 1, row, 2);
  ws.getCell(row, 1).value = `Дата складання: ${l.drawnUpOn}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
