/**
 * CEPEJ indicators (Council of Europe, GOJUST guidelines 2008; Засади
 * 16.1.5 "summary and analytic indicators"):
 *  - clearance rate (%)   = resolved / received × 100
 *  - case turnover ratio  = resolved / pending at end
 *  - disposition time (d) = 365 / turnover = 365 × pending at end / resolved
 * A zero denominator gives null (no figure), never Infinity or NaN: nothing
 * received → no clearance rate; nothing pending at the end → no turnover
 * ratio (it would be infinite) but a disposition time of 0 days when
 * something was resolved; nothing resolved → neither turnover nor
 * disposition time.
 *
 *   cepej({ received: 200, resolved: 180, pendingEnd: 60 })
 *   // { clearanceRate: 90, turnover: 3, dispositionDays: 121.666… }
 */
import type { FormDefinitionV1 } from '../../contracts/stats/form.ts';
import type { StatReportV1 } from '../../contracts/stats/report.ts';
import { StatsUnknownCell } from './errors.ts';

export interface CepejFigures {
  received: number;
  resolved: number;
  pendingEnd: number;
}

export interface CepejIndicators {
  clearanceRate: number | null;
  turnover: number | null;
  dispositionDays: number | null;
}

export function cepej({ received, resolved, pendingEnd }: CepejFigures): CepejIndicators {
  return {
    clearanceRate: received > 0 ? (resolved / received) * 100 : null,
    turnover: pendingEnd > 0 ? resolved / pendingEnd : null,
    dispositionDays: resolved > 0 ? (365 * pendingEnd) / resolved : null,
  };
}

export interface CepejRow extends CepejFigures, CepejIndicators {
  row: string;
  code: string;
  label: string;
}

/** The indicators for every row of a section, given which columns hold received / resolved / pending at end. */
export function cepejRows(
  def: FormDefinitionV1,
  report: StatReportV1,
  section: string,
  columns: { received: string; resolved: string; pendingEnd: string },
): CepejRow[] {
  const s = def.sections.find((x) => x.id === section);
  if (!s) throw new StatsUnknownCell(`розділу «${section}» у формі «${def.name}» немає`);
  for (const c of Object.values(columns)) if (!s.columns.some((x) => x.id === c)) throw new StatsUnknownCell(`графи «${c}» у розділі «${s.title}» немає`);
  return s.rows.map((r) => {
    const line = report.cells[section]?.[r.id] ?? {};
    const figures = { received: line[columns.received] ?? 0, resolved: line[columns.resolved] ?? 0, pendingEnd: line[columns.pendingEnd] ?? 0 };
    return { row: r.id, code: r.code, label: r.label, ...figures, ...cepej(figures) };
  });
}

/** The plain received / resolved / pending-at-end columns of a section (no filter), or null when it lacks one. */
export function cepejColumns(def: FormDefinitionV1, section: string): { received: string; resolved: string; pendingEnd: string } | null {
  const s = def.sections.find((x) => x.id === section);
  const plain = (m: string) => s?.columns.find((c) => c.measure === m && !(c.where && c.where.length > 0))?.id;
  const [received, resolved, pendingEnd] = [plain('received'), plain('resolved'), plain('pending-end')];
  return received && resolved && pendingEnd ? { received, resolved, pendingEnd } : null;
}
