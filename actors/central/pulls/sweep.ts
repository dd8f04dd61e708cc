/**
 * The periodic `pulls-sweep` job (queue asds-scheduled): pulls past their
 * deadline and not done raise a 'pull-overdue' alarm (Засади 18.3 — one alarm
 * per pull, stable id, so a sweep every few minutes does not multiply it), and
 * verified copies older than the retention are removed.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { raiseAlarms, type NewAlarm } from '../../../analytics/alarms.ts';
import type { ActorSystem } from '../../../runtime/index.ts';
import { PULL_REGISTER_KIND } from './register.ts';
import type { Logger } from '../../../runtime/index.ts';
import { getPull, listPulls, type PullRecord } from './store.ts';

/** Verified copies are kept 90 days by default: long enough for an inquiry to ask for the file itself. */
export const DEFAULT_RETENTION_DAYS = 90;
/** The sweep runs every 5 minutes: an overdue pull is alarmed within 5 minutes of its deadline. */
export const SWEEP_EVERY_MS = 5 * 60_000;

const TIME = new Intl.DateTimeFormat('uk-UA', { timeZone: 'Europe/Kyiv', dateStyle: 'long', timeStyle: 'short' });

export function overdueAlarm(p: PullRecord, now: number): NewAlarm {
  return {
    court: p.court,
    kind: 'pull-overdue',
    key: `pull:${p.id}`,
    summary: `Суд ${p.court} не надіслав базу даних у строк (Засади, п. 18.3): запит ${p.id} від ${TIME.format(p.requestedAt)} (${p.requestedBy}), строк — до кінця ${p.dueDate}`,
    evidence: { pullId: p.id, requestedBy: p.requestedBy, requestedAt: p.requestedAt, dueAt: p.dueAt, dueDate: p.dueDate, state: p.state, progress: p.progress },
    at: now,
  };
}

export async function sweepPulls(o: { engine: AnalyticsEngine; system?: ActorSystem; node: string; dir: string; retentionDays?: number; log: Logger; now?: number }): Promise<{ overdue: string[]; removed: string[] }> {
  const now = o.now ?? Date.now();
  const overdue = await listPulls(o.engine, { overdueAt: now });
  for (const p of overdue) o.log.warn('pull-overdue', { pull: p.id, court: p.court, dueAt: p.dueAt, state: p.state });
  await raiseAlarms(o.engine, overdue.map((p) => overdueAlarm(p, now)), o.node);
  for (const p of overdue) {
    // journaled once per pull (the actor ignores a repeat): the centre's own record that the court missed 18.3's term
    await o.system
      ?.ref(PULL_REGISTER_KIND, p.court)
      .ask({ type: 'record-overdue', pullId: p.id, dueAt: p.dueAt }, { meta: { author: `system:${o.node}` } })
      .catch((e: unknown) => o.log.error('pull-overdue-not-journaled', { pull: p.id, error: String(e) }));
  }
  const removed: string[] = [];
  const keepAfter = now - (o.retentionDays ?? DEFAULT_RETENTION_DAYS) * 86_400_000;
  if (existsSync(o.dir)) {
    for (const court of readdirSync(o.dir)) {
      for (const id of readdirSync(join(o.dir, court))) {
        const p = await getPull(o.engine, id);
        if (p?.state === 'done' && p.completedAt < keepAfter) {
          rmSync(join(o.dir, court, id), { recursive: true, force: true });
          removed.push(id);
        }
      }
    }
  }
  return { overdue: overdue.map((p) => p.id), removed };
}
