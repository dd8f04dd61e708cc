import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { verifyJournalFile } from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { startNodeProcess } from '../support/processes.ts';

const test = suite('runtime: crash safety under SIGKILL');
test.after(cleanup);

const ROUNDS = 24;

test(`a writer SIGKILLed at random moments ${ROUNDS} times loses no acknowledged command`, async () => {
  const data = tempDir();
  const acks: Array<{ actor: string; value: number; seq: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const p = startNodeProcess('test/support/crash-writer.ts', ['--data', data, '--actors', '8', '--start', String(round * 1_000_000)]);
    p.onLine((l) => {
      const m = /^ACK (\S+) (\d+) (\d+)$/.exec(l);
      if (m) acks.push({ actor: `ledger/${m[1]}`, value: Number(m[2]), seq: Number(m[3]) });
    });
    await p.waitFor(/^READY$/);
    const roundStart = acks.length;
    // kill mid-load: once this round has acknowledged some commands (a loaded machine is slower), then at a random moment
    for (const end = Date.now() + 30_000; acks.length - roundStart < 12 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, Math.random() * 150));
    await p.kill('SIGKILL');
    const x = await p.exited;
    assert.is(x.signal, 'SIGKILL', `round ${round}: the writer was killed, not finished`);
  }
  assert.ok(acks.length > ROUNDS * 10, `expected plenty of acknowledged commands, got ${acks.length}`);

  const file = join(data, 'journal.sqlite');
  const db = new Database(file, { readonly: true });
  const find = db.prepare('SELECT aseq, data FROM events WHERE actor = ? AND command_id = ?');
  for (const a of acks) {
    const row = find.get(a.actor, `v${a.value}`) as { aseq: number; data: string } | undefined;
    assert.ok(row, `acknowledged ${a.actor} value ${a.value} is missing after restart`);
    assert.is(row!.aseq, a.seq);
    assert.is(JSON.parse(row!.data).value, a.value);
  }
  const perActor = db.prepare('SELECT actor, count(*) AS n, max(aseq) AS m FROM events GROUP BY actor').all() as Array<{ n: number; m: number }>;
  for (const r of perActor) assert.is(r.n, r.m, 'per-actor sequence numbers have no gaps');
  const g = db.prepare('SELECT count(*) AS n, max(gseq) AS m FROM events').get() as { n: number; m: number };
  assert.is(g.n, g.m, 'global sequence numbers have no gaps');
  db.close();

  const rep = verifyJournalFile(file);
  assert.ok(rep.ok, `hash chain broken: ${JSON.stringify(rep.firstBreak)}`);
  assert.is(rep.events, g.n);
});

const WAL_LIMIT = 256 * 1024;

test('repeated SIGKILLs under load, also right after the WAL was emptied: the WAL stays bounded, nothing acknowledged is lost', async () => {
  const data = tempDir();
  const acks: Array<{ actor: string; value: number }> = [];
  let afterTruncate = 0;
  for (let round = 0; round < 10; round++) {
    const p = startNodeProcess('test/support/crash-writer.ts', ['--data', data, '--actors', '8', '--start', String(round * 1_000_000)], { ASDS_WAL_LIMIT_BYTES: String(WAL_LIMIT) });
    p.onLine((l) => {
      const m = /^ACK (\S+) (\d+) (\d+)$/.exec(l);
      if (m) acks.push({ actor: `ledger/${m[1]}`, value: Number(m[2]) });
    });
    await p.waitFor(/^READY$/);
    // even rounds: kill the moment a TRUNCATE checkpoint finished (SQLite starts over at the WAL's beginning)
    if (round % 2 === 0) {
      await p.waitFor(/^TRUNCATED$/, 60_000);
      afterTruncate++;
    } else await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
    await p.kill('SIGKILL');
    // measured after the kill, before the next start: what a crash leaves behind
    const wal = statSync(join(data, 'journal.sqlite-wal'), { throwIfNoEntry: false })?.size ?? 0;
    // checked after each fsync: the worker truncates past the limit, the writer itself past 4× (one more group may land)
    assert.ok(wal < 5 * WAL_LIMIT, `round ${round}: WAL ${wal} bytes, limit ${WAL_LIMIT}`);
  }
  assert.is(afterTruncate, 5);
  const file = join(data, 'journal.sqlite');
  const db = new Database(file, { readonly: true });
  const find = db.prepare('SELECT 1 FROM events WHERE actor = ? AND command_id = ?');
  for (const a of acks) assert.ok(find.get(a.actor, `v${a.value}`), `acknowledged ${a.actor} value ${a.value} is missing`);
  db.close();
  assert.ok(verifyJournalFile(file).ok, 'hash chain holds');
});

test.run();
