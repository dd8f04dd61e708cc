/**
 * CEPEJ indicators (issue 14 item 6; Засади 16.1.5 "summary and analytic
 * indicators") from the centre's cards, per court, category or judge, for any
 * period — the counts by the form measures (form.ts header: received,
 * resolved, pending at the end), the ratios by the CEPEJ definitions:
 *   clearance rate = resolved / received × 100,
 *   case turnover ratio = resolved / pending at end,
 *   disposition time = 365 / turnover (days).
 * A ratio with a zero denominator is null (not a number a person could misread).
 */
import { cepej } from '../stats/index.ts';
import type { PeriodV1 } from '../../contracts/stats/index.ts';
import type { AnalyticsEngine } from '../engine.ts';
import { judgeNameOf, type JudgeNames } from '../judge-names.ts';

export type CepejBy = 'court' | 'category' | 'judge';

export interface CepejCounts {
  received: number;
  resolved: number;
  pendingEnd: number;
}

export interface CepejRow extends CepejCounts {
  /** The court code, category id or judge id ('' when the cards do not name one). */
  key: string;
  court?: string;
  clearanceRate: number | null;
  turnover: number | null;
  dispositionDays: number | null;
}

/** The ratios exactly as the court's engine defines them (analytics/stats cepej: zero denominators → null). */
export function cepejRatios(c: CepejCounts): Pick<CepejRow, 'clearanceRate' | 'turnover' | 'dispositionDays'> {
  return cepej(c);
}

const KEY: Record<CepejBy, string> = { court: 'court', category: "ifNull(category, '')", judge: "ifNull(judge, '')" };

/** Counts and ratios grouped by `by` over `courts` (per court as well when by ≠ court). */
export async function cepejSql(engine: AnalyticsEngine, period: PeriodV1, courts: readonly string[], by: CepejBy): Promise<CepejRow[]> {
  const rows = await engine.query<{ key: string; of_court: string; received: string; resolved: string; pending_end: string }>(
    `SELECT ${KEY[by]} AS key, ${by === 'court' ? "''" : 'court'} AS of_court,
            countIf(received_on >= {from:Date32} AND received_on <= {to:Date32}) AS received,
            countIf(isNotNull(decided_on) AND decided_on >= {from:Date32} AND decided_on <= {to:Date32}) AS resolved,
            countIf(received_on <= {to:Date32} AND (isNull(decided_on) OR decided_on > {to:Date32})) AS pending_end
     FROM stat_cards FINAL
     WHERE removed = 0 AND court IN {courts:Array(String)}
     GROUP BY key, of_court ORDER BY of_court, key`,
    { from: period.from, to: period.to, courts: [...courts] },
  );
  return rows.map((r) => {
    const counts = { received: Number(r.received), resolved: Number(r.resolved), pendingEnd: Number(r.pending_end) };
    return { key: r.key, ...(by === 'court' ? {} : { court: r.of_court }), ...counts, ...cepejRatios(counts) };
  });
}

/** Sum of counts (a region or the nation from its courts' rows), ratios recomputed — never averaged. */
export function cepejTotal(key: string, rows: readonly CepejCounts[]): CepejRow {
  const c = rows.reduce((a, r) => ({ received: a.received + r.received, resolved: a.resolved + r.resolved, pendingEnd: a.pendingEnd + r.pendingEnd }), { received: 0, resolved: 0, pendingEnd: 0 });
  return { key, ...c, ...cepejRatios(c) };
}

/** A judge's CEPEJ row with the judge's load from the workload facts (analytics/workload.ts) of the same period. */
export interface JudgeCepejRow extends CepejRow {
  /** The judge's full name from the court's Засади at the centre (analytics/judge-names.ts); null when they do not name `key`. */
  judgeName: string | null;
  /** Distinct cases assigned to the judge in the period (any role in the composition). */
  assigned: number;
  /** Σ k_category × k_form of those assignments: the load the distribution counts (Засади 4.5). */
  weightedLoad: number;
}

/**
 * Засади 16.1.5 "plus load per judge": joins the per-judge CEPEJ rows (from the cards) with the per-judge workload
 * (from the distribution's facts) on (court, judge); a judge with load but no card in the period gets a row of
 * zero counts, so no one assigned cases is missing from the table. Every row names the judge (`names`: judgeNames of
 * the same courts) — the people reading it know judges by name, not by the Засади id.
 */
export function withJudgeLoad(
  rows: readonly CepejRow[],
  load: ReadonlyArray<{ court: string; judge: string; received: number; weighted_load: number }>,
  names: JudgeNames,
): JudgeCepejRow[] {
  const sums = new Map<string, { assigned: number; weightedLoad: number }>();
  for (const w of load) {
    const k = `${w.court}|${w.judge}`;
    const s = sums.get(k) ?? { assigned: 0, weightedLoad: 0 };
    s.assigned += w.received;
    s.weightedLoad = Math.round((s.weightedLoad + w.weighted_load) * 1e4) / 1e4;
    sums.set(k, s);
  }
  const out: JudgeCepejRow[] = rows.map((r) => {
    const k = `${r.court ?? ''}|${r.key}`;
    const s = sums.get(k) ?? { assigned: 0, weightedLoad: 0 };
    sums.delete(k);
    return { ...r, judgeName: judgeNameOf(names, r.court ?? '', r.key), ...s };
  });
  for (const [k, s] of sums) {
    const [court, judge] = k.split('|') as [string, string];
    const counts = { received: 0, resolved: 0, pendingEnd: 0 };
    out.push({ key: judge, judgeName: judgeNameOf(names, court, judge), court, ...counts, ...cepejRatios(counts), ...s });
  }
  return out;
}
