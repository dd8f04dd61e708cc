/**
 * Засади 4.1 hand-off under crashes: parallel registrations of claims in a
 * Засади category through the HTTP API of a real `asds court serve` process
 * (Lubny Засади), SIGKILLed at random moments — between a registration's
 * commit and its draw, between the draw and the card, between the card and
 * the hand-off mark. After restart every registered case of that category is
 * distributed exactly once (one protocol, one assignment, the judge on its
 * card), and a claim outside the Засади categories is never drawn.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { verifyJournalFile } from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { startNodeProcess, type NodeProcess } from '../support/processes.ts';
import { ADMIN_PASSWORD, api, claim, PASSWORD, type Api } from './support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: Засади 4.1 hand-off survives SIGKILL');
test.after(cleanup);

const KILLS = 6;
const WORKERS = 12;

async function start(data: string): Promise<{ p: NodeProcess; a: Api }> {
  const p = startNodeProcess('bin/cli.ts', ['court', 'serve', '--court', '537', '--data', data, '--port', '0'], { ASDS_ADMIN_PASSWORD: ADMIN_PASSWORD });
  const line = await p.waitFor(/"ready":true/);
  return { p, a: api(JSON.parse(line).url as string) };
}

interface Item {
  ueun: string;
  proceedingNumber: string;
}

async function allRegistrations(a: Api, token: string): Promise<Item[]> {
  const items: Item[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await a.call('GET', `/cases?offset=${offset}&limit=500`, { token });
    assert.is(page.status, 200);
    items.push(...page.body.items);
    if (items.length >= page.body.total) return items;
  }
}

/** The case's distribution once the hand-off got to it (polls: after a restart it runs asynchronously). */
async function distributionOf(a: Api, token: string, caseId: string): Promise<{ assignment: any; protocols: any[] } | null> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await a.call('GET', `/distribution/case?caseId=${encodeURIComponent(caseId)}`, { token });
    if (r.status === 200 && r.body.assignment) return r.body;
    if (r.status !== 200 && r.body?.error?.code !== 'CASE_NOT_FOUND_IN_DISTRIBUTION') throw new Error(`distribution of ${caseId}: ${r.status} ${JSON.stringify(r.body)}`);
    if (Date.now() > deadline) return null;
    await new Promise((res) => setTimeout(res, 100));
  }
}

test(`${WORKERS} registrars, ${KILLS} SIGKILLs: every case of a Засади category drawn exactly once, judge on its card`, async () => {
  const data = tempDir('asds-court-handoff-');
  const free = new Set<string>(); // proceeding numbers of claims outside the Засади categories
  let token = '';
  let officer = '';
  let n = 0;
  let acked = 0;
  for (let round = 0; round < KILLS; round++) {
    const { p, a } = await start(data);
    if (round === 0) {
      const admin = await a.login('admin', ADMIN_PASSWORD);
      for (const [login, role] of [['registrar1', 'registrar'], ['officer1', 'distribution_officer']]) {
        const u = await a.call('POST', '/users', { token: admin, body: { login, fullName: 'Т', role, password: PASSWORD, order: { number: `${login}-к`, date: '2025-01-10' } } });
        assert.is(u.status, 201);
      }
      token = await a.login('registrar1');
      officer = await a.login('officer1');
    }
    let alive = true;
    const worker = async () => {
      while (alive) {
        const i = n++;
        const body = i % 5 === 4 ? claim() : claim({ category: 'civil-claim' });
        try {
          const r = await a.call('POST', '/registrations', { token, body, headers: { 'idempotency-key': `handoff-${i}` } });
          if (r.status !== 201) throw new Error(`unexpected ${r.status} ${JSON.stringify(r.body)}`);
          acked++;
          if (body.category !== 'civil-claim') {
            free.add(r.body.proceedingNumber);
            assert.is(r.body.distribution.status, 'skipped');
          } else {
            assert.ok(['distributed', 'pending'].includes(r.body.distribution.status), JSON.stringify(r.body.distribution));
          }
        } catch (e) {
          if (alive && !(e instanceof TypeError)) throw e; // TypeError: fetch failed — the server died mid-request
          return;
        }
      }
    };
    const roundStart = acked;
    const workers = Array.from({ length: WORKERS }, worker);
    // kill mid-load: once this round has some acknowledged registrations (a loaded machine is slower), then at a random moment
    for (const end = Date.now() + 30_000; acked - roundStart < 6 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, Math.random() * 400));
    await p.kill('SIGKILL');
    alive = false;
    assert.is((await p.exited).signal, 'SIGKILL');
    await Promise.all(workers);
  }
  assert.ok(acked > KILLS * 5, `plenty acknowledged: ${acked}`);

  const { p, a } = await start(data);
  const items = await allRegistrations(a, token);
  assert.ok(items.length >= acked);
  let drawn = 0;
  for (const it of items) {
    // The card says what was registered (also for registrations whose reply a crash swallowed).
    const card = await a.call('GET', `/cases/${it.ueun}`, { token });
    assert.is(card.status, 200, `card of ${it.ueun}`);
    const proc = card.body.proceedings.find((x: Item) => x.proceedingNumber === it.proceedingNumber);
    if (proc.original.category !== 'civil-claim') {
      const r = await a.call('GET', `/distribution/case?caseId=${encodeURIComponent(it.proceedingNumber)}`, { token: officer });
      assert.is(r.body.error?.code, 'CASE_NOT_FOUND_IN_DISTRIBUTION', `${it.proceedingNumber} outside the Засади categories is not drawn`);
      assert.not.ok(proc.assignment);
      continue;
    }
    assert.not.ok(free.has(it.proceedingNumber));
    drawn++;
    const d = await distributionOf(a, officer, it.proceedingNumber);
    assert.ok(d?.assignment, `${it.proceedingNumber} distributed: ${JSON.stringify(d)}`);
    assert.is(d!.protocols.length, 1, `${it.proceedingNumber}: exactly one protocol, got ${JSON.stringify(d!.protocols)}`);
    // The card is written after the draw: poll it too.
    let assigned = proc.assignment;
    for (const deadline = Date.now() + 10_000; !assigned && Date.now() < deadline; ) {
      await new Promise((res) => setTimeout(res, 100));
      const c = await a.call('GET', `/cases/${it.ueun}`, { token });
      assigned = c.body.proceedings.find((x: Item) => x.proceedingNumber === it.proceedingNumber).assignment;
    }
    assert.is(assigned?.judge, String(d!.assignment.presiding).toLowerCase(), `${it.proceedingNumber}: the drawn judge is on the card`);
    assert.is(assigned.protocol, d!.assignment.protocol);
  }
  assert.ok(drawn >= Math.floor(items.length / 2), `most registrations are civil claims: ${drawn} of ${items.length}`);
  const attempts = (await a.call('GET', '/protocols', { token: officer })).body.attempts as number;
  assert.is(attempts, drawn, 'one draw attempt per distributed case, none repeated');
  await p.kill('SIGTERM');
  const rep = verifyJournalFile(join(data, 'journal.sqlite'));
  assert.ok(rep.ok, `hash chain intact: ${JSON.stringify(rep.firstBreak)}`);
});

test.run();
