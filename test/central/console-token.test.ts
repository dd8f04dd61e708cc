/**
 * Console tokens with a role (issue 16): an administrator's or analyst's token is v2 under the same signature;
 * a token from before roles (v1, no role) is an operator's; a role edited into a token breaks its signature; a v1
 * token claiming another role is refused (a worker from before roles would have read it as an operator's).
 * `asds ops token --role --name`. The login for a browser app (JSON), /ops/me, logout, `next` under /console/,
 * and /courts refused on a stand-by while /cluster answers there.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import Fastify from 'fastify';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { ConsoleTokenRejected, registerConsole, registerConsoleRoutes, safeNext, signConsoleToken, verifyConsoleToken, type ConsoleRole } from '../../actors/central/console/index.ts';
import { startCentralHttp } from '../../actors/central/ingest/http.ts';
import { NotAnalyticsOwner } from '../../actors/central/lease/refusal.ts';
import { ClusterReplyV1, ConsoleMeV1, ConsoleSessionV1 } from '../../contracts/central/console.ts';
import { schemaErrors } from '../../runtime/validate.ts';
import { createLogger } from '../../runtime/index.ts';
import type { AnalyticsEngine } from '../../analytics/engine.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('console token roles and the browser session');
const ctx = {} as { nats: NatsHandle };

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
});
test.after(async () => {
  await cleanup();
});

const ops = () => ctx.nats.bus.ops;
const sign = (b: Uint8Array) => ops().signAsOperator(b);
const reason = (fn: () => unknown): string => {
  try {
    fn();
    return 'accepted';
  } catch (e) {
    assert.instance(e, ConsoleTokenRejected);
    return (e as ConsoleTokenRejected).reason;
  }
};
/** A token signed as token.ts signs, with any claim (a token of an older release, or one no release makes). */
const raw = (claim: Record<string, unknown>) => {
  const body = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${body}.${Buffer.from(sign(Buffer.from(`asds-console-token-v1\n${body}`))).toString('base64url')}`;
};
const edit = (token: string, change: Record<string, unknown>) => {
  const [body, sig] = token.split('.');
  return `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), ...change })).toString('base64url')}.${sig}`;
};

test('roles: default operator (v1), analyst and administrator v2; an old token is an operator; an edited role breaks the signature', () => {
  const key = ops().operatorPublicKey;
  const op = verifyConsoleToken(signConsoleToken(sign, { sub: 'Коваленко Ірина Петрівна' }), key);
  assert.equal([op.v, op.role], [1, 'operator']);
  const an = verifyConsoleToken(signConsoleToken(sign, { sub: 'Мельник Олена Василівна', role: 'analyst' }), key);
  assert.equal([an.v, an.role, an.sub], [2, 'analyst', 'Мельник Олена Василівна']);
  assert.is(verifyConsoleToken(signConsoleToken(sign, { sub: 'Бондар Петро Іванович', role: 'administrator' }), key).role, 'administrator');
  const iat = Math.floor(Date.now() / 1000);
  const old = raw({ v: 1, sub: 'Шевчук Андрій Олегович', iat, exp: iat + 3600, aud: 'asds-central-console' });
  assert.is(verifyConsoleToken(old, key).role, 'operator', 'a token made before roles keeps the operator rights');
  const opToken = signConsoleToken(sign, { sub: 'Коваленко Ірина Петрівна' });
  assert.is(reason(() => verifyConsoleToken(edit(opToken, { role: 'administrator', v: 2 }), key)), 'BAD_SIGNATURE');
  assert.is(reason(() => verifyConsoleToken(edit(opToken, { role: 'administrator' }), key)), 'BAD_SIGNATURE');
  // properly signed but impossible: v1 naming a role an older worker would read as an operator's, or an unknown role
  assert.is(reason(() => verifyConsoleToken(raw({ v: 1, role: 'analyst', sub: 'x', iat, exp: iat + 60, aud: 'asds-central-console' }), key)), 'MALFORMED');
  assert.is(reason(() => verifyConsoleToken(raw({ v: 2, role: 'judge', sub: 'x', iat, exp: iat + 60, aud: 'asds-central-console' }), key)), 'MALFORMED');
  assert.is(reason(() => verifyConsoleToken(raw({ v: 2, sub: 'x', iat, exp: iat + 60, aud: 'asds-central-console' }), key)), 'MALFORMED');
  assert.is(reason(() => signConsoleToken(sign, { sub: 'x', role: 'judge' as never })), 'MALFORMED');
});

test('asds ops token --role analyst --name: the role in the token and in the message; an unknown role is exit 2', () => {
  const r = spawnSync(process.execPath, ['bin/asds.js', 'ops', 'token', '--ops', ctx.nats.bus.dir, '--role', 'analyst', '--name', 'Мельник Олена Василівна'], { encoding: 'utf8', timeout: 60_000 });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stderr, /роль: аналітик/);
  const c = verifyConsoleToken(r.stdout.trim(), ops().operatorPublicKey);
  assert.equal([c.role, c.sub], ['analyst', 'Мельник Олена Василівна']);
  const bad = spawnSync(process.execPath, ['bin/asds.js', 'ops', 'token', '--ops', ctx.nats.bus.dir, '--role', 'judge'], { encoding: 'utf8', timeout: 60_000 });
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /--role takes administrator, analyst, operator/);
  assert.is(bad.stdout, '');
});

test('next: a path under /ops/ or /console/ only', () => {
  assert.is(safeNext('/console/'), '/console/');
  assert.is(safeNext('/console/courts'), '/console/courts');
  assert.is(safeNext('/ops/queues'), '/ops/queues');
  for (const bad of ['https://evil.example/', '//evil.example/console/', '/console/../pulls', '/consolex', '/console/a?b=c']) assert.is(safeNext(bad), '/ops/queues', bad);
});

/** The central HTTP of a stand-by (refuse: another worker owns the store), with the console on it. */
async function standbyHttp() {
  const refusal = () => new NotAnalyticsOwner('central-2', { holder: 'central-1', pid: 4242, host: 'asds-c1' });
  const engine = (): AnalyticsEngine => {
    throw refusal();
  };
  return startCentralHttp('central-2', createLogger('test'), engine, 0, async () => Promise.reject(refusal()), [{ code: '537', name: 'Октябрський районний суд м. Полтави' }], '127.0.0.1', [
    (a) => {
      const { area } = registerConsole(a, { operatorPublicKey: ops().operatorPublicKey });
      registerConsoleRoutes(a, area, { node: 'central-2', role: () => 'standby', shared: false, nats: () => undefined, registry: () => [{ code: '537', name: 'Октябрський районний суд м. Полтави' }], engine });
      // a route nobody gave an area (console/access.ts): the administrator's only, never open
      a.get('/unlisted/data', async () => ({ secret: true }));
    },
  ], { console: { operatorPublicKey: ops().operatorPublicKey }, refuse: () => refusal() });
}

test('a browser app: JSON login → {operator, role, expiresAt} and the cookie; /ops/me; JSON logout; 401 and 400', async () => {
  const { app, url } = await standbyHttp();
  try {
    const token = signConsoleToken(sign, { sub: 'Мельник Олена Василівна', role: 'analyst' });
    const login = await fetch(`${url}/ops/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    assert.is(login.status, 200);
    const session = (await login.json()) as ConsoleSessionV1;
    assert.equal(schemaErrors(ConsoleSessionV1, session), []);
    assert.equal([session.operator, session.role], ['Мельник Олена Василівна', 'analyst']);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    assert.match(cookie, /^asds_console=/);
    const me = await fetch(`${url}/ops/me`, { headers: { cookie } });
    assert.is(me.status, 200);
    const body = (await me.json()) as ConsoleMeV1;
    assert.equal(schemaErrors(ConsoleMeV1, body), []);
    assert.equal([body.name, body.role, body.expiresAt], ['Мельник Олена Василівна', 'analyst', session.expiresAt]);
    assert.equal(body.areas, ['statistics', 'workload', 'lag', 'alarms']);
    const admin = (await (await fetch(`${url}/ops/me`, { headers: { authorization: `Bearer ${signConsoleToken(sign, { sub: 'Бондар Петро Іванович', role: 'administrator' })}` } })).json()) as ConsoleMeV1;
    assert.equal(admin.areas, ['statistics', 'workload', 'lag', 'alarms', 'jobs', 'cluster', 'pulls', 'queues', 'originals', 'witness']);
    const op = (await (await fetch(`${url}/ops/me`, { headers: { authorization: `Bearer ${signConsoleToken(sign, { sub: 'Коваленко Ірина Петрівна' })}` } })).json()) as ConsoleMeV1;
    assert.equal([op.role, op.areas], ['operator', ['jobs', 'cluster', 'pulls', 'queues', 'originals', 'witness']]);
    assert.is((await fetch(`${url}/ops/me`, { headers: { authorization: `Bearer ${token}` } })).status, 200, 'a script sends the bearer');
    const none = await fetch(`${url}/ops/me`);
    assert.is(none.status, 401);
    assert.match(((await none.json()) as { message: string }).message, /потрібен вхід/);
    const empty = await fetch(`${url}/ops/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tokn: token }) });
    assert.is(empty.status, 400);
    assert.is(((await empty.json()) as { error: string }).error, 'VALIDATION_FAILED');
    const out = await fetch(`${url}/ops/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    assert.is(out.status, 200);
    assert.equal(await out.json(), { ok: true });
    assert.match(out.headers.get('set-cookie') ?? '', /^asds_console=; Path=\/; Max-Age=0; HttpOnly/);
    const cross = await fetch(`${url}/ops/logout`, { method: 'POST', headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
    assert.is(cross.status, 403);
  } finally {
    await app.close();
  }
});

test('secure by default: a route without an area is for the administrator only; a stand-by names its owner only to a login', async () => {
  const { app, url } = await standbyHttp();
  try {
    const as = (role: ConsoleRole) => ({ authorization: `Bearer ${signConsoleToken(sign, { sub: 'Тестова Особа Іванівна', role })}` });
    assert.is((await fetch(`${url}/unlisted/data`)).status, 401);
    assert.is((await fetch(`${url}/unlisted/data`, { headers: as('analyst') })).status, 403);
    assert.is((await fetch(`${url}/unlisted/data`, { headers: as('operator') })).status, 403);
    assert.equal(await (await fetch(`${url}/unlisted/data`, { headers: as('administrator') })).json(), { secret: true });
    const anonymous = await fetch(`${url}/lag`);
    assert.is(anonymous.status, 401, 'the login first: a stranger does not learn which worker owns the store');
    assert.not.match(await anonymous.text(), /central-1/);
    assert.is((await fetch(`${url}/lag`, { headers: as('analyst') })).status, 503);
  } finally {
    await app.close();
  }
});

test('on a stand-by: /courts is refused naming the owner (it reads the store); /cluster answers (it does not)', async () => {
  const { app, url } = await standbyHttp();
  try {
    const auth = { authorization: `Bearer ${signConsoleToken(sign, { sub: 'Бондар Петро Іванович', role: 'administrator' })}` };
    const courts = await fetch(`${url}/courts`, { headers: auth });
    assert.is(courts.status, 503);
    const why = (await courts.json()) as { code: string; owner: string; error: string };
    assert.equal([why.code, why.owner], ['NOT_ANALYTICS_OWNER', 'central-1']);
    assert.match(why.error, /у резерві: аналітичні дані обслуговує central-1/);
    const cluster = await fetch(`${url}/cluster`, { headers: auth });
    assert.is(cluster.status, 200);
    const c = (await cluster.json()) as ClusterReplyV1;
    assert.equal(schemaErrors(ClusterReplyV1, c), []);
    assert.equal([c.node, c.role, c.nats.connected, c.courts[0]?.name], ['central-2', 'standby', false, 'Октябрський районний суд м. Полтави']);
    const jobs = await fetch(`${url}/jobs`, { headers: auth });
    assert.is(jobs.status, 503, 'no --redis: no queues');
    assert.is(((await jobs.json()) as { error: string }).error, 'NO_QUEUES');
  } finally {
    await app.close();
  }
});

test.run();
