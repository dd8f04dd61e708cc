/**
 * The centre's statistics as BullMQ jobs (issue 14 item 9; Засади 16.1.5
 * consolidation "automatically"):
 * - `stats-consolidate` {form, version?, period}: every region, then the nation, stored (consolidate.ts), with
 *   progress 0–100. Job id `stats-consolidate.<form>.v<version>.<from>.<to>` (BullMQ forbids most colons in ids) — the same period asked twice, or by two
 *   workers, is one job; a retry rebuilds the same keys of `stat_reports` (idempotent).
 * - `stats-scheduled` {periodicity}: fired by a scheduler per periodicity (upsertJobScheduler; one schedule
 *   however many workers upsert it); adds a `stats-consolidate` job for the period that has just ended, of
 *   every form with that periodicity, after the region deadline has passed (reports are in by then).
 */
import type { Job } from 'bullmq';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { PeriodV1 } from '../../../contracts/stats/index.ts';
import { addDays } from '../../distribution/index.ts';
import type { CentralJobs, Schedule } from '../jobs/index.ts';
import { consolidateNation } from './consolidate.ts';
import type { StatsContext } from './reports.ts';

export const STATS_QUEUE = 'asds-scheduled' as const;

export interface ConsolidateJob {
  form: string;
  version?: number;
  period: PeriodV1;
}

export const consolidateJobId = (j: ConsolidateJob) => `stats-consolidate.${j.form}.v${j.version ?? 'latest'}.${j.period.from}.${j.period.to}`;

type Periodicity = 'month' | 'quarter' | 'half-year' | 'year';

/** Schedules: on the day after the region deadline's default (the 21st) at 02:00 UTC of the month after each period. */
export const STATS_SCHEDULES: Schedule[] = [
  { id: 'stats-month', queue: STATS_QUEUE, name: 'stats-scheduled', pattern: '0 2 21 * *', data: { periodicity: 'month' } },
  { id: 'stats-quarter', queue: STATS_QUEUE, name: 'stats-scheduled', pattern: '0 2 21 1,4,7,10 *', data: { periodicity: 'quarter' } },
  { id: 'stats-half-year', queue: STATS_QUEUE, name: 'stats-scheduled', pattern: '0 2 21 1,7 *', data: { periodicity: 'half-year' } },
  { id: 'stats-year', queue: STATS_QUEUE, name: 'stats-scheduled', pattern: '0 2 21 1 *', data: { periodicity: 'year' } },
];

/** The period of `kind` that ended most recently before `today` (YYYY-MM-DD). */
export function lastEndedPeriod(kind: Periodicity, today: string): PeriodV1 {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const months = { month: 1, quarter: 3, 'half-year': 6, year: 12 }[kind];
  // first month (0-based, absolute) of the period containing today, then step one period back
  const cur = y * 12 + (m - 1);
  const start = cur - (cur % months) - months;
  const from = `${Math.floor(start / 12)}-${String((start % 12) + 1).padStart(2, '0')}-01`;
  const next = start + months;
  const to = addDays(`${Math.floor(next / 12)}-${String((next % 12) + 1).padStart(2, '0')}-01`, -1);
  return { kind, from, to };
}

export function registerStatsJobs(jobs: CentralJobs, engine: () => AnalyticsEngine, ctx: () => StatsContext, node: string, today: () => string = () => new Date().toISOString().slice(0, 10)): void {
  jobs.register<ConsolidateJob, { regions: number; nation: { cards: number } }>(STATS_QUEUE, 'stats-consolidate', async (job: Job<ConsolidateJob>) => {
    const c = ctx();
    const def = c.forms.get(job.data.form, job.data.version);
    if (!def) throw new Error(`form ${job.data.form} is not known to ${node}`);
    const r = await consolidateNation(engine(), c.config, def, job.data.period, node, (done, total) => job.updateProgress(Math.round((done / total) * 100)));
    return { regions: r.regions.length, nation: { cards: r.nation.cards } };
  });
  jobs.register<{ periodicity: Periodicity }, string[]>(STATS_QUEUE, 'stats-scheduled', async (job) => {
    const added: string[] = [];
    const period = lastEndedPeriod(job.data.periodicity, today());
    for (const def of ctx().forms.all()) {
      if (!def.periods.includes(job.data.periodicity)) continue;
      const data: ConsolidateJob = { form: def.id, version: def.version, period };
      await jobs.add(STATS_QUEUE, 'stats-consolidate', data, consolidateJobId(data));
      added.push(consolidateJobId(data));
    }
    await job.updateProgress(100);
    return added;
  });
}
