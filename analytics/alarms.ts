/**
 * Integrity alarms (issue 11 item 6): the centre's findings against a court,
 * each with the evidence a person needs to check it (events, hashes,
 * protocols, dates). Raised by verified ingest, checkpoints, database pulls
 * and the manipulation detectors; listed by `asds central integrity` and
 * `GET /integrity/alarms`.
 *
 *   await raiseAlarm(engine, { court: '537', kind: 'conflicting-version', key: 'seq:1204',
 *     summary: 'Подія 1204 надійшла у двох різних версіях', evidence: { seq: 1204, held, received } }, 'central-1');
 *   const open = await listAlarms(engine, { unacknowledged: true });
 *
 * A finding has a stable id — H(kind ‖ court ‖ key) — so raising it again
 * (another worker, a redelivery, the next detector run) adds a row with the
 * same id and the listing shows one alarm with the first time it was seen and
 * its evidence then, plus the latest evidence when it changed. An
 * acknowledgement covers what was seen when it was made: a finding raised
 * after it with different evidence (it grew — another re-filing, another late
 * absence) re-opens the alarm; raised again unchanged, it stays acknowledged.
 */
import { createHash } from 'node:crypto';
import type { AnalyticsEngine } from './engine.ts';

/** What kind of finding; the prefix `detector:` for the manipulation detectors (item 4). */
export type AlarmKind =
  | 'chain-break'
  | 'hash-mismatch'
  | 'conflicting-version'
  | 'above-head'
  | 'unknown-court'
  | 'checkpoint-contradiction'
  | 'checkpoint-bad-seal'
  | 'checkpoint-missing'
  | 'pull-difference'
  | 'pull-overdue'
  | 'pull-bad-manifest'
  | 'stats-difference'
  | `detector:${string}`;

export interface NewAlarm {
  court: string;
  kind: AlarmKind;
  /** What identifies this finding within (kind, court): e.g. `seq:1204`, `protocol:537/2026/15`. */
  key: string;
  /** One sentence in Ukrainian for the administrator. */
  summary: string;
  /** Everything needed to check the finding: seqs, hashes (held and received), protocol ids, dates. */
  evidence: Record<string, unknown>;
  /** When the finding was made (epoch ms); default now. */
  at?: number;
}

export interface Alarm {
  id: string;
  court: string;
  kind: AlarmKind;
  summary: string;
  evidence: Record<string, unknown>;
  firstSeen: number;
  raisedBy: string;
  /** When it was last raised (the centre's clock). */
  lastRaised: number;
  /** The latest summary and evidence, when they differ from the first. */
  latest: { summary: string; evidence: Record<string, unknown> } | null;
  acknowledged: { by: string; at: number; note: string } | null;
  /** Acknowledged, then raised again with different evidence: open again. */
  reopened: boolean;
}

export interface AlarmFilter {
  court?: string;
  /** Exact kind, or a prefix ending in `:` (e.g. `detector:`). */
  kind?: string;
  /** Only alarms nobody acknowledged, or re-opened since. */
  unacknowledged?: boolean;
  limit?: number;
}

export function alarmId(kind: string, court: string, key: string): string {
  return createHash('sha256').update(JSON.stringify([kind, court, key])).digest('hex').slice(0, 32);
}

/** Record findings (idempotent per id). `raisedBy`: the central worker's node name. */
export async function raiseAlarms(engine: AnalyticsEngine, alarms: readonly NewAlarm[], raisedBy: string): Promise<string[]> {
  if (alarms.length === 0) return [];
  const now = Date.now();
  const rows = alarms.map((a) => ({
    id: alarmId(a.kind, a.court, a.key),
    court: a.court,
    kind: a.kind,
    summary: a.summary,
    evidence: JSON.stringify(a.evidence),
    first_seen: a.at ?? now,
    raised_by: raisedBy,
    raised_at: now,
  }));
  await engine.insert('integrity_alarms', rows);
  return rows.map((r) => r.id);
}

export function raiseAlarm(engine: AnalyticsEngine, alarm: NewAlarm, raisedBy: string): Promise<string[]> {
  return raiseAlarms(engine, [alarm], raisedBy);
}

/** Alarms, newest first, one row per id with the first time it was seen and its acknowledgement if any. */
export async function listAlarms(engine: AnalyticsEngine, f: AlarmFilter = {}): Promise<Alarm[]> {
  const kindPrefix = f.kind?.endsWith(':') ? f.kind : '';
  const rows = await engine.query<Record<string, unknown>>(
    `SELECT a.id AS id, a.a_court AS court, a.a_kind AS kind, a.a_summary AS summary, a.a_evidence AS evidence,
            a.a_first AS first_seen, a.a_by AS raised_by, a.a_last AS last_raised, a.a_latest_summary AS latest_summary,
            a.a_latest_evidence AS latest_evidence, k.k_by AS ack_by, k.k_at AS ack_at, k.k_note AS ack_note,
            arrayExists(x -> x != g.h_ack, g.h_after) AS reopened
     FROM (
       SELECT id, any(court) AS a_court, any(kind) AS a_kind, argMin(summary, first_seen) AS a_summary,
              argMin(evidence, first_seen) AS a_evidence, min(first_seen) AS a_first, argMin(raised_by, first_seen) AS a_by,
              max(raised_at) AS a_last, argMax(summary, raised_at) AS a_latest_summary, argMax(evidence, raised_at) AS a_latest_evidence
       FROM integrity_alarms
       WHERE ({court:String} = '' OR court = {court:String})
         AND ({kind:String} = '' OR kind = {kind:String})
         AND ({prefix:String} = '' OR startsWith(kind, {prefix:String}))
       GROUP BY id
     ) AS a
     LEFT JOIN (SELECT id, argMax(by, at) AS k_by, max(at) AS k_at, argMax(note, at) AS k_note FROM integrity_alarm_acks GROUP BY id) AS k ON k.id = a.id
     LEFT JOIN (
       -- the evidence as it stood when last acknowledged, and every evidence raised after that
       SELECT r.id AS id, argMaxIf(cityHash64(r.evidence), r.raised_at, r.raised_at <= q.q_at) AS h_ack,
              groupUniqArrayIf(cityHash64(r.evidence), r.raised_at > q.q_at) AS h_after
       FROM integrity_alarms AS r
       INNER JOIN (SELECT id, max(at) AS q_at FROM integrity_alarm_acks GROUP BY id) AS q ON q.id = r.id
       GROUP BY r.id
     ) AS g ON g.id = a.id
     WHERE ({open:UInt8} = 0 OR k.k_at = 0 OR reopened)
     ORDER BY a.a_first DESC, a.id
     LIMIT {limit:UInt32}`,
    {
      court: f.court ?? '',
      kind: kindPrefix ? '' : (f.kind ?? ''),
      prefix: kindPrefix,
      open: f.unacknowledged ? 1 : 0,
      limit: f.limit ?? 1000,
    },
  );
  return rows.map((r) => ({
    id: String(r.id),
    court: String(r.court),
    kind: String(r.kind) as AlarmKind,
    summary: String(r.summary),
    evidence: JSON.parse(String(r.evidence)) as Record<string, unknown>,
    firstSeen: Number(r.first_seen),
    raisedBy: String(r.raised_by),
    lastRaised: Number(r.last_raised),
    latest: r.latest_evidence !== r.evidence || r.latest_summary !== r.summary ? { summary: String(r.latest_summary), evidence: JSON.parse(String(r.latest_evidence)) as Record<string, unknown> } : null,
    acknowledged: Number(r.ack_at) > 0 ? { by: String(r.ack_by), at: Number(r.ack_at), note: String(r.ack_note) } : null,
    reopened: Number(r.reopened) === 1 || r.reopened === true,
  }));
}

/** Acknowledge an alarm: who looked at it and what they concluded. Refuses an unknown id. */
export async function acknowledgeAlarm(engine: AnalyticsEngine, id: string, by: string, note: string): Promise<void> {
  if (!by.trim()) throw new Error('an acknowledgement names who made it');
  const [r] = await engine.query<{ c: number }>('SELECT count() AS c FROM integrity_alarms WHERE id = {id:String}', { id });
  if (!r || Number(r.c) === 0) throw new Error(`no alarm ${id}`);
  await engine.insert('integrity_alarm_acks', [{ id, by, at: Date.now(), note }]);
}
