/**
 * The national pass (Засади 16.1.5) as one GROUP BY: the cards are counted
 * per court and per combination of the fields the form's filters name, with
 * the seven measures of form.ts as countIf/sumIf — then each cell is the sum
 * over the groups its row and column filters accept. A form of 150 cells
 * costs one aggregation of a few columns instead of 150 conditional
 * aggregates per card; cells stay exact (integers), and the filters read as
 * the court's engine reads them (in, else present, else is; compile.ts).
 */
import type { FilterV1, FormDefinitionV1, PeriodV1, StatReportV1 } from '../../contracts/stats/index.ts';
import type { AnalyticsEngine } from '../engine.ts';

const COLUMN: Record<FilterV1['field'], string> = {
  index: 'proc_index',
  category: 'category',
  article: 'article',
  result: 'result',
  judge: 'judge',
  appealOutcome: 'appeal_outcome',
  overTerm: 'over_term',
  juvenile: 'juvenile',
  detention: 'detention',
};
const BOOL = new Set(['overTerm', 'juvenile', 'detention']);

const RESOLVED = '(isNotNull(decided_on) AND decided_on >= {from:Date32} AND decided_on <= {to:Date32})';
const START = '(received_on < {from:Date32} AND (isNull(decided_on) OR decided_on >= {from:Date32}))';
const RECEIVED = '(received_on >= {from:Date32} AND received_on <= {to:Date32})';
const END = '(received_on <= {to:Date32} AND (isNull(decided_on) OR decided_on > {to:Date32}))';

type Group = Record<string, unknown> & { m: Record<string, number> };

function fieldsOf(def: FormDefinitionV1): Array<FilterV1['field']> {
  const f = new Set<FilterV1['field']>();
  for (const s of def.sections) for (const r of s.rows) for (const x of [...r.where, ...s.columns.flatMap((c) => c.where ?? [])]) f.add(x.field);
  return [...f];
}

function accepts(f: FilterV1, g: Group): boolean {
  const v = g[f.field];
  if (f.in) return v !== undefined && f.in.includes(String(v));
  if (f.present !== undefined) return (v !== undefined) === f.present;
  return v === f.is;
}

/**
 * Cells per group of courts (`groups`: group key → its courts; a court in one group only): per court for the
 * comparison with the courts' reports, per region for the national consolidation — grouping by region keeps the
 * number of groups small whatever the number of courts. Each report's scope is the group's first court (a
 * court group) and is replaced by the caller for regions.
 */
export async function evaluateFormCube(engine: AnalyticsEngine, def: FormDefinitionV1, period: PeriodV1, groups: ReadonlyMap<string, readonly string[]>): Promise<Map<string, StatReportV1>> {
  const fields = fieldsOf(def);
  const keys = fields.map((f, i) => `${COLUMN[f]} AS k${i}`);
  const courts = [...groups.values()].flat();
  const groupOf = [...groups].flatMap(([g, cs]) => cs.map(() => g));
  const rows = await engine.query<Record<string, unknown>>(
    `SELECT transform(court, {gc:Array(String)}, {gk:Array(String)}, '') AS of_court${keys.map((k) => `, ${k}`).join('')},
            countIf(${START}) AS m_start, countIf(${RECEIVED}) AS m_received, countIf(${RESOLVED}) AS m_resolved, countIf(${END}) AS m_end,
            countIf(${RESOLVED} AND over_term = 1) AS m_over, sumIf(ifNull(amount_claimed, 0), ${RESOLVED}) AS m_claimed,
            sumIf(ifNull(amount_awarded, 0), ${RESOLVED}) AS m_awarded, countIf(${START} OR ${RECEIVED} OR ${RESOLVED} OR ${END}) AS m_cards
     FROM stat_cards FINAL WHERE removed = 0 AND court IN {courts:Array(String)}
     GROUP BY of_court${fields.map((_, i) => `, k${i}`).join('')}
     HAVING m_cards > 0`,
    { from: period.from, to: period.to, courts, gc: courts, gk: groupOf },
  );
  const measureKey = { 'pending-start': 'start', received: 'received', resolved: 'resolved', 'pending-end': 'end', 'over-term': 'over', 'sum-claimed': 'claimed', 'sum-awarded': 'awarded' } as const;
  const out = new Map<string, StatReportV1>();
  const blank = (court: string): StatReportV1 => {
    const cells: StatReportV1['cells'] = {};
    for (const s of def.sections) {
      cells[s.id] = {};
      for (const r of s.rows) cells[s.id]![r.id] = Object.fromEntries(s.columns.map((c) => [c.id, 0]));
    }
    return { schema: 'asds.stats-report/v1', form: { id: def.id, version: def.version }, scope: { kind: 'court', court }, period, cells, failures: [], cards: 0 };
  };
  for (const [g, cs] of groups) out.set(g, blank(cs[0] ?? g));
  for (const row of rows) {
    const g: Group = { m: {} };
    fields.forEach((f, i) => {
      const v = row[`k${i}`];
      g[f] = BOOL.has(f) ? Number(v) === 1 : v === null || v === undefined ? undefined : String(v);
    });
    for (const k of ['start', 'received', 'resolved', 'end', 'over', 'claimed', 'awarded', 'cards']) g.m[k] = Number(row[`m_${k}`] ?? 0);
    const r = out.get(String(row.of_court))!;
    r.cards += g.m.cards!;
    for (const s of def.sections)
      for (const rw of s.rows) {
        if (!rw.where.every((f) => accepts(f, g))) continue;
        const line = r.cells[s.id]![rw.id]!;
        for (const col of s.columns) if (!col.where || col.where.every((f) => accepts(f, g))) line[col.id]! += g.m[measureKey[col.measure]]!;
      }
  }
  return out;
}

export function evaluateFormCubeByCourt(engine: AnalyticsEngine, def: FormDefinitionV1, period: PeriodV1, courts: readonly string[]): Promise<Map<string, StatReportV1>> {
  return evaluateFormCube(engine, def, period, new Map(courts.map((c) => [c, [c]])));
}
