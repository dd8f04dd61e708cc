import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import {
  ActorSystem,
  AskTimeout,
  ConcurrencyConflict,
  DeadLettered,
  DomainRejected,
  Journal,
  MailboxFull,
  NotOwner,
  ValidationFailed,
  verifyJournalFile,
  type Behavior,
} from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { flakyFailures, ledger } from '../support/ledger.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('runtime: local actors');

function system(dir = tempDir(), extra: Partial<ConstructorParameters<typeof ActorSystem>[0]> = {}) {
  return new ActorSystem({ node: 'court-1', journal: join(dir, 'journal.sqlite'), backoffBaseMs: 1, ...extra })
    .register(ledger)
    .start();
}

/** The actors' events (not the runtime's own snapshot records, runtime/journal/integrity.ts). */
function countEvents(dir: string): number {
  const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
  const n = (db.prepare("SELECT count(*) AS n FROM events WHERE actor <> 'journal/snapshots'").get() as { n: number }).n;
  db.close();
  return n;
}

test.after(cleanup);

test('messages are handled in order, one at a time per actor', async () => {
  let active = 0;
  let maxActive = 0;
  const seen: number[] = [];
  const slow: Behavior<number, { n: number }, { type: 'saw'; n: number }> = {
    kind: 'slow',
    initialState: () => 0,
    decide(_s, c) {
      active++;
      maxActive = Math.max(maxActive, active);
      seen.push(c.n);
      active--;
      return { events: [{ type: 'saw', n: c.n }], reply: c.n };
    },
    evolve: (s) => s + 1,
  };
  const dir = tempDir();
  const sys = new ActorSystem({ node: 'court-1', journal: join(dir, 'j.sqlite') }).register(slow).start();
  const replies = await Promise.all(Array.from({ length: 200 }, (_, n) => sys.ref('slow', 'a').ask({ n })));
  assert.equal(replies, Array.from({ length: 200 }, (_, n) => n));
  assert.equal(seen, replies);
  assert.is(maxActive, 1);
  // the persisted order is the arrival order too
  const db = new Database(join(dir, 'j.sqlite'), { readonly: true });
  const stored = db.prepare("SELECT aseq, data FROM events WHERE actor = 'slow/a' ORDER BY gseq").all() as Array<{ aseq: number; data: string }>;
  db.close();
  assert.equal(stored.map((r) => JSON.parse(r.data).n), replies);
  assert.equal(stored.map((r) => r.aseq), replies.map((n) => (n as number) + 1));
  await sys.shutdown();
});

test('ask times out with AskTimeout while the actor is busy', async () => {
  // The actor is busy retrying a failing message (backoff 100 + 200 ms); a caller
  // queued behind it gives up after 30 ms.
  const sys = system(tempDir(), { backoffBaseMs: 100, maxAttempts: 3 });
  const ref = sys.ref('ledger', 'busy');
  const boom = ref.ask({ type: 'boom' }).catch((e) => e);
  try {
    await ref.ask({ type: 'append', value: 1 }, { timeoutMs: 30 });
    assert.unreachable('should time out');
  } catch (e) {
    assert.instance(e, AskTimeout);
    assert.is((e as AskTimeout).code, 'ASK_TIMEOUT');
  }
  assert.instance(await boom, DeadLettered);
  await sys.shutdown();
});

test('a full mailbox refuses with MailboxFull and loses nothing it accepted', async () => {
  const sys = system(tempDir(), { mailboxCapacity: 5 });
  const ref = sys.ref('ledger', 'm');
  const accepted: Array<Promise<unknown>> = [];
  let refused = 0;
  for (let i = 0; i < 20; i++) {
    const p = ref.ask({ type: 'append', value: i });
    accepted.push(p.catch((e) => {
      if (e instanceof MailboxFull) refused++;
      else throw e;
      return null;
    }));
  }
  const results = await Promise.all(accepted);
  assert.ok(refused > 0, 'some messages must be refused');
  const ok = results.filter((r) => r !== null).length;
  assert.is(ok + refused, 20);
  const state = (await ref.ask({ type: 'get' })) as { values: number[] };
  assert.is(state.values.length, ok);
  await sys.shutdown();
});

test('an idempotent repeat returns the first reply and writes nothing', async () => {
  const dir = tempDir();
  const sys = system(dir);
  const ref = sys.ref('ledger', 'i');
  const first = await ref.ask({ type: 'append', value: 7 }, { commandId: 'cmd-1' });
  const before = countEvents(dir);
  const again = await ref.ask({ type: 'append', value: 7 }, { commandId: 'cmd-1' });
  assert.equal(again, first);
  assert.is(countEvents(dir), before);
  await sys.shutdown();
  // …also after a restart, from the journal
  const sys2 = system(dir);
  assert.equal(await sys2.ref('ledger', 'i').ask({ type: 'append', value: 7 }, { commandId: 'cmd-1' }), first);
  assert.is(countEvents(dir), before);
  await sys2.shutdown();
});

test('a second writer for the same actor fails with ConcurrencyConflict', async () => {
  const dir = tempDir();
  const a = system(dir);
  const b = system(dir);
  await a.ref('ledger', 'shared').ask({ type: 'append', value: 1 });
  await b.ref('ledger', 'shared').ask({ type: 'append', value: 2 }).catch(() => undefined);
  // b activated after a's write, so b saw it; now a is stale
  try {
    await a.ref('ledger', 'shared').ask({ type: 'append', value: 3 });
    assert.unreachable('stale writer must be refused');
  } catch (e) {
    assert.instance(e, ConcurrencyConflict);
  }
  // after the conflict the actor reloaded: the next write succeeds on top of b's
  const r = (await a.ref('ledger', 'shared').ask({ type: 'append', value: 4 })) as { count: number };
  assert.is(r.count, 3);
  assert.ok(verifyJournalFile(join(dir, 'journal.sqlite')).ok);
  await a.shutdown();
  await b.shutdown();
});

test('domain refusals and schema-invalid commands write nothing', async () => {
  const dir = tempDir();
  const sys = system(dir);
  const ref = sys.ref('ledger', 'v');
  for (const bad of [{ type: 'append', value: -1 }, { type: 'append', value: 'x' }, { nope: true }, null, 'text']) {
    try {
      await ref.ask(bad as never);
      assert.unreachable(`accepted ${JSON.stringify(bad)}`);
    } catch (e) {
      assert.ok(e instanceof DomainRejected || e instanceof ValidationFailed, String(e));
    }
  }
  try {
    await sys.ref('unknown-kind', 'x').ask({});
    assert.unreachable();
  } catch (e) {
    assert.instance(e, NotOwner);
  }
  assert.is(countEvents(dir), 0);
  await sys.shutdown();
});

test('a handler that throws is restarted with backoff and then succeeds', async () => {
  const dir = tempDir();
  const sys = system(dir);
  flakyFailures.remaining = 2;
  const r = await sys.ref('ledger', 'f').ask({ type: 'flaky', value: 5 });
  assert.equal(r, { count: 1 });
  assert.is(flakyFailures.remaining, 0);
  assert.is(sys.journal!.deadLetters().length, 0);
  await sys.shutdown();
});

test('a message failing N times is dead-lettered and the actor continues', async () => {
  const dir = tempDir();
  const sys = system(dir, { maxAttempts: 3 });
  const ref = sys.ref('ledger', 'd');
  await ref.ask({ type: 'append', value: 1 });
  try {
    await ref.ask({ type: 'boom' });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, DeadLettered);
  }
  const r = (await ref.ask({ type: 'append', value: 2 })) as { count: number };
  assert.is(r.count, 2);
  const dl = sys.journal!.deadLetters();
  assert.is(dl.length, 1);
  assert.is(dl[0]!.actor, 'ledger/d');
  assert.is(dl[0]!.attempts, 3);
  assert.match(dl[0]!.error, /boom/);
  assert.equal(JSON.parse(dl[0]!.message), { type: 'boom' });
  await sys.shutdown();
});

test('snapshots + replay recover state; passivated actors come back', async () => {
  const dir = tempDir();
  let now = 1_000_000;
  const sys = system(dir, { snapshotEvery: 10, clock: () => now, passivateAfterMs: 1000 });
  const ref = sys.ref('ledger', 's');
  for (let i = 0; i < 25; i++) await ref.ask({ type: 'append', value: i });
  const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
  const snap = db.prepare("SELECT aseq FROM snapshots WHERE actor = 'ledger/s'").get() as { aseq: number };
  db.close();
  assert.is(snap.aseq, 20);
  await new Promise((r) => setImmediate(r));
  now += 5000;
  assert.is(sys.passivateIdle(), 1);
  assert.is(sys.liveActors, 0);
  const state = (await ref.ask({ type: 'get' })) as { values: number[] };
  assert.equal(state.values, Array.from({ length: 25 }, (_, i) => i));
  await sys.shutdown();
  const sys2 = system(dir);
  const again = (await sys2.ref('ledger', 's').ask({ type: 'get' })) as { values: number[] };
  assert.is(again.values.length, 25);
  await sys2.shutdown();
});

test('a snapshot the behavior calls unusable is set aside: the state is replayed from the whole stream', async () => {
  const dir = tempDir();
  const sys = system(dir, { snapshotEvery: 10 });
  for (let i = 0; i < 15; i++) await sys.ref('ledger', 'u').ask({ type: 'append', value: i });
  await sys.shutdown();
  // a newer behavior whose state carries a field the snapshot (taken at 10) lacks: it counts every replayed event
  let replayed = 0;
  const counted: Behavior = {
    ...ledger,
    evolve: (s, e) => {
      replayed++;
      return ledger.evolve(s, e as never);
    },
    snapshotUsable: (s: { values: number[]; v2?: true }) => s.v2 === true,
  };
  const sys2 = new ActorSystem({ node: 'court-1', journal: join(dir, 'journal.sqlite'), backoffBaseMs: 1 }).register(counted).start();
  const state = (await sys2.ref('ledger', 'u').ask({ type: 'get' })) as { values: number[] };
  assert.equal(state.values, Array.from({ length: 15 }, (_, i) => i), 'the same state');
  assert.is(replayed, 15, 'all 15 events replayed, not the 5 after the snapshot');
  await sys2.shutdown();
});

test('a missed periodic reminder fires once after downtime, then keeps its period', async () => {
  const dir = tempDir();
  const hour = 3_600_000;
  let now = Date.UTC(2026, 0, 5, 8);
  const t0 = now;
  const sys = system(dir, { clock: () => now, reminderTickMs: 60_000 });
  await sys.ref('ledger', 'r').ask({ type: 'remind', name: 'daily', dueAt: t0 + hour, everyMs: hour });
  await sys.shutdown();
  // five hours and a bit of downtime: periods at +1h … +5h were all missed
  now = t0 + 5 * hour + 60_000;
  const sys2 = system(dir, { clock: () => now, reminderTickMs: 60_000 });
  await waitUntil(async () => ((await sys2.ref('ledger', 'r').ask({ type: 'get' })) as { timers: number }).timers === 1);
  assert.is(sys2.fireDueReminders(), 0, 'nothing else is due');
  const row = sys2.journal!.reminder('ledger/r', 'daily')!;
  assert.is(row.due_at, t0 + 6 * hour);
  assert.is(row.last_fired, now);
  const db = sys2.journal!.database;
  const fired = db.prepare("SELECT data FROM events WHERE type = 'timer-fired'").all() as Array<{ data: string }>;
  assert.is(fired.length, 1);
  assert.is(JSON.parse(fired[0]!.data).coalesced, 5);
  // the next period fires normally
  now = t0 + 6 * hour + 1;
  assert.is(sys2.fireDueReminders(), 1);
  await waitUntil(async () => ((await sys2.ref('ledger', 'r').ask({ type: 'get' })) as { timers: number }).timers === 2);
  await sys2.shutdown();
});

test('a one-shot reminder fires once and is removed', async () => {
  const dir = tempDir();
  let now = 5_000_000;
  const sys = system(dir, { clock: () => now, reminderTickMs: 60_000 });
  await sys.ref('ledger', 'o').ask({ type: 'remind', name: 'once', dueAt: now + 10 });
  now += 100;
  assert.is(sys.fireDueReminders(), 1);
  await waitUntil(async () => ((await sys.ref('ledger', 'o').ask({ type: 'get' })) as { timers: number }).timers === 1);
  assert.is(sys.journal!.reminder('ledger/o', 'once'), undefined);
  assert.is(sys.fireDueReminders(), 0);
  await sys.shutdown();
});

test('graceful shutdown drains mailboxes before closing', async () => {
  const dir = tempDir();
  const sys = system(dir);
  const ref = sys.ref('ledger', 'g');
  const pending = Array.from({ length: 300 }, (_, i) => ref.ask({ type: 'append', value: i }));
  await sys.shutdown();
  const replies = await Promise.all(pending);
  assert.is(replies.length, 300);
  assert.is(countEvents(dir), 300);
});

test('a journal row edited with the sqlite3 library is detected by verify', async () => {
  const dir = tempDir();
  const sys = system(dir);
  for (let i = 0; i < 10; i++) await sys.ref('ledger', `t${i % 3}`).ask({ type: 'append', value: i });
  await sys.shutdown();
  const file = join(dir, 'journal.sqlite');
  assert.ok(verifyJournalFile(file).ok);
  const db = new Database(file);
  db.prepare('UPDATE events SET data = ? WHERE gseq = 6').run(JSON.stringify({ type: 'appended', value: 999 }));
  db.close();
  const rep = verifyJournalFile(file);
  assert.not.ok(rep.ok);
  assert.is(rep.firstBreak!.gseq, 6);
  assert.is(rep.firstBreak!.problem, 'hash-mismatch');
});

test('group commit writes events of many actors, hash chain and sequences intact', async () => {
  const dir = tempDir();
  const j = new Journal(join(dir, 'journal.sqlite'));
  const sys = new ActorSystem({ node: 'court-1', journal: j }).register(ledger).start();
  let commits = 0;
  j.onCommit(() => commits++);
  await Promise.all(Array.from({ length: 500 }, (_, i) => sys.ref('ledger', `a${i % 50}`).ask({ type: 'append', value: i })));
  assert.ok(commits < 100, `expected batching, got ${commits} commits for 500 commands`);
  await sys.shutdown();
  j.close();
  const rep = verifyJournalFile(join(dir, 'journal.sqlite'));
  assert.ok(rep.ok);
  assert.is(rep.events, 500);
});

test('a busy actor decides queued messages into one write; refusals, failures and repeats inside a batch stay separate', async () => {
  const dir = tempDir();
  const j = new Journal(join(dir, 'journal.sqlite'));
  const sys = new ActorSystem({ node: 'court-1', journal: j, backoffBaseMs: 1, maxAttempts: 2 }).register(ledger).start();
  let commits = 0;
  j.onCommit(() => commits++);
  const ref = sys.ref('ledger', 'b');
  const asks = [
    ref.ask({ type: 'append', value: 1 }, { commandId: 'k1' }),
    ref.ask({ type: 'append', value: 2 }, { commandId: 'k2' }),
    ref.ask({ type: 'append', value: -1 }), // refused by the domain
    ref.ask({ type: 'append', value: 2 }, { commandId: 'k2' }), // repeat inside the batch
    ref.ask({ type: 'boom' }), // unexpected failure → dead letter
    ref.ask({ type: 'append', value: 3 }),
    ...Array.from({ length: 100 }, (_, i) => ref.ask({ type: 'append', value: 10 + i })),
  ].map((p) => p.then((r) => ({ r }), (e) => ({ e })));
  const out = await Promise.all(asks);
  assert.equal(out[0], { r: { seq: 1, count: 1 } });
  assert.equal(out[1], { r: { seq: 2, count: 2 } });
  assert.instance((out[2] as { e: unknown }).e, DomainRejected);
  assert.equal(out[3], out[1]);
  assert.instance((out[4] as { e: unknown }).e, DeadLettered);
  assert.equal(out[5], { r: { seq: 3, count: 3 } });
  assert.equal(out[105], { r: { seq: 103, count: 103 } });
  assert.ok(commits <= 10, `expected few commits for 106 queued messages, got ${commits}`);
  const state = (await ref.ask({ type: 'get' })) as { values: number[] };
  assert.equal(state.values, [1, 2, 3, ...Array.from({ length: 100 }, (_, i) => 10 + i)]);
  const rows = j.database.prepare("SELECT aseq, command_id FROM events WHERE actor = 'ledger/b' ORDER BY aseq").all() as Array<{ aseq: number; command_id: string | null }>;
  assert.equal(rows.slice(0, 3), [
    { aseq: 1, command_id: 'k1' },
    { aseq: 2, command_id: 'k2' },
    { aseq: 3, command_id: null },
  ]);
  await sys.shutdown();
  j.close();
  assert.ok(verifyJournalFile(join(dir, 'journal.sqlite')).ok);
});

async function waitUntil(cond: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

test.run();
