/**
 * `asds stats consolidate --form <id> --from <date> --to <date> [--kind year] [--version <n>] --redis <url> [--no-wait]`:
 * asks the central workers (BullMQ, actors/central/stats/jobs.ts) for the national consolidation of a form and
 * period (Засади 16.1.5) and shows the job's progress as a bar until it is done. Asking again for the same
 * form and period is the same job (idempotent id).
 */
import { CliError, options } from './util.ts';
import { CentralJobs } from '../../actors/central/jobs/index.ts';
import { consolidateJobId, STATS_QUEUE, type ConsolidateJob } from '../../actors/central/stats/jobs.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export async function statsConsolidate(argv: string[]): Promise<number> {
  const o = options(argv, { form: { type: 'string' }, version: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string' }, redis: { type: 'string' }, 'no-wait': { type: 'boolean' }, prefix: { type: 'string' } }, ['form', 'from', 'to', 'redis']);
  const data: ConsolidateJob = { form: o.form as string, ...(o.version ? { version: Number(o.version) } : {}), period: { kind: ((o.kind as string | undefined) ?? 'any') as ConsolidateJob['period']['kind'], from: o.from as string, to: o.to as string } };
  const jobs = new CentralJobs({ redisUrl: o.redis as string, node: 'cli', log: quiet, ...(o.prefix ? { prefix: o.prefix as string } : {}) });
  try {
    const id = consolidateJobId(data);
    await jobs.add(STATS_QUEUE, 'stats-consolidate', data, id);
    process.stdout.write(`Завдання ${id}\n`);
    if (o['no-wait']) return 0;
    return await watch(jobs, id);
  } finally {
    await jobs.stop();
  }
}

/** Poll the job, drawing a progress bar (one line per change when stdout is not a terminal). */
async function watch(jobs: CentralJobs, id: string): Promise<number> {
  const tty = process.stdout.isTTY === true;
  let last = -1;
  for (;;) {
    const job = await jobs.job(STATS_QUEUE, id);
    if (!job) throw new CliError(`завдання ${id} зникло з черги`, 1);
    const pct = typeof job.progress === 'number' ? job.progress : 0;
    if (pct !== last) {
      const bar = '#'.repeat(Math.floor(pct / 5)).padEnd(20, '-');
      process.stdout.write(`${tty ? '\r' : ''}[${bar}] ${String(pct).padStart(3)} %${tty ? '' : '\n'}`);
      last = pct;
    }
    if (await job.isCompleted()) {
      process.stdout.write(`${tty ? '\n' : ''}Зведення готове.\n`);
      return 0;
    }
    if (await job.isFailed()) {
      process.stdout.write(`${tty ? '\n' : ''}`);
      throw new CliError(`зведення не вдалося: ${job.failedReason}`, 1);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
