/** Decode and validate one JetStream ingest message into ClickHouse rows. */
import { IngestEventV1, type IngestEventV1 as IngestEvent } from '../../../contracts/ingest/index.ts';
import { schemaErrors } from '../../../runtime/index.ts';
import { factsOf, type FactRow } from './facts.ts';

export type Decoded =
  | { ok: true; event: IngestEvent; row: Record<string, unknown>; facts: FactRow[] }
  | { ok: false; court: string; seq: number; reason: string };

const decoder = new TextDecoder();

export function decode(subject: string, data: Uint8Array, now: number): Decoded {
  const subjectCourt = subject.slice(subject.lastIndexOf('.') + 1);
  let ev: unknown;
  try {
    ev = JSON.parse(decoder.decode(data));
  } catch {
    return { ok: false, court: subjectCourt, seq: 0, reason: 'not JSON' };
  }
  const errors = schemaErrors(IngestEventV1, ev, 5);
  const seq = typeof (ev as { seq?: unknown })?.seq === 'number' ? (ev as { seq: number }).seq : 0;
  if (errors.length > 0) return { ok: false, court: subjectCourt, seq, reason: errors.map((e) => `${e.path} ${e.message}`).join('; ') };
  const e = ev as IngestEvent;
  if (e.court !== subjectCourt) return { ok: false, court: subjectCourt, seq, reason: `court ${e.court} published on ${subject}` };
  const kind = e.actor.slice(0, e.actor.indexOf('/'));
  return {
    ok: true,
    event: e,
    row: {
      court: e.court,
      seq: e.seq,
      actor: e.actor,
      kind,
      aseq: e.aseq,
      type: e.type,
      ts: e.ts,
      author: e.author,
      hash: e.hash,
      prev_hash: e.prevHash,
      redacted: e.redacted,
      payload: JSON.stringify(e.data),
      ingested_at: now,
    },
    facts: factsOf(e),
  };
}
