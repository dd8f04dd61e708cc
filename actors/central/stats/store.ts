/**
 * Received reports (Засади 16.3 "Original", 16.1.6) in `stat_submissions`
 * (migration 012): one row per (court, document id) after merges, each status
 * change a new row carrying the whole submission.
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { StatReportV1, StatSubmissionV1 } from '../../../contracts/stats/index.ts';

export type CentreStatus = 'received' | 'accepted' | 'returned';

export interface StoredSubmission {
  court: string;
  documentId: string;
  form: { id: string; version: number };
  period: StatReportV1['period'];
  report: StatReportV1;
  reportSha256: string;
  /** The author's detached CMS (base64 DER) over the canonical report. */
  cms: string;
  /** The court's journal sequence the report was formed at; 0 when the court did not say. */
  journalThrough: number;
  author: { name: string; position: string };
  signedAt: number;
  receivedAt: number;
  receivedBy: string;
  status: CentreStatus;
  remarks: string;
  differences: Array<{ ref: string; centre: number; court: number }>;
  updatedAt: number;
}

export async function saveSubmission(engine: AnalyticsEngine, s: StatSubmissionV1, court: string, at: { receivedAt: number; receivedBy: string }, status: CentreStatus, remarks = '', differences: StoredSubmission['differences'] = [], updatedAt = Date.now()): Promise<void> {
  await engine.insert('stat_submissions', [
    {
      court,
      document_id: s.documentId,
      form_id: s.report.form.id,
      form_version: s.report.form.version,
      period_kind: s.report.period.kind,
      period_from: s.report.period.from,
      period_to: s.report.period.to,
      report: JSON.stringify(s.report),
      report_sha256: s.reportSha256,
      cms: s.cms,
      journal_through: s.journalThrough ?? 0,
      author_name: s.author.name,
      author_position: s.author.position,
      signed_at: s.signedAt,
      received_at: at.receivedAt,
      received_by: at.receivedBy,
      status,
      remarks,
      differences: JSON.stringify(differences),
      updated_at: updatedAt,
    },
  ]);
}

export interface SubmissionFilter {
  court?: string;
  documentId?: string;
  form?: string;
  from?: string;
  to?: string;
}

export async function listSubmissions(engine: AnalyticsEngine, f: SubmissionFilter = {}): Promise<StoredSubmission[]> {
  const rows = await engine.query<Record<string, unknown>>(
    `SELECT * FROM stat_submissions FINAL
     WHERE ({court:String} = '' OR court = {court:String})
       AND ({doc:String} = '' OR document_id = {doc:String})
       AND ({form:String} = '' OR form_id = {form:String})
       AND ({from:String} = '' OR period_from = {from:String})
       AND ({to:String} = '' OR period_to = {to:String})
     ORDER BY court, received_at`,
    { court: f.court ?? '', doc: f.documentId ?? '', form: f.form ?? '', from: f.from ?? '', to: f.to ?? '' },
  );
  return rows.map((r) => ({
    court: String(r.court),
    documentId: String(r.document_id),
    form: { id: String(r.form_id), version: Number(r.form_version) },
    period: { kind: String(r.period_kind) as StatReportV1['period']['kind'], from: String(r.period_from), to: String(r.period_to) },
    report: JSON.parse(String(r.report)) as StatReportV1,
    reportSha256: String(r.report_sha256),
    cms: String(r.cms),
    journalThrough: Number(r.journal_through ?? 0),
    author: { name: String(r.author_name), position: String(r.author_position) },
    signedAt: Number(r.signed_at),
    receivedAt: Number(r.received_at),
    receivedBy: String(r.received_by),
    status: String(r.status) as CentreStatus,
    remarks: String(r.remarks),
    differences: JSON.parse(String(r.differences || '[]')) as StoredSubmission['differences'],
    updatedAt: Number(r.updated_at),
  }));
}

export async function findSubmission(engine: AnalyticsEngine, court: string, documentId: string): Promise<StoredSubmission | undefined> {
  return (await listSubmissions(engine, { court, documentId }))[0];
}

/** Reports the centre has not compared yet (stayed `received`: its copy of the court's events was behind). */
export async function waitingSubmissions(engine: AnalyticsEngine): Promise<StoredSubmission[]> {
  return (await listSubmissions(engine)).filter((s) => s.status === 'received');
}

/** The submission as the court sent it, rebuilt from the stored row (to compare it again). */
export function submissionOf(s: StoredSubmission): StatSubmissionV1 {
  return { v: 1, documentId: s.documentId, report: s.report, reportSha256: s.reportSha256, cms: s.cms, author: s.author, signedAt: s.signedAt, ...(s.journalThrough > 0 ? { journalThrough: s.journalThrough } : {}) };
}
