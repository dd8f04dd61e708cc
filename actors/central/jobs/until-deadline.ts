/**
 * Retrying a job until its deadline rather than for a fixed number of attempts.
 *
 * A database pull (Засади 18.3) is due "не пізніше наступного робочого дня": a court
 * offline for a few hours within that day still owes its copy, and the centre should
 * keep asking until the deadline, not give up after the queue's 8 attempts (≈ 10 min).
 * While the deadline is ahead, a failed run is re-delayed (BullMQ `moveToDelayed`,
 * which does not spend an attempt) with a backoff that doubles from `baseMs` up to
 * `capMs`; once a retry would land past the deadline, the error goes to BullMQ's
 * ordinary attempts, then the job fails and the overdue sweep alarms the pull.
 *
 *   jobs.register('asds-pulls', 'pull', untilDeadline(async (job) => dueAtOf(job), run, { log }));
 */
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from '../../../runtime/index.ts';
import type { Processor } from './central-jobs.ts';

export interface UntilDeadlineOptions {
  /** First re-delay, ms. Default 5 s. */
  baseMs?: number;
  /** Longest re-delay, ms. Default 5 min: a court back online is served within 5 minutes. */
  capMs?: number;
  log?: Logger;
}

export const UNTIL_DEADLINE_DEFAULTS = { baseMs: 5_000, capMs: 5 * 60_000 } as const;

/** Re-delays so far, kept in the job's data so they survive a worker's death. */
interface Retried {
  deadlineRetries?: number;
}

/** The delay before retry number `n` (0-based), or undefined when that retry would land at or past `dueAt`. */
export function nextDelay(now: number, dueAt: number, n: number, o: Pick<UntilDeadlineOptions, 'baseMs' | 'capMs'> = {}): number | undefined {
  const base = o.baseMs ?? UNTIL_DEADLINE_DEFAULTS.baseMs;
  const cap = o.capMs ?? UNTIL_DEADLINE_DEFAULTS.capMs;
  const delay = Math.min(cap, base * 2 ** Math.min(n, 30));
  return now + delay < dueAt ? delay : undefined;
}

/**
 * Wrap `run` so a failure before the deadline re-delays the job. `deadlineOf` gives the deadline (epoch ms) or
 * undefined (then the queue's attempts apply). An `UnrecoverableError` is never retried.
 */
export function untilDeadline<D, R>(deadlineOf: (job: Job<D & Retried, R>) => Promise<number | undefined>, run: Processor<D & Retried, R>, o: UntilDeadlineOptions = {}): Processor<D & Retried, R> {
  return async (job, ctx) => {
    try {
      return await run(job, ctx);
    } catch (err) {
      if (err instanceof UnrecoverableError || !ctx.token) throw err;
      const dueAt = await deadlineOf(job);
      const n = job.data.deadlineRetries ?? 0;
      const delay = dueAt === undefined ? undefined : nextDelay(Date.now(), dueAt, n, o);
      if (delay === undefined) throw err;
      await job.updateData({ ...job.data, deadlineRetries: n + 1 });
      o.log?.warn('job-retry-before-deadline', { job: job.id, name: job.name, retry: n + 1, delayMs: delay, dueAt: dueAt, error: (err as Error).message });
      await job.moveToDelayed(Date.now() + delay, ctx.token);
      throw new DelayedError();
    }
  };
}
