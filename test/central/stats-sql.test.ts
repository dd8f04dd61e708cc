/**
 * The form compiled into ClickHouse SQL (analytics/stats-sql) over the
 * centre's cards gives the cells the form's measure definitions give
 * (contracts/stats/form.ts header), computed by hand; duplicates of a card
 * (re-delivery) count once and its newest version wins; region and nation
 * are the sums of their courts.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { evaluateFormSql, evaluateFormSqlPerCell, insertCards, cepejSql, cepejTotal } from '../../analytics/stats-sql/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { TEST_FORM, card } from './stats-support.ts';

const test = suite('stats: form → ClickHouse SQL');
let engine: AnalyticsEngine;
const year = { kind: 'year' as const, from: '2026-01-01', to: '2026-12-31' };

test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-stats-sql-'), 'analytics') });
  const cards = [
    // pending at the start (received 2025, decided 2026), family, satisfied, with amounts
    { c: card('537', '2', '2025-11-03', { category: 'family', decidedOn: '2026-02-10', result: 'satisfied', amountClaimed: 100_000, amountAwarded: 60_000 }), v: 1 },
    // received and resolved in 2026, over term, refused
    { c: card('537', '2', '2026-03-01', { category: 'labour', decidedOn: '2026-09-01', result: 'refused', overTerm: true, amountClaimed: 5_000 }), v: 2 },
    // received 2026, still pending at the end
    { c: card('537', '2', '2026-12-31', { category: 'family' }), v: 3 },
    // decided before the year: in nothing
    { c: card('537', '2', '2025-01-10', { category: 'family', decidedOn: '2025-12-31', result: 'satisfied' }), v: 4 },
    // decided the day after the year: pending at the end
    { c: card('537', '2', '2026-06-01', { decidedOn: '2027-01-01', result: 'satisfied' }), v: 5 },
    // criminal: juvenile, convicted; no article; detained and pending
    { c: card('537', '1-кп', '2026-04-01', { juvenile: true, decidedOn: '2026-05-01', result: 'convicted', article: '185' }), v: 6 },
    { c: card('537', '1-кп', '2026-04-02', { detention: true }), v: 7 },
    // another court: never in court 537's report
    { c: card('538', '2', '2026-02-02', { category: 'family', decidedOn: '2026-03-03', result: 'satisfied', amountClaimed: 7, amountAwarded: 7 }), v: 1 },
  ];
  await insertCards(engine, cards.map(({ c, v }) => ({ card: c, caseKey: c.proceedingNumber, version: v })));
  // re-delivery of the first card (same version) and an OLDER version of the second: neither changes anything
  await insertCards(engine, [{ card: cards[0]!.c, caseKey: cards[0]!.c.proceedingNumber, version: 1 }]);
  await insertCards(engine, [{ card: { ...cards[1]!.c, decidedOn: undefined as never, result: undefined as never }, caseKey: cards[1]!.c.proceedingNumber, version: 0 }]);
});
test.after(async () => {
  await engine.close();
  await cleanup();
});

test('court 537, year 2026: every cell as the measure definitions give it by hand; a re-delivered or older card version changes nothing', async () => {
  const r = await evaluateFormSql(engine, TEST_FORM, year, { kind: 'court', court: '537' });
  assert.equal(r.cells.s1!.all, { start: 1, recv: 3, res: 2, sat: 1, end: 2, over: 1, claimed: 105_000, awarded: 60_000 });
  assert.equal(r.cells.s1!.family, { start: 1, recv: 1, res: 1, sat: 1, end: 1, over: 0, claimed: 100_000, awarded: 60_000 });
  assert.equal(r.cells.s2!.all, { recv: 2, conv: 1, det: 1 });
  assert.equal(r.cells.s2!.juv, { recv: 1, conv: 1, det: 0 });
  assert.equal(r.cells.s2!.noart, { recv: 1, conv: 0, det: 1 });
  assert.is(r.cards, 6, 'the card decided before the year is not one the report is formed from');
  assert.equal(r.form, { id: 'test-form', version: 1 });
  assert.equal((await evaluateFormSqlPerCell(engine, TEST_FORM, year, { kind: 'court', court: '537' })).cells, r.cells, 'the per-cell SQL gives the same');
});

test('a month: the period bounds are inclusive court-local dates', async () => {
  const r = await evaluateFormSql(engine, TEST_FORM, { kind: 'month', from: '2026-02-01', to: '2026-02-28' }, { kind: 'court', court: '537' });
  assert.equal(r.cells.s1!.all, { start: 1, recv: 0, res: 1, sat: 1, end: 0, over: 0, claimed: 100_000, awarded: 60_000 });
});

test('region of 537 and 538 = the sum of the two courts, cell by cell', async () => {
  const a = await evaluateFormSql(engine, TEST_FORM, year, { kind: 'court', court: '537' });
  const b = await evaluateFormSql(engine, TEST_FORM, year, { kind: 'court', court: '538' });
  const region = await evaluateFormSql(engine, TEST_FORM, year, { kind: 'region', region: 'poltava', courts: ['537', '538'] });
  for (const [s, rows] of Object.entries(region.cells))
    for (const [row, cols] of Object.entries(rows)) for (const [c, v] of Object.entries(cols)) assert.is(v, a.cells[s]![row]![c]! + b.cells[s]![row]![c]!, `${s}.${row}.${c}`);
  assert.is(region.cells.s1!.family!.claimed, 100_007);
});

test('CEPEJ per court and per category: clearance = resolved/received×100, turnover = resolved/pending end, disposition = 365/turnover', async () => {
  const courts = await cepejSql(engine, year, ['537', '538'], 'court');
  const c537 = courts.find((r) => r.key === '537')!;
  // civil + criminal in 537: received 5, resolved 3, pending at end 3
  assert.equal({ received: c537.received, resolved: c537.resolved, pendingEnd: c537.pendingEnd }, { received: 5, resolved: 3, pendingEnd: 3 });
  assert.is(c537.clearanceRate, 60);
  assert.is(c537.turnover, 1);
  assert.is(c537.dispositionDays, 365);
  const region = cepejTotal('poltava', courts);
  assert.equal({ received: region.received, resolved: region.resolved, pendingEnd: region.pendingEnd }, { received: 6, resolved: 4, pendingEnd: 3 });
  assert.is(region.dispositionDays, 365 / (4 / 3));
  const family = (await cepejSql(engine, year, ['537'], 'category')).find((r) => r.key === 'family')!;
  assert.equal({ received: family.received, resolved: family.resolved, pendingEnd: family.pendingEnd }, { received: 1, resolved: 1, pendingEnd: 1 });
});

test.run();
