/**
 * Decode and validate one JetStream ingest message — a single event or a
 * frame of consecutive events (contracts/ingest/event.ts) — into ClickHouse
 * rows. Every event is validated on its own against `IngestEventV1`, with
 * TypeBox's compiled checker: `Check` on the hot path, the (slow) error
 * iterator only for a message that fails, to say why.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { IngestEventV1, IngestFrameV1, type IngestEventV1 as IngestEvent } from '../../../contracts/ingest/index.ts';
import { factsOf, type FactRow } from './facts.ts';

export interface GoodEvent {
  event: IngestEvent;
  row: Record<string, unknown>;
  facts: FactRow[];
}

export interface Reject {
  court: string;
  seq: number;
  reason: string;
  /** The offending event (or whole message) as text, for the operator. */
  raw: string;
}

/** What one message gave: the valid events and the rejected ones (a frame can have both). */
export interface DecodedMessage {
  court: string;
  good: GoodEvent[];
  bad: Reject[];
}

const decoder = new TextDecoder();
const eventCheck = TypeCompiler.Compile(IngestEventV1);
const frameCheck = TypeCompiler.Compile(IngestFrameV1);

function why(check: typeof eventCheck | typeof frameCheck, v: unknown): string {
  const out: string[] = [];
  for (const e of check.Errors(v)) {
    out.push(`${e.path || '/'} ${e.message}`);
    if (out.length >= 5) break;
  }
  return out.join('; ');
}

export function decodeMessage(subject: string, data: Uint8Array, now: number): DecodedMessage {
  const court = subject.slice(subject.lastIndexOf('.') + 1);
  const text = decoder.decode(data);
  const out: DecodedMessage = { court, good: [], bad: [] };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    out.bad.push({ court, seq: 0, reason: 'not JSON', raw: text });
    return out;
  }
  if (v !== null && typeof v === 'object' && 'events' in v) {
    if (!frameCheck.Check(v)) {
      const first = (v as { first?: unknown }).first;
      out.bad.push({ court, seq: typeof first === 'number' ? first : 0, reason: `frame: ${why(frameCheck, v)}`, raw: text });
      return out;
    }
    const f = v as IngestFrameV1;
    if (f.court !== court) {
      out.bad.push({ court, seq: f.first, reason: `frame of court ${f.court} published on ${subject}`, raw: text });
      return out;
    }
    f.events.forEach((e, i) => {
      // a frame is a contiguous run: an event out of place is refused, never guessed at
      const r = one(court, subject, e, now, f.first + i);
      if ('reason' in r) out.bad.push(r);
      else out.good.push(r);
    });
    return out;
  }
  const r = one(court, subject, v, now);
  if ('reason' in r) out.bad.push(r);
  else out.good.push(r);
  return out;
}

function one(court: string, subject: string, ev: unknown, now: number, expectedSeq?: number): GoodEvent | Reject {
  const seq = typeof (ev as { seq?: unknown } | null)?.seq === 'number' ? (ev as { seq: number }).seq : (expectedSeq ?? 0);
  if (!eventCheck.Check(ev)) return { court, seq, reason: why(eventCheck, ev), raw: JSON.stringify(ev) ?? '' };
  const e = ev as IngestEvent;
  if (e.court !== court) return { court, seq, reason: `court ${e.court} published on ${subject}`, raw: JSON.stringify(ev) };
  if (expectedSeq !== undefined && e.seq !== expectedSeq) return { court, seq, reason: `seq ${e.seq} at the place of ${expectedSeq} in a frame`, raw: JSON.stringify(ev) };
  const kind = e.actor.slice(0, e.actor.indexOf('/'));
  return {
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
