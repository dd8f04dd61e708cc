/**
 * The central job queues as the console's jobs page shows them (issue 16): counts per state and the recent jobs of
 * each queue (actors/central/jobs/queues.ts), read-only — the same Queue objects as Bull Board, which only read.
 */
import type { Job, Queue } from 'bullmq';
import { JOB_STATES, type JobRowV1, type JobStateV1, type JobsReplyV1, type QueueViewV1 } from '../../../contracts/central/console.ts';
import type { QueueName } from '../jobs/queues.ts';

/** What each queue is, for people. */
export const QUEUE_TITLES: Record<QueueName, string> = {
  'asds-pulls': 'Запити баз даних судів (Засади 18.3)',
  'asds-scheduled': 'Планові завдання (детектори, звіти, строки)',
  'asds-archive': 'Передача архівних пакетів (Засади 17.1)',
};

const row = (job: Job, state: JobStateV1): JobRowV1 => ({
  id: String(job.id),
  name: job.name,
  state,
  progress: job.progress ?? 0,
  attemptsMade: job.attemptsMade ?? 0,
  createdAt: job.timestamp,
  startedAt: job.processedOn ?? null,
  finishedAt: job.finishedOn ?? null,
  failedReason: job.failedReason ? job.failedReason : null,
});

export async function queueView(queue: Queue, limit: number): Promise<QueueViewV1> {
  const byId = new Map<string, JobRowV1>();
  // one call per state: a Job does not carry its state, and asking each job for it is a round trip per job.
  // A job that moves on between two calls (active → failed) is listed twice: the later list (a later state in
  // JOB_STATES order) is the one that stands
  for (const state of JOB_STATES) {
    for (const job of await queue.getJobs([state], 0, limit - 1)) if (job) byId.set(String(job.id), row(job, state));
  }
  const jobs = [...byId.values()];
  // counted after the lists: a job listed as failed or completed (final states) is then in the counts too
  const counts = (await queue.getJobCounts(...JOB_STATES)) as Record<JobStateV1, number>;
  jobs.sort((a, b) => (b.startedAt ?? b.createdAt) - (a.startedAt ?? a.createdAt));
  return {
    name: queue.name,
    title: QUEUE_TITLES[queue.name as QueueName] ?? queue.name,
    counts: Object.fromEntries(JOB_STATES.map((s) => [s, counts[s] ?? 0])) as Record<JobStateV1, number>,
    jobs: jobs.slice(0, limit),
  };
}

export async function jobsView(queues: readonly Queue[], limit: number): Promise<JobsReplyV1> {
  return { queues: await Promise.all(queues.map((q) => queueView(q, limit))) };
}
