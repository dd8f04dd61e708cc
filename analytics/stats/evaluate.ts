/**
 * The TypeScript engine of a report form (Засади 16.1.3): the cells of a form
 * for a scope and a period, from the statistical cards, in ONE pass over the
 * cards with predicates compiled once. The measures are those documented in
 * contracts/stats/form.ts (dates compared as ISO strings, sums in integer
 * kopiykas) — the centre's SQL engine follows the same text, and both must
 * give equal cells (issue 14 item 4).
 *
 *   const report = evaluateForm(def, cards, { kind: 'year', from: '2026-01-01', to: '2026-12-31' }, { kind: 'court', court: '537' });
 *   report.failures  // logical control (16.1.4) without continuity — that needs the previous report
 */
import type { StatCardV1 } from '../../contracts/stats/card.ts';
import type { FilterV1, FormDefinitionV1, MeasureV1 } from '../../contracts/stats/form.ts';
import type { PeriodV1, ScopeV1, StatReportV1 } from '../../contracts/stats/report.ts';
import { controlReport } from './control.ts';
import { checkPeriod } from './period.ts';
import { scopeCourts } from './scope.ts';

type Pred = (c: StatCardV1) => boolean;

/** Where a card stands relative to the period; computed once per card. */
interface Flags {
  start: boolean;
  received: boolean;
  resolved: boolean;
  end: boolean;
}

function compileFilter(f: FilterV1): Pred {
  const field = f.field as keyof StatCardV1;
  if (f.in) {
    const set = new Set(f.in);
    return (c) => {
      const v = c[field];
      return v !== undefined && set.has(String(v));
    };
  }
  if (f.present !== undefined) {
    const want = f.present;
    return (c) => (c[field] !== undefined) === want;
  }
  const want = f.is;
  return (c) => c[field] === want;
}

function compileWhere(where: readonly FilterV1[] | undefined): Pred | null {
  if (!where || where.length === 0) return null;
  const preds = where.map(compileFilter);
  if (preds.length === 1) return preds[0]!;
  return (c) => preds.every((p) => p(c));
}

/**
 * A column's value for one card (0: the card does not count). Money sums stay
 * exact while below 2^53 kopiykas (≈ 90 трлн грн) — far above any total.
 */
function compileMeasure(m: MeasureV1): (c: StatCardV1, f: Flags) => number {
  switch (m) {
    case 'pending-start':
      return (_c, f) => (f.start ? 1 : 0);
    case 'received':
      return (_c, f) => (f.received ? 1 : 0);
    case 'resolved':
      return (_c, f) => (f.resolved ? 1 : 0);
    case 'pending-end':
      return (_c, f) => (f.end ? 1 : 0);
    case 'over-term':
      return (c, f) => (f.resolved && c.overTerm ? 1 : 0);
    case 'sum-claimed':
      return (c, f) => (f.resolved ? (c.amountClaimed ?? 0) : 0);
    case 'sum-awarded':
      return (c, f) => (f.resolved ? (c.amountAwarded ?? 0) : 0);
  }
}

interface CompiledSection {
  id: string;
  rows: { id: string; pred: Pred | null }[];
  columns: { id: string; pred: Pred | null; value: (c: StatCardV1, f: Flags) => number }[];
  cells: Float64Array; // row-major, rows × columns
}

function compile(def: FormDefinitionV1): CompiledSection[] {
  return def.sections.map((s) => ({
    id: s.id,
    rows: s.rows.map((r) => ({ id: r.id, pred: compileWhere(r.where) })),
    columns: s.columns.map((c) => ({ id: c.id, pred: compileWhere(c.where), value: compileMeasure(c.measure) })),
    cells: new Float64Array(s.rows.length * s.columns.length),
  }));
}

/** The measures of form.ts, as ISO-date string comparisons. */
function flagsOf(c: StatCardV1, from: string, to: string): Flags {
  const d = c.decidedOn;
  return {
    start: c.receivedOn < from && (d === undefined || d >= from),
    received: c.receivedOn >= from && c.receivedOn <= to,
    resolved: d !== undefined && d >= from && d <= to,
    end: c.receivedOn <= to && (d === undefined || d > to),
  };
}

/** Adds one card to one section; column values are computed only when some row matched. */
function addCard(s: CompiledSection, c: StatCardV1, f: Flags, values: Float64Array): void {
  let computed = false;
  const nc = s.columns.length;
  for (let r = 0; r < s.rows.length; r++) {
    const row = s.rows[r]!;
    if (row.pred && !row.pred(c)) continue;
    if (!computed) {
      for (let k = 0; k < nc; k++) {
        const col = s.columns[k]!;
        values[k] = col.pred && !col.pred(c) ? 0 : col.value(c, f);
      }
      computed = true;
    }
    const base = r * nc;
    for (let k = 0; k < nc; k++) if (values[k] !== 0) s.cells[base + k]! += values[k]!;
  }
}

export function evaluateForm(def: FormDefinitionV1, cards: Iterable<StatCardV1>, period: PeriodV1, scope: ScopeV1): StatReportV1 {
  checkPeriod(def, period);
  const sections = compile(def);
  const courts = scopeCourts(scope);
  const values = new Float64Array(Math.max(...def.sections.map((s) => s.columns.length)));
  let n = 0;
  for (const c of cards) {
    if (!courts.has(c.court)) continue;
    const f = flagsOf(c, period.from, period.to);
    if (!(f.start || f.received || f.resolved || f.end)) continue;
    n++;
    for (const s of sections) addCard(s, c, f, values);
  }
  const report: StatReportV1 = {
    schema: 'asds.stats-report/v1',
    form: { id: def.id, version: def.version },
    scope,
    period,
    cells: toCells(sections),
    failures: [],
    cards: n,
  };
  report.failures = controlReport(def, report);
  return report;
}

function toCells(sections: CompiledSection[]): StatReportV1['cells'] {
  const out: StatReportV1['cells'] = {};
  for (const s of sections) {
    const sec: Record<string, Record<string, number>> = {};
    s.rows.forEach((r, ri) => {
      const row: Record<string, number> = {};
      s.columns.forEach((c, ci) => (row[c.id] = s.cells[ri * s.columns.length + ci]!));
      sec[r.id] = row;
    });
    out[s.id] = sec;
  }
  return out;
}
