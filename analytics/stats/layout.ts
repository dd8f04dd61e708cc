/**
 * What a printed report holds, once, for every output (CSV, XLSX, HTML):
 * the title, who it is of (the court's or region's full name), the period in
 * Ukrainian, per section the row numbers and labels and the column numbers and
 * labels, the values (money in hryvnias), the logical-control result (Засади
 * 16.1.4) and the signature block (16.3: the report becomes "Original" once
 * its author signs it). Names come from the caller — never bare ids.
 *
 *   const layout = reportLayout(def, report, { scope: 'Лубенський міськрайонний суд Полтавської області' });
 */
import type { FormDefinitionV1 } from '../../contracts/stats/form.ts';
import type { StatReportV1 } from '../../contracts/stats/report.ts';
import { cepejColumns, cepejRows, type CepejRow } from './cepej.ts';
import { cellLabel, isMoneyMeasure } from './labels.ts';
import { parseRef } from './refs.ts';
import { dateUk, periodUk } from './period.ts';

export interface Signatory {
  /** Position, e.g. "Керівник апарату суду". */
  position: string;
  /** Full name; left as a blank line to fill in by hand when absent. */
  name?: string;
}

export interface ReportNames {
  /** Full name of the court, the region (territorial office) or "Україна". */
  scope: string;
  /** judge id → full name, for labels that say `{judge:ID}` (operational reports per judge). */
  judges?: Record<string, string>;
  /** Засади category id → name, for labels that say `{category:ID}`. */
  categories?: Record<string, string>;
  signatories?: Signatory[];
  /** Date the report is drawn up (YYYY-MM-DD); a blank line when absent. */
  drawnUpOn?: string;
}

export interface LayoutColumn {
  code: string;
  label: string;
  money: boolean;
}

export interface LayoutSection {
  title: string;
  columns: LayoutColumn[];
  rows: { code: string; label: string; values: number[] }[];
}

export interface ReportOptions {
  /** Add the CEPEJ indicators (16.1.5) per row of every section that has plain received / resolved / pending-at-end columns. */
  cepej?: boolean;
}

export interface ReportLayout {
  title: string;
  /** A note under the title when the cell layout is a model, not the official one. */
  note?: string;
  scope: string;
  period: string;
  sections: LayoutSection[];
  /** CEPEJ indicators per section (when asked for): the section's title and its rows' figures. */
  cepej: { title: string; rows: CepejRow[] }[];
  /** Ukrainian lines: "Помилок не виявлено" or one line per failure with its cells. */
  control: string[];
  passed: boolean;
  signatories: Signatory[];
  drawnUpOn: string;
}

function defaultSignatories(report: StatReportV1): Signatory[] {
  if (report.scope.kind === 'court') return [{ position: 'Керівник апарату суду' }, { position: 'Відповідальний за ведення судової статистики' }];
  return [{ position: 'Керівник' }, { position: 'Виконавець' }];
}

/** Placeholders `{judge:ID}` / `{category:ID}` in labels become names; an unknown one is said so, never shown as an id. */
export function nameLabel(text: string, names: ReportNames): string {
  return text.replace(/\{(judge|category):([^}]+)\}/g, (_m, kind: string, id: string) => {
    const name = kind === 'judge' ? names.judges?.[id] : names.categories?.[id];
    return name ?? (kind === 'judge' ? '(ім’я судді не надано)' : '(назву категорії не надано)');
  });
}

export function reportLayout(def: FormDefinitionV1, report: StatReportV1, names: ReportNames, options: ReportOptions = {}): ReportLayout {
  const sections = def.sections.map((s) => ({
    title: nameLabel(s.title, names),
    columns: s.columns.map((c) => ({ code: c.code, label: nameLabel(c.label, names), money: isMoneyMeasure(c.measure) })),
    rows: s.rows.map((r) => ({ code: r.code, label: nameLabel(r.label, names), values: s.columns.map((c) => report.cells[s.id]?.[r.id]?.[c.id] ?? 0) })),
  }));
  const control =
    report.failures.length === 0
      ? ['Логічний контроль пройдено: помилок не виявлено.']
      : report.failures.map((f, i) => {
          const cells = f.cells.map((c) => {
            const prev = c.ref.startsWith('previous:');
            return `${nameLabel(cellLabel(def, parseRef(c.ref.replace(/^previous:/, ''))), names)}${prev ? ' (попередній період)' : ''} = ${c.value}`;
          });
          return `${i + 1}. ${nameLabel(f.text, names)}. Комірки: ${cells.join('; ')}.`;
        });
  return {
    title: nameLabel(def.name, names),
    note: def.status === 'example' ? `Зразок: офіційний макет комірок форми недоступний, структуру змодельовано. Підстава: ${def.basis}.` : undefined,
    scope: names.scope,
    period: periodUk(report.period),
    sections,
    cepej: options.cepej ? cepejTables(def, report, names) : [],
    control,
    passed: report.failures.length === 0,
    signatories: names.signatories ?? defaultSignatories(report),
    drawnUpOn: names.drawnUpOn ? dateUk(names.drawnUpOn) : '«____» ______________ 20___ р.',
  };
}

function cepejTables(def: FormDefinitionV1, report: StatReportV1, names: ReportNames): ReportLayout['cepej'] {
  return def.sections.flatMap((s) => {
    const cols = cepejColumns(def, s.id);
    if (!cols) return [];
    return [{ title: nameLabel(s.title, names), rows: cepejRows(def, report, s.id, cols).map((r) => ({ ...r, label: nameLabel(r.label, names) })) }];
  });
}

export const CEPEJ_HEADERS = ['№ рядка', 'Найменування показника', 'Надійшло', 'Розглянуто', 'Залишок на кінець', 'Коефіцієнт розгляду справ (clearance rate), %', 'Коефіцієнт оборотності справ (case turnover ratio)', 'Тривалість розгляду (disposition time), днів'];

/** An indicator for people: one decimal with a comma; "—" where it has no value (a zero denominator). */
export function indicatorUk(v: number | null, digits = 1): string {
  return v === null ? '—' : v.toFixed(digits).replace('.', ',');
}
