/**
 * The central queues and their job defaults. Any number of central workers
 * consume the same queues: Redis hands each job to one of them, and a worker
 * that dies mid-job loses its lock, so the job goes back to the queue
 * ("stalled") and another worker reruns it. Processors are therefore written
 * to resume (from `job.progress` and their own durable state) and to have no
 * double effect.
 */
import type { JobsOptions } from 'bullmq';

export interface QueueSpec {
  /** Jobs of this queue one worker runs at once. */
  concurrency: number;
  /**
   * How long a job's lock lasts without renewal. A pull's verification walks a court's whole database on the
   * worker's thread (≈ 50 s for 1 M events), during which the lock cannot be renewed: shorter and the job would be
   * taken as stalled and run twice. A worker killed mid-job is noticed after this long.
   */
  lockDurationMs: number;
}

/**
 * - `asds-pulls`: database pulls (Засади 18.3) — long transfers and verification; two at a time per worker.
 * - `asds-scheduled`: short periodic work (overdue-pull sweep, retention, detector runs), one at a time.
 * - `asds-archive`: archival package transfers (Засади 17.1; actors/central/archive) — fetch, validate, store; two at
 *   a time per worker. Validation hashes the package in async reads, so the lock is renewed meanwhile.
 */
export const QUEUES = {
  'asds-pulls': { concurrency: 2, lockDurationMs: 10 * 60_000 },
  'asds-scheduled': { concurrency: 1, lockDurationMs: 5 * 60_000 },
  'asds-archive': { concurrency: 2, lockDurationMs: 2 * 60_000 },
} as const satisfies Record<string, QueueSpec>;

export type QueueName = keyof typeof QUEUES;

/**
 * Defaults of every job (BullMQ `defaultJobOptions`):
 * - 8 attempts with exponential backoff from 5 s (5, 10, 20 … ≈ 10 min in all): a court offline for a few minutes
 *   is waited for, then the job fails visibly. A job with a deadline (a pull) is re-delayed without spending an
 *   attempt until its deadline (until-deadline.ts); these attempts count only after it;
 * - completed jobs kept 7 days (at most 1000), failed ones 30 days — the outcome lives in the central database,
 *   Redis only holds the work.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export interface WorkerTiming {
  /** A job's lock lasts this long and is renewed at half of it; a killed worker's job is free after it. Default 30 s. */
  lockDurationMs?: number;
  /** How often a worker looks for jobs whose lock expired (stalled) and puts them back. Default 30 s. */
  stalledIntervalMs?: number;
  /** Stalls (worker deaths) a job survives before it fails. Default 3. */
  maxStalledCount?: number;
}

export const DEFAULT_TIMING: Required<WorkerTiming> = { lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 3 };
