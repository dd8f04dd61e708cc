/**
 * The first workload report (issue 6 item 7): per court, judge and category,
 * for a period [from, to] (court-local dates, inclusive) — definitions in
 * analytics/README.md. Every aggregate is idempotent under duplicate facts
 * (FINAL for the sum, distinct cases, argMax/min elsewhere), so a duplicated
 * or re-sent event never counts twice.
 */
import type { AnalyticsEngine } from './engine.ts';
import { judgeNameOf, judgeNames } from './judge-names.ts';

export interface WorkloadQuery {
  from: string;
  to: string;
  /** One court's code; all courts when absent. */
  court?: string;
}

export interface WorkloadRow {
  court: string;
  /** The court's Засади id of the judge (what the facts carry). */
  judge: string;
  /** The judge's full name from the court's Засади at the centre (analytics/judge-names.ts); null when they do not name the judge. */
  judgeName: string | null;
  category: string;
  /** Distinct cases assigned to the judge (any role) in the period. */
  received: number;
  /** Σ k_category × k_form of those assignments. */
  weighted_load: number;
  /** Cases whose presiding judge (latest assignment by `to`) is this judge, decided in the period. */
  decided: number;
  /** Cases whose presiding judge is this judge, not decided by `to`. */
  pending: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The presiding key (low 64 bits of workload_cases.presiding). */
const KEY = 'toUInt64(bitAnd(presiding, toUInt128(18446744073709551615)))';

const COURT = `({court:String} = '' OR court = {court:String})`;

/** The period's assignments: needs FINAL (sum(weight) would count a duplicate twice). */
const receivedFrom = (facts: boolean) => `
  received AS (
    SELECT court, judge, category, uniqExact(case_key) AS received, sum(weight) AS weighted_load
    FROM ${facts ? 'workload_facts' : 'workload_assigned'} FINAL
    WHERE ${facts ? "fact = 'assigned' AND " : ''}day >= {from:Date} AND day <= {to:Date} AND ${COURT}
    GROUP BY court, judge, category
  )`;

/**
 * Per-case state as of \`to\` from the facts themselves (no FINAL: argMax, min
 * and "has any" are idempotent, so a duplicated fact changes nothing).
 * \`only\` narrows it to some cases.
 */
const casesFromFacts = (only: string) => `
  cases AS (
    SELECT court, case_key,
      argMaxIf(judge, seq, fact = 'assigned' AND role IN ('presiding', 'none')) AS judge,
      argMaxIf(category, seq, fact = 'assigned' AND role IN ('presiding', 'none')) AS category,
      countIf(fact = 'assigned' AND role IN ('presiding', 'none')) > 0 AS has_latest,
      minIf(day, fact = 'decided') AS decided_on,
      countIf(fact = 'decided') > 0 AS has_decided
    FROM workload_facts
    WHERE day <= {to:Date} AND ${COURT}${only}
    GROUP BY court, case_key
  ),
  status AS (
    SELECT court, judge, category,
      countIf(has_decided AND decided_on >= {from:Date}) AS decided,
      countIf(NOT has_decided) AS pending
    FROM cases WHERE has_latest
    GROUP BY court, judge, category
  )`;

const TOTALS = (parts: string[]) => `
SELECT court, judge, category,
  sum(received) AS received, round(sum(weighted_load), 4) AS weighted_load, sum(decided) AS decided, sum(pending) AS pending
FROM (
  SELECT court, judge, category, received, weighted_load, toUInt64(0) AS decided, toUInt64(0) AS pending FROM received
  ${parts.map((p) => `UNION ALL\n  SELECT court, judge, category, toUInt64(0), toFloat64(0), decided, pending FROM ${p}`).join('\n  ')}
)
GROUP BY court, judge, category
HAVING received + decided + pending > 0
ORDER BY court, judge, category`;

/**
 * The report from the facts alone: one hash aggregation over every case
 * known by \`to\` (≈ 1.5–3 s over 10 M facts on the shared bench machine).
 * Kept as the definition the fast query is tested against
 * (test/analytics/workload-cases.test.ts).
 */
export const WORKLOAD_FACTS_SQL = `WITH ${receivedFrom(true)},${casesFromFacts('')}${TOTALS(['status'])}`;

/*
 * The report as run. Pending/decided come from \`workload_cases\` (migration
 * 005: one row per case after merges, min/max states only), read with FINAL —
 * a merge of sorted numbers, no per-case hash table — and grouped by
 * (court, key of (judge, category)):
 * - a case whose facts all lie on or before \`to\` (last_day <= to): its
 *   current state IS its state at \`to\`;
 * - a case whose facts all lie after \`to\` (first_day > to) was not known by
 *   \`to\`: left out, as the facts query leaves it out;
 * - a case with facts on both sides of \`to\` (reassigned or decided later):
 *   recomputed from its facts up to \`to\`, exactly as WORKLOAD_FACTS_SQL does.
 *   For a report up to today these are few; for an older \`to\` this part
 *   grows towards the facts query's cost.
 */
export const WORKLOAD_SQL = `
WITH ${receivedFrom(false)},
  keys AS (SELECT key, any(judge) AS judge, any(category) AS category FROM workload_presiding_keys GROUP BY key),
  settled_keys AS (
    SELECT court, ${KEY} AS key,
      countIf(decided_on >= {from:Date} AND decided_on <= {to:Date}) AS decided,
      countIf(decided_on > {to:Date}) AS pending
    FROM workload_cases FINAL
    WHERE ${COURT} AND last_day <= {to:Date} AND has_presiding = 1
    GROUP BY court, key
  ),
  settled AS (
    SELECT s.court AS court, k.judge AS judge, k.category AS category, s.decided AS decided, s.pending AS pending
    FROM settled_keys AS s LEFT JOIN keys AS k ON k.key = s.key
  ),${casesFromFacts(`
      AND (court, case_key) IN (
        SELECT court, case_key FROM workload_cases FINAL
        WHERE ${COURT} AND first_day <= {to:Date} AND last_day > {to:Date})`)}${TOTALS(['settled', 'status'])}`;

/*
 * The first try of every report: WORKLOAD_SQL without its second pass over
 * workload_cases (the one that finds the cases with facts on both sides of
 * \`to\`). The same single FINAL pass counts those cases instead (column
 * \`straddling\`, on a row with empty judge and category): when there are none
 * — a report up to today, or data whose cases all lie on one side — this
 * answer is exact and final; otherwise workloadReport runs WORKLOAD_SQL.
 */
export const WORKLOAD_SETTLED_SQL = `
WITH ${receivedFrom(false)},
  keys AS (SELECT key, any(judge) AS judge, any(category) AS category FROM workload_presiding_keys GROUP BY key),
  state AS (
    SELECT court, last_day > {to:Date} AS straddles, if(straddles, toUInt64(0), ${KEY}) AS key,
      countIf(NOT straddles AND decided_on >= {from:Date} AND decided_on <= {to:Date}) AS decided,
      countIf(NOT straddles AND decided_on > {to:Date}) AS pending,
      countIf(straddles) AS straddling
    FROM workload_cases FINAL
    WHERE ${COURT} AND first_day <= {to:Date} AND (has_presiding = 1 OR last_day > {to:Date})
    GROUP BY court, straddles, key
  )
SELECT court, judge, category,
  sum(received) AS received, round(sum(weighted_load), 4) AS weighted_load, sum(decided) AS decided, sum(pending) AS pending,
  sum(straddling) AS straddling
FROM (
  SELECT court, judge, category, received, weighted_load, toUInt64(0) AS decided, toUInt64(0) AS pending, toUInt64(0) AS straddling FROM received
  UNION ALL
  SELECT s.court, if(s.straddles, '', k.judge), if(s.straddles, '', k.category), toUInt64(0), toFloat64(0), s.decided, s.pending, s.straddling
  FROM state AS s LEFT JOIN keys AS k ON k.key = s.key
)
GROUP BY court, judge, category
HAVING received + decided + pending + straddling > 0
ORDER BY court, judge, category`;

export function checkWorkloadQuery(q: WorkloadQuery): void {
  if (!DATE.test(q.from) || !DATE.test(q.to)) throw new Error('from and to must be YYYY-MM-DD');
  if (q.from > q.to) throw new Error('from must not be after to');
  if (q.court !== undefined && !/^[0-9]{1,4}$/.test(q.court)) throw new Error('court must be a 1–4 digit code');
}

/**
 * The report; \`sql\` forces one query (tests, bench), otherwise
 * WORKLOAD_SETTLED_SQL first and WORKLOAD_SQL only when some case has facts on
 * both sides of \`to\`. Each answer comes from ONE statement, so it is one
 * consistent reading even while facts arrive.
 */
export async function workloadReport(engine: AnalyticsEngine, q: WorkloadQuery, sql?: string): Promise<WorkloadRow[]> {
  checkWorkloadQuery(q);
  const params = { from: q.from, to: q.to, court: q.court ?? '' };
  // people read this report: the judges' names come beside the ids (a separate small read of the Засади events)
  const [first, names] = await Promise.all([engine.query<Record<string, unknown>>(sql ?? WORKLOAD_SETTLED_SQL, params), judgeNames(engine, q.court ? [q.court] : undefined)]);
  let rows = first;
  if (sql === undefined && rows.some((r) => Number(r.straddling) > 0)) rows = await engine.query<Record<string, unknown>>(WORKLOAD_SQL, params);
  return rows.map((r) => ({
    court: String(r.court),
    judge: String(r.judge),
    judgeName: judgeNameOf(names, String(r.court), String(r.judge)),
    category: String(r.category),
    received: Number(r.received),
    weighted_load: Number(r.weighted_load),
    decided: Number(r.decided),
    pending: Number(r.pending),
  }));
}

/** The CSV columns: the machine names the JSON uses, the judge's name under a Ukrainian header (people open this file). */
const COLUMNS: Array<[keyof WorkloadRow, string]> = [
  ['court', 'court'],
  ['judge', 'judge'],
  ['judgeName', 'ПІБ судді'],
  ['category', 'category'],
  ['received', 'received'],
  ['weighted_load', 'weighted_load'],
  ['decided', 'decided'],
  ['pending', 'pending'],
];

/** RFC 4180 CSV with a header line; an unknown name is an empty cell. */
export function workloadCsv(rows: WorkloadRow[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [COLUMNS.map(([, h]) => cell(h)).join(','), ...rows.map((r) => COLUMNS.map(([c]) => cell(r[c])).join(','))].join('\n') + '\n';
}
