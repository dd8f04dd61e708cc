import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ConcurrencyConflict, Journal, verifyJournalFile } from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('runtime: journal group commit');
test.after(cleanup);

const ev = (v: number, commandId?: string) => ({ type: 'x', data: JSON.stringify({ type: 'x', v }), meta: '{}', ...(commandId ? { commandId } : {}) });

test('one failing request in a batch fails alone; the others commit and the chain holds', async () => {
  const file = join(tempDir(), 'journal.sqlite');
  const j = new Journal(file);
  const ts = Date.now();
  const results = await Promise.allSettled([
    j.persist({ actor: 'k/a', expectedSeq: 0, ts, events: [ev(1, 'c1')], commands: [{ commandId: 'c1', reply: '1' }] }),
    j.persist({ actor: 'k/b', expectedSeq: 0, ts, events: [ev(2), ev(3)] }),
    // same command id again for the same actor: the commands table refuses it (a real SQLite error)
    j.persist({ actor: 'k/a', expectedSeq: 1, ts, events: [ev(4, 'c1')], commands: [{ commandId: 'c1', reply: '4' }] }),
    j.persist({ actor: 'k/c', expectedSeq: 5, ts, events: [ev(5)] }), // stale expectation
    j.persist({ actor: 'k/d', expectedSeq: 0, ts, events: [ev(6)] }),
  ]);
  assert.equal(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
  assert.match(String((results[2] as PromiseRejectedResult).reason), /UNIQUE/);
  assert.instance((results[3] as PromiseRejectedResult).reason, ConcurrencyConflict);
  assert.equal((results[1] as PromiseFulfilledResult<{ seq: number; firstGseq: number; lastGseq: number }>).value, { seq: 2, firstGseq: 2, lastGseq: 3 });
  const rows = j.read(1, 100);
  assert.equal(rows.map((r) => JSON.parse(r.data).v), [1, 2, 3, 6]);
  assert.equal(rows.map((r) => r.gseq), [1, 2, 3, 4]);
  j.close();
  const rep = verifyJournalFile(file);
  assert.ok(rep.ok);
  assert.is(rep.events, 4);
});

test('requests queued in one tick commit in one transaction', async () => {
  const j = new Journal(join(tempDir(), 'journal.sqlite'));
  let commits = 0;
  j.onCommit(() => commits++);
  const ts = Date.now();
  await Promise.all(Array.from({ length: 300 }, (_, i) => j.persist({ actor: `k/${i}`, expectedSeq: 0, ts, events: [ev(i)] })));
  assert.is(commits, 1);
  assert.is(j.head().gseq, 300);
  j.close();
});

test.run();
