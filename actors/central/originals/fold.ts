/**
 * Originals from the replicated events (Засади 13.2–13.3): after ingest stores a batch, the courts it named are
 * folded here, off the ingest path (the stream is never held up). Per court, the events after its
 * `original_marks` mark — only the contiguous run, a seq above a gap waits as the ingest mark does — are read;
 * each `documents/document-original` gives a row of `originals` (content, signatures, re-verification, card
 * facts, lag from the court's event time to now); each `case/scan-attached` a `pending` row of `original_scans`
 * for the scan fetcher (scans.ts).
 *
 * Idempotent: a row is keyed by (court, document id) / (court, sha256) and keeps the `stored_at` of its first
 * write, so folding again after a crash between the rows and the mark changes nothing.
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { CourtSealAnchor } from '../../pki/index.ts';
import { assembleOriginal, type DocEventRow } from './assemble.ts';
import { verifyOriginal } from './verify.ts';

export interface FoldContext {
  engine: AnalyticsEngine;
  /** The court's CA as the centre holds it (operator's file, else the witness pin). */
  anchor: (court: string) => Promise<CourtSealAnchor | undefined>;
  now?: () => number;
  batch?: number;
}

type Row = { seq: string | number; actor: string; kind: string; type: string; ts: string | number; redacted: string[]; payload: string };

const DOC_TYPES = ['document-created', 'document-edited', 'document-linked', 'document-signed', 'document-original'];
/** Case events whose facts go with an Original (its card at the centre). */
const CARD_TYPES = ['card-opened', 'card-corrected', 'judge-assigned', 'case-decided', 'decision-completed', 'legal-force-recorded', 'legal-force-revoked'];

const parse = (s: string): Record<string, unknown> => {
  try {
    const v = JSON.parse(s) as unknown;
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

export async function originalsMark(engine: AnalyticsEngine, court: string): Promise<number> {
  const [m] = await engine.query<{ m: string | number }>('SELECT max(seq) AS m FROM original_marks WHERE court = {court:String}', { court });
  return Number(m?.m ?? 0);
}

/** Fold one court's next events (at most `batch`); returns how many were read and what was written. */
export async function foldOriginals(ctx: FoldContext, court: string): Promise<{ events: number; originals: number; scans: number; mark: number }> {
  const { engine } = ctx;
  const now = ctx.now ?? Date.now;
  const mark = await originalsMark(engine, court);
  // The contiguous run after the mark, from the sorting key alone (no FINAL, no payload: the fold runs beside
  // ingest on the same store and must not slow it), then only the rows it folds.
  const seqs = await engine.query<{ seq: string | number }>(
    'SELECT DISTINCT seq FROM events WHERE court = {court:String} AND seq > {mark:UInt64} ORDER BY seq LIMIT {batch:UInt32}',
    { court, mark, batch: ctx.batch ?? 20_000 },
  );
  let count = 0;
  for (const r of seqs) {
    if (Number(r.seq) !== mark + count + 1) break;
    count++;
  }
  if (count === 0) return { events: 0, originals: 0, scans: 0, mark };
  const last = mark + count;
  const run = await engine.query<Row>(
    `SELECT seq, actor, kind, type, ts, redacted, payload FROM events FINAL
      WHERE court = {court:String} AND seq > {mark:UInt64} AND seq <= {last:UInt64}
        AND ((kind = 'documents' AND type = 'document-original') OR (kind = 'case' AND type = 'scan-attached'))
      ORDER BY seq`,
    { court, mark, last },
  );
  const originalsIn = run.filter((r) => r.kind === 'documents' && r.type === 'document-original');
  const scansIn = run.filter((r) => r.kind === 'case' && r.type === 'scan-attached');
  const written = { originals: 0, scans: 0 };

  if (originalsIn.length > 0) written.originals = await storeOriginals(ctx, court, originalsIn, last);

  if (scansIn.length > 0) {
    const metas = scansIn.map((r) => ({ r, a: (parse(r.payload).attachment ?? {}) as { sha256?: string; size?: number; mediaType?: string } })).filter((x) => typeof x.a.sha256 === 'string' && /^[0-9a-f]{64}$/.test(x.a.sha256));
    const shas = [...new Set(metas.map((x) => x.a.sha256!))];
    const known = new Set((await engine.query<{ sha256: string }>('SELECT sha256 FROM original_scans FINAL WHERE court = {court:String} AND sha256 IN {shas:Array(String)}', { court, shas })).map((r) => r.sha256));
    const out: Array<Record<string, unknown>> = [];
    for (const { r, a } of metas) {
      // the same scan attached to two cases is one file: the first attachment's time starts its window
      if (known.has(a.sha256!)) continue;
      known.add(a.sha256!);
      const t = now();
      out.push({ court, sha256: a.sha256, ueun: r.actor.replace(/^case\//, ''), size: Number(a.size ?? 0), media_type: a.mediaType ?? '', event_seq: Number(r.seq), event_ts: Number(r.ts), state: 'pending', attempts: 0, next_at: t, detail: '', path: '', stored_at: 0, updated_at: t });
    }
    if (out.length > 0) await engine.insert('original_scans', out);
    written.scans = out.length;
  }
  await engine.insert('original_marks', [{ court, seq: last, at: now() }]);
  return { events: count, ...written, mark: last };
}

/**
 * The `originals` rows of these `document-original` events: each Original assembled from its document's events
 * through `last`, re-verified under the court's CA as the centre holds it now, with its card facts; a row keeps
 * the `stored_at` of its first write.
 */
async function storeOriginals(ctx: FoldContext, court: string, originalsIn: Row[], last: number): Promise<number> {
  const { engine } = ctx;
  const now = ctx.now ?? Date.now;
  const ids = [...new Set(originalsIn.map((r) => String(parse(r.payload).documentId ?? '')).filter((x) => x !== ''))];
  const docRows = await engine.query<Row>(
    `SELECT seq, actor, kind, type, ts, redacted, payload FROM events FINAL
      WHERE court = {court:String} AND kind = 'documents' AND type IN {types:Array(String)} AND seq <= {last:UInt64}
        AND (JSONExtractString(payload, 'documentId') IN {ids:Array(String)} OR JSONExtractString(payload, 'document', 'id') IN {ids:Array(String)})
      ORDER BY seq`,
    { court, types: DOC_TYPES, last, ids },
  );
  const byId = new Map<string, DocEventRow[]>();
  for (const r of docRows) {
    const p = parse(r.payload);
    const id = String(p.documentId ?? (p.document as { id?: unknown } | undefined)?.id ?? '');
    if (!byId.has(id)) byId.set(id, []);
    byId.get(id)!.push({ seq: Number(r.seq), type: r.type, ts: Number(r.ts), payload: p, redacted: r.redacted ?? [] });
  }
  const held = new Map(
    (await engine.query<{ document_id: string; stored_at: string | number }>('SELECT document_id, stored_at FROM originals FINAL WHERE court = {court:String} AND document_id IN {ids:Array(String)}', { court, ids })).map((r) => [r.document_id, Number(r.stored_at)]),
  );
  const anchor = await ctx.anchor(court);
  const assembled = ids.map((id) => ({ id, a: assembleOriginal(id, byId.get(id) ?? []), ev: originalsIn.find((r) => String(parse(r.payload).documentId) === id)! }));
  const ueuns = [...new Set(assembled.flatMap((x) => (x.a.kind === 'original' && x.a.document.ueun ? [x.a.document.ueun] : [])))];
  const cards = await cardFacts(engine, court, ueuns, last);
  const out: Array<Record<string, unknown>> = [];
  for (const { id, a, ev } of assembled) {
    const storedAt = held.get(id) ?? now();
    const eventTs = Number(ev.ts);
    const base = { court, document_id: id, event_seq: Number(ev.seq), event_ts: eventTs, stored_at: storedAt, lag_ms: storedAt - eventTs, version: Number(ev.seq) };
    if (a.kind === 'restricted') {
      out.push({ ...base, ueun: '', proceeding_number: '', doc_type: '', title: '', kind: 'restricted', content: '', content_sha256: '', signatures: '[]', signature_count: 0, verification: 'restricted', verification_detail: 'документ справи з негласними діями: до центру надходить лише його ідентифікатор (Засади 3.1)', card: '{}', redacted: [] });
    } else if (a.kind === 'incomplete') {
      out.push({ ...base, ueun: '', proceeding_number: '', doc_type: '', title: '', kind: 'original', content: '', content_sha256: '', signatures: '[]', signature_count: 0, verification: 'incomplete', verification_detail: a.reason, card: '{}', redacted: a.redacted });
    } else {
      const v = verifyOriginal({ court, signed: a.signed, requiredSigners: a.document.requiredSigners ?? [], anchor });
      // a field the court's policy removed makes the recomputed content differ: say so rather than "invalid"
      const verdict = a.redacted.length > 0 && v.verdict !== 'valid' ? 'incomplete' : v.verdict;
      const d = a.document;
      out.push({
        ...base,
        ueun: d.ueun ?? '',
        proceeding_number: d.proceedingNumber ?? '',
        doc_type: d.type ?? '',
        title: d.title ?? '',
        kind: 'original',
        content: a.content.toString('utf8'),
        content_sha256: a.contentSha256,
        signatures: JSON.stringify(d.signatures.map((s) => ({ login: s.login, at: s.at, cms: s.cms, contentSha256: s.contentSha256, courtVerification: s.verification }))),
        signature_count: d.signatures.length,
        verification: verdict,
        verification_detail: JSON.stringify(v),
        card: JSON.stringify(cards.get(d.ueun) ?? []),
        redacted: a.redacted,
      });
    }
  }
  if (out.length > 0) await engine.insert('originals', out);
  return out.length;
}

/**
 * Originals stored as `no-ca` (the centre did not hold the court's CA yet: a court connected before its CA was
 * installed or pinned) are verified again once it does — the same rows, now with the centre's own verdict.
 * Returns how many were verified again.
 */
export async function reverifyOriginals(ctx: FoldContext, court: string): Promise<number> {
  const { engine } = ctx;
  const [n] = await engine.query<{ n: string | number }>(`SELECT count() AS n FROM originals FINAL WHERE court = {court:String} AND verification = 'no-ca'`, { court });
  if (Number(n?.n ?? 0) === 0 || !(await ctx.anchor(court))) return 0;
  const evs = await engine.query<Row>(
    `SELECT seq, actor, kind, type, ts, redacted, payload FROM events FINAL
      WHERE court = {court:String} AND kind = 'documents' AND type = 'document-original'
        AND JSONExtractString(payload, 'documentId') IN (SELECT document_id FROM originals FINAL WHERE court = {court:String} AND verification = 'no-ca')
      ORDER BY seq`,
    { court },
  );
  return evs.length === 0 ? 0 : storeOriginals(ctx, court, evs, await originalsMark(engine, court));
}

/** The card facts of each case as the centre holds them through `last` (opening, corrections, judge, decision, legal force). */
async function cardFacts(engine: AnalyticsEngine, court: string, ueuns: string[], last: number): Promise<Map<string, Array<{ type: string; seq: number; data: unknown }>>> {
  const out = new Map<string, Array<{ type: string; seq: number; data: unknown }>>();
  if (ueuns.length === 0) return out;
  const rows = await engine.query<{ actor: string; seq: string | number; type: string; payload: string }>(
    `SELECT actor, seq, type, payload FROM events FINAL WHERE court = {court:String} AND kind = 'case' AND actor IN {actors:Array(String)} AND type IN {types:Array(String)} AND seq <= {last:UInt64} ORDER BY seq`,
    { court, actors: ueuns.map((u) => `case/${u}`), types: CARD_TYPES, last },
  );
  for (const r of rows) {
    const u = r.actor.slice('case/'.length);
    if (!out.has(u)) out.set(u, []);
    out.get(u)!.push({ type: r.type, seq: Number(r.seq), data: parse(r.payload) });
  }
  return out;
}

/** Fold until the court has no contiguous events left. */
export async function foldOriginalsAll(ctx: FoldContext, court: string): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await foldOriginals(ctx, court);
    total += r.events;
    if (r.events === 0) return total;
  }
}
