/**
 * The national consolidation as a central BullMQ job (issue 14 item 9): runs
 * once per id however often it is asked, reports progress to 100, stores the
 * region and nation reports; the scheduled builds are one scheduler per
 * periodicity however many workers upsert them, and each adds the
 * consolidation of the period that has just ended.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { insertCards } from '../../analytics/stats-sql/index.ts';
import { CentralJobs } from '../../actors/central/jobs/index.ts';
import { parseStatsConfig } from '../../actors/central/stats/config.ts';
import { formBook } from '../../actors/central/stats/forms.ts';
import { savedReports } from '../../actors/central/stats/consolidate.ts';
import { consolidateJobId, lastEndedPeriod, registerStatsJobs, STATS_QUEUE, STATS_SCHEDULES, type ConsolidateJob } from '../../actors/central/stats/jobs.ts';
import { cleanup, startRedis, tempDir, type RedisHandle } from '../support/servers.ts';
import { TEST_FORM, randomCards } from './stats-support.ts';

const test = suite('stats: central jobs');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
let engine: AnalyticsEngine;
let redis: RedisHandle;
const workers: CentralJobs[] = [];
const config = parseStatsConfig(`
schema: asds.stats-centre/v1
deadlines: { courtToRegion: { daysAfterPeriod: 15 }, regionToNation: { daysAfterPeriod: 20 } }
regions:
  - { id: poltava, name: Полтавська область, courts: [{ code: "537", name: Лубенський міськрайонний суд Полтавської області }] }
  - { id: kyiv, name: місто Київ, courts: [{ code: "2601", name: Печерський районний суд міста Києва }] }
`);
const ctx = () => ({ config, forms: formBook([TEST_FORM]) });

test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-stats-jobs-'), 'analytics') });
  redis = await startRedis();
  await insertCards(engine, randomCards(3, ['537', '2601'], 500).map((c, i) => ({ card: c, caseKey: c.proceedingNumber, version: i + 1 })));
});
test.after(async () => {
  for (const w of workers) await w.stop();
  await engine.close();
  await cleanup();
});

function worker(node: string): CentralJobs {
  const jobs = new CentralJobs({ redisUrl: redis.url, node, log: silent, prefix: 'stats-test' });
  registerStatsJobs(jobs, () => engine, ctx, node, () => '2026-04-21');
  workers.push(jobs);
  return jobs.start();
}

async function done(jobs: CentralJobs, id: string) {
  const end = Date.now() + 60_000;
  for (;;) {
    const job = await jobs.job(STATS_QUEUE, id);
    // read again once completed: the object fetched while it ran holds no return value yet
    if (await job?.isCompleted()) return (await jobs.job(STATS_QUEUE, id))!;
    if ((await job?.isFailed()) || Date.now() > end) throw new Error(`job ${id} did not complete: ${job?.failedReason}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the consolidation by job id: progress 100, regions and nation stored; the same id asked again by another worker runs nothing', async () => {
  const a = worker('central-1');
  const b = worker('central-2');
  const data: ConsolidateJob = { form: TEST_FORM.id, period: { kind: 'year', from: '2025-01-01', to: '2025-12-31' } };
  const id = consolidateJobId(data);
  await a.add(STATS_QUEUE, 'stats-consolidate', data, id);
  const job = await done(a, id);
  assert.is(job.progress, 100);
  assert.equal(job.returnvalue.regions, 2);
  const first = job.finishedOn;
  await b.add(STATS_QUEUE, 'stats-consolidate', data, id);
  await new Promise((r) => setTimeout(r, 300));
  assert.is((await b.job(STATS_QUEUE, id))!.finishedOn, first, 'one run per id');
  const saved = await savedReports(engine, TEST_FORM.id, data.period);
  assert.equal(saved.map((r) => r.scope.kind).sort(), ['nation', 'region', 'region']);
  assert.ok(saved.find((r) => r.scope.kind === 'nation')!.cards > 0);
});

test('schedules per periodicity: upserted by two workers, one scheduler each; a firing adds the consolidation of the period just ended', async () => {
  for (const w of workers) for (const s of STATS_SCHEDULES) await w.schedule(s);
  const schedulers = await workers[0]!.queue(STATS_QUEUE).getJobSchedulers();
  for (const s of STATS_SCHEDULES) assert.is(schedulers.filter((x) => x.key === s.id || x.id === s.id).length, 1, s.id);
  assert.equal(lastEndedPeriod('quarter', '2026-04-21'), { kind: 'quarter', from: '2026-01-01', to: '2026-03-31' });
  assert.equal(lastEndedPeriod('year', '2026-01-21'), { kind: 'year', from: '2025-01-01', to: '2025-12-31' });
  assert.equal(lastEndedPeriod('half-year', '2026-07-21'), { kind: 'half-year', from: '2026-01-01', to: '2026-06-30' });
  assert.equal(lastEndedPeriod('month', '2026-03-21'), { kind: 'month', from: '2026-02-01', to: '2026-02-28' });
  await workers[0]!.add(STATS_QUEUE, 'stats-scheduled', { periodicity: 'quarter' }, 'stats-scheduled.test-q');
  const fired = await done(workers[0]!, 'stats-scheduled.test-q');
  const expected = consolidateJobId({ form: TEST_FORM.id, version: 1, period: { kind: 'quarter', from: '2026-01-01', to: '2026-03-31' } });
  assert.equal(fired.returnvalue, [expected]);
  await done(workers[0]!, expected);
});

test.run();
