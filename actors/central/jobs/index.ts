/**
 * Central jobs on BullMQ (issue 11 item 5): queues in Redis shared by any
 * number of central workers, idempotent job ids, progress, retries with
 * exponential backoff, schedules by `upsertJobScheduler`.
 *
 *   const jobs = new CentralJobs({ redisUrl: 'redis://127.0.0.1:6379', node: 'central-1', log });
 *   jobs.register('asds-scheduled', 'detectors', async (job) => runDetectors(engine, job.data));
 *   jobs.start();
 *   await jobs.schedule({ id: 'detectors-daily', queue: 'asds-scheduled', name: 'detectors', pattern: '0 2 * * *' });
 *   await jobs.add('asds-pulls', 'pull', { pullId }, `pull:537:${pullId}`);   // same id twice = one job
 *
 * Redis runs with append-only persistence and `noeviction` (deploy/redis/redis.conf).
 */
export { CentralJobs, type CentralJobsOptions, type Processor, type Schedule } from './central-jobs.ts';
export { untilDeadline, nextDelay, UNTIL_DEADLINE_DEFAULTS, type UntilDeadlineOptions } from './until-deadline.ts';
export { QUEUES, DEFAULT_JOB_OPTIONS, DEFAULT_TIMING, type QueueName, type WorkerTiming } from './queues.ts';
export { redisConnection, REDIS_PASSWORD_ENV } from './connection.ts';
