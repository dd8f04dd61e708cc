/**
 * A court journal row → the ingest message the centre may see.
 *
 * A row of chain format 2 (runtime/journal/hash.ts) is sent AS STORED: the
 * public view the court committed to when it wrote the row (`pub`, redacted
 * then by the court's policy) and the salted digest of the rest, so the
 * centre can recompute its hash; nothing is redacted again here. A legacy
 * row (format 1) is redacted now, as before format 2, and travels as an
 * IngestEventV1: the centre checks only its links and place.
 */
import type { StoredEvent } from '../../../runtime/index.ts';
import { hiddenDigest } from '../../../runtime/index.ts';
import { INGEST_FRAME_MAX_EVENTS, redact, type IngestEventV1, type IngestEventV2, type RedactOptions } from '../../../contracts/ingest/index.ts';

export function toIngestEvent(court: string, row: StoredEvent, opts: RedactOptions): IngestEventV1 | IngestEventV2 {
  return JSON.parse(eventText(court, row, opts)) as IngestEventV1 | IngestEventV2;
}

/** The event as JSON text: for format 2 built around the stored `pub` text, which is never re-encoded. */
export function eventText(court: string, row: StoredEvent, opts: RedactOptions): string {
  if (row.chain !== 2) return JSON.stringify(legacyEvent(court, row, opts));
  const hidden = hiddenDigest(row.salt ?? '', row.meta, row.data);
  // pub is `{"author":…,"data":…,"redacted":[…]}`: its members become the event's last three
  return (
    `{"v":2,"court":${JSON.stringify(court)},"seq":${row.gseq},"actor":${JSON.stringify(row.actor)},"aseq":${row.aseq},` +
    `"type":${JSON.stringify(row.type)},"ts":${row.ts},"hidden":"${hidden}","hash":"${row.hash}","prevHash":"${row.prev_hash}",${row.pub!.slice(1)}`
  );
}

function legacyEvent(court: string, row: StoredEvent, opts: RedactOptions): IngestEventV1 {
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
  /** IngestFrameV2 as JSON text. */
  body: string;
}

/**
 * Consecutive journal rows → frames (contracts/ingest IngestFrameV2) of at
 * most INGEST_FRAME_MAX_EVENTS events and about `maxBytes` bytes (a single
 * bigger event travels alone). Each frame carries `head`, the court journal's
 * head when sent (default: the last row given) — the centre refuses an event above it.
 */
export function framesOf(court: string, rows: readonly StoredEvent[], opts: RedactOptions & { head?: number }, maxBytes: number): Frame[] {
  const out: Frame[] = [];
  const head = Math.max(opts.head ?? 0, rows.length > 0 ? rows[rows.length - 1]!.gseq : 0);
  let parts: string[] = [];
  let bytes = 0;
  let first = 0;
  let last = 0;
  const close = () => {
    if (parts.length === 0) return;
    out.push({ first, last, body: `{"v":2,"court":${JSON.stringify(court)},"first":${first},"last":${last},"head":${head},"events":[${parts.join(',')}]}` });
    parts = [];
    bytes = 0;
  };
  for (const row of rows) {
    const json = eventText(court, row, opts);
    if (parts.length > 0 && (bytes + json.length > maxBytes || parts.length >= INGEST_FRAME_MAX_EVENTS)) close();
    if (parts.length === 0) first = row.gseq;
    parts.push(json);
    bytes += json.length + 1;
    last = row.gseq;
  }
  close();
  return out;
}
