/**
 * What the centre answers about originals (Засади 13.2–13.3): the list, one Original with its signatures and the
 * centre's verification, the 2-hour window measured per court (court event time → stored at the centre), and the
 * originals and scans overdue past it.
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';

/** Засади 13.3: originals reach the central database within two hours. */
export const ORIGINALS_WINDOW_MS = 2 * 3600_000;

export interface OriginalSummary {
  court: string;
  documentId: string;
  ueun: string;
  proceedingNumber: string;
  type: string;
  title: string;
  kind: 'original' | 'restricted';
  verification: string;
  signatureCount: number;
  eventAt: number;
  storedAt: number;
  lagMs: number;
}

type Row = Record<string, string | number | string[]>;

const summary = (r: Row): OriginalSummary => ({
  court: String(r.court),
  documentId: String(r.document_id),
  ueun: String(r.ueun),
  proceedingNumber: String(r.proceeding_number),
  type: String(r.doc_type),
  title: String(r.title),
  kind: String(r.kind) as OriginalSummary['kind'],
  verification: String(r.verification),
  signatureCount: Number(r.signature_count),
  eventAt: Number(r.event_ts),
  storedAt: Number(r.stored_at),
  lagMs: Number(r.lag_ms),
});

export async function listOriginals(engine: AnalyticsEngine, q: { court?: string; ueun?: string; limit?: number } = {}): Promise<OriginalSummary[]> {
  const rows = await engine.query<Row>(
    `SELECT court, document_id, ueun, proceeding_number, doc_type, title, kind, verification, signature_count, event_ts, stored_at, lag_ms
       FROM originals FINAL
      WHERE ({court:String} = '' OR court = {court:String}) AND ({ueun:String} = '' OR ueun = {ueun:String})
      ORDER BY event_ts DESC LIMIT {limit:UInt32}`,
    { court: q.court ?? '', ueun: q.ueun ?? '', limit: q.limit ?? 1000 },
  );
  return rows.map(summary);
}

export interface OriginalRecord extends OriginalSummary {
  /** The canonical content every signer signed (JSON text), and its SHA-256. */
  content: string;
  contentSha256: string;
  signatures: Array<{ login: string; at: string; cms: string; contentSha256: string; courtVerification: unknown }>;
  /** The centre's own re-verification (verify.ts). */
  centreVerification: unknown;
  card: unknown;
  redacted: string[];
}

export async function getOriginal(engine: AnalyticsEngine, court: string, documentId: string): Promise<OriginalRecord | undefined> {
  const [r] = await engine.query<Row>('SELECT * FROM originals FINAL WHERE court = {court:String} AND document_id = {id:String}', { court, id: documentId });
  if (!r) return undefined;
  const json = (s: unknown, dflt: unknown) => {
    try {
      return JSON.parse(String(s));
    } catch {
      return dflt;
    }
  };
  return {
    ...summary(r),
    content: String(r.content),
    contentSha256: String(r.content_sha256),
    signatures: json(r.signatures, []),
    centreVerification: json(r.verification_detail, String(r.verification_detail)),
    card: json(r.card, {}),
    redacted: (r.redacted as string[]) ?? [],
  };
}

export interface OverdueItem {
  court: string;
  what: 'document' | 'scan';
  id: string;
  ueun: string;
  /** The court's time of the event (document-original / scan-attached). */
  eventAt: number;
  storedAt: number | null;
  /** How far past the event it is (stored: the lag; not stored: until now). */
  lagMs: number;
  state: 'stored-late' | 'not-stored' | 'refused';
  /** Ukrainian, for people. */
  reason: string;
}

const hours = (ms: number) => (ms / 3600_000).toFixed(1).replace('.', ',');

/** Everything the centre knows of that missed the window (or will never arrive without someone acting). */
export async function overdueOriginals(engine: AnalyticsEngine, q: { court?: string; now?: number; windowMs?: number } = {}): Promise<OverdueItem[]> {
  const now = q.now ?? Date.now();
  const win = q.windowMs ?? ORIGINALS_WINDOW_MS;
  const p = { court: q.court ?? '', win, now };
  const late = await engine.query<Row>(
    `SELECT court, document_id, ueun, event_ts, stored_at, lag_ms FROM originals FINAL
      WHERE ({court:String} = '' OR court = {court:String}) AND lag_ms > {win:Int64} ORDER BY event_ts`,
    p,
  );
  // an Original whose event reached the centre but not yet the originals store (its fold is behind or failing)
  const unfolded = await engine.query<Row>(
    `SELECT e.court AS court, JSONExtractString(e.payload, 'documentId') AS document_id, e.ts AS event_ts
       FROM events AS e FINAL
      WHERE ({court:String} = '' OR e.court = {court:String}) AND e.kind = 'documents' AND e.type = 'document-original' AND e.ts < {now:Int64} - {win:Int64}
        AND (e.court, JSONExtractString(e.payload, 'documentId')) NOT IN (SELECT court, document_id FROM originals FINAL)
      ORDER BY e.ts`,
    p,
  );
  const scans = await engine.query<Row>(
    `SELECT court, sha256, ueun, event_ts, state, stored_at, detail FROM original_scans FINAL
      WHERE ({court:String} = '' OR court = {court:String})
        AND ((state = 'pending' AND event_ts < {now:Int64} - {win:Int64})
          OR (state = 'stored' AND stored_at - event_ts > {win:Int64})
          OR (state = 'refused' AND NOT startsWith(detail, 'COVERT')))
      ORDER BY event_ts`,
    p,
  );
  const out: OverdueItem[] = [];
  for (const r of late) out.push({ court: String(r.court), what: 'document', id: String(r.document_id), ueun: String(r.ueun), eventAt: Number(r.event_ts), storedAt: Number(r.stored_at), lagMs: Number(r.lag_ms), state: 'stored-late', reason: `оригінал надійшов до центральної бази через ${hours(Number(r.lag_ms))} год (строк — 2 год, Засади 13.3)` });
  for (const r of unfolded) out.push({ court: String(r.court), what: 'document', id: String(r.document_id), ueun: '', eventAt: Number(r.event_ts), storedAt: null, lagMs: now - Number(r.event_ts), state: 'not-stored', reason: `подію оригіналу отримано, але оригінал не збережено вже ${hours(now - Number(r.event_ts))} год` });
  for (const r of scans) {
    const state = String(r.state);
    const ev = Number(r.event_ts);
    if (state === 'stored') out.push({ court: String(r.court), what: 'scan', id: String(r.sha256), ueun: String(r.ueun), eventAt: ev, storedAt: Number(r.stored_at), lagMs: Number(r.stored_at) - ev, state: 'stored-late', reason: `скан надійшов через ${hours(Number(r.stored_at) - ev)} год (строк — 2 год)` });
    else if (state === 'pending') out.push({ court: String(r.court), what: 'scan', id: String(r.sha256), ueun: String(r.ueun), eventAt: ev, storedAt: null, lagMs: now - ev, state: 'not-stored', reason: `скан не отримано від суду вже ${hours(now - ev)} год${r.detail ? ` (остання помилка: ${String(r.detail).slice(0, 200)})` : ''}` });
    else out.push({ court: String(r.court), what: 'scan', id: String(r.sha256), ueun: String(r.ueun), eventAt: ev, storedAt: null, lagMs: now - ev, state: 'refused', reason: `суд відмовив у передачі скану: ${String(r.detail).slice(0, 300)}` });
  }
  return out.sort((a, b) => a.eventAt - b.eventAt);
}

export interface WindowFigures {
  court: string;
  what: 'document' | 'scan';
  stored: number;
  withinWindow: number;
  /** Share stored within the window (1 when nothing is stored yet). */
  share: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** The 2-hour window measured per court: event time at the court → stored at the centre. */
export async function originalsWindow(engine: AnalyticsEngine, q: { court?: string; windowMs?: number } = {}): Promise<WindowFigures[]> {
  const p = { court: q.court ?? '', win: q.windowMs ?? ORIGINALS_WINDOW_MS };
  const rows = await engine.query<Row>(
    `SELECT court, 'document' AS what, count() AS stored, countIf(lag_ms <= {win:Int64}) AS within, quantile(0.5)(lag_ms) AS p50, quantile(0.95)(lag_ms) AS p95, max(lag_ms) AS mx
       FROM originals FINAL WHERE ({court:String} = '' OR court = {court:String}) GROUP BY court
     UNION ALL
     SELECT court, 'scan' AS what, count() AS stored, countIf(stored_at - event_ts <= {win:Int64}) AS within, quantile(0.5)(stored_at - event_ts) AS p50, quantile(0.95)(stored_at - event_ts) AS p95, max(stored_at - event_ts) AS mx
       FROM original_scans FINAL WHERE ({court:String} = '' OR court = {court:String}) AND state = 'stored' GROUP BY court`,
    p,
  );
  return rows
    .map((r) => ({ court: String(r.court), what: String(r.what) as WindowFigures['what'], stored: Number(r.stored), withinWindow: Number(r.within), share: Number(r.stored) > 0 ? Number(r.within) / Number(r.stored) : 1, p50Ms: Math.round(Number(r.p50)), p95Ms: Math.round(Number(r.p95)), maxMs: Number(r.mx) }))
    .sort((a, b) => a.court.localeCompare(b.court) || a.what.localeCompare(b.what));
}

export interface ScanSummary {
  court: string;
  sha256: string;
  ueun: string;
  size: number;
  state: string;
  attempts: number;
  detail: string;
  eventAt: number;
  storedAt: number | null;
}

export async function listScans(engine: AnalyticsEngine, q: { court?: string; state?: string } = {}): Promise<ScanSummary[]> {
  const rows = await engine.query<Row>(
    `SELECT court, sha256, ueun, size, state, attempts, detail, event_ts, stored_at FROM original_scans FINAL
      WHERE ({court:String} = '' OR court = {court:String}) AND ({state:String} = '' OR state = {state:String}) ORDER BY event_ts DESC LIMIT 1000`,
    { court: q.court ?? '', state: q.state ?? '' },
  );
  return rows.map((r) => ({ court: String(r.court), sha256: String(r.sha256), ueun: String(r.ueun), size: Number(r.size), state: String(r.state), attempts: Number(r.attempts), detail: String(r.detail), eventAt: Number(r.event_ts), storedAt: Number(r.stored_at) > 0 ? Number(r.stored_at) : null }));
}
