/**
 * ЄДРСР export under SIGKILL: a real `asds court serve --edrsr-url …` process
 * records decisions in force (not appealable) from parallel clients and is
 * killed at random moments — between a decision's commit, its feed into the
 * queue, the POST and the `delivered` mark. After a restart every
 * `legal-force-recorded` event of the journal has exactly one queue item,
 * every item reached the receiver and is marked delivered once; every
 * acknowledged decision is among them.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { cleanup, tempDir } from '../support/servers.ts';
import { lawfulZasadyFile } from './distribution/lawful.ts';
import { startNodeProcess, type NodeProcess } from '../support/processes.ts';
import { ADMIN_PASSWORD, api, casePath, claim, PASSWORD, today, type Api } from './support.ts';
import { Receiver, until } from './legal-force-support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: ЄДРСР export under SIGKILL');
const KILLS = 4;
const WORKERS = 8;
let receiver: Receiver;
test.before(async () => {
  receiver = await new Receiver().start();
});
test.after(async () => {
  await receiver.stop();
  await cleanup();
});

async function start(data: string): Promise<{ p: NodeProcess; a: Api }> {
  const p = startNodeProcess('bin/cli.ts', ['court', 'serve', '--court', '537', '--data', data, '--port', '0', '--edrsr-url', receiver.url, '--zasady', lawfulZasadyFile()], { ASDS_ADMIN_PASSWORD: ADMIN_PASSWORD });
  const line = await p.waitFor(/"ready":true/);
  return { p, a: api(JSON.parse(line).url as string) };
}

const USERS = [
  ['registrar1', 'registrar'],
  ['officer1', 'distribution_officer'],
  ['judge.petrenko', 'judge'],
  ['head1', 'head_of_staff'],
] as const;

test(`${WORKERS} clients, ${KILLS} SIGKILLs: every legal force reaches ЄДРСР once, nothing lost`, async () => {
  const data = tempDir('asds-edrsr-crash-');
  const t: Record<string, string> = {};
  const acked = new Set<string>();
  for (let round = 0; round < KILLS; round++) {
    const { p, a } = await start(data);
    if (round === 0) {
      const admin = await a.login('admin', ADMIN_PASSWORD);
      for (const [login, role] of USERS) {
        const u = await a.call('POST', '/users', { token: admin, body: { login, fullName: login, role, password: PASSWORD, order: { number: '1-к', date: '2025-01-10' } } });
        assert.is(u.status, 201);
        t[role] = await a.login(login);
      }
    }
    let alive = true;
    const worker = async () => {
      while (alive) {
        try {
          const reg = await a.call('POST', '/registrations', { token: t.registrar, body: claim() });
          if (reg.status !== 201) throw new Error(`register ${reg.status}`);
          const path = casePath(reg.body.ueun);
          // Drawn (judge.petrenko is this Засади's only civil judge); the node writes the card from the protocol.
          const pn = reg.body.proceedingNumber;
          const as = await a.call('POST', '/distribution/cases', { token: t.distribution_officer, body: { case: { caseId: pn, uniqueNumber: reg.body.ueun, proceedingNumber: pn, category: 'civil-claim', exclusions: [] } } });
          if (as.status !== 201 || !as.body.cardUpdated) throw new Error(`assign ${as.status} ${JSON.stringify(as.body)}`);
          const d = await a.call('POST', `${path}/decision`, { token: t.judge, body: { outcome: 'returned', date: today(), appealable: false } });
          if (d.status !== 201) throw new Error(`decide ${d.status} ${JSON.stringify(d.body)}`);
          acked.add(reg.body.proceedingNumber);
        } catch (e) {
          if (alive && !(e instanceof TypeError)) throw e; // TypeError: fetch failed — the server died mid-request
          return;
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);
    // killed mid-flight at a random moment once this round has had a few decisions through (a loaded machine is slower)
    const before = acked.size;
    const end = Date.now() + 20_000;
    while (acked.size < before + 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, Math.random() * 800));
    await p.kill('SIGKILL');
    alive = false;
    await Promise.all(workers);
  }
  assert.ok(acked.size >= KILLS * 3, `decisions acknowledged: ${acked.size}`);

  const { p, a } = await start(data);
  try {
    const db = new Database(`${data}/journal.sqlite`, { readonly: true });
    const keys = (db.prepare("SELECT data FROM events WHERE type = 'legal-force-recorded'").all() as Array<{ data: string }>).map((r) => JSON.parse(r.data).item);
    db.close();
    assert.ok(keys.length >= acked.size);
    for (const n of acked) assert.ok(keys.some((k) => k.proceedingNumber === n), `acknowledged ${n} has its legal force`);
    await until(async () => {
      const r = await a.call('GET', '/edrsr/queue?state=all&limit=1', { token: t.head_of_staff });
      return r.body.counts.delivered === keys.length;
    }, 'every item delivered', 30_000);
    // All items, page by page (the list pages at ≤ 1000 per request).
    const q = { items: [] as any[] };
    for (let offset = 0; ; offset += 1000) {
      const page = await a.call('GET', `/edrsr/queue?state=all&limit=1000&offset=${offset}`, { token: t.head_of_staff });
      assert.is(page.status, 200, JSON.stringify(page.body));
      q.items.push(...page.body.items);
      if (page.body.items.length < 1000) break;
    }
    assert.equal(q.items.length, keys.length, 'one queue item per legal-force event');
    assert.equal(new Set(q.items.map((i: any) => i.item.key)).size, keys.length);
    for (const k of keys) assert.ok(receiver.accepted.has(k.key), `${k.key} reached the receiver`);
    assert.is(receiver.accepted.size, keys.length, 'nothing else accepted');
    // Retries only after a failure or a kill, always with the item's own key. The receiver never fails and the
    // sender posts one item at a time, so each kill can repeat at most the one POST in flight.
    assert.ok(receiver.requests.every((r) => r.key === r.body.key));
    assert.ok(receiver.requests.length <= keys.length + KILLS, `POSTs: ${receiver.requests.length} for ${keys.length} items and ${KILLS} kills`);
    const db2 = new Database(`${data}/journal.sqlite`, { readonly: true });
    const marks = db2.prepare("SELECT json_extract(data, '$.key') AS k, count(*) AS n FROM events WHERE type = 'item-delivered' GROUP BY k").all() as Array<{ k: string; n: number }>;
    db2.close();
    assert.ok(marks.every((m) => m.n === 1), 'marked delivered once');
    assert.is(marks.length, keys.length);
  } finally {
    await p.kill('SIGTERM');
  }
});

test.run();
