/**
 * The operator console of a central worker (issue 12 item 5): a real `asds central serve` with Redis; the login
 * takes a token made by `asds ops token` (operator key), sets an HttpOnly SameSite=Strict cookie; Bull Board under
 * /ops/queues only with it, and read-only; POST /pulls needs the same login.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cleanup, startNats, startRedis, tempDir, type NatsHandle, type RedisHandle } from '../support/servers.ts';
import { startCentralWorker } from '../replication/support.ts';
import type { NodeProcess } from '../support/processes.ts';
import { registerConsole, signConsoleToken, verifyConsoleToken, ConsoleTokenRejected, MAX_TTL_MS } from '../../actors/central/console/index.ts';
import Fastify from 'fastify';
import { OperatorFolder, privateKeyOfSeed } from '../../runtime/bus/index.ts';
import { createOperator } from '@nats-io/nkeys';
import { sign as edSign } from 'node:crypto';
import { Queue } from 'bullmq';
import { redisConnection } from '../../actors/central/jobs/connection.ts';

const test = suite('operator console');
const ctx = {} as { nats: NatsHandle; redis: RedisHandle; central: NodeProcess; http: string; token: string };

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.redis = await startRedis();
  ctx.central = await startCentralWorker(ctx.nats, tempDir('asds-central-'), ['--http-port', '0', '--redis', ctx.redis.url]);
  ctx.http = JSON.parse(await ctx.central.waitFor(/"ingest":"running"/)).http as string;
  const r = spawnSync(process.execPath, ['bin/asds.js', 'ops', 'token', '--ops', ctx.nats.bus.dir, '--ttl', '2h', '--as', 'Коваленко Ірина Петрівна'], { encoding: 'utf8', timeout: 60_000 });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, /діє до \d+ [а-яіїєґ]+ \d{4} р\. о \d\d:\d\d/);
  ctx.token = r.stdout.trim();
});

test.after(async () => {
  await ctx.central?.kill('SIGTERM');
  await cleanup();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${ctx.http}${path}`, { headers, redirect: 'manual' });

async function login(token: string): Promise<Response> {
  return fetch(`${ctx.http}/ops/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, next: '/ops/queues' }).toString() });
}

test('the token: signed with the operator key, for this audience, bounded in time; forged or expired ones are refused', async () => {
  const ops = OperatorFolder.open(ctx.nats.bus.dir);
  const claim = verifyConsoleToken(ctx.token, ops.operatorPublicKey);
  assert.is(claim.sub, 'Коваленко Ірина Петрівна');
  assert.is(claim.aud, 'asds-central-console');
  assert.is(claim.exp - claim.iat, 7200);
  const reason = (fn: () => unknown) => {
    try {
      fn();
      return 'accepted';
    } catch (e) {
      assert.instance(e, ConsoleTokenRejected);
      return (e as ConsoleTokenRejected).reason;
    }
  };
  // another operator's key (another bus)
  const other = privateKeyOfSeed(createOperator().getSeed());
  assert.is(reason(() => verifyConsoleToken(signConsoleToken((b) => edSign(null, b, other), { sub: 'x' }), ops.operatorPublicKey)), 'BAD_SIGNATURE');
  const now = Date.now();
  assert.is(reason(() => verifyConsoleToken(signConsoleToken((b) => ops.signAsOperator(b), { sub: 'x', ttlMs: 60_000, now: now - 120_000 }), ops.operatorPublicKey, now)), 'EXPIRED');
  assert.is(reason(() => signConsoleToken((b) => ops.signAsOperator(b), { sub: 'x', ttlMs: MAX_TTL_MS + 1 })), 'TOO_LONG');
  // a passport is signed by the same key but is not a console token
  const passport = (await ctx.nats.bus.identity('ops-admin')).passport;
  assert.is(reason(() => verifyConsoleToken(passport, ops.operatorPublicKey)), 'BAD_SIGNATURE');
  // the claim edited (longer life, another name): the signature no longer fits
  const [body, sig] = ctx.token.split('.');
  const edited = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), sub: 'Інший' })).toString('base64url');
  assert.is(reason(() => verifyConsoleToken(`${edited}.${sig}`, ops.operatorPublicKey)), 'BAD_SIGNATURE');
});

test('without the login: the board redirects a browser to the login page, answers 401 to anything else; POST and GET /pulls are 401', async () => {
  const page = await get('/ops/queues', { accept: 'text/html' });
  assert.is(page.status, 302);
  assert.is(page.headers.get('location'), '/ops/login?next=%2Fops%2Fqueues');
  const api = await get('/ops/queues/api/queues');
  assert.is(api.status, 401);
  assert.match(((await api.json()) as { message: string }).message, /вхід оператора/);
  const loginPage = await (await get('/ops/login?next=/ops/queues')).text();
  assert.match(loginPage, /<html lang="uk">[\s\S]*Вхід оператора[\s\S]*asds ops token/);
  const pull = await fetch(`${ctx.http}/pulls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ court: '537', by: 'Хтось' }) });
  assert.is(pull.status, 401);
  const list = await get('/pulls');
  assert.is(list.status, 401, 'reading the pulls list needs the login too (actors/central/console/access.ts)');
  assert.is((await get('/pulls', { authorization: `Bearer ${ctx.token}` })).status, 200);
});

test('a wrong token at the login: 401 with the reason on the page, no cookie', async () => {
  const r = await login(ctx.token.slice(0, -4) + 'AAAA');
  assert.is(r.status, 401);
  assert.is(r.headers.get('set-cookie'), null);
  assert.match(await r.text(), /Вхід не виконано: токен не підписано ключем оператора/);
  const away = await fetch(`${ctx.http}/ops/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: ctx.token, next: 'https://evil.example/' }).toString() });
  assert.is(away.headers.get('location'), '/ops/queues', 'never redirected off the console');
});

test('the login sets an HttpOnly SameSite=Strict cookie; with it the board shows the queues, read-only', async () => {
  const r = await login(ctx.token);
  assert.is(r.status, 303);
  assert.is(r.headers.get('location'), '/ops/queues');
  const setCookie = r.headers.get('set-cookie') ?? '';
  assert.match(setCookie, /^asds_console=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict/);
  const cookie = setCookie.split(';')[0]!;
  const page = await get('/ops/queues', { cookie, accept: 'text/html' });
  assert.is(page.status, 200);
  const html = await page.text();
  assert.match(html, /Черги АСДС/);
  // the board's own scripts load with the same cookie (and not without it)
  assert.match(html, /<base href="\/ops\/queues\/"/);
  const script = `/ops/queues/${/<script[^>]+src="([^"]+)"/.exec(html)?.[1]}`;
  assert.match(script, /^\/ops\/queues\/static\/js\/[\w.-]+\.js$/);
  assert.is((await get(script!, { cookie })).status, 200);
  assert.is((await get(script!)).status, 401);
  const queues = (await (await get('/ops/queues/api/queues', { cookie })).json()) as { queues: Array<{ name: string; readOnlyMode: boolean; allowRetries: boolean }> };
  assert.equal(queues.queues.map((q) => q.name).sort(), ['asds-archive', 'asds-pulls', 'asds-scheduled']);
  assert.ok(queues.queues.every((q) => q.readOnlyMode && !q.allowRetries), 'every queue read-only');
  // the detectors' daily schedule lives in asds-scheduled: retrying, cleaning, pausing, emptying or removing is refused
  for (const [method, path] of [
    ['PUT', '/ops/queues/api/queues/asds-scheduled/retry/failed'],
    ['PUT', '/ops/queues/api/queues/asds-scheduled/clean/completed'],
    ['PUT', '/ops/queues/api/queues/asds-scheduled/pause'],
    ['PUT', '/ops/queues/api/queues/pause'],
    ['PUT', '/ops/queues/api/queues/asds-scheduled/empty'],
    ['PUT', '/ops/queues/api/queues/asds-scheduled/obliterate'],
    ['PUT', '/ops/queues/api/queues/asds-scheduled/job-schedulers/detectors-daily/remove'],
    ['POST', '/ops/queues/api/queues/asds-pulls/add'],
  ] as const) {
    const res = await fetch(`${ctx.http}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    assert.is(res.status, 405, `${method} ${path}`);
    assert.is(((await res.json()) as { error: string }).error, 'READ_ONLY');
  }
  const after = (await (await get('/ops/queues/api/queues', { cookie })).json()) as { queues: Array<{ name: string; isPaused: boolean }> };
  assert.ok(after.queues.every((q) => !q.isPaused), 'nothing paused');
  const connection = redisConnection(ctx.redis.url);
  const q = new Queue('asds-scheduled', { connection, prefix: 'asds' });
  try {
    assert.ok(await q.getJobScheduler('detectors-daily'), 'the schedule is still there');
  } finally {
    await q.close();
    connection.disconnect();
  }
});

test('POST /pulls with the login: accepted and attributed to the operator; a cookie sent from another site is refused', async () => {
  const bad = await fetch(`${ctx.http}/pulls`, { method: 'POST', headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ court: '53x', by: 'x' }) });
  assert.is(bad.status, 400, 'past the login, the request itself is checked');
  const ok = await fetch(`${ctx.http}/pulls`, { method: 'POST', headers: { authorization: `Bearer ${ctx.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ court: '537', by: 'Адміністратор АСДС' }) });
  assert.is(ok.status, 201, await ok.clone().text());
  assert.match(((await ok.json()) as { requestedBy: string }).requestedBy, /Адміністратор АСДС \(http, оператор Коваленко Ірина Петрівна\)/);
  const cookie = `asds_console=${encodeURIComponent(ctx.token)}`;
  const cross = await fetch(`${ctx.http}/pulls`, { method: 'POST', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ court: '537', by: 'x' }) });
  assert.is(cross.status, 403);
});

test('off loopback the cookie is Secure (HTTPS only); without Redis the board says there are no queues', async () => {
  const app = Fastify();
  const ops = OperatorFolder.open(ctx.nats.bus.dir);
  registerConsole(app, { operatorPublicKey: ops.operatorPublicKey });
  try {
    const form = { method: 'POST' as const, url: '/ops/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ token: ctx.token }).toString() };
    const remote = await app.inject({ ...form, remoteAddress: '10.20.0.7' });
    assert.is(remote.statusCode, 303);
    assert.match(String(remote.headers['set-cookie']), /; HttpOnly; SameSite=Strict; Secure$/);
    const local = await app.inject({ ...form, remoteAddress: '127.0.0.1' });
    assert.not.match(String(local.headers['set-cookie']), /Secure/);
    const board = await app.inject({ url: '/ops/queues', headers: { authorization: `Bearer ${ctx.token}` } });
    assert.is(board.statusCode, 503);
    assert.match(board.body, /черги завдань на цьому вузлі не працюють/);
  } finally {
    await app.close();
  }
});

test('asds ops token refuses a lifetime over a day and a folder without an operator key', () => {
  const long = spawnSync(process.execPath, ['bin/asds.js', 'ops', 'token', '--ops', ctx.nats.bus.dir, '--ttl', '2d'], { encoding: 'utf8', timeout: 60_000 });
  assert.is(long.status, 2);
  assert.match(long.stderr, /at most 24 h/);
  assert.is(long.stdout, '');
  const none = spawnSync(process.execPath, ['bin/asds.js', 'ops', 'token', '--ops', tempDir('asds-no-ops-')], { encoding: 'utf8', timeout: 60_000 });
  assert.is(none.status, 2);
  assert.match(none.stderr, /no bus operator folder at/);
});

test.run();
