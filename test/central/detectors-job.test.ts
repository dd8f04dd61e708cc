/**
 * The detectors as a central job (issue 11 items 4–5): registered on the
 * shared BullMQ queue, run on demand with an idempotent job id and on a daily
 * schedule made by upsertJobScheduler (one schedule however many workers
 * upsert it), with progress, raising alarms with evidence.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { listAlarms } from '../../analytics/alarms.ts';
import { plantedCourts } from '../../actors/court/simulator/manipulate.ts';
import type { EventRow } from '../../actors/court/simulator/journal.ts';
import { CentralJobs } from '../../actors/central/jobs/index.ts';
import { DETECTORS_SCHEDULE, detectorRunOf, registerDetectorJob } from '../../actors/central/detectors/index.ts';
import { cleanup, startRedis, tempDir, type RedisHandle } from '../support/servers.ts';

const test = suite('detectors as a central job');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
let engine: AnalyticsEngine;
let redis: RedisHandle;
const workers: CentralJobs[] = [];

test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-detjob-'), 'analytics') });
  redis = await startRedis();
  await plantedCourts({ first: 811, courts: 1, seed: 5, from: '2025-05-01', days: 92, warmUpDays: 31, casesPerDay: 8, scenario: 'draw-frequency' }, (rows: EventRow[]) => engine.insert('events', rows));
});
test.after(async () => {
  for (const w of workers) await w.stop();
  await engine.close();
  await cleanup();
});

function worker(node: string): CentralJobs {
  const jobs = new CentralJobs({ redisUrl: redis.url, node, log: silent });
  registerDetectorJob(jobs, () => engine, node);
  workers.push(jobs);
  return jobs.start();
}

test('a run by job id: progress to 100, the planted pattern alarmed with evidence; the same id again runs nothing', async () => {
  const jobs = worker('central-1');
  const id = 'detectors:811:2025-06';
  await jobs.add('asds-scheduled', 'detectors', { from: '2025-06-01', to: '2025-07-31', court: '811' }, id);
  const end = Date.now() + 120_000;
  let job = await jobs.job('asds-scheduled', id);
  while (!(await job?.isCompleted())) {
    if ((await job?.isFailed()) || Date.now() > end) throw new Error(`detector job did not complete: ${job?.failedReason}`);
    await new Promise((r) => setTimeout(r, 200));
    job = await jobs.job('asds-scheduled', id);
  }
  assert.is(job!.progress, 100);
  const alarms = await listAlarms(engine, { court: '811', kind: 'detector:' });
  assert.ok(alarms.some((a) => a.kind === 'detector:draw-frequency'), `alarms: ${alarms.map((a) => a.kind)}`);
  const first = job!.finishedOn;
  await jobs.add('asds-scheduled', 'detectors', { from: '2025-06-01', to: '2025-07-31', court: '811' }, id);
  assert.is((await jobs.job('asds-scheduled', id))!.finishedOn, first, 'the same job, not a second run');
});

test('a court whose replicated data a detector cannot read is named in a detector:failed alarm; the other courts are still examined', async () => {
  // a draw without its protocol, as a broken or hostile court could send it
  const draw = { court: '899', seq: 1, actor: 'distribution/899', kind: 'distribution', aseq: 1, type: 'case-distributed', ts: Date.parse('2025-06-10T09:00:00Z'), author: 'system:test', hash: 'a'.repeat(64), prev_hash: '0'.repeat(64), redacted: [], payload: JSON.stringify({ document: { kind: 'distribution', date: '2025-06-10' } }), ingested_at: Date.now() };
  await engine.insert('events', [draw]);
  const before = (await listAlarms(engine, { court: '811', kind: 'detector:' })).length;
  const jobs = workers[0]!;
  const id = 'detectors:all:2025-06-broken';
  await jobs.add('asds-scheduled', 'detectors', { from: '2025-06-01', to: '2025-07-31' }, id);
  const end = Date.now() + 120_000;
  while (!(await (await jobs.job('asds-scheduled', id))?.isCompleted())) {
    if (Date.now() > end) throw new Error('detector job did not complete');
    await new Promise((r) => setTimeout(r, 200));
  }
  const failed = await listAlarms(engine, { court: '899', kind: 'detector:failed' });
  assert.ok(failed.length > 0, 'the court with unreadable data is named');
  assert.match(failed[0]!.summary, /не зміг перевірити дані суду/);
  assert.ok((await listAlarms(engine, { court: '811', kind: 'detector:' })).length >= before, 'court 811 still examined');
});

test('the daily schedule: upserted by two workers, one scheduler with the nightly pattern; its data is a window ending today', async () => {
  const a = workers[0]!;
  const b = worker('central-2');
  await a.schedule(DETECTORS_SCHEDULE);
  await b.schedule(DETECTORS_SCHEDULE);
  const schedulers = await a.queue('asds-scheduled').getJobSchedulers();
  const mine = schedulers.filter((s) => s.key === DETECTORS_SCHEDULE.id || s.id === DETECTORS_SCHEDULE.id);
  assert.is(mine.length, 1);
  assert.is(mine[0]!.pattern, '30 1 * * *');
  const run = detectorRunOf({ windowDays: 35 }, Date.parse('2026-12-06T10:00:00Z'));
  assert.equal(run, { from: '2026-11-01', to: '2026-12-06' });
});

test.run();
