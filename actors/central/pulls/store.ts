/**
 * The centre's record of pulls and their reports (migration 009), read with
 * FINAL: the latest row of each pull is its state.
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';

export type PullState = 'requested' | 'transferring' | 'verifying' | 'done' | 'failed';
export type Verdict = '' | 'identical' | 'different' | 'bad-manifest';

export interface PullRecord {
  id: string;
  court: string;
  requestedBy: string;
  requestedAt: number;
  dueAt: number;
  dueDate: string;
  note: string;
  state: PullState;
  /** 0…1 */
  progress: number;
  detail: string;
  verdict: Verdict;
  completedAt: number;
  updatedAt: number;
}

export async function savePull(engine: AnalyticsEngine, p: PullRecord): Promise<void> {
  await engine.insert('pulls', [
    {
      id: p.id,
      court: p.court,
      requested_by: p.requestedBy,
      requested_at: p.requestedAt,
      due_at: p.dueAt,
      due_date: p.dueDate,
      note: p.note,
      state: p.state,
      progress: p.progress,
      detail: p.detail,
      verdict: p.verdict,
      completed_at: p.completedAt,
      updated_at: p.updatedAt,
    },
  ]);
}

/** A new state of a pull: its updated_at strictly after the previous one (ReplacingMergeTree keeps the latest). */
export async function updatePull(engine: AnalyticsEngine, p: PullRecord, change: Partial<PullRecord>): Promise<PullRecord> {
  const next = { ...p, ...change, updatedAt: Math.max(Date.now(), p.updatedAt + 1) };
  await savePull(engine, next);
  return next;
}

function toRecord(r: Record<string, unknown>): PullRecord {
  return {
    id: String(r.id),
    court: String(r.court),
    requestedBy: String(r.requested_by),
    requestedAt: Number(r.requested_at),
    dueAt: Number(r.due_at),
    dueDate: String(r.due_date),
    note: String(r.note),
    state: String(r.state) as PullState,
    progress: Number(r.progress),
    detail: String(r.detail),
    verdict: String(r.verdict) as Verdict,
    completedAt: Number(r.completed_at),
    updatedAt: Number(r.updated_at),
  };
}

export interface PullFilter {
  court?: string;
  id?: string;
  /** Only those past their deadline and not done (at `now`). */
  overdueAt?: number;
}

export async function listPulls(engine: AnalyticsEngine, f: PullFilter = {}): Promise<PullRecord[]> {
  const rows = await engine.query(
    `SELECT * FROM pulls FINAL
     WHERE ({court:String} = '' OR court = {court:String}) AND ({id:String} = '' OR id = {id:String})
       AND ({now:Int64} = 0 OR (state != 'done' AND due_at <= {now:Int64}))
     ORDER BY requested_at DESC, id LIMIT 1000`,
    { court: f.court ?? '', id: f.id ?? '', now: f.overdueAt ?? 0 },
  );
  return rows.map(toRecord);
}

/**
 * The court's pull still in progress and within its deadline, if any: one open pull per court, so that two
 * administrators (or one, twice) do not make the court send its database twice. A pull past its deadline
 * no longer blocks a new request — it is already alarmed as overdue (sweep.ts) and a fresh one may be needed.
 */
export async function openPullOf(engine: AnalyticsEngine, court: string, now: number): Promise<PullRecord | undefined> {
  return (await listPulls(engine, { court })).find((p) => p.state !== 'done' && p.state !== 'failed' && p.dueAt > now);
}

export async function getPull(engine: AnalyticsEngine, id: string): Promise<PullRecord | undefined> {
  return (await listPulls(engine, { id }))[0];
}

export interface StoredReport {
  pullId: string;
  court: string;
  at: number;
  verdict: Verdict;
  report: unknown;
  text: string;
  copyPath: string;
  copySha256: string;
}

export async function saveReport(engine: AnalyticsEngine, r: StoredReport): Promise<void> {
  await engine.insert('pull_reports', [
    { pull_id: r.pullId, court: r.court, at: r.at, verdict: r.verdict, report: JSON.stringify(r.report), text: r.text, copy_path: r.copyPath, copy_sha256: r.copySha256 },
  ]);
}

export async function getReport(engine: AnalyticsEngine, pullId: string): Promise<StoredReport | undefined> {
  const [r] = await engine.query('SELECT * FROM pull_reports FINAL WHERE pull_id = {id:String} LIMIT 1', { id: pullId });
  if (!r) return undefined;
  return {
    pullId: String(r.pull_id),
    court: String(r.court),
    at: Number(r.at),
    verdict: String(r.verdict) as Verdict,
    report: JSON.parse(String(r.report)),
    text: String(r.text),
    copyPath: String(r.copy_path),
    copySha256: String(r.copy_sha256),
  };
}
