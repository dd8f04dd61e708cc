/**
 * A database pull requested by an administrator (CLI over NATS signed by an
 * operator identity, or HTTP): recorded at the centre with who and when, its
 * deadline on the court's calendar, and queued as an idempotent job.
 */
import { randomUUID } from 'node:crypto';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { registryNow, type CourtRegistrySource } from '../../../analytics/court-registry.ts';
import { PullRequestV1 } from '../../../contracts/pull/index.ts';
import { DomainRejected, ValidationFailed, type ActorSystem } from '../../../runtime/index.ts';
import { kyivTime } from '../../../analytics/format-uk.ts';
import { PULL_REGISTER_KIND } from './register.ts';
import type { Calendar } from '../../distribution/index.ts';
import type { CentralJobs } from '../jobs/index.ts';
import { pullDeadline } from './deadline.ts';
import { pullJobId } from './processor.ts';
import { openPullOf, savePull, type PullRecord } from './store.ts';

const check = TypeCompiler.Compile(PullRequestV1);

export interface RequestContext {
  engine: () => AnalyticsEngine;
  /** The central node's actors: the request is journaled in `pull-register/<court>` before anything else (register.ts). */
  system: ActorSystem;
  jobs: CentralJobs;
  registry?: CourtRegistrySource;
  /** The court's working-day calendar; default the Ukrainian one (deadline.ts). */
  calendarOf?: (court: string) => Calendar | undefined;
}

export async function requestPull(ctx: RequestContext, req: unknown, via: string, now = Date.now()): Promise<PullRecord> {
  if (!check.Check(req)) {
    const e = [...check.Errors(req)][0];
    throw new ValidationFailed(`запит бази даних: ${e?.path || '/'} ${e?.message}`);
  }
  const courts = registryNow(ctx.registry);
  if (courts.length > 0 && !courts.some((c) => c.code === req.court)) throw new ValidationFailed(`суд ${req.court} не підключений до АСДС (реєстр судів)`);
  const open = await openPullOf(ctx.engine(), req.court, now);
  if (open) {
    throw new DomainRejected(
      'PULL_ALREADY_OPEN',
      `запит бази даних суду ${req.court} уже виконується: ${open.id}, запитав ${open.requestedBy} ${kyivTime(open.requestedAt)}, строк — ${open.dueDate}; новий запит — після його завершення або спливу строку`,
      { pullId: open.id, dueDate: open.dueDate },
    );
  }
  const { dueAt, dueDate } = pullDeadline(now, ctx.calendarOf?.(req.court));
  const pull: PullRecord = {
    id: randomUUID(),
    court: req.court,
    requestedBy: `${req.by} (${via})`,
    requestedAt: now,
    dueAt,
    dueDate,
    note: req.note ?? '',
    state: 'requested',
    progress: 0,
    detail: '',
    verdict: '',
    completedAt: 0,
    updatedAt: now,
  };
  await ctx.system.ref(PULL_REGISTER_KIND, pull.court).ask(
    { type: 'record-request', pullId: pull.id, requestedBy: pull.requestedBy, requestedAt: pull.requestedAt, dueAt: pull.dueAt, dueDate: pull.dueDate, note: pull.note },
    { meta: { author: pull.requestedBy }, commandId: `request:${pull.id}` },
  );
  await savePull(ctx.engine(), pull);
  await ctx.jobs.add('asds-pulls', 'pull', { pullId: pull.id, court: pull.court }, pullJobId(pull.court, pull.id));
  return pull;
}
