import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CentralJobs } from '../../actors/central/jobs/index.ts';
import { cleanup, startRedis, tempDir, type RedisHandle } from '../support/servers.ts';
import { startNodeProcess } from '../support/processes.ts';
import { STEPS, stepsWorker } from '../support/job-steps.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
let redis: RedisHandle;

async function until(fn: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test.after(async () => {
  await cleanup();
});

test('a worker SIGKILLed mid-job: another worker resumes the job from its progress, every effect exactly once', async () => {
  redis = await startRedis();
  const dir = tempDir();
  const file = join(dir, 'effects');
  const prefix = 'kill';
  const client = new CentralJobs({ redisUrl: redis.url, node: 'central-test', log: silent, prefix });
  await client.add('asds-pulls', 'steps', { steps: STEPS }, 'steps:537:a');
  // the same id again adds nothing
  await client.add('asds-pulls', 'steps', { steps: STEPS }, 'steps:537:a');
  assert.is(await client.queue('asds-pulls').count(), 1, 'one job for one id');
  const child = startNodeProcess('test/support/job-steps.ts', [redis.url, prefix, file]);
  await child.waitFor(/^step 4$/, 60_000);
  await child.kill('SIGKILL');
  const survivor = stepsWorker(redis.url, prefix, file, 'central-2');
  try {
    await until(async () => (await client.job('asds-pulls', 'steps:537:a'))?.finishedOn !== undefined, 'the job to finish on the other worker');
    const job = (await client.job('asds-pulls', 'steps:537:a'))!;
    assert.is(await job.getState(), 'completed');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines, Array.from({ length: STEPS }, (_, i) => `steps:537:a ${i + 1}`), 'each step once, in order');
    const starts = readFileSync(`${file}.starts`, 'utf8').trim().split('\n').map(Number);
    assert.is(starts.length, 2, 'ran twice: killed, then rerun');
    assert.is(starts[0], 0);
    assert.ok(starts[1]! >= 4, `the rerun resumed from the progress (${starts[1]}), not from 0`);
  } finally {
    await survivor.stop();
    await client.stop();
  }
});

test('retries with exponential backoff; a schedule upserted by two workers is one schedule and runs', async () => {
  const prefix = 'retry';
  let calls = 0;
  const ran: number[] = [];
  const jobs = new CentralJobs({ redisUrl: redis.url, node: 'central-1', log: silent, prefix })
    .register('asds-pulls', 'flaky', async () => {
      calls++;
      if (calls < 3) throw new Error(`court offline (${calls})`);
      return 'ok';
    })
    .register('asds-scheduled', 'tick', async () => {
      ran.push(Date.now());
    })
    .start();
  const other = new CentralJobs({ redisUrl: redis.url, node: 'central-2', log: silent, prefix });
  try {
    await jobs.add('asds-pulls', 'flaky', {}, 'flaky:1:x', { backoff: { type: 'exponential', delay: 100 } });
    await until(async () => (await jobs.job('asds-pulls', 'flaky:1:x'))?.finishedOn !== undefined, 'the flaky job');
    const job = (await jobs.job('asds-pulls', 'flaky:1:x'))!;
    assert.is(job.returnvalue, 'ok');
    assert.is(job.attemptsMade, 3, 'two failures retried, the third attempt succeeded');
    assert.ok(job.finishedOn! - job.timestamp >= 300, 'backoff 100 ms then 200 ms (exponential) was waited');
    const s = { id: 'tick-every', queue: 'asds-scheduled' as const, name: 'tick', everyMs: 300 };
    await jobs.schedule(s);
    await other.schedule(s);
    assert.is((await jobs.queue('asds-scheduled').getJobSchedulers()).length, 1, 'one schedule');
    await until(async () => ran.length >= 2, 'two scheduled runs');
  } finally {
    await other.stop();
    await jobs.stop();
  }
});

test('a bad --redis URL is refused with a clear message', () => {
  assert.throws(() => new CentralJobs({ redisUrl: 'localhost:6379', node: 'c', log: silent }), /redis:\/\//);
});

test.run();
