/**
 * Database pulls end to end (Засади 18.3) with real nats-server (TLS, nkeys), redis-server, chdb and processes:
 * a court replicating to `asds central serve --redis`, the administrator's `asds central pull`, a transfer cut by
 * SIGKILL of the court and then of the central worker (resumed, not restarted), and an insider's edit named.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cleanup, startNats, startRedis, tempDir, type NatsHandle, type RedisHandle } from '../support/servers.ts';
import { startNodeProcess, type NodeProcess } from '../support/processes.ts';
import { randomUUID } from 'node:crypto';
import { editRow } from '../support/insider.ts';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import { dropBadSnapshots, verifyJournalFile } from '../../runtime/journal/verify.ts';
import { signConsoleToken } from '../../actors/central/console/index.ts';
import { consoleAuth } from '../support/console-token.ts';
/** The court of test/support/pull-court.ts. */
const PULL_COURT = '537';

let nats: NatsHandle;
/** POST /pulls needs the operator's console login (actors/central/console). */
const operatorLogin = () => ({ authorization: `Bearer ${signConsoleToken((b) => nats.bus.ops.signAsOperator(b), { sub: 'Оператор АСДС Тест' })}` });
let redis: RedisHandle;
let courtData: string;
let centralData: string;
let court: NodeProcess;
let central: NodeProcess;
let http: string;
let head = 0;
const CHUNK = 8192;

async function startCourt(delayMs: number): Promise<NodeProcess> {
  const p = startNodeProcess('test/support/pull-court.ts', [nats.url, await nats.bus.bundle(`court-${PULL_COURT}`), courtData, '3000', String(delayMs)]);
  head = Number((await p.waitFor(/^ready \d+$/, 180_000)).split(' ')[1]);
  return p;
}

async function startCentral(): Promise<NodeProcess> {
  const bus = await nats.bus.bundle('central-1');
  const p = startNodeProcess('bin/cli.ts', ['central', 'serve', '--node', 'central-1', '--data', centralData, '--nats', nats.url, '--bus', bus, '--redis', redis.url, '--http-port', '0', '--any-court'], {
    ASDS_INGEST_ACK_WAIT_MS: '3000',
    ASDS_PULL_CHUNK_BYTES: String(CHUNK),
    ASDS_JOBS_LOCK_MS: '3000',
  });
  http = (JSON.parse(await p.waitFor(/"ingest":"running"/, 120_000)) as { http: string }).http;
  await p.waitFor(/"jobs":"running"/, 60_000);
  return p;
}

async function until<T>(fn: () => Promise<T | undefined>, what: string, ms = 180_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const p = startNodeProcess('bin/cli.ts', [...args, '--nats', nats.url, '--bus', await nats.bus.bundle('ops-admin')]);
  const x = await p.exited;
  return { code: x.code, out: p.lines.join('\n') };
}

/** Pulls (operator) and their alarms (analyst): read as the central administrator, who may both. */
const getJson = async (path: string) => {
  const r = await fetch(http + path, { headers: consoleAuth(nats.bus.ops, 'administrator') });
  return r.ok ? ((await r.json()) as any) : undefined;
};

test.before(async () => {
  nats = await startNats({ jetstream: true });
  redis = await startRedis();
  courtData = tempDir();
  centralData = tempDir();
  court = await startCourt(0);
  // the centre knows the court's CA (put there when the court is connected): it vouches for the manifest's seal
  mkdirSync(join(centralData, 'court-cas'), { recursive: true });
  copyFileSync(join(courtData, 'pki', 'ca.crt.pem'), join(centralData, 'court-cas', `${PULL_COURT}.crt.pem`));
  central = await startCentral();
  await court.waitFor(new RegExp(`^confirmed ${head}$`), 180_000);
});

test.after(async () => {
  await cleanup();
});

test('asds central pull: journaled, progress bar, an "identical" report; asds central pulls lists it', async () => {
  const r = await cli(['central', 'pull', '--court', PULL_COURT, '--by', 'Адміністратор АСДС Тест']);
  assert.is(r.code, 0, r.out);
  assert.match(r.out, /строк — до кінця \d{4}-\d\d-\d\d/);
  assert.match(r.out, /\[#{20}\] 100 %/, `the progress bar reached 100 %:\n${r.out}`);
  assert.match(r.out, /ВИСНОВОК: копія збігається/);
  // the court sealed its head right before the copy (Засади 18.3 is for security monitoring)
  assert.match(r.out, /Контрольна точка перед копією: суд засвідчив вершину \d+/, r.out);
  const list = await cli(['central', 'pulls', '--court', PULL_COURT, '--json']);
  assert.is(list.code, 0, list.out);
  const pulls = JSON.parse(list.out).pulls;
  assert.is(pulls.length, 1);
  assert.is(pulls[0].state, 'done');
  assert.is(pulls[0].verdict, 'identical');
  assert.match(pulls[0].requestedBy, /Адміністратор АСДС Тест \(ops-admin\)/);
  // the centre's own hash-chained record: request and outcome, attributed, in the central node's journal
  const db = new Database(join(centralData, 'journal.sqlite'), { readonly: true });
  try {
    const rows = db.prepare("SELECT type, meta, data FROM events WHERE actor = ? ORDER BY gseq").all(`pull-register/${PULL_COURT}`) as Array<{ type: string; meta: string; data: string }>;
    assert.equal(rows.map((r) => r.type), ['pull-requested', 'pull-completed']);
    assert.match(JSON.parse(rows[0]!.meta).author, /Адміністратор АСДС Тест \(ops-admin\)/);
    assert.is(JSON.parse(rows[1]!.data).verdict, 'identical');
    assert.match(JSON.parse(rows[1]!.data).reportSha256, /^[0-9a-f]{64}$/);
  } finally {
    db.close();
  }
  assert.ok(verifyJournalFile(join(centralData, 'journal.sqlite')).ok, 'the central journal verifies');
  // the job queues in the worker's metrics (Prometheus)
  const metrics = await (await fetch(`${http}/metrics`)).text();
  assert.match(metrics, /asds_queue_jobs\{queue="asds-pulls",state="completed"\} [1-9]/);
});

test('a transfer cut by SIGKILL of the court, then of the central worker, resumes from the acknowledged chunks', async () => {
  await court.kill('SIGKILL');
  court = await startCourt(15); // a slow link: the transfer takes long enough to be cut twice
  const res = await fetch(`${http}/pulls`, { method: 'POST', headers: { 'content-type': 'application/json', ...operatorLogin() }, body: JSON.stringify({ court: PULL_COURT, by: 'Адміністратор (HTTP)' }) });
  assert.is(res.status, 201);
  const { id } = (await res.json()) as { id: string };
  const progress = async () => ((await getJson(`/pulls?court=${PULL_COURT}`))?.pulls as any[]).find((p) => p.id === id)?.jobProgress ?? 0;
  await until(async () => ((await progress()) >= 15 ? true : undefined), 'the transfer to pass 15 %');
  await court.kill('SIGKILL');
  court = await startCourt(15);
  await until(async () => ((await progress()) >= 50 ? true : undefined), 'the transfer to pass 50 % after the court restarted');
  await central.kill('SIGKILL');
  central = await startCentral();
  const report = await until(() => getJson(`/pulls/${id}/report`), 'the report after the central worker restarted');
  assert.is(report.verdict, 'identical', report.text);
  const t = report.report.transfer;
  assert.ok(t.resumedAt.length >= 2, `resumed after each kill (${JSON.stringify(t.resumedAt)})`);
  assert.ok(t.fetched < 2 * t.chunks, `re-sent fewer chunks than the whole (${t.fetched} requests for ${t.chunks} chunks)`);
  assert.ok(t.fetched >= t.chunks);
  const text = await fetch(`${http}/pulls/${id}/report?format=text`, { headers: consoleAuth(nats.bus.ops, 'operator') }).then((r) => r.text());
  assert.match(text, /відновлено з частини/);
});

test('an insider edits an event and re-hashes the chain: the pull names the row and raises a pull-difference alarm', async () => {
  await court.kill('SIGKILL');
  const file = join(courtData, 'journal.sqlite');
  editRow(file, 500, '{"type":"noise","i":-500}', { rehash: true });
  // the snapshots recorded the old hashes and would stop the node: the insider drops them as an operator may
  assert.ok(dropBadSnapshots(file).length > 0);
  assert.ok(verifyJournalFile(file).ok, 'asds journal verify now says OK at the court');
  court = await startCourt(0);
  const r = await cli(['central', 'pull', '--court', PULL_COURT]);
  assert.is(r.code, 3, r.out);
  assert.match(r.out, /Змінені події \([^)]*\): 1\n  – подія 500 \(distribution\/g\d+ №\d+\)/);
  assert.match(r.out, /Переобчислені події \([^)]*\): \d+\n  – подія 501 /, r.out);
  const alarms = (await getJson('/integrity/alarms?kind=pull-difference')).alarms as any[];
  assert.is(alarms.length, 1);
  assert.equal(alarms[0].evidence.edited.map((e: { seq: number }) => e.seq), [500]);
  assert.is(alarms[0].evidence.rehashed[0].seq, 501);
});

test('the court serves a copy only to a signed central node, and only for a pull its journal records', async () => {
  const id = await nats.bus.identity('central-2');
  const nc = await nats.bus.connect('central-2');
  try {
    const subject = `asds.pull.${PULL_COURT}.prepare`;
    const body = JSON.stringify({ pullId: randomUUID() });
    const unsigned = await nc.request(subject, body, { timeout: 10_000 });
    assert.match(decodeURIComponent(unsigned.headers?.get('Asds-Error') ?? ''), /signature|signed|sender/i);
    const signed = await nc.request(subject, body, { timeout: 10_000, headers: signedHeaders(signerOf(id), subject, body) });
    assert.match(decodeURIComponent(signed.headers?.get('Asds-Error') ?? ''), /not recorded in this court's journal/);
    assert.is(signed.data.length, 0);
  } finally {
    await nc.close();
  }
});

test('HTTP refuses a bad request with a clear error and writes nothing', async () => {
  const before = ((await getJson('/pulls')).pulls as unknown[]).length;
  const res = await fetch(`${http}/pulls`, { method: 'POST', headers: { 'content-type': 'application/json', ...operatorLogin() }, body: JSON.stringify({ court: '53x', by: 'x' }) });
  assert.is(res.status, 400);
  assert.match(((await res.json()) as { message: string }).message, /court/);
  assert.is(((await getJson('/pulls')).pulls as unknown[]).length, before);
});

test.run();
