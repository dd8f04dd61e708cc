/**
 * "One form definition, two engines, equal results" (issue 14 item 4,
 * Засади 16.1.3): the court's TypeScript engine (analytics/stats
 * evaluateForm) over the cards and the centre's compiled ClickHouse SQL over
 * the same cards in chdb give the same cells, the same card count and the
 * same logical-control result — for every shipped form and the test form, on
 * random cards whose fields take the values the forms' filters name (and
 * others, and none). The centre's consolidation equals the engine's
 * `consolidate`, its CEPEJ figures the engine's `cepej`.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { cepejSql, evaluateFormSql, evaluateFormSqlPerCell, evaluateFormSqlByCourt, insertCards, sumReports } from '../../analytics/stats-sql/index.ts';
import { cepej, consolidate, evaluateForm } from '../../analytics/stats/index.ts';
import { loadForms } from '../../actors/central/stats/forms.ts';
import type { FilterV1, FormDefinitionV1, PeriodV1, StatCardV1 } from '../../contracts/stats/index.ts';
import { STAT_RESULTS, APPEAL_OUTCOMES } from '../../contracts/stats/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { TEST_FORM, randomCards, rng } from './stats-support.ts';

const test = suite('stats: the court engine and the centre SQL give equal reports');
let engine: AnalyticsEngine;
const COURTS = ['537', '538', '2601'];
const forms = [...loadForms().all(), TEST_FORM];
let cards: StatCardV1[] = [];

/** Every value a filter of the forms names, per field: the random cards hit the forms' rows and columns. */
function namedValues(defs: FormDefinitionV1[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (f: FilterV1) => {
    for (const v of f.in ?? []) (out.get(f.field) ?? out.set(f.field, new Set()).get(f.field)!).add(v);
  };
  for (const d of defs) for (const s of d.sections) for (const r of s.rows) [...r.where, ...s.columns.flatMap((c) => c.where ?? [])].forEach(add);
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

function formCards(seed: number, n: number): StatCardV1[] {
  const named = namedValues(forms);
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const base = randomCards(seed, COURTS, n);
  return base.map((c) => {
    const out: StatCardV1 = { ...c };
    const idx = named.get('index');
    if (idx && r() < 0.9) out.index = pick(idx);
    for (const field of ['category', 'article', 'judge'] as const) {
      const vals = named.get(field);
      if (vals && r() < 0.7) out[field] = pick(vals);
    }
    if (out.decidedOn) out.result = pick([...(named.get('result') ?? []), ...STAT_RESULTS]) as StatCardV1['result'];
    if (r() < 0.2) out.appealOutcome = pick(APPEAL_OUTCOMES);
    return out;
  });
}

const PERIODS: PeriodV1[] = [
  { kind: 'year', from: '2025-01-01', to: '2025-12-31' },
  { kind: 'half-year', from: '2026-01-01', to: '2026-06-30' },
  { kind: 'month', from: '2025-11-01', to: '2025-11-30' },
  { kind: 'any', from: '2025-03-17', to: '2026-02-03' },
];

test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-stats-engines-'), 'analytics') });
  cards = formCards(99, 3000);
  await insertCards(engine, cards.map((c, i) => ({ card: c, caseKey: c.proceedingNumber, version: i + 1 })));
});
test.after(async () => {
  await engine.close();
  await cleanup();
});

test('the shipped forms are there (1-мзс, 1-оас, 2-азс examples)', () => {
  assert.ok(forms.length >= 4, forms.map((f) => f.id).join(', '));
});

test('every form × period × court and the region: SQL (one aggregation, and one countIf per cell) = TS cell by cell, cards and control failures too', async () => {
  let nonZero = 0;
  for (const def of forms)
    for (const period of PERIODS) {
      for (const scope of [...COURTS.map((court) => ({ kind: 'court' as const, court })), { kind: 'region' as const, region: 'r', courts: ['537', '538'] }]) {
        const ts = evaluateForm(def, cards, period, scope);
        const sql = await evaluateFormSql(engine, def, period, scope);
        assert.equal(sql.cells, ts.cells, `${def.id} ${period.from}–${period.to} ${JSON.stringify(scope)}`);
        assert.is(sql.cards, ts.cards);
        assert.equal(sql.failures, ts.failures);
        const perCell = await evaluateFormSqlPerCell(engine, def, period, scope);
        assert.equal(perCell.cells, ts.cells, `per-cell SQL: ${def.id} ${period.from}–${period.to} ${JSON.stringify(scope)}`);
        assert.is(perCell.cards, ts.cards);
        for (const rows of Object.values(ts.cells)) for (const cols of Object.values(rows)) for (const v of Object.values(cols)) if (v !== 0) nonZero++;
      }
    }
  assert.ok(nonZero > 500, `the random cards fill the forms (non-zero cells: ${nonZero})`);
});

test('the per-court pass and its sums = the engine consolidate of the TS court reports (region and nation)', async () => {
  for (const def of forms) {
    const period = PERIODS[0]!;
    const byCourt = await evaluateFormSqlByCourt(engine, def, period, COURTS);
    const courtTs = COURTS.map((court) => evaluateForm(def, cards, period, { kind: 'court', court }));
    for (const r of courtTs) assert.equal(byCourt.get((r.scope as { court: string }).court)!.cells, r.cells);
    const region = { kind: 'region' as const, region: 'poltava', courts: ['537', '538'] };
    assert.equal(sumReports(def, period, region, ['537', '538'].map((c) => byCourt.get(c)!)), consolidate(def, courtTs.slice(0, 2), region));
    const nation = { kind: 'nation' as const, courts: COURTS };
    assert.equal(sumReports(def, period, nation, byCourt.values()), consolidate(def, courtTs, nation));
  }
});

test('CEPEJ per court, category and judge from SQL = the engine cepej over counts taken from the cards', async () => {
  const period = PERIODS[0]!;
  for (const by of ['court', 'category', 'judge'] as const) {
    const rows = await cepejSql(engine, period, COURTS, by);
    assert.ok(rows.length > 0);
    for (const r of rows) {
      const mine = cards.filter((c) => COURTS.includes(c.court) && (by === 'court' ? c.court === r.key : c.court === r.court && (c[by] ?? '') === r.key));
      const d = (c: StatCardV1) => c.decidedOn;
      const counts = {
        received: mine.filter((c) => c.receivedOn >= period.from && c.receivedOn <= period.to).length,
        resolved: mine.filter((c) => d(c) !== undefined && d(c)! >= period.from && d(c)! <= period.to).length,
        pendingEnd: mine.filter((c) => c.receivedOn <= period.to && (d(c) === undefined || d(c)! > period.to)).length,
      };
      assert.equal({ received: r.received, resolved: r.resolved, pendingEnd: r.pendingEnd }, counts, `${by} ${r.court ?? ''} ${r.key}`);
      assert.equal({ clearanceRate: r.clearanceRate, turnover: r.turnover, dispositionDays: r.dispositionDays }, cepej(counts));
    }
  }
});

test.run();
