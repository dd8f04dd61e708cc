/**
 * A court that stops sealing checkpoints (issue 11: the witness must notice
 * silence, not only contradictions). A court seals its head every few minutes
 * while it writes (actors/court/checkpoint); a court whose events keep
 * arriving but whose head nobody sealed for `silenceMs` is alarmed
 * `checkpoint-missing` — an insider who switched the checkpointer off before
 * editing the journal is seen before the next database pull.
 *
 *   registerSilenceJob(jobs, () => engine, 'central-1');
 *   await jobs.schedule(SILENCE_SCHEDULE);
 *
 * Only courts that have sealed at least one checkpoint are judged: a court
 * that never did runs software without checkpoints (or is simulated data),
 * and stopping is what this looks for. One alarm per silence: its key is the
 * last checkpoint, so the next sweeps do not multiply it and a new silence
 * after a new checkpoint is a new alarm.
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { raiseAlarms, type NewAlarm } from '../../../analytics/alarms.ts';
import { durationUk, kyivTime } from '../../../analytics/format-uk.ts';
import { createLogger } from '../../../runtime/index.ts';
import type { CentralJobs, Schedule } from '../jobs/index.ts';

/** Six checkpoint intervals of the default 5 minutes: a court that writes and seals nothing for 30 min is silent. */
export const DEFAULT_SILENCE_MS = 30 * 60_000;

/** Looked at every 5 minutes on the shared queue (one schedule however many workers upsert it). */
export const SILENCE_SCHEDULE: Schedule = { id: 'checkpoint-silence', queue: 'asds-scheduled', name: 'checkpoint-silence', everyMs: 5 * 60_000 };

export interface SilentCourt {
  court: string;
  /** The last sealed checkpoint the centre holds. */
  lastCheckpoint: { id: string; gseq: number; receivedAt: number };
  /** The highest event held, above the last checkpoint. */
  heldHead: number;
  /** When the first event not covered by any checkpoint arrived. */
  uncoveredSince: number;
}

export async function silentCourts(engine: AnalyticsEngine, now: number, silenceMs = DEFAULT_SILENCE_MS): Promise<SilentCourt[]> {
  const rows = await engine.query<Record<string, unknown>>(
    `SELECT c.court AS court, c.last_id AS last_id, c.last_gseq AS last_gseq, c.last_received AS last_received,
            max(e.seq) AS held_head, min(e.ingested_at) AS uncovered_since
     FROM (SELECT court, max(gseq) AS last_gseq, argMax(id, gseq) AS last_id, max(received_at) AS last_received FROM checkpoints GROUP BY court) AS c
     INNER JOIN events AS e ON e.court = c.court
     WHERE e.seq > c.last_gseq
     GROUP BY c.court, c.last_id, c.last_gseq, c.last_received
     HAVING uncovered_since < {before:Int64}
     ORDER BY court`,
    { before: now - silenceMs },
  );
  return rows.map((r) => ({
    court: String(r.court),
    lastCheckpoint: { id: String(r.last_id), gseq: Number(r.last_gseq), receivedAt: Number(r.last_received) },
    heldHead: Number(r.held_head),
    uncoveredSince: Number(r.uncovered_since),
  }));
}

export function silenceAlarm(s: SilentCourt, now: number): NewAlarm {
  return {
    court: s.court,
    kind: 'checkpoint-missing',
    key: `after:${s.lastCheckpoint.id}`,
    summary:
      `Суд ${s.court} не засвідчує свій журнал: остання контрольна точка — подія ${s.lastCheckpoint.gseq} ` +
      `(${kyivTime(s.lastCheckpoint.receivedAt)}), відтоді надійшли події до ${s.heldHead}, перша з них ${durationUk(now - s.uncoveredSince)} тому`,
    evidence: { lastCheckpoint: s.lastCheckpoint, heldHead: s.heldHead, uncoveredSince: s.uncoveredSince },
    at: now,
  };
}

export async function sweepSilence(engine: AnalyticsEngine, node: string, now = Date.now(), silenceMs = DEFAULT_SILENCE_MS): Promise<{ silent: string[] }> {
  const silent = await silentCourts(engine, now, silenceMs);
  await raiseAlarms(engine, silent.map((s) => silenceAlarm(s, now)), node);
  return { silent: silent.map((s) => s.court) };
}

export function registerSilenceJob(jobs: CentralJobs, engine: () => AnalyticsEngine, node: string, silenceMs = DEFAULT_SILENCE_MS): void {
  const log = createLogger(`witness:${node}`);
  jobs.register('asds-scheduled', 'checkpoint-silence', async () => {
    const r = await sweepSilence(engine(), node, Date.now(), silenceMs);
    if (r.silent.length > 0) log.warn('checkpoint-missing', { courts: r.silent });
    return r;
  });
}
