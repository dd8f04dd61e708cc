/** A court journal row → the ingest message the centre may see (redacted). */
import type { StoredEvent } from '../../../runtime/index.ts';
import { INGEST_FRAME_MAX_EVENTS, redact, type IngestEventV1, type RedactOptions } from '../../../contracts/ingest/index.ts';

export function toIngestEvent(court: string, row: StoredEvent, opts: RedactOptions): IngestEventV1 {
  const slash = row.actor.indexOf('/');
  const kind = slash > 0 ? row.actor.slice(0, slash) : row.actor;
  const data = JSON.parse(row.data) as Record<string, unknown>;
  const meta = JSON.parse(row.meta) as { author?: unknown };
  const r = redact(kind, row.type, data, opts);
  return {
    v: 1,
    court,
    seq: row.gseq,
    actor: row.actor,
    aseq: row.aseq,
    type: row.type,
    ts: row.ts,
    // only the author leaves the court, never the rest of the command meta
    author: typeof meta.author === 'string' ? meta.author : '',
    hash: row.hash,
    prevHash: row.prev_hash,
    data: r.data,
    redacted: r.redacted,
  };
}

export interface Frame {
  first: number;
  last: number;
  /** IngestFrameV1 as JSON text. */
  body: string;
}

/**
 * Consecutive journal rows → frames (contracts/ingest IngestFrameV1) of at
 * most INGEST_FRAME_MAX_EVENTS events and about `maxBytes` bytes (a single
 * bigger event travels alone). Every event is redacted by toIngestEvent first.
 */
export function framesOf(court: string, rows: readonly StoredEvent[], opts: RedactOptions, maxBytes: number): Frame[] {
  const out: Frame[] = [];
  let parts: string[] = [];
  let bytes = 0;
  let first = 0;
  let last = 0;
  const close = () => {
    if (parts.length === 0) return;
    out.push({ first, last, body: `{"v":1,"court":${JSON.stringify(court)},"first":${first},"last":${last},"events":[${parts.join(',')}]}` });
    parts = [];
    bytes = 0;
  };
  for (const row of rows) {
    const json = JSON.stringify(toIngestEvent(court, row, opts));
    if (parts.length > 0 && (bytes + json.length > maxBytes || parts.length >= INGEST_FRAME_MAX_EVENTS)) close();
    if (parts.length === 0) first = row.gseq;
    parts.push(json);
    bytes += json.length + 1;
    last = row.gseq;
  }
  close();
  return out;
}
