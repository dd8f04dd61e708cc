/** A court journal row → the ingest message the centre may see (redacted). */
import type { StoredEvent } from '../../../runtime/index.ts';
import { redact, type IngestEventV1, type RedactOptions } from '../../../contracts/ingest/index.ts';

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
