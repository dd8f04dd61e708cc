import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ActorSystem, Journal, followJournal, type StoredEvent } from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { ledger } from '../support/ledger.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('runtime: ordered, resumable read of the node journal');
test.after(cleanup);

test('followJournal yields every event in global order, resumes from a position, and waits for new commits', async () => {
  const dir = tempDir();
  const j = new Journal(join(dir, 'journal.sqlite'));
  const sys = new ActorSystem({ node: 'court-1', journal: j }).register(ledger).start();
  for (let i = 0; i < 30; i++) await sys.ref('ledger', `s${i % 4}`).ask({ type: 'append', value: i });

  const ac = new AbortController();
  const seen: StoredEvent[] = [];
  const reader = (async () => {
    for await (const e of followJournal(j, { from: 1, batch: 7, signal: ac.signal })) {
      seen.push(e);
      if (seen.length === 50) ac.abort();
    }
  })();
  // 20 more events arrive while the reader is waiting at the head
  await new Promise((r) => setTimeout(r, 20));
  for (let i = 30; i < 50; i++) await sys.ref('ledger', `s${i % 4}`).ask({ type: 'append', value: i });
  await reader;
  assert.equal(seen.map((e) => e.gseq), Array.from({ length: 50 }, (_, i) => i + 1));
  assert.equal(seen.map((e) => JSON.parse(e.data).value), Array.from({ length: 50 }, (_, i) => i));

  // resume after a confirmed position (what the replicator does after an outage)
  const resumed: number[] = [];
  const ac2 = new AbortController();
  for await (const e of followJournal(j, { from: 41, signal: ac2.signal })) {
    resumed.push(e.gseq);
    if (e.gseq === 50) ac2.abort();
  }
  assert.equal(resumed, [41, 42, 43, 44, 45, 46, 47, 48, 49, 50]);
  await sys.shutdown();
  j.close();
});

test.run();
