/**
 * Observability (issue 12 item 4): `/metrics` on court and central nodes in
 * Prometheus text format, read back with an independent parser; one request
 * log line per request that never holds a covert value.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cleanup, startNats, tempDir, trackChild, type NatsHandle } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { api, claim, PASSWORD } from '../court/support.ts';
import { startCentralWorker } from '../replication/support.ts';
import { parsePrometheus } from '../support/prometheus.ts';

const test = suite('metrics and request logs');
const ctx: { nats?: NatsHandle; court?: ChildProcess; err: string; url?: string } = { err: '' };
const PERSON = 'Сидоренко Марко Прихованович';

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  const bus = await ctx.nats.bus.bundle('court-537');
  const child = spawn(process.execPath, ['bin/asds.js', 'court', 'serve', '--court', '537', '--data', tempDir('asds-court-'), '--port', '0', '--nats', ctx.nats.url, '--bus', bus], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASDS_LOG: 'info', ASDS_KEY_PASSPHRASE: TEST_KEY_PASSPHRASE, ASDS_ADMIN_PASSWORD: 'admin-password-1', ASDS_COURT_KEY: randomBytes(32).toString('hex') },
  });
  trackChild(child);
  ctx.court = child;
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (ctx.err += d));
  const end = Date.now() + 60_000;
  while (!/"url":"([^"]+)"/.test(out)) {
    if (Date.now() > end) throw new Error(`court did not start: ${ctx.err.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  ctx.url = /"url":"([^"]+)"/.exec(out)![1]!;
});

test.after(async () => {
  ctx.court?.kill('SIGTERM');
  await cleanup();
});

function family(text: string, name: string) {
  const f = parsePrometheus(text).find((x) => x.name === name);
  if (!f) throw new Error(`no metric ${name}`);
  return f;
}

test('court: requests counted by route template and status, asks timed by actor kind, mailboxes and replication lag gauged', async () => {
  const a = api(ctx.url!);
  const admin = await a.login('admin', 'admin-password-1');
  await a.call('POST', '/users', { token: admin, body: { login: 'registrar1', fullName: 'Тест Реєстратор', role: 'registrar', password: PASSWORD, order: { number: '1-к', date: '2025-01-10' } } });
  const reg = await a.login('registrar1');
  const covert = await a.call('POST', '/registrations', {
    token: reg,
    body: claim({ index: '1-кс', document: { kind: 'клопотання', title: 'клопотання слідчого про проведення НСРД', sender: 'СВ Лубенського РВП' }, category: 'НСРД', description: 'клопотання про дозвіл на НСРД', parties: [], covert: { person: PERSON, action: 'зняття інформації з каналів зв’язку' } }),
  });
  assert.is(covert.status, 201, JSON.stringify(covert.body));
  await a.call('GET', `/cases/${covert.body.ueun}`, { token: reg });
  const res = await fetch(`${ctx.url}/metrics`);
  assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
  const text = await res.text();
  const http = family(text, 'asds_http_requests');
  assert.is(http.type, 'counter');
  const login = http.samples.find((m) => m.name === 'asds_http_requests_total' && m.labels.route === '/auth/login' && m.labels.status === '200');
  assert.ok(login && login.value >= 2, 'logins counted');
  assert.ok(http.samples.some((m) => m.labels.route === '/registrations' && m.labels.status === '201'));
  assert.not.ok(text.includes(covert.body.ueun), 'no case number in any label');
  const ask = family(text, 'asds_ask_seconds');
  assert.is(ask.type, 'histogram');
  assert.ok(ask.samples.some((m) => m.name === 'asds_ask_seconds_count' && m.labels.kind === 'registry' && m.labels.outcome === 'ok' && m.value > 0));
  assert.ok(family(text, 'asds_journal_commit_seconds').type === 'histogram');
  assert.ok(family(text, 'asds_mailbox_depth').samples.some((m) => m.labels.node === 'court-537'));
  assert.ok(family(text, 'asds_replication_lag_events').samples.some((m) => m.labels.court === '537'));
  assert.is(family(text, 'process_cpu_user_seconds').type, 'counter');
});

test('request log: one JSON line per request with id, user, route, status, duration — never a covert value or a URL', () => {
  const lines = ctx.err.split('\n').filter((l) => l.includes('"event":"http"')).map((l) => JSON.parse(l) as Record<string, unknown>);
  const reg = lines.find((l) => l.route === '/registrations' && l.status === 201);
  assert.ok(reg, 'the registration is logged');
  assert.equal(Object.keys(reg!).filter((k) => !['t', 'lvl', 'c', 'event'].includes(k)).sort(), ['id', 'method', 'ms', 'route', 'status', 'user']);
  assert.is(reg!.user, 'registrar1');
  assert.ok(lines.some((l) => l.route === '/cases/*' || String(l.route).startsWith('/cases/')), 'case read logged by its template');
  assert.not.ok(ctx.err.includes(PERSON), 'no covert value in the log');
  assert.not.ok(/"route":"\/cases\/537\//.test(ctx.err), 'routes are templates, not URLs');
});

test('central worker: /metrics answers the lag per court and integrity alarms', async () => {
  const central = await startCentralWorker(ctx.nats!, tempDir('asds-central-'), ['--http-port', '0']);
  try {
    const http = JSON.parse(await central.waitFor(/"ingest":"running"/)).http as string;
    const end = Date.now() + 60_000;
    let text = '';
    // the court replicates to this worker; its lag becomes visible once it has reported
    for (;;) {
      text = await (await fetch(`${http}/metrics`)).text();
      const seen = /asds_replication_lag_seconds\{[^}]*court="537"/.test(text) && /asds_ingest_events_total\{[^}]*court="537"/.test(text);
      if (seen || Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(family(text, 'asds_replication_lag_seconds').samples.some((m) => m.labels.court === '537'), 'lag of court 537');
    assert.is(family(text, 'asds_integrity_alarms').type, 'gauge');
    // the court's events were verified and stored: counted per court; refusals are a family even when none happened
    assert.ok(family(text, 'asds_ingest_events').samples.some((m) => m.labels.court === '537' && m.value > 0), 'events stored from court 537');
    assert.is(family(text, 'asds_ingest_rejected').type, 'counter');
    assert.ok(family(text, 'asds_http_requests').samples.some((m) => m.labels.route === '/metrics'));
  } finally {
    await central.kill('SIGTERM');
  }
});

test.run();
