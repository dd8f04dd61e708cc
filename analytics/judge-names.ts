/**
 * Judges' full names at the centre. The workload facts and the statistical
 * cards name a judge by the court's Засади id only (`LUB-01`); people must
 * see the judge's name, never an id (Засади 16.1.5 reports are read by
 * people). The names are already here: every court replicates its
 * distribution actor's `zasady-loaded` (the whole Засади, judges
 * `{ id, name, … }`) and `roster-changed` (a judge appointed by order, with
 * the name) — both public, passed unredacted (contracts/ingest/redaction.ts).
 *
 *   const names = await judgeNames(engine, ['537']);
 *   judgeNameOf(names, '537', 'lub-01'); // 'Суддя 01 (умовний)' — ids compared case-insensitively
 *
 * One query reads only those event rows (by kind and type, as the detectors
 * do: analytics/detectors/facts.ts) and only the ids and names out of their
 * payloads. Every version contributes, so a judge who left the roster still
 * has a name on the periods they worked; where versions disagree the later
 * one wins (by effective date, then journal order).
 */
import type { AnalyticsEngine } from './engine.ts';

/** court → (lower-cased judge id → full name). */
export type JudgeNames = Map<string, Map<string, string>>;

const SQL = (filtered: boolean) => `
SELECT court, seq,
  if(type = 'zasady-loaded', JSONExtractString(payload, 'config', 'version', 'effectiveFrom'),
     JSONExtractString(payload, 'change', 'effectiveFrom')) AS effective,
  if(type = 'zasady-loaded',
     arrayMap(j -> (JSONExtractString(j, 'id'), JSONExtractString(j, 'name')), JSONExtractArrayRaw(payload, 'config', 'judges')),
     [(JSONExtractString(payload, 'change', 'judge', 'id'), JSONExtractString(payload, 'change', 'judge', 'name'))]) AS judges
FROM events FINAL
WHERE kind = 'distribution' AND type IN ('zasady-loaded', 'roster-changed')${filtered ? ' AND court IN {courts:Array(String)}' : ''}
ORDER BY court, effective, seq`;

/**
 * Names of the judges of `courts` (every court with a distribution stream when absent), keyed by the lower-cased
 * Засади id: the workload facts may carry a judge's login, which is the id in lower case (actors/court/simulator).
 */
export async function judgeNames(engine: AnalyticsEngine, courts?: readonly string[]): Promise<JudgeNames> {
  const out: JudgeNames = new Map();
  if (courts && courts.length === 0) return out;
  const rows = await engine.query<{ court: string; judges: Array<[string, string]> }>(SQL(courts !== undefined), courts ? { courts: [...courts] } : {});
  for (const r of rows) {
    const court = String(r.court);
    const m = out.get(court) ?? new Map<string, string>();
    // rows come in (effective date, seq) order: a later version's name replaces an earlier one
    for (const [id, name] of r.judges) if (id && name) m.set(id.toLowerCase(), name);
    out.set(court, m);
  }
  return out;
}

/** The judge's full name, or null when the court's Засади (as the centre holds them) do not name this judge. */
export function judgeNameOf(names: JudgeNames, court: string, judge: string): string | null {
  return names.get(court)?.get(judge.toLowerCase()) ?? null;
}
