/**
 * Numbers under concurrency and crashes (Засади 3.3–3.4, spec §1): many
 * parallel registrations through the HTTP API of a real `asds court serve`
 * process, SIGKILLed at random moments; after restart the ЄУН and proceeding
 * sequences have no gap and no duplicate, every acknowledged registration is
 * there with the numbers it was acknowledged with, and every case has its card.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { verifyJournalFile } from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { startNodeProcess, type NodeProcess } from '../support/processes.ts';
import { ADMIN_PASSWORD, api, claim, PASSWORD, type Api } from './support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: gapless numbers under SIGKILL');
test.after(cleanup);

const KILLS = 12;
const WORKERS = 50;

async function start(data: string): Promise<{ p: NodeProcess; a: Api }> {
  const p = startNodeProcess('bin/cli.ts', ['court', 'serve', '--court', '537', '--data', data, '--port', '0'], { ASDS_ADMIN_PASSWORD: ADMIN_PASSWORD });
  const line = await p.waitFor(/"ready":true/);
  return { p, a: api(JSON.parse(line).url as string) };
}

test(`${WORKERS} parallel registrars, ${KILLS} SIGKILLs: no gap, no duplicate, nothing acknowledged lost`, async () => {
  const data = tempDir('asds-court-crash-');
  const acked = new Map<string, { ueun: string; proceedingNumber: string }>();
  let token = '';
  let n = 0;
  for (let round = 0; round < KILLS; round++) {
    const { p, a } = await start(data);
    if (round === 0) {
      const admin = await a.login('admin', ADMIN_PASSWORD);
      const u = await a.call('POST', '/users', { token: admin, body: { login: 'registrar1', fullName: 'Р', role: 'registrar', password: PASSWORD, order: { number: '1-к', date: '2025-01-10' } } });
      assert.is(u.status, 201);
      token = await a.login('registrar1');
    }
    let alive = true;
    const worker = async () => {
      while (alive) {
        const key = `crash-r${round}-n${n++}`;
        try {
          const r = await a.call('POST', '/registrations', { token, body: claim({ index: n % 3 === 0 ? '1-кп' : '2' }), headers: { 'idempotency-key': key } });
          if (r.status !== 201) throw new Error(`unexpected ${r.status} ${JSON.stringify(r.body)}`);
          acked.set(key, { ueun: r.body.ueun, proceedingNumber: r.body.proceedingNumber });
        } catch (e) {
          if (alive && !(e instanceof TypeError)) throw e; // TypeError: fetch failed — the server died mid-request
          return;
        }
      }
    };
    const roundStart = acked.size;
    const workers = Array.from({ length: WORKERS }, worker);
    // kill mid-load: once this round has acknowledged some registrations (a loaded machine is slower), then at a random moment
    for (const end = Date.now() + 30_000; acked.size - roundStart < 25 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, Math.random() * 300));
    await p.kill('SIGKILL');
    alive = false;
    assert.is((await p.exited).signal, 'SIGKILL');
    await Promise.all(workers);
  }
  assert.ok(acked.size > KILLS * 20, `plenty acknowledged: ${acked.size}`);

  // Restart and read everything back through the API.
  const { p, a } = await start(data);
  const items: Array<{ ordinal: number; ueun: string; proceedingNumber: string }> = [];
  for (let offset = 0; ; offset += 500) {
    const page = await a.call('GET', `/cases?offset=${offset}&limit=500`, { token });
    assert.is(page.status, 200);
    items.push(...page.body.items);
    if (items.length >= page.body.total) break;
  }
  assert.equal(items.map((i) => i.ordinal), items.map((_, k) => k + 1), 'ordinals 1..N');
  const ueunSeqs = items.map((i) => Number(i.ueun.split('/')[1])).sort((x, y) => x - y);
  assert.equal(ueunSeqs, items.map((_, k) => k + 1), 'ЄУН sequence 1..N: no gap, no duplicate');
  for (const index of ['2', '1-кп']) {
    const seqs = items.filter((i) => i.proceedingNumber.startsWith(`${index}/`)).map((i) => Number(i.proceedingNumber.split('/')[2])).sort((x, y) => x - y);
    assert.equal(seqs, seqs.map((_, k) => k + 1), `proceeding sequence of index ${index}: no gap, no duplicate`);
  }
  const byUeun = new Map(items.map((i) => [i.ueun, i.proceedingNumber]));
  for (const [key, v] of acked) assert.is(byUeun.get(v.ueun), v.proceedingNumber, `acknowledged ${key} (${v.ueun}) present with its numbers`);

  // Every registration has its card (opens lost in a crash were re-sent).
  for (let k = 0; k < items.length; k += 100) {
    const cards = await Promise.all(items.slice(k, k + 100).map((i) => a.call('GET', `/cases/${i.ueun}`, { token })));
    cards.forEach((c, j) => {
      assert.is(c.status, 200, `card of ${items[k + j]!.ueun}`);
      assert.is(c.body.proceedings[0].proceedingNumber, items[k + j]!.proceedingNumber);
    });
  }
  // A retried registration after a crash returns the acknowledged numbers, not new ones.
  const [someKey, someNumbers] = [...acked.entries()][0]!;
  const retry = await a.call('POST', '/registrations', { token, body: claim(), headers: { 'idempotency-key': someKey } });
  assert.equal([retry.body.ueun, retry.body.proceedingNumber], [someNumbers.ueun, someNumbers.proceedingNumber]);
  await p.kill('SIGTERM');
  const rep = verifyJournalFile(join(data, 'journal.sqlite'));
  assert.ok(rep.ok, `hash chain intact: ${JSON.stringify(rep.firstBreak)}`);
});

test.run();
