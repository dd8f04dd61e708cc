/**
 * Review 10: the yearly report on balanced load (Засади 10.1) counts the
 * cases of EVERY judge in the year — a judge who left mid-year (dropped from
 * a later Засади version) keeps the cases distributed to them — and the
 * counts window starts on 1 January (a case from the year before is left out).
 * Through the same functions the GET /load/report route runs, on an actor
 * system with an injected clock.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../../support/servers.ts';
import { yearlyReport, loadSources } from '../../../actors/court/http/jurors.ts';
import { civil, kyiv, startCourt, testConfig } from './support.ts';

const test = suite('yearly load report: departed judges');
test.after(cleanup);

test('a judge dropped by a later Засади version: their cases stay in the per-category totals and are listed as a former judge', async () => {
  const v1 = testConfig();
  v1.version = { ...v1.version, decisionDate: '2024-01-03', effectiveFrom: '2024-01-08' };
  for (const j of v1.judges) j.appointedOn = '2015-01-01';
  const c = startCourt({ now: kyiv('2024-12-20'), config: v1 });
  try {
    await scenario(c, v1);
  } catch (e) {
    // uvu drops an AsdsError with object details silently: re-throw a plain one.
    throw new Error(`${(e as Error).name}: ${(e as Error).message} ${JSON.stringify((e as { details?: unknown }).details ?? null)}`);
  } finally {
    await c.system.shutdown();
  }
});

async function scenario(c: ReturnType<typeof startCourt>, v1: ReturnType<typeof testConfig>): Promise<void> {
  // Exclusions only from recorded facts (issue 10): every other judge recused by a ruling, so the draw can give only `keep`.
  const recuseOthers = async (caseId: string, keep: string) => {
    for (const j of v1.judges.filter((x) => x.id !== keep)) {
      await c.ask({ type: 'record-recusal', caseId, judgeId: j.id, kind: 'self-recusal', ruling: { kind: 'ruling', number: `сам-${caseId}-${j.id}`, date: '2025-03-10', issuer: j.id } });
    }
  };
  // 2024 (before the counted year): one case, must not be counted in 2025.
  await c.ask({ type: 'distribute', case: civil('537/1/24') });
  c.clock.now = kyiv('2025-03-10');
  const ids: string[] = [];
  for (let i = 1; i <= 6; i++) {
    ids.push(`537/${i}/25`);
    if (i <= 2) await recuseOthers(`537/${i}/25`, 'J04');
    await c.ask({ type: 'distribute', case: civil(`537/${i}/25`) });
  }
  // From 1 July J04 is no longer in the Засади (left the court).
  const v2 = structuredClone(v1);
  v2.version = { ...v2.version, id: 'test-2025-07', decisionNumber: '№7', decisionDate: '2025-06-20', effectiveFrom: '2025-07-01' };
  v2.judges = v2.judges.filter((j) => j.id !== 'J04');
  await c.ask({ type: 'load-zasady', config: v2 });
  c.clock.now = kyiv('2025-12-30');
  await c.ask({ type: 'distribute', case: civil('537/7/25') });

  const src = await loadSources({ system: c.system, court: '537' } as never, { year: true });
  const report = yearlyReport(src);
  assert.not.ok(report.judges.some((j) => j.judgeId === 'J04'), 'J04 has no figures as of 30 December');
  const all = (report.categories ?? []).reduce((n, x) => n + x.presiding + x.member + x.reserve, 0);
  assert.is(all, 7, 'all seven 2025 cases, J04’s two included, the 2024 one not');
  assert.equal(report.categories!.map((x) => [x.category, x.presiding]), [['civil-claim', 7]]);
  assert.equal(report.formerJudges.map((j) => j.judgeId), ['J04']);
  assert.ok(report.formerJudges[0]!.byCategory[0]!.presiding >= 2, JSON.stringify(report.formerJudges));

  // GET /load: the counts cover the accounting window (calendar year here, 6.4) — its start excludes the 2024 case;
  // a period asked from 2024 includes it.
  const total = (counts: typeof src.counts) => Object.values(counts).flatMap((b) => Object.values(b)).reduce((n, x) => n + x.presiding + x.member + x.reserve, 0);
  const win = await loadSources({ system: c.system, court: '537' } as never, {});
  assert.equal(win.set.counted, { from: '2025-01-01', to: '2025-12-30' });
  assert.is(total(win.counts), 7);
  const longer = await loadSources({ system: c.system, court: '537' } as never, { from: '2024-01-01' });
  assert.is(total(longer.counts), 8);
}

test.run();
