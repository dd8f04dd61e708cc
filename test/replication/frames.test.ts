/**
 * Frames (contracts/ingest IngestFrameV1): the court cuts its journal into
 * frames of consecutive events; the centre validates every event of a frame
 * on its own. Pure functions, no servers.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { framesOf } from '../../actors/court/replicator/index.ts';
import { decodeMessage } from '../../actors/central/ingest/rows.ts';
import { INGEST_FRAME_MAX_EVENTS } from '../../contracts/ingest/index.ts';
import type { StoredEvent } from '../../runtime/index.ts';

const test = suite('ingest frames: cut at the court, every event validated at the centre');
const enc = new TextEncoder();
const opts = { hashKey: 'k' };

function row(gseq: number, data: Record<string, unknown> = { type: 'case-decided', caseId: `c-${gseq}`, date: '2025-03-01' }): StoredEvent {
  return { gseq, actor: 'distribution/x', aseq: gseq, type: String(data.type), ts: 1_700_000_000_000, meta: '{"author":"a"}', data: JSON.stringify(data), command_id: null, prev_hash: 'a'.repeat(64), hash: 'b'.repeat(64) };
}

test('consecutive rows → frames with the seq range; cut by size and by count; nothing lost or reordered', () => {
  const rows = Array.from({ length: 50 }, (_, i) => row(i + 1));
  const one = framesOf('537', rows, opts, 1_000_000);
  assert.is(one.length, 1);
  assert.equal([one[0]!.first, one[0]!.last], [1, 50]);
  const small = framesOf('537', rows, opts, 2000);
  assert.ok(small.length > 5, `${small.length} frames`);
  const seqs = small.flatMap((f) => (JSON.parse(f.body) as { events: Array<{ seq: number }> }).events.map((e) => e.seq));
  assert.equal(seqs, rows.map((r) => r.gseq));
  for (const f of small) assert.ok(f.body.length <= 2000 + 200 || f.first === f.last, 'within the size, unless one event alone is bigger');
  const many = framesOf('537', Array.from({ length: INGEST_FRAME_MAX_EVENTS + 1 }, (_, i) => row(i + 1)), opts, 100_000_000);
  assert.equal(many.map((f) => f.last - f.first + 1), [INGEST_FRAME_MAX_EVENTS, 1]);
});

test('a frame decodes into one row per event, with the facts; the redaction happened before the wire', () => {
  const rows = [row(7), row(8, { type: 'card-moved', covertPerson: 'SECRET', movement: { kind: 'other' } })];
  const [f] = framesOf('537', rows, opts, 1_000_000);
  assert.not.ok(f!.body.includes('SECRET'));
  const d = decodeMessage('asds.ingest.537', enc.encode(f!.body), 1);
  assert.is(d.bad.length, 0);
  assert.equal(d.good.map((g) => g.row.seq), [7, 8]);
  assert.is(d.good[0]!.facts.length, 1);
  assert.is(d.good[0]!.facts[0]!.fact, 'decided');
});

test('one invalid event in a frame is rejected alone; an event out of place too; the rest pass', () => {
  const [f] = framesOf('537', [row(1), row(2), row(3), row(4)], opts, 1_000_000);
  const frame = JSON.parse(f!.body) as { events: Array<Record<string, unknown>> };
  frame.events[1]!.hash = 'not-a-hash';
  frame.events[3]!.seq = 9;
  const d = decodeMessage('asds.ingest.537', enc.encode(JSON.stringify(frame)), 1);
  assert.equal(d.good.map((g) => g.row.seq), [1, 3]);
  assert.equal(d.bad.map((b) => b.seq), [2, 9]);
  assert.match(d.bad[0]!.reason, /hash/);
  assert.match(d.bad[1]!.reason, /seq 9 at the place of 4/);
});

test('a frame on another court\'s subject, a broken envelope, not JSON: the whole message is rejected', () => {
  const [f] = framesOf('537', [row(1)], opts, 1_000_000);
  const wrong = decodeMessage('asds.ingest.538', enc.encode(f!.body), 1);
  assert.equal([wrong.good.length, wrong.bad.length], [0, 1]);
  assert.match(wrong.bad[0]!.reason, /court 537 published on asds.ingest.538/);
  const env = decodeMessage('asds.ingest.537', enc.encode('{"v":1,"court":"537","first":1,"last":1,"events":[]}'), 1);
  assert.equal([env.good.length, env.bad.length], [0, 1]);
  assert.match(env.bad[0]!.reason, /^frame:/);
  const junk = decodeMessage('asds.ingest.537', enc.encode('{{'), 1);
  assert.equal(junk.bad.map((b) => b.reason), ['not JSON']);
});

test('a single-event message (IngestEventV1) is still accepted', () => {
  const [f] = framesOf('537', [row(5)], opts, 1_000_000);
  const ev = (JSON.parse(f!.body) as { events: unknown[] }).events[0];
  const d = decodeMessage('asds.ingest.537', enc.encode(JSON.stringify(ev)), 1);
  assert.equal(d.good.map((g) => g.row.seq), [5]);
});

test.run();
