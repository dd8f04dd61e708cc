/**
 * A form definition (contracts/stats/form.ts, Засади 16.2) compiled into
 * ClickHouse SQL over `stat_cards` (migration 012): one SELECT per section,
 * one `countIf`/`sumIf` per cell, the period and the courts as bound
 * parameters (`{from:Date32}`, `{to:Date32}`, `{courts:Array(String)}`) and
 * every filter value a bound parameter too — form text never enters the SQL.
 *
 * The measures are exactly those of form.ts's header (the court's TS engine
 * implements the same text; test/central/stats-sql*.test.ts holds both equal).
 * Absent fields are NULL: a condition on one is guarded with isNotNull so it
 * is false, never NULL, inside countIf.
 */
import type { ColumnV1, FilterV1, FormDefinitionV1, MeasureV1, SectionV1 } from '../../contracts/stats/index.ts';
import type { Params } from '../engine.ts';

/** Card field (form.ts FILTER_FIELDS) → stat_cards column, and whether it is a boolean (UInt8, never absent). */
const FIELD: Record<FilterV1['field'], { col: string; bool: boolean }> = {
  index: { col: 'proc_index', bool: false },
  category: { col: 'category', bool: false },
  article: { col: 'article', bool: false },
  result: { col: 'result', bool: false },
  judge: { col: 'judge', bool: false },
  appealOutcome: { col: 'appeal_outcome', bool: false },
  overTerm: { col: 'over_term', bool: true },
  juvenile: { col: 'juvenile', bool: true },
  detention: { col: 'detention', bool: true },
};

const RESOLVED = '(isNotNull(decided_on) AND decided_on >= {from:Date32} AND decided_on <= {to:Date32})';

const MEASURE: Record<MeasureV1, string> = {
  'pending-start': '(received_on < {from:Date32} AND (isNull(decided_on) OR decided_on >= {from:Date32}))',
  received: '(received_on >= {from:Date32} AND received_on <= {to:Date32})',
  resolved: RESOLVED,
  'pending-end': '(received_on <= {to:Date32} AND (isNull(decided_on) OR decided_on > {to:Date32}))',
  'over-term': `(${RESOLVED} AND over_term = 1)`,
  'sum-claimed': RESOLVED,
  'sum-awarded': RESOLVED,
};

/** A card the report is formed from: in any of the four positions relative to the period. */
const IN_PERIOD = [MEASURE['pending-start'], MEASURE.received, RESOLVED, MEASURE['pending-end']].join(' OR ');

export interface SectionQuery {
  section: string;
  sql: string;
  /** Filter values (p0, p1 …); the caller adds from, to, courts. */
  params: Params;
  /** Result column alias → [row id, column id]. */
  cells: Array<{ alias: string; row: string; column: string }>;
}

/** One query per section of the form. */
export function compileForm(def: FormDefinitionV1): SectionQuery[] {
  return def.sections.map((s, k) => compileSection(s, k));
}

const FROM = `FROM stat_cards FINAL\nWHERE removed = 0 AND court IN {courts:Array(String)}`;

export function compileSection(s: SectionV1, k = 0): SectionQuery & { exprs: string[] } {
  const params: Params = {};
  const bind = (values: string[]): string => {
    const name = `s${k}p${Object.keys(params).length}`;
    params[name] = values;
    return `{${name}:Array(String)}`;
  };
  const cells: SectionQuery['cells'] = [];
  const exprs: string[] = [];
  s.rows.forEach((row, i) => {
    const rowCond = row.where.map((f) => filterSql(f, bind));
    s.columns.forEach((col, j) => {
      const alias = `s${k}c${i}_${j}`;
      const cond = [MEASURE[col.measure], ...rowCond, ...(col.where ?? []).map((f) => filterSql(f, bind))].join(' AND ');
      exprs.push(`${aggregate(col, cond)} AS ${alias}`);
      cells.push({ alias, row: row.id, column: col.id });
    });
  });
  const select = `countIf(${IN_PERIOD}) AS cards, ${exprs.join(',\n  ')}`;
  return { section: s.id, sql: `SELECT ${select}\n${FROM}`, params, cells, exprs };
}

function aggregate(col: ColumnV1, cond: string): string {
  if (col.measure === 'sum-claimed') return `sumIf(ifNull(amount_claimed, 0), ${cond})`;
  if (col.measure === 'sum-awarded') return `sumIf(ifNull(amount_awarded, 0), ${cond})`;
  return `countIf(${cond})`;
}

/**
 * A filter as SQL, as the court's engine reads it (analytics/stats/evaluate.ts): `in` if given, else `present`,
 * else `is`. `in` compares the field's text ('true'/'false' for a boolean); a boolean is never absent; `is`
 * compares a boolean, so on a text field it never holds.
 */
export function filterSql(f: FilterV1, bind: (values: string[]) => string): string {
  const { col, bool } = FIELD[f.field];
  if (f.in !== undefined) return bool ? `has(${bind(f.in)}, if(${col} = 1, 'true', 'false'))` : `(isNotNull(${col}) AND has(${bind(f.in)}, assumeNotNull(${col})))`;
  if (f.present !== undefined) return bool ? (f.present ? '1' : '0') : f.present ? `isNotNull(${col})` : `isNull(${col})`;
  if (f.is !== undefined) return bool ? `${col} = ${f.is ? 1 : 0}` : '0';
  return '1';
}
