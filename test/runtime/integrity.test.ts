/**
 * The tables beside the hash chain, each tampered with directly in SQLite:
 * the start refuses (runtime/journal/open.ts) and `verifyJournalFile` reports
 * it; an untouched journal with snapshots and reminders passes both.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startHost, type Host } from '../../runtime/host.ts';
import { JournalTampered, verifyJournalFile } from '../../runtime/index.ts';
import { SNAPSHOT_STREAM } from '../../runtime/journal/integrity.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { ledger } from '../support/ledger.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('runtime: tables the node trusts at start are checked against the chain');
test.after(cleanup);

const NODE = 'court-9';
const start = (dataDir: string): Promise<Host> => startHost({ node: NODE, role: 'court', dataDir, behaviors: [ledger], system: { snapshotEvery: 5, reminderTickMs: 60_000 } });

/** A journal with snapshots of `ledger/a` (12 appends), a reminder and idempotency records. */
async function seeded(): Promise<{ dir: string; path: string }> {
  const dir = tempDir();
  const host = await start(dir);
  const a = host.system.ref('ledger', 'a');
  for (let i = 0; i < 12; i++) await a.ask({ type: 'append', value: i }, { commandId: `cmd-${i}` });
  await a.ask({ type: 'remind', name: 'later', dueAt: Date.now() + 86_400_000 });
  await host.stop();
  return { dir, path: join(dir, 'journal.sqlite') };
}

function edit(path: string, sql: string, ...params: unknown[]): void {
  const db = new Database(path);
  db.prepare(sql).run(...params);
  db.close();
}

async function refused(dir: string): Promise<JournalTampered> {
  try {
    const h = await start(dir);
    await h.stop();
  } catch (e) {
    assert.instance(e, JournalTampered);
    assert.not.match((e as Error).message, /\n/);
    return e as JournalTampered;
  }
  assert.unreachable('the node started on a tampered table');
  throw new Error('unreachable');
}

test('untouched: verify is OK and the node starts from its snapshot', async () => {
  const { dir, path } = await seeded();
  const rep = verifyJournalFile(path);
  assert.ok(rep.ok, JSON.stringify(rep));
  assert.equal(rep.tables, []);
  const db = new Database(path, { readonly: true });
  assert.ok((db.prepare('SELECT count(*) AS n FROM snapshots').get() as { n: number }).n > 0, 'no snapshot was taken');
  assert.ok((db.prepare('SELECT count(*) AS n FROM events WHERE actor = ?').get(SNAPSHOT_STREAM) as { n: number }).n > 0);
  db.close();
  const host = await start(dir);
  const st = (await host.system.ref('ledger', 'a').ask({ type: 'get' })) as { values: number[] };
  assert.equal(st.values, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  await host.stop();
});

test('an edited snapshot state: refused, named, and the digest mismatch reported', async () => {
  const { dir, path } = await seeded();
  const db = new Database(path);
  const row = db.prepare("SELECT state FROM snapshots WHERE actor = 'ledger/a'").get() as { state: string };
  const state = JSON.parse(row.state) as { values: number[] };
  state.values[0] = 999;
  db.prepare("UPDATE snapshots SET state = ? WHERE actor = 'ledger/a'").run(JSON.stringify(state));
  db.close();
  const e = await refused(dir);
  assert.match(e.message, /snapshots ledger\/a: state differs from the digest recorded in the chain/);
  const rep = verifyJournalFile(path);
  assert.is(rep.ok, false);
  assert.is(rep.tables[0]!.key, 'ledger/a');
});

test('a snapshot and its chained record both edited: the record no longer recomputes', async () => {
  const { dir, path } = await seeded();
  const db = new Database(path);
  const snap = db.prepare("SELECT state, record_gseq FROM snapshots WHERE actor = 'ledger/a'").get() as { state: string; record_gseq: number };
  const forged = snap.state.replace('[0,', '[999,');
  const rec = db.prepare('SELECT data FROM events WHERE gseq = ?').get(snap.record_gseq) as { data: string };
  const data = JSON.parse(rec.data);
  data.digest = (await import('node:crypto')).createHash('sha256').update(forged).digest('hex');
  db.prepare('UPDATE events SET data = ? WHERE gseq = ?').run(JSON.stringify(data), snap.record_gseq);
  db.prepare("UPDATE snapshots SET state = ? WHERE actor = 'ledger/a'").run(forged);
  db.close();
  const e = await refused(dir);
  assert.match(e.message, /ledger\/a: its record at gseq \d+ was altered/);
  assert.is(verifyJournalFile(path).firstBreak?.gseq, snap.record_gseq);
});

test('a snapshot inserted for an actor that had none: not recorded in the chain', async () => {
  const { dir } = await seeded();
  const host = await start(dir);
  await host.system.ref('ledger', 'b').ask({ type: 'append', value: 1 });
  await host.stop();
  edit(join(dir, 'journal.sqlite'), "INSERT INTO snapshots (actor, aseq, state, ts) VALUES ('ledger/b', 1, ?, 0)", JSON.stringify({ values: [1000], timers: 0 }));
  const e = await refused(dir);
  assert.match(e.message, /snapshots ledger\/b: not recorded in the hash chain/);
});

test('a snapshot edited while the node runs: the actor refuses to come back from it at its next activation', async () => {
  const { dir, path } = await seeded();
  const host = await start(dir);
  try {
    edit(path, "UPDATE snapshots SET state = ? WHERE actor = 'ledger/a'", JSON.stringify({ values: [42], timers: 0 }));
    let error: unknown;
    await host.system.ref('ledger', 'a').ask({ type: 'get' }).catch((e) => (error = e));
    assert.instance(error, JournalTampered);
    assert.match((error as Error).message, /snapshot of ledger\/a: state differs from the digest/);
  } finally {
    await host.stop();
  }
});

test('an injected reminder (a command delivered as system:reminder) is refused', async () => {
  const { dir, path } = await seeded();
  edit(path, "INSERT INTO reminders (actor, name, due_at, every_ms, message) VALUES ('ledger/a', 'evil', 0, NULL, ?)", JSON.stringify({ type: 'append', value: 666 }));
  const e = await refused(dir);
  assert.match(e.message, /reminders ledger\/a evil: not sealed by the node/);
});

test('a reminder injected while the node runs is never delivered', async () => {
  const { dir, path } = await seeded();
  const host = await start(dir);
  try {
    edit(path, "INSERT INTO reminders (actor, name, due_at, every_ms, message) VALUES ('ledger/a', 'evil', 0, NULL, ?)", JSON.stringify({ type: 'append', value: 666 }));
    assert.is(host.system.fireDueReminders(), 0);
    const st = (await host.system.ref('ledger', 'a').ask({ type: 'get' })) as { values: number[] };
    assert.not.ok(st.values.includes(666));
  } finally {
    await host.stop();
  }
});

test('a reminder postponed by hand breaks its seal', async () => {
  const { dir, path } = await seeded();
  edit(path, "UPDATE reminders SET due_at = due_at + 86400000 WHERE name = 'later'");
  const e = await refused(dir);
  assert.match(e.message, /reminders ledger\/a later: row differs from what the node wrote/);
});

test('a deleted idempotency record (a retry would run twice) and an invented one are refused', async () => {
  const { dir, path } = await seeded();
  edit(path, "DELETE FROM commands WHERE command_id = 'cmd-3'");
  const e = await refused(dir);
  assert.match(e.message, /commands ledger\/a cmd-3: executed .* idempotency record is gone/);
  edit(path, "INSERT INTO commands (actor, command_id, reply, gseq) VALUES ('ledger/a', 'cmd-3', '{}', 4)");
  edit(path, "INSERT INTO commands (actor, command_id, reply, gseq) VALUES ('ledger/a', 'future-cmd', '{}', 4)");
  const e2 = await refused(dir);
  assert.match(e2.message, /commands \*: 1 record\(s\) name commands no event in the chain carries/);
});

test('an idempotency record invented while the node runs does not swallow the command; a real repeat still answers', async () => {
  const { dir, path } = await seeded();
  const host = await start(dir);
  try {
    const a = host.system.ref('ledger', 'a');
    assert.equal(await a.ask({ type: 'append', value: 3 }, { commandId: 'cmd-3' }), { seq: 4, count: 4 }, 'the first reply of cmd-3');
    edit(path, "INSERT INTO commands (actor, command_id, reply, gseq) VALUES ('ledger/a', 'next-cmd', '{\"seq\":1,\"count\":1}', 1)");
    let error: unknown;
    await a.ask({ type: 'append', value: 7 }, { commandId: 'next-cmd' }).catch((e) => (error = e));
    assert.instance(error, JournalTampered);
    assert.match((error as Error).message, /idempotency record ledger\/a next-cmd: points at gseq 1/);
  } finally {
    await host.stop();
  }
});

test('a journal of schema 1 is upgraded: its snapshots dropped (rebuilt from events), its reminders sealed', async () => {
  const { dir, path } = await seeded();
  const db = new Database(path);
  db.exec("ALTER TABLE snapshots DROP COLUMN record_gseq; ALTER TABLE reminders DROP COLUMN seal; ALTER TABLE reminders DROP COLUMN sealed_gseq; UPDATE meta SET value = '1' WHERE key = 'schema_version'");
  db.close();
  const host = await start(dir);
  const st = (await host.system.ref('ledger', 'a').ask({ type: 'get' })) as { values: number[] };
  assert.is(st.values.length, 12);
  await host.stop();
  assert.ok(verifyJournalFile(path).ok);
});

test.run();
