/**
 * Export to ЄДРСР (Засади 11.2) against a local receiver that records what it
 * gets and fails on demand:
 * - the receiver fails N times, then accepts → delivered once, nothing lost;
 * - the receiver accepts but the reply is lost (connection destroyed) → the
 *   retry carries the same idempotency key, no duplicate accepted item;
 * - no URL → items pending, the court works; restarted with the URL → delivered;
 * - the overdue list for the (deputy) head of staff; role checks; bad query.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { cleanup, tempDir } from '../support/servers.ts';
import { today } from './support.ts';
import { registeredCase, Receiver, startLfCourt, until, type LfCourt } from './legal-force-support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: ЄДРСР export');
let receiver: Receiver;
const courts: LfCourt[] = [];

test.before(async () => {
  receiver = await new Receiver().start();
});
test.after(async () => {
  for (const c of courts) await c.server.stop().catch(() => undefined);
  await receiver.stop();
  await cleanup();
});

async function court(o: Parameters<typeof startLfCourt>[0] = {}): Promise<LfCourt> {
  const c = await startLfCourt(o);
  courts.push(c);
  return c;
}

/** A decision in force at once (not appealable): its ЄДРСР item is queued right away. */
async function inForce(c: LfCourt, documentId?: string): Promise<string> {
  const k = await registeredCase(c);
  const d = await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.judge, body: { outcome: 'decision', date: today(), appealable: false, ...(documentId ? { documentId } : {}) } });
  assert.is(d.status, 201, JSON.stringify(d.body));
  const card = await c.api.call('GET', k.path, { token: c.tokens.registrar });
  return card.body.proceedings[0].legalForce.edrsr.key as string;
}

const queue = async (c: LfCourt, state = 'all') => {
  const r = await c.api.call('GET', `/edrsr/queue?state=${state}`, { token: c.tokens.head });
  assert.is(r.status, 200, JSON.stringify(r.body));
  return r.body;
};
const entry = async (c: LfCourt, key: string) => (await queue(c)).items.find((i: any) => i.item.key === key);

test('the receiver fails 3 times, then accepts → delivered once, attempts journaled, nothing lost', async () => {
  const c = await court({ edrsrUrl: receiver.url });
  receiver.failNext = 3;
  const key = await inForce(c, '537-000000101-рішення-ц');
  const e = await until(async () => (await entry(c, key))?.deliveredAt && entry(c, key), 'delivery');
  assert.is(e.attempts, 4);
  assert.is(e.lastError, 'HTTP 503');
  const got = receiver.forKey(key);
  assert.is(got.length, 4, 'three refusals and one acceptance');
  assert.is(receiver.accepted.get(key).proceedingNumber, e.item.proceedingNumber);
  assert.is(receiver.accepted.get(key).rule, '11.2.1');
  assert.equal((await queue(c)).counts.pending, 0);
  // Delivered items are not sent again.
  await new Promise((r) => setTimeout(r, 200));
  assert.is(receiver.forKey(key).length, 4);
});

test('accepted but the reply lost → the retry carries the same idempotency key; no duplicate accepted item', async () => {
  const c = courts[0]!;
  receiver.dropNext = 1;
  const key = await inForce(c, '537-000000102-рішення-ц');
  const e = await until(async () => (await entry(c, key))?.deliveredAt && entry(c, key), 'delivery after a lost reply');
  const got = receiver.forKey(key);
  assert.is(got.length, 2, 'sent twice');
  assert.ok(got.every((g) => g.key === key && g.body.key === key));
  assert.equal(got[0]!.body, got[1]!.body, 'the same item both times');
  assert.is([...receiver.accepted.keys()].filter((k) => k === key).length, 1);
  assert.is(e.attempts, 2);
  assert.match(e.lastError, /fetch failed|socket|terminated|ECONNRESET/i);
});

test('no URL: items wait as pending, the court keeps working; restarted with the URL they are delivered once', async () => {
  const dataDir = tempDir('asds-edrsr-');
  let c = await court({ dataDir });
  const keys = [await inForce(c, '537-000000201-рішення-ц'), await inForce(c, '537-000000202-рішення-ц'), await inForce(c, '537-000000203-рішення-ц')];
  const q = await until(async () => {
    const b = await queue(c, 'pending');
    return b.counts.pending === 3 && b;
  }, 'three pending');
  assert.equal(q.items.map((i: any) => i.item.key).sort(), [...keys].sort());
  assert.ok(q.items.every((i: any) => i.attempts === 0 && !i.deliveredAt));
  assert.ok(keys.every((k) => receiver.forKey(k).length === 0));
  await c.server.stop();
  courts.splice(courts.indexOf(c), 1);
  c = await court({ dataDir, edrsrUrl: receiver.url, createUsers: false });
  await until(async () => (await queue(c, 'delivered')).counts.delivered === 3, 'delivered after restart');
  for (const k of keys) assert.is(receiver.forKey(k).length, 1, k);
  // The feeder's cursor is durable: a second restart enqueues nothing twice.
  await c.server.stop();
  courts.splice(courts.indexOf(c), 1);
  c = await court({ dataDir, edrsrUrl: receiver.url, createUsers: false });
  const b = await queue(c);
  assert.equal([b.counts.pending, b.counts.delivered, b.items.length], [0, 3, 3]);
  const db = new Database(c.journalPath, { readonly: true });
  const n = (db.prepare("SELECT count(*) AS n FROM events WHERE type = 'item-enqueued'").get() as { n: number }).n;
  db.close();
  assert.is(n, 3);
});

test('overdue list for the deputy head of staff (Засади 11.1 ¶2): pending past the 11.2 deadline; roles; bad query', async () => {
  const c = await court({});
  const key = await inForce(c);
  await until(async () => (await queue(c, 'pending')).counts.pending === 1, 'queued');
  assert.equal((await queue(c, 'overdue')).items, [], 'not overdue on its day');
  c.clock.offsetMs = 10 * 86_400_000; // ten days later, still not sent (no URL)
  try {
    const r = await c.api.call('GET', '/edrsr/queue', { token: c.tokens.head }); // default: overdue
    assert.is(r.status, 200);
    assert.equal(r.body.items.map((i: any) => [i.item.key, i.overdue]), [[key, true]]);
    assert.is(r.body.counts.overdue, 1);
    assert.ok(r.body.items[0].item.deadline < r.body.today);
    assert.is((await c.api.call('GET', '/edrsr/queue', { token: c.tokens.auditor })).status, 200);
    for (const who of ['registrar', 'judge', 'officer'] as const) {
      const f = await c.api.call('GET', '/edrsr/queue', { token: c.tokens[who] });
      assert.is(f.status, 403, who);
      assert.is(f.body.error.code, 'FORBIDDEN');
    }
    assert.is((await c.api.call('GET', '/edrsr/queue')).status, 401);
    const bad = await c.api.call('GET', '/edrsr/queue?state=late&limit=0', { token: c.tokens.head });
    assert.is(bad.status, 400);
    assert.is(bad.body.error.code, 'VALIDATION_FAILED');
  } finally {
    c.clock.offsetMs = 0;
  }
});

test.run();
