/**
 * Decode and validate one JetStream ingest message — a frame of consecutive
 * events (IngestFrameV2, or the legacy IngestFrameV1) or a single legacy
 * event (contracts/ingest/event.ts) — into ClickHouse rows. Every event is
 * validated on its own with TypeBox's compiled checker: `Check` on the hot
 * path, the (slow) error iterator only for a message that fails, to say why.
 *
 * For a format 2 event the committed public view is rebuilt here
 * (`JSON.stringify({author, data, redacted})`, runtime/journal/hash.ts) and
 * its `data` member becomes the stored payload, cut out of that text rather
 * than encoded a second time. Whether the event belongs in the court's chain
 * is decided later, per court and in order (chain.ts).
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { IngestEventV1, IngestEventV2, IngestFrameV1, IngestFrameV2 } from '../../../contracts/ingest/index.ts';
import { chainHashV2 } from '../../../runtime/journal/hash.ts';
import { factsOf, type FactRow } from './facts.ts';

export type IngestEvent = IngestEventV1 | IngestEventV2;

export interface GoodEvent {
  event: IngestEvent;
  /** Format 2: the public view text the court committed to. */
  pub?: string;
  /** Format 2: the hash recomputed from what was received (chain.ts compares it with `event.hash`). */
  recomputed?: string;
  row: EventRow;
  facts: FactRow[];
  /** `row` as a JSONCompactEachRow line in EVENT_COLUMNS order, built once on arrival (engine.insertLines). */
  line: string;
  /** `facts` as JSONCompactEachRow lines in FACT_COLUMNS order. */
  factLines: string;
}

/** A row of `events` (analytics/migrations 001, 007), in the column order every insert uses. */
export interface EventRow {
  court: string;
  seq: number;
  actor: string;
  kind: string;
  aseq: number;
  type: string;
  ts: number;
  author: string;
  hash: string;
  prev_hash: string;
  redacted: string[];
  payload: string;
  ingested_at: number;
  chain: number;
  hidden: string;
}

export const EVENT_COLUMNS = ['court', 'seq', 'actor', 'kind', 'aseq', 'type', 'ts', 'author', 'hash', 'prev_hash', 'redacted', 'payload', 'ingested_at', 'chain', 'hidden'] as const;
export const FACT_COLUMNS = ['court', 'seq', 'n', 'fact', 'case_id', 'judge', 'role', 'category', 'weight', 'day'] as const;

export interface Reject {
  court: string;
  seq: number;
  reason: string;
  /** The offending event (or whole message) as text, for the operator. */
  raw: string;
  /** The integrity alarm's kind when the chain refused it (chain-break, hash-mismatch, unknown-court…); else malformed input. */
  kind?: string;
}

/** What one message gave: the valid events and the rejected ones (a frame can have both). */
export interface DecodedMessage {
  court: string;
  /** The court journal's head when a v2 frame was sent: no event above it exists. */
  head?: number;
  /** First..last of the frame (or the single event's seq), for evidence. */
  first?: number;
  last?: number;
  good: GoodEvent[];
  bad: Reject[];
}

const decoder = new TextDecoder();
const eventV1Check = TypeCompiler.Compile(IngestEventV1);
const eventV2Check = TypeCompiler.Compile(IngestEventV2);
const frameV1Check = TypeCompiler.Compile(IngestFrameV1);
const frameV2Check = TypeCompiler.Compile(IngestFrameV2);
type Checker = typeof eventV1Check | typeof eventV2Check | typeof frameV1Check | typeof frameV2Check;

function why(check: Checker, v: unknown): string {
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
  if (v !== null && typeof v === 'object' && 'events' in v) return decodeFrame(court, subject, v, text, now, out);
  // a single event is the legacy form: a v2 event travels in a frame, with the court's head
  const r = one(court, subject, v, now, undefined, false);
  if ('reason' in r) out.bad.push(r);
  else out.good.push(r);
  out.first = out.last = r.event?.seq ?? (r as Reject).seq;
  return out;
}

function decodeFrame(court: string, subject: string, v: object, text: string, now: number, out: DecodedMessage): DecodedMessage {
  const v2 = (v as { v?: unknown }).v === 2;
  const check = v2 ? frameV2Check : frameV1Check;
  if (!check.Check(v)) {
    const first = (v as { first?: unknown }).first;
    out.bad.push({ court, seq: typeof first === 'number' ? first : 0, reason: `frame: ${why(check, v)}`, raw: text });
    return out;
  }
  const f = v as IngestFrameV2 | IngestFrameV1;
  out.first = f.first;
  out.last = f.last;
  if (f.court !== court) {
    out.bad.push({ court, seq: f.first, reason: `frame of court ${f.court} published on ${subject}`, raw: text });
    return out;
  }
  if ('head' in f) out.head = f.head;
  for (let i = 0; i < f.events.length; i++) {
    // a frame is a contiguous run: an event out of place is refused, never guessed at
    const r = one(court, subject, f.events[i], now, f.first + i, v2);
    if ('reason' in r) out.bad.push(r);
    else out.good.push(r);
  }
  return out;
}

function one(court: string, subject: string, ev: unknown, now: number, expectedSeq: number | undefined, inV2Frame: boolean): GoodEvent | (Reject & { event?: undefined }) {
  const seq = typeof (ev as { seq?: unknown } | null)?.seq === 'number' ? (ev as { seq: number }).seq : (expectedSeq ?? 0);
  const version = (ev as { v?: unknown } | null)?.v;
  if (version === 2 && !inV2Frame) return { court, seq, reason: 'a version 2 event travels only in a version 2 frame (with the court\'s head)', raw: JSON.stringify(ev) ?? '' };
  const check = version === 2 ? eventV2Check : eventV1Check;
  if (!check.Check(ev)) return { court, seq, reason: why(check, ev), raw: JSON.stringify(ev) ?? '' };
  const e = ev as IngestEvent;
  if (e.court !== court) return { court, seq, reason: `court ${e.court} published on ${subject}`, raw: JSON.stringify(ev) };
  if (expectedSeq !== undefined && e.seq !== expectedSeq) return { court, seq, reason: `seq ${e.seq} at the place of ${expectedSeq} in a frame`, raw: JSON.stringify(ev) };
  let pub: string | undefined;
  let recomputed: string | undefined;
  let payload: string;
  const authorJson = JSON.stringify(e.author);
  const redactedJson = JSON.stringify(e.redacted);
  if (e.v === 2) {
    pub = JSON.stringify({ author: e.author, data: e.data, redacted: e.redacted });
    // the `data` member of `{"author":A,"data":D,"redacted":R}`: its place follows from A's and R's encodings
    payload = pub.slice('{"author":'.length + authorJson.length + ',"data":'.length, pub.length - (',"redacted":'.length + redactedJson.length + 1));
    // on arrival, not in the batch: the hash does not depend on the chain state, only its comparison does
    recomputed = chainHashV2(e.prevHash, { gseq: e.seq, actor: e.actor, aseq: e.aseq, type: e.type, ts: e.ts }, e.hidden, pub);
  } else {
    payload = JSON.stringify(e.data);
  }
  const kind = e.actor.slice(0, e.actor.indexOf('/'));
  const hidden = e.v === 2 ? e.hidden : '';
  const facts = factsOf(e);
  let factLines = '';
  for (const f of facts) factLines += JSON.stringify([f.court, f.seq, f.n, f.fact, f.case_id, f.judge, f.role, f.category, f.weight, f.day]) + '\n';
  return {
    event: e,
    ...(pub !== undefined ? { pub, recomputed } : {}),
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
      payload,
      ingested_at: now,
      chain: e.v,
      hidden,
    },
    facts,
    // the payload goes in as the JSON object it is (stored as its text): no second escaping pass; court and the
    // hashes are validated digits and hex, safe as they are
    line:
      `["${e.court}",${e.seq},${JSON.stringify(e.actor)},${JSON.stringify(kind)},${e.aseq},${JSON.stringify(e.type)},${e.ts},` +
      `${authorJson},"${e.hash}","${e.prevHash}",${redactedJson},${payload},${now},${e.v},"${hidden}"]\n`,
    factLines,
  };
}
