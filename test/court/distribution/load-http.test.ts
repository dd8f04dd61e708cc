/**
 * Load information through HTTP (Засади 10.1–10.2) with real distributed
 * cases: counts by category and form on GET /load (JSON and the printable
 * page), the yearly report's per-judge and per-category counts, and
 * GET /distribution/assignments — all equal to what the protocols say.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../../support/servers.ts';
import { callerOf, startCourt, today, type Court } from '../support.ts';

const test = suite('load information over HTTP (10.1–10.2)');
let court: Court;
test.before(async () => {
  court = await startCourt();
});
test.after(async () => {
  await court.server.stop('test over');
  await cleanup();
});

const call = callerOf(() => court);
type Counts = Record<string, Record<string, { presiding: number; member: number; reserve: number }>>;

/** Distribute cases and count, from the protocols' compositions, what each judge got. */
async function distributeAll(items: Array<[string, string]>): Promise<Counts> {
  const expected: Counts = {};
  const add = (judge: string, category: string, form: 'presiding' | 'member') => {
    const c = ((expected[judge] ??= {})[category] ??= { presiding: 0, member: 0, reserve: 0 });
    c[form] += 1;
  };
  for (const [caseId, category] of items) {
    const r = await call('POST', '/distribution/cases', court.tokens.officer, { case: { caseId, category, exclusions: [] } });
    assert.is(r.status, 201, JSON.stringify(r.body));
    assert.is(r.body.status, 'distributed', JSON.stringify(r.body));
    const chosen = r.body.document.protocol.chosen as { presiding: string; members: string[] };
    add(chosen.presiding, category, 'presiding');
    for (const m of chosen.members) add(m, category, 'member');
  }
  return expected;
}

let expected: Counts;

test('GET /load: counts by category and form equal the protocols; coefficients, 6.5, 6.6 stay', async () => {
  expected = await distributeAll([
    ['load/1', 'civil-claim'],
    ['load/2', 'civil-claim'],
    ['load/3', 'civil-claim'],
    ['load/4', 'criminal-panel'],
    ['load/5', 'criminal-panel'],
    ['load/6', 'admin-offence'],
  ]);
  const r = await call('GET', '/load', court.tokens.judge);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.counted, { from: `${today().slice(0, 4)}-01-01`, to: today() }, 'the calendar-year window of the Lubny Засади');
  const got: Counts = {};
  for (const j of r.body.judges) {
    assert.type(j.nonDistributionDays, 'number');
    assert.ok(Array.isArray(j.reductions));
    for (const c of j.byCategory) {
      assert.ok(c.name.length > 0 && c.complexity > 0, 'category name and coefficient (6.4)');
      (got[j.judgeId] ??= {})[c.category] = { presiding: c.presiding, member: c.member, reserve: c.reserve };
    }
  }
  assert.equal(got, expected);
  assert.ok(r.body.judges.find((j: any) => j.judgeId === 'LUB-01').reductions.some((x: any) => x.id === 'chief' && x.r === 0.5), '6.5 reduction of the chief judge');
  // Panels count: 2 cases × (1 presiding + 2 members).
  const panel = r.body.judges.flatMap((j: any) => j.byCategory).filter((c: any) => c.category === 'criminal-panel');
  assert.is(panel.reduce((a: number, c: any) => a + c.presiding, 0), 2);
  assert.is(panel.reduce((a: number, c: any) => a + c.member, 0), 4);

  // One judge, by login (lub-05 ↔ LUB-05).
  const one = await call('GET', '/load?judge=lub-05', court.tokens.judge);
  assert.equal(one.body.judges.map((j: any) => j.judgeId), ['LUB-05']);
});

test('printable page shows the counts and the period; the yearly report counts per judge and per category', async () => {
  const html = (await call('GET', '/load?format=html', court.tokens.head)).bytes.toString('utf8');
  assert.match(html, /Справи враховано за період з 1 січня \d{4} року по/);
  assert.match(html, /Кримінальні провадження, що розглядаються колегією з трьох суддів: \d \/ \d/);
  const rep = await call('GET', '/load/report', court.tokens.head);
  assert.is(rep.status, 200, JSON.stringify(rep.body));
  const totals = Object.fromEntries(rep.body.categories.map((c: any) => [c.category, [c.presiding, c.member]]));
  assert.equal(totals, { 'criminal-panel': [2, 4], 'civil-claim': [3, 0], 'admin-offence': [1, 0] });
  for (const j of rep.body.judges) assert.equal(Object.fromEntries((j.byCategory ?? []).map((c: any) => [c.category, { presiding: c.presiding, member: c.member, reserve: c.reserve }])), expected[j.judgeId] ?? {});
});

test('GET /distribution/assignments: filters, limit, counts of every match; bad input refused', async () => {
  const all = await call('GET', '/distribution/assignments', court.tokens.auditor);
  assert.is(all.status, 200, JSON.stringify(all.body));
  assert.is(all.body.total, 3 + 2 * 3 + 1);
  assert.equal(all.body.counts, expected);
  const civil = await call('GET', `/distribution/assignments?category=civil-claim&from=${today()}&to=${today()}&limit=2`, court.tokens.head);
  assert.is(civil.body.total, 3);
  assert.equal(civil.body.assignments.map((a: any) => a.caseId), ['load/2', 'load/3'], 'newest rows kept');
  for (const a of civil.body.assignments) assert.match(a.documentId, /^537-\d{9}-протокол-розподілу-ц$/);
  const judge = Object.keys(expected)[0]!;
  const mine = await call('GET', `/distribution/assignments?judgeId=${judge.toLowerCase()}`, court.tokens.judge);
  assert.equal(Object.keys(mine.body.counts), [judge]);
  assert.is((await call('GET', '/distribution/assignments?from=2025-02-30', court.tokens.head)).status, 400);
  const period = await call('GET', '/distribution/assignments?from=2025-03-02&to=2025-03-01', court.tokens.head);
  assert.is(period.status, 422);
  assert.is(period.body.error.code, 'BAD_PERIOD');
  assert.is((await call('GET', '/distribution/assignments', court.tokens.registrar)).status, 403);
  const future = await call('GET', `/load?from=${today().slice(0, 4)}-12-31&date=${today().slice(0, 4)}-01-02`, court.tokens.head);
  assert.is(future.status, 422);
  assert.is(future.body.error.code, 'BAD_PERIOD');
});

test.run();
