/**
 * A report in the formats people use (issue 14 item 8): JSON, and the court
 * engine's CSV, XLSX in the form's own layout and printable Ukrainian HTML
 * (analytics/stats outputs) with the scope's name and the signature block.
 */
import type { FormDefinitionV1, StatReportV1 } from '../../../contracts/stats/index.ts';
import { AsdsError } from '../../../runtime/index.ts';
import { reportCsv, reportHtml, reportXlsx } from '../../../analytics/stats/index.ts';
import type { ReportOptions } from '../../../analytics/stats/layout.ts';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

export class StatsFormatUnknown extends AsdsError {
  constructor(format: string) {
    super('STATS_FORMAT_UNKNOWN', `формат «${format}» невідомий: json, csv, xlsx або html`);
  }
}

export function reportFormat(f: string | undefined): ReportFormat {
  const v = f ?? 'json';
  if (!(REPORT_FORMATS as readonly string[]).includes(v)) throw new StatsFormatUnknown(v);
  return v as ReportFormat;
}

/**
 * CEPEJ indicators (Засади 16.1.5) in the consolidated reports people download (region, nation) unless asked off;
 * a court's form only when asked — it is the form as the court sends it.
 */
export function cepejWanted(report: StatReportV1, asked: string | undefined): boolean {
  if (asked === '1' || asked === 'true') return true;
  if (asked === '0' || asked === 'false') return false;
  return report.scope.kind !== 'court';
}

export async function renderReport(def: FormDefinitionV1, report: StatReportV1, scopeName: string, format: ReportFormat, options: ReportOptions = {}): Promise<Buffer> {
  const names = { scope: scopeName };
  switch (format) {
    case 'json':
      return Buffer.from(JSON.stringify({ scopeName, report }, null, 2) + '\n');
    case 'csv':
      return Buffer.from(reportCsv(def, report, names, options));
    case 'xlsx':
      return reportXlsx(def, report, names, options);
    case 'html':
      return Buffer.from(reportHtml(def, report, names, options));
  }
}
