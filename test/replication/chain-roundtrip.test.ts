/**
 * The centre recomputes a format 2 hash from what it received
 * (contracts/ingest IngestEventV2): the public view the court committed to
 * must come back byte for byte from JSON.parse → JSON.stringify, whatever the
 * data holds. Pure functions over a real journal file, no servers.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { framesOf } from '../../actors/court/replicator/index.ts';
import { decodeMessage } from '../../actors/central/ingest/rows.ts';
import { chainHashV2, Journal } from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('verified ingest: the committed public view round-trips through the wire');
test.after(cleanup);
const enc = new TextEncoder();

/** Everything public (the test is about encoding, not about the policy). */
const passAll = (_k: string, _t: string, data: Record<string, unknown>, meta: Record<string, unknown>) => ({ author: String(meta.author ?? ''), data, redacted: ['a.b[0].c', 'ключ'] });

const awkward: Array<Record<string, unknown>> = [
  { type: 'x', name: 'Київ — «суд» 🏛️ \u2028 \t "лапки" \\ /', emoji: '👩‍⚖️' },
  { type: 'x', 10: 'ten', 2: 'two', b: 1, a: 2, '01': 'not an index', '-1': 'neither', 4294967295: 'max' },
  { type: 'x', nested: [[1, [2, [3, { deep: [[], {}] }]]], [null, true, false]], empty: {} },
  { type: 'x', nums: [0, -0, 1e21, 1e-7, 0.1 + 0.2, -123.456, 2 ** 53, Number.MAX_VALUE, 5e-324] },
  { type: 'x', lone: 'a\ud800b', control: '\u0000\u001f\u007f', ['__proto__']: { polluted: true } },
  { type: 'x', [JSON.parse('"\\u0000"')]: 'nul key', '': 'empty key' },
];

test('unicode, integer-like keys, nested arrays, awkward numbers, lone surrogates, __proto__: every hash recomputes', async () => {
  const j = new Journal(join(tempDir(), 'journal.sqlite'), { publicView: passAll });
  for (let i = 0; i < awkward.length; i++) {
    await j.persist({ actor: 'case/1', expectedSeq: i, ts: 1_700_000_000_000 + i, events: [{ type: 'x', data: JSON.stringify(awkward[i]), meta: JSON.stringify({ author: 'Суддя «Ш»' }) }] });
  }
  const rows = j.read(1, 100);
  j.close();
  const [f] = framesOf('537', rows, { hashKey: 'k' }, 10_000_000);
  const d = decodeMessage('asds.ingest.537', enc.encode(f!.body), 1);
  assert.equal(d.bad, []);
  assert.is(d.good.length, awkward.length);
  for (let i = 0; i < d.good.length; i++) {
    const g = d.good[i]!;
    assert.is(g.pub, rows[i]!.pub, `event ${i + 1}: the public view comes back byte for byte`);
    const e = g.event;
    assert.is(chainHashV2(e.prevHash, { gseq: e.seq, actor: e.actor, aseq: e.aseq, type: e.type, ts: e.ts }, g.row.hidden, g.pub!), rows[i]!.hash, `event ${i + 1}`);
    // the stored payload is the committed data member, cut out of the view text
    assert.is(g.row.payload, JSON.stringify(JSON.parse(rows[i]!.pub!).data));
  }
});

test('changed in transit — a value, a key order, the redacted list, the author — no longer recomputes', async () => {
  const j = new Journal(join(tempDir(), 'journal.sqlite'), { publicView: passAll });
  await j.persist({ actor: 'case/1', expectedSeq: 0, ts: 1, events: [{ type: 'x', data: JSON.stringify({ type: 'x', a: 1, b: 'два' }), meta: '{"author":"x"}' }] });
  const rows = j.read(1, 1);
  j.close();
  const [f] = framesOf('537', rows, { hashKey: 'k' }, 1_000_000);
  const edits: Array<(e: Record<string, any>) => void> = [
    (e) => (e.data.b = 'три'),
    (e) => (e.data = { b: e.data.b, type: e.data.type, a: e.data.a }),
    (e) => e.redacted.pop(),
    (e) => (e.author = 'y'),
    (e) => (e.hidden = 'f'.repeat(64)),
    (e) => (e.ts += 1),
  ];
  for (const edit of edits) {
    const frame = JSON.parse(f!.body);
    edit(frame.events[0]);
    const g = decodeMessage('asds.ingest.537', enc.encode(JSON.stringify(frame)), 1).good[0]!;
    const e = g.event;
    assert.is.not(chainHashV2(e.prevHash, { gseq: e.seq, actor: e.actor, aseq: e.aseq, type: e.type, ts: e.ts }, g.row.hidden, g.pub!), e.hash, String(edit));
  }
});

test('a v2 event alone (not in a frame with the head) is refused; a legacy v1 frame and event still decode', () => {
  const row = { gseq: 3, actor: 'case/1', aseq: 3, type: 'x', ts: 1, meta: '{}', data: '{"type":"x"}', command_id: null, prev_hash: 'a'.repeat(64), hash: 'b'.repeat(64) };
  const [legacy] = framesOf('537', [row], { hashKey: 'k' }, 1_000_000);
  const ev = JSON.parse(legacy!.body).events[0];
  assert.is(ev.v, 1, 'a format 1 row travels as a legacy v1 event');
  assert.equal(decodeMessage('asds.ingest.537', enc.encode(JSON.stringify(ev)), 1).good.map((g) => g.row.chain), [1]);
  const v1frame = { v: 1, court: '537', first: 3, last: 3, events: [ev] };
  assert.equal(decodeMessage('asds.ingest.537', enc.encode(JSON.stringify(v1frame)), 1).good.map((g) => g.row.seq), [3]);
  const v2 = { ...ev, v: 2, hidden: 'c'.repeat(64) };
  const alone = decodeMessage('asds.ingest.537', enc.encode(JSON.stringify(v2)), 1);
  assert.match(alone.bad[0]!.reason, /only in a version 2 frame/);
});

test.run();
