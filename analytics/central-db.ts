/**
 * Central database queries (13.2): every event of a court, the latest state
 * of a case card by its actor id, documents and protocols with their unique
 * ids and signature status. Over the views of migrations/004-central-db.sql.
 */
import type { AnalyticsEngine } from './engine.ts';

export interface CentralEvent {
  court: string;
  seq: number;
  actor: string;
  type: string;
  ts: number;
  author: string;
  payload: unknown;
}

export interface CaseCard {
  court: string;
  caseId: string;
  events: number;
  lastSeq: number;
  lastType: string;
  lastTs: number;
  judge: string | null;
  /** The card-opened payload (registration as redacted at the court), if it arrived. */
  opened: unknown;
  history: CentralEvent[];
}

export interface CentralDocument {
  court: string;
  seq: number;
  documentId: string;
  kind: string;
  title: string;
  caseId: string;
  signatureStatus: 'signed' | 'unsigned';
  signer: string;
}

/** The case card of `court` whose case actor id is `caseId` (ЄУН), with its full history in order. */
export async function caseCard(engine: AnalyticsEngine, court: string, caseId: string): Promise<CaseCard | null> {
  const actor = `case/${caseId}`;
  const [l] = await engine.query<Record<string, unknown>>('SELECT * FROM case_latest WHERE court = {court:String} AND actor = {actor:String}', { court, actor });
  if (!l) return null;
  const history = await engine.query<Record<string, unknown>>(
    'SELECT court, seq, actor, type, ts, author, payload FROM events FINAL WHERE court = {court:String} AND actor = {actor:String} ORDER BY seq',
    { court, actor },
  );
  return {
    court,
    caseId,
    events: Number(l.events),
    lastSeq: Number(l.last_seq),
    lastType: String(l.last_type),
    lastTs: Number(l.last_ts),
    judge: l.judge ? String(l.judge) : null,
    opened: l.opened_payload ? JSON.parse(String(l.opened_payload)) : null,
    history: history.map(toEvent),
  };
}

export async function documents(engine: AnalyticsEngine, court: string, caseId?: string): Promise<CentralDocument[]> {
  const rows = await engine.query<Record<string, unknown>>(
    `SELECT * FROM documents WHERE court = {court:String} AND ({caseId:String} = '' OR case_id = {caseId:String}) ORDER BY seq`,
    { court, caseId: caseId ?? '' },
  );
  return rows.map((r) => ({
    court: String(r.court),
    seq: Number(r.seq),
    documentId: String(r.document_id),
    kind: String(r.document_kind),
    title: String(r.title),
    caseId: String(r.case_id),
    signatureStatus: r.signature_status === 'signed' ? 'signed' : 'unsigned',
    signer: String(r.signer),
  }));
}

/** Every (court, seq) the centre holds for a court, deduplicated — what the chaos tests compare with the court journal. */
export async function courtSeqs(engine: AnalyticsEngine, court: string): Promise<{ count: number; distinct: number; min: number; max: number }> {
  const [r] = await engine.query<Record<string, unknown>>(
    'SELECT count() AS c, uniqExact(seq) AS u, min(seq) AS lo, max(seq) AS hi FROM events FINAL WHERE court = {court:String}',
    { court },
  );
  return { count: Number(r?.c ?? 0), distinct: Number(r?.u ?? 0), min: Number(r?.lo ?? 0), max: Number(r?.hi ?? 0) };
}

function toEvent(r: Record<string, unknown>): CentralEvent {
  return {
    court: String(r.court),
    seq: Number(r.seq),
    actor: String(r.actor),
    type: String(r.type),
    ts: Number(r.ts),
    author: String(r.author),
    payload: JSON.parse(String(r.payload)),
  };
}
