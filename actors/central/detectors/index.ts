/**
 * The manipulation detectors (analytics/detectors, issue 11 item 4) as a
 * central job: a daily run over the last weeks of replicated draws, on the
 * shared BullMQ queue (any worker may take it; the schedule is one however
 * many workers upsert it), with progress and the run's result kept by BullMQ.
 *
 *   registerDetectorJob(jobs, () => engine, 'central-1');
 *   await jobs.schedule(DETECTORS_SCHEDULE);
 *   await jobs.add('asds-scheduled', 'detectors', { from: '2026-11-01', to: '2026-11-30' }, 'detectors:2026-11');
 */
import type { Job } from 'bullmq';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { runDetectors } from '../../../analytics/detectors/index.ts';
import type { DetectorRunV1 } from '../../../contracts/detectors/index.ts';
import { createLogger } from '../../../runtime/index.ts';
import type { CentralJobs, Schedule } from '../jobs/index.ts';

/** Days back from today a scheduled run examines: long enough for (c)'s 30 days after a Засади version. Default 35. */
export const DEFAULT_WINDOW_DAYS = 35;

/** Every night at 01:30 UTC (03:30 Kyiv in winter): after the day's replication, before the working day. */
export const DETECTORS_SCHEDULE: Schedule = { id: 'detectors-daily', queue: 'asds-scheduled', name: 'detectors', pattern: '30 1 * * *', data: { windowDays: DEFAULT_WINDOW_DAYS } };

const KYIV_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' });

/** A job's data: an explicit run (from, to…) or a window of days ending today (the schedule's). */
export function detectorRunOf(data: Partial<DetectorRunV1> & { windowDays?: number }, now = Date.now()): DetectorRunV1 {
  if (data.from && data.to) {
    const { windowDays: _w, ...run } = data;
    return run as DetectorRunV1;
  }
  const days = data.windowDays ?? DEFAULT_WINDOW_DAYS;
  return { from: KYIV_DATE.format(now - days * 86_400_000), to: KYIV_DATE.format(now), ...(data.court ? { court: data.court } : {}) };
}

export function registerDetectorJob(jobs: CentralJobs, engine: () => AnalyticsEngine, node: string): void {
  const log = createLogger(`detectors:${node}`);
  jobs.register('asds-scheduled', 'detectors', async (job: Job) => {
    const run = detectorRunOf(job.data as Partial<DetectorRunV1> & { windowDays?: number });
    await job.updateProgress(1);
    const r = await runDetectors(engine(), run, node, log);
    await job.updateProgress(100);
    return r;
  });
}
