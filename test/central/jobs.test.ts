import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CentralJobs, nextDelay, untilDeadline } from '../../actors/central/jobs/index.ts';
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

test('a job with a deadline is retried until it, beyond the queue\'s attempts; one past its deadline spends only the attempts', async () => {
  const prefix = 'deadline';
  const calls: Record<string, number> = {};
  const dueAt: Record<string, number> = { ahead: Date.now() + 10 * 60_000, past: Date.now() - 1000 };
  const run = async (job: { id?: string }) => {
    const n = (calls[job.id!] = (calls[job.id!] ?? 0) + 1);
    if (n <= 12) throw new Error(`court offline (${n})`);
    return 'copy received';
  };
  const jobs = new CentralJobs({ redisUrl: redis.url, node: 'central-1', log: silent, prefix })
    .register('asds-pulls', 'pull', untilDeadline(async (job) => dueAt[job.id!], run, { baseMs: 10, capMs: 40 }))
    .start();
  try {
    await jobs.add('asds-pulls', 'pull', {}, 'ahead', { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    await jobs.add('asds-pulls', 'pull', {}, 'past', { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    await until(async () => (await jobs.job('asds-pulls', 'ahead'))?.finishedOn !== undefined, 'the job with its deadline ahead');
    await until(async () => (await jobs.job('asds-pulls', 'past'))?.finishedOn !== undefined, 'the job past its deadline');
    const ahead = (await jobs.job('asds-pulls', 'ahead'))!;
    assert.is(await ahead.getState(), 'completed', '12 failures within the deadline did not fail it (3 attempts)');
    assert.is(ahead.returnvalue, 'copy received');
    assert.is(calls.ahead, 13);
    assert.is(ahead.data.deadlineRetries, 12, 'each re-delay counted in the job');
    const past = (await jobs.job('asds-pulls', 'past'))!;
    assert.is(await past.getState(), 'failed');
    assert.is(calls.past, 3, 'past its deadline only the queue\'s 3 attempts');
  } finally {
    await jobs.stop();
  }
});

test('the re-delay doubles from the base up to the cap and stops short of the deadline', () => {
  const now = 1_000_000;
  const o = { baseMs: 5_000, capMs: 300_000 };
  assert.equal([0, 1, 2, 6, 7, 40].map((n) => nextDelay(now, now + 3_600_000, n, o)), [5_000, 10_000, 20_000, 300_000, 300_000, 300_000]);
  assert.is(nextDelay(now, now + 9_000, 1, o), undefined, 'a retry in 10 s would land past a deadline 9 s away');
  assert.is(nextDelay(now, now + 10_001, 1, o), 10_000);
});

test('a bad --redis URL is refused with a clear message', () => {
  assert.throws(() => new CentralJobs({ redisUrl: 'localhost:6379', node: 'c', log: silent }), /redis:\/\//);
});

test.run();
