/**
 * Export to ЄДРСР (Засади 11.2) against a local receiver that records what it
 * gets and fails on demand:
 * - the receiver fails N times, then accepts → delivered once, nothing lost;
 * - the receiver accepts but the reply is lost (connection destroyed) → the
 *   retry carries the same idempotency key, no duplicate accepted item;
 * - no URL → items pending, the court works; restarted with the URL → delivered;
 * - the overdue list for the (deputy) head of staff; role checks; bad query;
 * - retries spaced by the backoff; more than 100 pending with 100 refused for
 *   good do not starve the rest; a key held by another proceeding is listed as a
 *   conflict, never dropped; a withdrawal goes out after its delivered item.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { cleanup, tempDir } from '../support/servers.ts';
import { today } from './support.ts';
import { proceedingDocument, registeredCase, Receiver, startLfCourt, until, type LfCourt } from './legal-force-support.ts';
import { kyivMidnight } from '../../actors/court/legal-force/config.ts';
import type { EdrsrItemV1 } from '../../contracts/court/legal-force.ts';

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

/** A decision in force at once (not appealable): its ЄДРСР item is queued right away; keyed by a real document when `withDocument`. */
async function inForce(c: LfCourt, withDocument = false): Promise<string> {
  const k = await registeredCase(c);
  const documentId = withDocument ? await proceedingDocument(c, k) : undefined;
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
  const key = await inForce(c, true);
  const e = await until(async () => (await entry(c, key))?.deliveredAt && entry(c, key), 'delivery');
  assert.is(e.attempts, 4);
  assert.is(e.lastError, 'HTTP 503');
  const got = receiver.forKey(key);
  assert.is(got.length, 4, 'three refusals and one acceptance');
  // Spaced by the backoff (base 20 ms · 2^(n−1)): each retry no sooner than its delay after the previous attempt.
  for (let i = 1; i < got.length; i++) assert.ok(got[i]!.at - got[i - 1]!.at >= 20 * 2 ** (i - 1), `retry ${i} after ${got[i]!.at - got[i - 1]!.at} ms`);
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
  const key = await inForce(c, true);
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
  // Its own receiver: keys (document numbers, proceeding numbers) restart in each new data dir.
  const receiver = await new Receiver().start();
  const dataDir = tempDir('asds-edrsr-');
  let c = await court({ dataDir });
  const keys = [await inForce(c, true), await inForce(c, true), await inForce(c)];
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
  await receiver.stop();
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
    assert.is(bad.body.error.code, 'BAD_PARAMETER'); // strict paging numbers (limit ≥ 1)
  } finally {
    c.clock.offsetMs = 0;
  }
});

/** An item as the case actor makes it, for feeding the queue actor directly (a court with no decisions of its own). */
function item(n: number, deadline: string, proceedingNumber = `2/537/${n}/25`): EdrsrItemV1 {
  return {
    key: `537-${String(n).padStart(9, '0')}-рішення-ц`,
    court: '537',
    ueun: `537/${n}/25`,
    proceedingNumber,
    decision: { outcome: 'decision', date: '2025-01-10', fullTextDate: '2025-01-10', writtenProceeding: false },
    legalForce: { date: '2025-01-10', basis: 'non-appealable', recordedAt: `2025-01-10T10:00:00.${String(n % 1000).padStart(3, '0')}Z`, recordedBy: { login: 'j', role: 'judge' } },
    rule: '11.2.1',
    deadline,
  };
}

test('more than 100 pending, the first 100 (by deadline) refused for good: the others are still delivered (review item 4)', async () => {
  const r2 = await new Receiver().start();
  const refused = new Set<string>();
  r2.refuse = (k) => refused.has(k);
  const c = await court({ edrsrUrl: r2.url });
  try {
    const queue = c.server.host.system.ref('edrsr-export', '537');
    // gseq far beyond this court's journal: the feeder has nothing of its own to add here.
    for (let n = 1; n <= 105; n++) {
      const it = item(n, n <= 100 ? '2025-01-11' : '2025-02-01');
      if (n <= 100) refused.add(it.key);
      await queue.ask({ type: 'enqueue', gseq: 1_000_000_000 + n, item: it });
    }
    const good = [101, 102, 103, 104, 105].map((n) => item(n, '').key);
    await until(async () => good.every((k) => r2.accepted.has(k)), 'the five after the refused hundred delivered', 20_000);
    // the register answers before the queue journals the delivery: wait for the record, not only the receipt
    let b: any;
    await until(async () => (b = await queue.ask<any>({ type: 'list', state: 'all', limit: 1000 })).counts.delivered === 5, 'the five deliveries journaled', 20_000);
    assert.is(b.counts.delivered, 5);
    assert.is(b.counts.pending, 100);
    assert.ok(b.items.filter((i: any) => refused.has(i.item.key)).every((i: any) => i.attempts >= 1 && i.lastError === 'HTTP 400'), 'each refused one tried and journaled');
  } finally {
    await r2.stop();
  }
});

test('a key another proceeding already holds: kept as a conflict in the control list, never silently dropped (review item 3)', async () => {
  const c = await court({});
  const queue = c.server.host.system.ref('edrsr-export', '537');
  const a = item(7, '2025-01-11');
  assert.is((await queue.ask<any>({ type: 'enqueue', gseq: 1_000_000_001, item: a })).enqueued, true);
  // The same legal force fed twice: nothing new.
  assert.equal(await queue.ask<any>({ type: 'enqueue', gseq: 1_000_000_002, item: a }), { enqueued: false });
  const clash = await queue.ask<any>({ type: 'enqueue', gseq: 1_000_000_003, item: { ...item(8, '2025-01-11'), key: a.key } });
  assert.equal(clash, { enqueued: false, conflict: true });
  const r = await c.api.call('GET', '/edrsr/queue', { token: c.tokens.head });
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.is(r.body.counts.conflicts, 1);
  assert.equal(r.body.conflicts.map((x: any) => [x.key, x.proceedingNumber, x.heldBy]), [[a.key, '2/537/8/25', '2/537/7/25']]);
});

test('a withdrawal goes out after its legal-force item was delivered (review item 1)', async () => {
  const c = await court({ edrsrUrl: receiver.url });
  const k = await registeredCase(c);
  const d = await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.judge, body: { outcome: 'decision', date: today() } });
  const term = d.body.appealTerm;
  c.clock.offsetMs = kyivMidnight(term.legalForceDate) + 9 * 3600_000 - Date.now();
  try {
    c.server.host.system.fireDueReminders();
    const key = await until(async () => (await c.api.call('GET', k.path, { token: c.tokens.registrar })).body.proceedings[0].legalForce?.edrsr.key, 'legal force');
    await until(async () => (await entry(c, key))?.deliveredAt, 'legal force delivered');
    const a = await c.api.call('POST', `${k.path}/appeals`, { token: c.tokens.registrar, body: { date: term.lastDay, appellant: 'відповідач' } });
    assert.is(a.body.legalForceRevoked, true, JSON.stringify(a.body));
    const w = await until(async () => {
      const e = await entry(c, `${key}~withdrawal-1`);
      return e?.deliveredAt && e;
    }, 'withdrawal delivered');
    assert.equal(receiver.accepted.get(`${key}~withdrawal-1`).withdraws, { key, legalForceDate: term.legalForceDate, reason: 'timely-appeal', appeal: { date: term.lastDay, appellant: 'відповідач' } });
    assert.ok(receiver.forKey(`${key}~withdrawal-1`)[0]!.at > receiver.forKey(key).at(-1)!.at, 'after the legal-force item');
    assert.is(w.overdue, false);
    assert.is((await entry(c, key)).cancelledAt, undefined, 'delivered: withdrawn in the register, not cancelled');
  } finally {
    c.clock.offsetMs = 0;
  }
});

test.run();
