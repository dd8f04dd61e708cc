/**
 * A report as CSV for people (issue 14 item 8): UTF-8 with a BOM (so Excel
 * opens Cyrillic right), `;` between fields and a decimal comma — what a
 * Ukrainian-locale spreadsheet expects —, Ukrainian headers, names not ids.
 *
 *   writeFileSync('1-mzs.csv', reportCsv(def, report, { scope: 'Лубенський міськрайонний суд Полтавської області' }));
 */
import type { FormDefinitionV1 } from '../../contracts/stats/form.ts';
import type { StatReportV1 } from '../../contracts/stats/report.ts';
import { hryvnias } from './labels.ts';
import { CEPEJ_HEADERS, indicatorUk, reportLayout, type ReportNames, type ReportOptions } from './layout.ts';

const BOM = '\uFEFF';

function field(v: string): string {
  return /[";\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const line = (fields: string[]) => fields.map(field).join(';');

export function reportCsv(def: FormDefinitionV1, report: StatReportV1, names: ReportNames, options: ReportOptions = {}): string {
  const l = reportLayout(def, report, names, options);
  const out: string[] = [line([l.title]), ...(l.note ? [line([l.note])] : []), line([l.scope]), line([l.period]), ''];
  for (const s of l.sections) {
    out.push(line([s.title]));
    out.push(line(['№ рядка', 'Найменування показника', ...s.columns.map((c) => `${c.code}. ${c.label}`)]));
    for (const r of s.rows) out.push(line([r.code, r.label, ...r.values.map((v, i) => (s.columns[i]!.money ? hryvnias(v) : String(v)))]));
    out.push('');
  }
  for (const t of l.cepej) {
    out.push(line([`Показники CEPEJ. ${t.title}`]));
    out.push(line(CEPEJ_HEADERS));
    for (const r of t.rows) out.push(line([r.code, r.label, String(r.received), String(r.resolved), String(r.pendingEnd), indicatorUk(r.clearanceRate), indicatorUk(r.turnover, 2), indicatorUk(r.dispositionDays)]));
    out.push('');
  }
  out.push(line(['Результат логічного контролю']));
  for (const c of l.control) out.push(line([c]));
  out.push('');
  for (const s of l.signatories) out.push(line([s.position, s.name ?? '________________', '(підпис) ________________']));
  out.push(line([`Дата складання: ${l.drawnUpOn}`]));
  return BOM + out.join('\r\n') + '\r\n';
}
