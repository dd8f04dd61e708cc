/**
 * Input logical control (Засади 16.1.2) as data: `stats-control.yaml` beside
 * the court's Засади lists the rules (contracts/court/stats.ts). Loaded at
 * start with EVERY problem listed; evaluated here, purely, over a card.
 *
 *   const rules = loadStatsControlFile('deploy/examples/lubny/zasady.yaml');
 *   const failures = checkCard(rules, card);   // every failing rule, errors and warnings
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { CONTROL_FIELDS, STATS_CONTROL_SCHEMA_ID, StatsControlConfigV1, type ConditionV1, type ControlRuleV1, type RuleFailureV1 } from '../../../contracts/court/stats.ts';
import type { StatCardV1 } from '../../../contracts/stats/card.ts';
import { ConfigInvalid, type ConfigIssue } from '../../distribution/errors.ts';

export const STATS_CONTROL_FILE = 'stats-control.yaml';
export const NO_CONTROL_RULES: StatsControlConfigV1 = { schema: STATS_CONTROL_SCHEMA_ID, rules: [] };

const check = TypeCompiler.Compile(StatsControlConfigV1);
const FIELDS = new Set<string>(CONTROL_FIELDS);

/** Every problem of a rules file; empty when it loads. */
export function statsControlIssues(input: unknown): ConfigIssue[] {
  if (!check.Check(input)) {
    const seen = new Set<string>();
    return [...check.Errors(input)].filter((e) => !seen.has(e.path) && seen.add(e.path)).map((e) => ({ path: e.path || '/', code: 'SCHEMA', message: e.message }));
  }
  const issues: ConfigIssue[] = [];
  const ids = new Set<string>();
  input.rules.forEach((r, i) => {
    if (ids.has(r.id)) issues.push({ path: `/rules/${i}/id`, code: 'DUPLICATE', message: `rule id ${r.id} repeats` });
    ids.add(r.id);
    for (const f of fieldsOf(r.check).concat(r.when ? fieldsOf(r.when) : [])) {
      if (!FIELDS.has(f)) issues.push({ path: `/rules/${i}`, code: 'UNKNOWN_FIELD', message: `no card field "${f}" (known: ${CONTROL_FIELDS.join(', ')})` });
    }
  });
  return issues;
}

function fieldsOf(c: ConditionV1): string[] {
  if ('all' in c) return c.all.flatMap(fieldsOf);
  if ('any' in c) return c.any.flatMap(fieldsOf);
  if ('not' in c) return fieldsOf(c.not);
  const refs = (['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const).map((k) => c[k]).filter((o): o is { field: string } => typeof o === 'object' && o !== null).map((o) => o.field);
  return [c.field, ...refs];
}

/** The rules beside the Засади file; a court without the file has none (entries pass with the schema checks only). */
export function loadStatsControlFile(zasadyFile: string, file?: string): StatsControlConfigV1 {
  const path = file ?? join(dirname(zasadyFile), STATS_CONTROL_FILE);
  if (!existsSync(path)) return NO_CONTROL_RULES;
  const input: unknown = parse(readFileSync(path, 'utf8'));
  const issues = statsControlIssues(input);
  if (issues.length > 0) throw new ConfigInvalid(path, issues);
  return input as StatsControlConfigV1;
}

/** Every rule the card fails (in the file's order). */
export function checkCard(rules: readonly ControlRuleV1[], card: StatCardV1): RuleFailureV1[] {
  const out: RuleFailureV1[] = [];
  for (const r of rules) {
    if (r.when && !holds(r.when, card)) continue;
    if (!holds(r.check, card)) out.push({ rule: r.id, severity: r.severity, text: r.text });
  }
  return out;
}

type Value = string | number | boolean | undefined;
const valueOf = (card: StatCardV1, f: string): Value => (card as Record<string, Value>)[f];

export function holds(c: ConditionV1, card: StatCardV1): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, card));
  if ('any' in c) return c.any.some((x) => holds(x, card));
  if ('not' in c) return !holds(c.not, card);
  const v = valueOf(card, c.field);
  if (c.present !== undefined && (v !== undefined) !== c.present) return false;
  if (c.in !== undefined && (v === undefined || !c.in.includes(v))) return false;
  for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const) {
    const o = c[op];
    if (o === undefined) continue;
    const w = typeof o === 'object' ? valueOf(card, o.field) : o;
    if (v === undefined || w === undefined) continue;
    if (!compare(op, v, w)) return false;
  }
  return true;
}

function compare(op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', a: NonNullable<Value>, b: NonNullable<Value>): boolean {
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
  }
}
