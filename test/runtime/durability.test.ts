/**
 * The journal's fsync runs off the event loop (runtime/journal/journal.ts):
 * what is committed but not yet fsynced is never acknowledged, never shown by
 * read()/head() (so never replicated) and never answered from as an
 * idempotent repeat; checkpoints run in a worker and keep the chain intact.
 * (The SIGKILL side — nothing acknowledged is lost — is test/runtime/crash.test.ts.)
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ActorSystem, Journal, verifyJournalFile, type Behavior } from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('runtime: durable before acknowledged (fsync off the loop)');
test.after(cleanup);

const ev = (v: number, pad = 0) => ({ type: 'x', data: JSON.stringify({ type: 'x', v, pad: 'p'.repeat(pad) }), meta: '{}' });
const committedRows = (j: Journal) => (j.database.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

test('a persist resolves only once head() covers it; read() and listeners never run ahead of the fsync', async () => {
  const j = new Journal(join(tempDir(), 'journal.sqlite'));
  const seen: Array<{ listener: number; head: number; readable: number }> = [];
  j.onCommit((last) => seen.push({ listener: last, head: j.head().gseq, readable: j.read(1, 1000).length }));
  const ts = Date.now();
  let resolvedAt = -1;
  const p = j.persist({ actor: 'k/a', expectedSeq: 0, ts, events: [ev(1), ev(2)] }).then((r) => {
    resolvedAt = j.head().gseq;
    return r;
  });
  assert.is(j.head().gseq, 0, 'nothing durable before the tick');
  // Poll the SQLite rows: once they are committed, head()/read() must still show only what is fsynced.
  while (committedRows(j) === 0) await new Promise((r) => setImmediate(r));
  const headAtCommit = j.head().gseq;
  assert.ok(headAtCommit === 0 || headAtCommit === 2, 'head() is all-or-nothing per fsync');
  if (headAtCommit === 0) assert.is(j.read(1, 100).length, 0, 'committed but not fsynced: not readable');
  const r = await p;
  assert.equal(r, { seq: 2, firstGseq: 1, lastGseq: 2 });
  assert.is(resolvedAt, 2, 'acknowledged after head() covers it');
  assert.equal(seen, [{ listener: 2, head: 2, readable: 2 }]);
  // whenDurable: at once when nothing waits, else after the next fsync.
  await j.whenDurable();
  const q = j.persist({ actor: 'k/a', expectedSeq: 2, ts, events: [ev(3)] });
  while (committedRows(j) < 3) await new Promise((res) => setImmediate(res));
  await j.whenDurable();
  assert.is(j.head().gseq, 3, 'whenDurable() resolves after the fsync that covers everything committed');
  await q;
  j.close();
});

test('flushNow() commits and fsyncs synchronously; close() leaves a file that verifies', async () => {
  const file = join(tempDir(), 'journal.sqlite');
  const j = new Journal(file);
  const p = j.persist({ actor: 'k/a', expectedSeq: 0, ts: Date.now(), events: [ev(1)] });
  j.flushNow();
  assert.is(j.head().gseq, 1);
  await p;
  j.close();
  const rep = verifyJournalFile(file);
  assert.ok(rep.ok);
  assert.is(rep.events, 1);
});

test('checkpoints run in a worker: the main file fills while writes go on; the chain verifies after reopening', async () => {
  const file = join(tempDir(), 'journal.sqlite');
  const j = new Journal(file, { checkpointBytes: 64 * 1024 });
  const before = statSync(file).size;
  const ts = Date.now();
  let seq = 0;
  for (let round = 0; round < 20; round++) {
    await Promise.all(Array.from({ length: 10 }, (_, i) => j.persist({ actor: `k/${i}`, expectedSeq: round, ts, events: [ev(++seq, 2000)] })));
  }
  for (let t = 0; t < 200 && statSync(file).size <= before + 200 * 1024; t++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(statSync(file).size > before + 200 * 1024, `the main file received the WAL's pages: ${statSync(file).size} bytes`);
  j.close();
  const again = new Journal(file);
  assert.is(again.head().gseq, 200);
  assert.is(again.read(1, 1000).length, 200);
  again.close();
  assert.ok(verifyJournalFile(file).ok);
});

test('an idempotent repeat, in the same batch or read back from the journal (after durability), returns the first reply and writes nothing', async () => {
  const counter: Behavior<{ n: number }, { type: 'inc' }, { type: 'inc' }, number> = {
    kind: 'counter',
    initialState: () => ({ n: 0 }),
    decide: (s) => ({ events: [{ type: 'inc' }], reply: s.n + 1 }),
    evolve: (s) => ({ n: s.n + 1 }),
  };
  const sys = new ActorSystem({ node: 'n1', journal: join(tempDir(), 'journal.sqlite') }).register(counter).start();
  const ref = sys.ref('counter', 'c');
  const first = ref.ask<number>({ type: 'inc' }, { commandId: 'once' });
  const again = ref.ask<number>({ type: 'inc' }, { commandId: 'once' });
  const third = ref.ask<number>({ type: 'inc' }, { commandId: 'other' });
  assert.equal(await Promise.all([first, again, third]), [1, 1, 2]);
  // Answered later from the journal (a new cell after passivation), still the first reply, nothing written.
  sys.passivateIdle(Number.MAX_SAFE_INTEGER);
  assert.is(await sys.ref('counter', 'c').ask<number>({ type: 'inc' }, { commandId: 'once' }), 1);
  assert.is(sys.journal!.actorSeq('counter/c'), 2);
  await sys.shutdown();
});

test.run();
