/**
 * Bad input (issue 3 item 10): ≥ 5,000 random and malformed requests to a
 * real listening court server — random methods, paths, JSON, types, huge
 * strings, wrong auth, broken HTTP. Expect: never a 5xx, always the error
 * shape, the server alive, and not one journal write.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { connect } from 'node:net';
import { cleanup } from '../support/servers.ts';
import { casePath, claim, daysAgo, newKey, startCourt, today, type Court } from './support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: fuzzing the HTTP API');

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5200);
const RAW = 300;

// A seeded generator: a failure is reproducible from the seed printed with it.
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

type R = ReturnType<typeof rng>;

function randomString(r: R): string {
  return r.pick([
    () => '',
    () => 'x'.repeat(r.int(20)),
    () => 'Я'.repeat(5000 + r.int(5000)),
    () => 'a'.repeat(1_100_000), // over the 1 MB body limit
    () => '\u0000\u0001\uFFFF\uD800',
    () => '../../../etc/passwd',
    () => '<script>alert(1)</script>',
    () => "'; DROP TABLE events; --",
    () => '%00%2F%2e%2e',
    () => String(r.next()),
    () => '2025-02-30',
    () => '537/0/25',
  ])();
}

function randomValue(r: R, depth = 0): unknown {
  const kinds = depth > 3 ? 6 : 9;
  switch (r.int(kinds)) {
    case 0: return null;
    case 1: return r.next() < 0.5;
    case 2: return r.pick([0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31]);
    case 3: return randomString(r);
    case 4: return '';
    case 5: return r.int(1000);
    case 6: return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
    case 7: return Object.fromEntries(Array.from({ length: r.int(5) }, () => [r.pick(['type', 'index', 'arrivalDate', '__proto__', 'constructor', 'late', 'covert', randomString(r).slice(0, 30)]), randomValue(r, depth + 1)]));
    default: return { index: randomValue(r, depth + 1), arrivalDate: randomValue(r, depth + 1), document: randomValue(r, depth + 1) };
  }
}

/** A registration body with exactly one thing wrong (so it must be refused). */
function brokenRegistration(r: R): unknown {
  const b: any = structuredClone(claim());
  const late = { order: { number: '1-р', date: daysAgo(1) }, reason: 'причина', termUntil: today() };
  r.pick([
    () => delete b[r.pick(['index', 'arrivalDate', 'document', 'description', 'parties'])],
    () => (b[r.pick(['index', 'arrivalDate', 'document', 'description', 'parties', 'category'])] = r.pick([42, null, {}, true, -1])),
    () => (b[randomString(r).slice(0, 20) || 'extra'] = 'unexpected'),
    () => (b.description = 'я'.repeat(4001 + r.int(10_000))),
    () => (b.index = r.pick(['X', '7', '2-z', '', '1-КС'])),
    () => (b.arrivalDate = r.pick(['2025-13-01', '2025-02-30', '25-01-01', 'today', '2025-1-1', '9999-12-31'])),
    () => (b.arrivalDate = daysAgo(3)), // late without the order
    () => Object.assign(b, { arrivalDate: daysAgo(3), late: { ...late, termUntil: daysAgo(2) } }), // past the term
    () => (b.late = late), // on time, order not needed
    () => (b.parties = Array.from({ length: 101 }, () => ({ role: 'x', name: 'y' }))),
    () => delete b.document.sender,
    () => (b.document.pages = r.pick([0, -5, 1.5, '3'])),
    () => (b.covert = { person: 'x', action: 'y', extra: 1 }),
    () => (b.existingUeun = r.pick(['537/999999/25', '537/1/2025', 'abc', '537//25'])),
    () => (b.late = { order: { number: '', date: today() }, reason: 'x', termUntil: today() }),
  ])();
  return b;
}

let c: Court;
test.after(async () => {
  await c?.server.stop();
  await cleanup();
});

test(`${REQUESTS} random requests and ${RAW} broken HTTP messages: no 5xx, no crash, no journal write`, async () => {
  c = await startCourt({ key: newKey() });
  const reg = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() });
  assert.is(reg.status, 201);
  const existing = casePath(reg.body.ueun);
  const journal = c.server.host.journal;
  // The card's opening is confirmed to the registry just after the reply: wait for it before taking the baseline.
  assert.is((await c.api.call('GET', existing, { token: c.tokens.registrar })).status, 200);
  while (((await c.server.host.system.ref('registry', '537').ask({ type: 'status' })) as { pending: number }).pending > 0) {
    await new Promise((res) => setTimeout(res, 10));
  }
  journal.flushNow();
  const before = journal.head();

  const seed = Date.now() % 1_000_000;
  const r = rng(seed);
  const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
  const paths = [
    '/registrations', '/cases', '/cases?offset=-1', '/cases?limit=100000', '/cases?limit=abc&offset=1e9', existing, `${existing}/movements`,
    `${existing}/corrections`, `${existing}/assignment`, `${existing}/covert`, `${existing}/attachments`, `${existing}/attachments/${'0'.repeat(64)}`,
    '/cases/537/0/25', '/cases/99999/1/25', '/cases/537/1/2025', '/cases/537/1', '/cases/../../etc/passwd', '/users', '/users/admin/password',
    '/users/admin/disable', '/users/NOPE/disable', '/judges/judge.petrenko/availability', '/judges/%00/availability', '/auth/login', '/auth/me',
    '/openapi.json', '/health', '/', '/%', '/%E0%A4%A', `/${'a'.repeat(5000)}`, `/cases/${'9'.repeat(300)}/1/25`, '/docs/../../package.json',
    `${existing}/decision`, `${existing}/appeals`, `${existing}/appeals/sent`, `${existing}/legal-force`, '/edrsr/queue', '/edrsr/queue?state=nope',
    '/documents', '/documents/537-000000001-ухвала-ц/pdf', '/documents/x/signatures', '/public/lists', '/public/lists?date=2026-13-45',
  ];
  const tokens = () =>
    r.pick([
      undefined,
      'garbage',
      `Bearer ${'A'.repeat(43)}`,
      `Bearer ${c.tokens.registrar}x`,
      `Basic ${Buffer.from('admin:admin-password-1').toString('base64')}`,
      `Bearer ${c.tokens.registrar}`,
      `Bearer ${c.tokens.judge}`,
      `Bearer ${c.tokens.auditor}`,
    ]);
  const failures: string[] = [];
  let sent = 0;
  let fourxx = 0;

  const one = async (i: number) => {
    let method: string = r.pick(methods);
    let path = r.pick(paths);
    let auth = tokens();
    const headers: Record<string, string> = {};
    let body: string | Buffer | undefined;
    const mode = r.int(10);
    if (mode < 3) {
      // A broken registration with a valid registrar token: refused by the schema or the registry.
      method = 'POST';
      path = '/registrations';
      auth = `Bearer ${c.tokens.registrar}`;
      body = JSON.stringify(brokenRegistration(r));
      headers['content-type'] = 'application/json';
    } else if (mode < 4) {
      // Broken movements/corrections of an existing case, valid token.
      method = 'POST';
      path = r.pick([`${existing}/movements`, `${existing}/corrections`]);
      auth = `Bearer ${c.tokens.registrar}`;
      body = JSON.stringify(r.pick([{}, { kind: 'teleport', to: 'x' }, { field: 'ueun', value: 'x', reason: 'r', basis: { number: '1', date: today() } }, { field: 'description', value: 5, reason: 'r', basis: {} }, randomValue(r)]));
      headers['content-type'] = 'application/json';
    } else if (mode < 5) {
      method = 'POST';
      path = '/auth/login';
      body = JSON.stringify(r.pick([{ login: 'admin', password: 'wrong-password' }, { login: 'admin' }, { login: 5, password: [] }, randomValue(r), { login: 'x'.repeat(100), password: 'y' }]));
      headers['content-type'] = 'application/json';
    } else if (method !== 'GET' && method !== 'HEAD') {
      const kind = r.int(6);
      if (kind === 0) body = JSON.stringify(randomValue(r));
      else if (kind === 1) body = r.pick(['{', '{"a":', '[1,2', 'null', '"str"', '{"__proto__":{"admin":true}}', '\u0000', '{"a":1}{"b":2}']);
      else if (kind === 2) body = randomString(r);
      else if (kind === 3) body = Buffer.from(Array.from({ length: r.int(2000) }, () => r.int(256)));
      headers['content-type'] = r.pick(['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/pdf', 'image/png', 'application/xml', '']);
      if (headers['content-type'] === '') delete headers['content-type'];
      // Scans to a real case with a real token would be a valid write; keep them to refusals.
      if (path.includes('/attachments') && auth === `Bearer ${c.tokens.registrar}`) auth = 'garbage';
    }
    // Logging out with a valid token is a legitimate write; keep logout to invalid tokens.
    if (path === '/auth/logout') auth = 'garbage';
    if (auth !== undefined) headers.authorization = auth;
    if (r.int(20) === 0) headers['idempotency-key'] = Buffer.from(randomString(r)).toString('base64').slice(0, 300);
    try {
      const res = await fetch(c.api.url + path, { method, headers, signal: AbortSignal.timeout(10_000), ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      sent++;
      if (res.status >= 500) failures.push(`#${i} ${method} ${path.slice(0, 80)} → ${res.status} ${text.slice(0, 200)}`);
      if (res.status >= 400) {
        fourxx++;
        if (method !== 'HEAD' && res.headers.get('content-type')?.includes('json')) {
          const j = JSON.parse(text);
          if (!j.error?.code || !j.error?.message?.uk || !j.error?.message?.en) failures.push(`#${i} ${method} ${path} → ${res.status} without the error shape: ${text.slice(0, 200)}`);
        }
      }
      if (res.status < 400 && method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && path !== '/auth/login') {
        failures.push(`#${i} ${method} ${path} was accepted (${res.status}): ${text.slice(0, 200)} — sent ${String(body).slice(0, 400)}`);
      }
    } catch (e) {
      failures.push(`#${i} ${method} ${path.slice(0, 80)} [${headers['content-type']}] body ${body?.length} → client error ${(e as Error).message}`);
    }
  };

  const CONCURRENCY = 16;
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) await one(next++);
  }));

  // Broken HTTP on a raw socket: the server answers 4xx or closes; never 5xx.
  const port = Number(new URL(c.api.url).port);
  const rawMessages = [
    'GET /cases HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    'POST /registrations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"a":1111111',
    'POST /registrations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n',
    'GARBAGE\r\n\r\n',
    `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    'GET /cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u0000\r\n\r\n',
    'GET /health HTTP/9.9\r\n\r\n',
  ];
  let rawAnswered = 0;
  let rawSilent = 0;
  const rawOne = (i: number) => {
    const msg = i < rawMessages.length * 20 ? rawMessages[i % rawMessages.length]! : Buffer.from(Array.from({ length: 1 + r.int(500) }, () => r.int(256))).toString('latin1');
    return new Promise<void>((resolve) => {
      const s = connect(port, '127.0.0.1');
      let got = '';
      // The server may legitimately wait for the rest of a truncated request: give up after a while.
      const timer = setTimeout(() => {
        rawSilent++;
        s.destroy();
      }, 3000);
      s.on('data', (d) => {
        got += d.toString('latin1');
      });
      s.on('error', () => undefined);
      s.on('close', () => {
        clearTimeout(timer);
        const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
        if (m) {
          rawAnswered++;
          if (Number(m[1]) >= 500) failures.push(`raw #${i} → ${m[1]}: ${JSON.stringify(msg.slice(0, 80))}`);
        }
        resolve();
      });
      s.write(msg, 'latin1', () => s.end());
    });
  };
  for (let i = 0; i < RAW; i += 50) await Promise.all(Array.from({ length: Math.min(50, RAW - i) }, (_, k) => rawOne(i + k)));

  assert.is(failures.length, 0, `seed ${seed}:\n${failures.slice(0, 20).join('\n')}`);
  assert.is(sent, REQUESTS);
  assert.ok(fourxx > REQUESTS * 0.8, `mostly refused: ${fourxx}`);
  assert.ok(rawAnswered > RAW / 2, `the server answered broken HTTP: ${rawAnswered}`);
  // Alive and unchanged.
  assert.is((await c.api.call('GET', '/health')).status, 200);
  journal.flushNow();
  assert.equal(journal.head(), before, 'not one journal write');
  const card = await c.api.call('GET', existing, { token: c.tokens.registrar });
  assert.is(card.body.movements.length + card.body.proceedings[0].corrections.length, 0);
});

test.run();
