/**
 * A resumable job for the jobs tests: N steps, each with an effect (a line in
 * a file) written at most once, progress after each step. A rerun starts from
 * `job.progress` and re-checks the effect of the step it was in — the pattern
 * every central processor follows. Also a child-process entry: `node --import
 * tsx test/support/job-steps.ts <redisUrl> <prefix> <file>` runs a worker and
 * prints `step <k>` as it goes.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Job } from 'bullmq';
import { CentralJobs } from '../../actors/central/jobs/index.ts';

export const STEPS = 12;

export function stepsProcessor(file: string, say: (l: string) => void = () => undefined) {
  return async (job: Job<{ steps: number }>) => {
    const from = typeof job.progress === 'number' ? job.progress : 0;
    say(`start ${from}`);
    appendFileSync(`${file}.starts`, `${from}\n`);
    for (let k = from + 1; k <= job.data.steps; k++) {
      const done = existsSync(file) && readFileSync(file, 'utf8').split('\n').includes(`${job.id} ${k}`);
      if (!done) appendFileSync(file, `${job.id} ${k}\n`);
      await job.updateProgress(k);
      say(`step ${k}`);
      // the work of a step (a chunk transferred…); gives the test time to kill the worker mid-job
      await new Promise((r) => setTimeout(r, 150));
    }
    return { steps: job.data.steps };
  };
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export function stepsWorker(redisUrl: string, prefix: string, file: string, node: string, say?: (l: string) => void): CentralJobs {
  return new CentralJobs({ redisUrl, node, log: silent, prefix, lockDurationMs: 2000, stalledIntervalMs: 1000 })
    .register('asds-pulls', 'steps', stepsProcessor(file, say))
    .start();
}

if (process.argv[1]?.endsWith('job-steps.ts')) {
  const [redisUrl, prefix, file] = process.argv.slice(2) as [string, string, string];
  stepsWorker(redisUrl, prefix, file, 'central-child', (l) => process.stdout.write(l + '\n'));
  process.stdout.write('ready\n');
}
