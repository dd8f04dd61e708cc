/**
 * One central worker's share of the job queues: processors registered by job
 * name (pulls, the overdue sweep, the detectors run…), one BullMQ worker per
 * queue that has processors, and the schedules. Schedules use only
 * `upsertJobScheduler` (BullMQ 6 ignores the old `repeat` job option): every
 * worker upserts the same scheduler id at start, which leaves one schedule.
 */
import { Queue, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../../../runtime/index.ts';
import { redisConnection } from './connection.ts';
import { DEFAULT_JOB_OPTIONS, DEFAULT_TIMING, QUEUES, type QueueName, type WorkerTiming } from './queues.ts';

/** What a processor gets: the job (data, `updateProgress`, `log`) and the worker's name. */
/** `token`: the worker's lock token for this run (BullMQ), needed to re-delay the job (until-deadline.ts). */
export type Processor<D = any, R = unknown> = (job: Job<D, R>, ctx: { node: string; token?: string }) => Promise<R>;

export interface CentralJobsOptions extends WorkerTiming {
  /** `--redis` URL of the central worker (connection.ts). */
  redisUrl: string;
  /** This worker's name (`central-1`), for logs and job results. */
  node: string;
  log: Logger;
  /** Key prefix in Redis (tests isolate themselves with one). Default `asds`. */
  prefix?: string;
}

export interface Schedule {
  /** Stable id: the same id upserted by every worker is one schedule. */
  id: string;
  queue: QueueName;
  /** Job name (a processor must be registered for it on some worker). */
  name: string;
  /** Every this many ms, or a cron `pattern` (UTC). */
  everyMs?: number;
  pattern?: string;
  data?: unknown;
}

export class CentralJobs {
  private readonly connection: Redis;
  /** Every client this worker opened: BullMQ does not close a client it was given. */
  private readonly clients: Redis[] = [];
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly processors = new Map<QueueName, Map<string, Processor>>();
  private readonly timing: Required<WorkerTiming>;

  constructor(private readonly opts: CentralJobsOptions) {
    this.connection = this.client(redisConnection(opts.redisUrl));
    this.timing = {
      lockDurationMs: opts.lockDurationMs ?? DEFAULT_TIMING.lockDurationMs,
      stalledIntervalMs: opts.stalledIntervalMs ?? DEFAULT_TIMING.stalledIntervalMs,
      maxStalledCount: opts.maxStalledCount ?? DEFAULT_TIMING.maxStalledCount,
    };
  }

  private client(c: Redis): Redis {
    c.on('error', (e) => this.opts.log.warn('redis-error', { error: String(e) }));
    this.clients.push(c);
    return c;
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.opts.prefix ?? 'asds', defaultJobOptions: DEFAULT_JOB_OPTIONS });
      this.queues.set(name, q);
    }
    return q;
  }

  /** Run jobs named `name` of `queue` on this worker (before `start`): pulls, the pull sweep, the detectors run. */
  register<D, R>(queue: QueueName, name: string, processor: Processor<D, R>): this {
    if (this.workers.length > 0) throw new Error('register processors before start()');
    if (!this.processors.has(queue)) this.processors.set(queue, new Map());
    this.processors.get(queue)!.set(name, processor as Processor);
    return this;
  }

  /**
   * Add a job. `jobId` makes it idempotent: adding an id that exists (waiting, running or kept after completion)
   * adds nothing and returns the existing job.
   */
  async add<D>(queue: QueueName, name: string, data: D, jobId: string, opts: JobsOptions = {}): Promise<Job<D>> {
    return (await this.queue(queue).add(name, data, { ...opts, jobId })) as Job<D>;
  }

  async job(queue: QueueName, jobId: string): Promise<Job | undefined> {
    return (await this.queue(queue).getJob(jobId)) ?? undefined;
  }

  /** Create or update a schedule (idempotent per id). */
  async schedule(s: Schedule): Promise<void> {
    if ((s.everyMs === undefined) === (s.pattern === undefined)) throw new Error(`schedule ${s.id}: give everyMs or pattern`);
    await this.queue(s.queue).upsertJobScheduler(s.id, s.everyMs !== undefined ? { every: s.everyMs } : { pattern: s.pattern!, tz: 'UTC' }, {
      name: s.name,
      data: s.data ?? {},
    });
  }

  /** Start one BullMQ worker per queue with processors. */
  start(): this {
    for (const [queue, procs] of this.processors) {
      const w = new Worker(queue, (job, token) => this.run(queue, procs, job, token), {
        connection: this.client(this.connection.duplicate()),
        prefix: this.opts.prefix ?? 'asds',
        concurrency: QUEUES[queue].concurrency,
        lockDuration: this.opts.lockDurationMs ?? QUEUES[queue].lockDurationMs,
        stalledInterval: this.timing.stalledIntervalMs,
        maxStalledCount: this.timing.maxStalledCount,
      });
      w.on('failed', (job, err) => this.opts.log.warn('job-failed', { queue, job: job?.id, name: job?.name, attempt: job?.attemptsMade, error: err.message }));
      w.on('error', (err) => this.opts.log.warn('job-worker-error', { queue, error: err.message }));
      this.workers.push(w);
    }
    return this;
  }

  private async run(queue: QueueName, procs: Map<string, Processor>, job: Job, token: string | undefined): Promise<unknown> {
    const p = procs.get(job.name);
    // a job no processor knows would be retried forever by every worker: fail it at once
    if (!p) throw new UnrecoverableError(`no processor for job "${job.name}" in ${queue} on ${this.opts.node}`);
    this.opts.log.info('job-started', { queue, job: job.id, name: job.name, attempt: job.attemptsMade + 1 });
    return p(job, token === undefined ? { node: this.opts.node } : { node: this.opts.node, token });
  }

  async stop(): Promise<void> {
    // a running job gets a few seconds to finish; a long one (a pull) is left to its lock: another worker resumes it
    await Promise.all(this.workers.map((w) => Promise.race([w.close(), new Promise((r) => setTimeout(r, 5000).unref()).then(() => w.close(true))])));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    for (const c of this.clients) c.disconnect();
  }
}
