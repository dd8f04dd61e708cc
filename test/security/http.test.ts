/**
 * Court HTTP API hardening (issue 10 item 7), tried as an attacker would over
 * loopback: a token outliving a password or role change, password guessing,
 * paging numbers JavaScript reads generously, dates that never existed, a
 * forged "existing" ЄУН, attachment names that are paths. Every refusal is a
 * 4xx with a stable code and a Ukrainian message, and writes nothing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startCourtServer } from '../../actors/court/node.ts';
import { OutageCommandSchema } from '../../contracts/court/outage.ts';
import { LoginThrottle } from '../../actors/court/http/throttle.ts';
import { cleanup } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { ADMIN_PASSWORD, api, casePath, claim, LOGINS, PASSWORD, startCourt, today, type Court } from '../court/support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('security: court HTTP API');
let c: Court;
test.before(async () => {
  c = await startCourt({ server: { knownCourts: ['528', '757'] } });
});
test.after(async () => {
  await c?.server.stop();
  await cleanup();
});

const order = (number: string) => ({ number, date: '2025-03-03' });
const call = (method: string, path: string, token?: string, body?: unknown) => c.api.call(method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
const total = async () => (await call('GET', '/cases?limit=1', c.tokens.registrar)).body.total as number;

function refused(r: { status: number; body: any }, status: number, code: string): void {
  assert.is(r.status, status, JSON.stringify(r.body));
  assert.is(r.body.error.code, code);
  assert.ok(/[а-яіїєґ]/i.test(r.body.error.message.uk), 'a Ukrainian message for people');
}

function journalRows(type: string): Array<{ meta: any; data: any }> {
  const db = new Database(c.journalPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT meta, data FROM events WHERE type = ? ORDER BY gseq').all(type) as Array<{ meta: string; data: string }>).map((r) => ({ meta: JSON.parse(r.meta), data: JSON.parse(r.data) }));
  } finally {
    db.close();
  }
}

test('a password change revokes every token of the user (attributed tokens-revoked event); a restart keeps them revoked', async () => {
  const login = 'revoke.pw';
  assert.is((await call('POST', '/users', c.tokens.admin, { login, fullName: 'Тест', role: 'registrar', password: PASSWORD, order: order('1-к') })).status, 201);
  const [t1, t2] = [await c.api.login(login), await c.api.login(login)];
  assert.is((await call('GET', '/auth/me', t1)).status, 200);
  const set = await call('POST', `/users/${login}/password`, c.tokens.admin, { password: 'new-password-123' });
  assert.equal(set.body, { changed: true, tokensRevoked: true });
  for (const t of [t1, t2]) refused(await call('GET', '/auth/me', t), 401, 'TOKEN_INVALID');
  refused(await call('GET', '/cases', t1), 401, 'TOKEN_INVALID');
  const fresh = await c.api.login(login, 'new-password-123');
  assert.is((await call('GET', '/auth/me', fresh)).body.login, login);
  const ev = journalRows('tokens-revoked').find((e) => e.data.login === login)!;
  assert.equal([ev.data.reason, ev.meta.author, ev.meta.role], ['password-changed', 'admin', 'tech_admin'], 'who revoked, and why');

  // A restart rebuilds the users from the journal: the old tokens stay dead, the new one lives.
  await c.server.stop();
  const server = await startCourtServer({ court: '537', dataDir: c.dataDir, port: 0, adminPassword: ADMIN_PASSWORD, keyPassphrase: TEST_KEY_PASSPHRASE, knownCourts: ['528', '757'] });
  c = { ...c, server, api: api(server.url) };
  refused(await call('GET', '/auth/me', t1), 401, 'TOKEN_INVALID');
  assert.is((await call('GET', '/auth/me', fresh)).status, 200);
});

test('changing one\'s own password needs the current one and revokes every own token, this one too', async () => {
  const login = 'revoke.self';
  assert.is((await call('POST', '/users', c.tokens.admin, { login, fullName: 'Тест', role: 'auditor', password: PASSWORD, order: order('2-к') })).status, 201);
  const [mine, other] = [await c.api.login(login), await c.api.login(login)];
  // A stolen token alone does not change the password.
  refused(await call('POST', '/auth/password', mine, { currentPassword: 'not-my-password', newPassword: 'brand-new-password-1' }), 401, 'BAD_CREDENTIALS');
  assert.is((await call('GET', '/auth/me', mine)).status, 200, 'a wrong current password changes nothing');
  const r = await call('POST', '/auth/password', mine, { currentPassword: PASSWORD, newPassword: 'brand-new-password-1' });
  assert.equal(r.body, { changed: true, tokensRevoked: true });
  for (const t of [mine, other]) refused(await call('GET', '/auth/me', t), 401, 'TOKEN_INVALID');
  refused(await call('POST', '/auth/login', undefined, { login, password: PASSWORD }), 401, 'BAD_CREDENTIALS');
  assert.is((await call('GET', '/auth/me', await c.api.login(login, 'brand-new-password-1'))).body.login, login);
  const ev = journalRows('tokens-revoked').find((e) => e.data.login === login)!;
  assert.equal([ev.data.reason, ev.meta.author], ['password-changed', login]);
});

test('a role change (by an order) revokes the tokens issued under the old role', async () => {
  const login = LOGINS.judge2!;
  const old = await c.api.login(login);
  assert.is((await call('GET', '/auth/me', old)).body.role, 'judge');
  const r = await call('POST', `/users/${login}/role`, c.tokens.admin, { role: 'registrar', order: order('7-к') });
  assert.equal(r.body, { login, role: 'registrar', tokensRevoked: true });
  refused(await call('GET', '/auth/me', old), 401, 'TOKEN_INVALID');
  refused(await call('GET', '/auth/me', c.tokens.judge2), 401, 'TOKEN_INVALID');
  assert.is((await call('GET', '/auth/me', await c.api.login(login))).body.role, 'registrar');
  const ev = journalRows('tokens-revoked').find((e) => e.data.login === login)!;
  assert.equal([ev.data.reason, ev.meta.author], ['role-changed', 'admin']);
  assert.is(journalRows('role-changed').find((e) => e.data.login === login)!.data.order.number, '7-к');
  // Only the technical administrator changes roles; the same role again is no change.
  refused(await call('POST', `/users/${login}/role`, c.tokens.head, { role: 'judge', order: order('8-к') }), 403, 'FORBIDDEN');
  refused(await call('POST', `/users/${login}/role`, c.tokens.admin, { role: 'registrar', order: order('8-к') }), 422, 'NO_CHANGE');
});

test('60 wrong passwords in under 2 s meet the limit (429 + Retry-After); the right password works after the wait and resets the count', async () => {
  const login = LOGINS.auditor!;
  const started = Date.now();
  const guesses = await Promise.all(Array.from({ length: 60 }, (_, i) => call('POST', '/auth/login', undefined, { login, password: `guess-number-${i}` })));
  const elapsed = Date.now() - started;
  const limited = guesses.filter((g) => g.status === 429);
  const tried = guesses.filter((g) => g.status === 401).length;
  // Five free attempts; after them each waits 1 s · 2^n behind the previous, so a slow machine that took
  // `elapsed` ms to answer all sixty can have admitted at most log2(elapsed/1000 + 1) more.
  assert.ok(tried >= 5 && tried <= 5 + Math.ceil(Math.log2(elapsed / 1000 + 1)), `${tried} wrong passwords checked in ${elapsed} ms`);
  assert.is(limited.length, 60 - tried);
  assert.ok(limited.length >= 50);
  for (const g of limited) {
    refused(g, 429, 'LOGIN_THROTTLED');
    assert.ok(Number(g.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
  }
  // Locked: even the right password waits (otherwise the lock would only slow the attacker's wrong guesses).
  const early = await call('POST', '/auth/login', undefined, { login, password: PASSWORD });
  refused(early, 429, 'LOGIN_THROTTLED');
  await new Promise((r) => setTimeout(r, Number(early.headers.get('retry-after')) * 1000 + 50));
  assert.is((await call('POST', '/auth/login', undefined, { login, password: PASSWORD })).status, 200);
  refused(await call('POST', '/auth/login', undefined, { login, password: 'one-more-wrong' }), 401, 'BAD_CREDENTIALS');
});

test('guessing across many logins from one address meets the per-address limit; other addresses are not affected', () => {
  let now = 1_000_000;
  const t = new LoginThrottle({ perLogin: { free: 5, baseMs: 1000, maxMs: 60_000 }, perAddress: { free: 10, baseMs: 1000, maxMs: 60_000 }, now: () => now });
  for (let i = 0; i < 10; i++) assert.ok(t.begin(`user${i}`, '10.0.0.9').ok);
  const spray = t.begin('user-next', '10.0.0.9');
  assert.equal(spray, { ok: false, retryAfterMs: 1000, scope: 'address' });
  assert.ok(t.begin('user-next', '10.0.0.10').ok, 'another address is not held');
  // Growing delays: each admitted attempt past the free ones doubles the wait.
  now += 1000;
  assert.ok(t.begin('user-a', '10.0.0.9').ok);
  assert.equal(t.begin('user-b', '10.0.0.9'), { ok: false, retryAfterMs: 2000, scope: 'address' });
  now += 2000;
  assert.ok(t.begin('user-c', '10.0.0.9').ok);
  assert.equal(t.begin('user-d', '10.0.0.9'), { ok: false, retryAfterMs: 4000, scope: 'address' });
  // Successful logins from a shared address (a court building behind NAT) do not add up to a lock.
  const office = new LoginThrottle({ perAddress: { free: 3, baseMs: 1000, maxMs: 60_000 }, now: () => now });
  for (let i = 0; i < 20; i++) {
    assert.ok(office.begin(`clerk${i}`, '10.1.1.1').ok, `login ${i}`);
    office.succeeded(`clerk${i}`, '10.1.1.1');
  }
});

test('paging numbers: digits only, within bounds, refused with 400 BAD_PARAMETER naming the parameter', async () => {
  const t = c.tokens.registrar;
  for (const [q, param] of [
    ['limit=1e3', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=10abc', 'limit'],
    ['limit=0x10', 'limit'],
    ['limit=%2010', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=', 'limit'],
    ['limit=501', 'limit'],
    ['limit=0', 'limit'],
    ['offset=1e2', 'offset'],
    ['offset=-0', 'offset'],
    ['limit=10&limit=20', 'limit'],
  ] as const) {
    const r = await call('GET', `/cases?${q}`, t);
    refused(r, 400, 'BAD_PARAMETER');
    assert.is(r.body.error.details.parameter, param, q);
  }
  const ok = await call('GET', '/cases?limit=10&offset=0', t);
  assert.is(ok.status, 200);
  assert.is(ok.body.offset, 0);
});

test('dates that never existed are refused everywhere (order dates too), nothing written', async () => {
  const before = await total();
  refused(await call('POST', '/users', c.tokens.admin, { login: 'bad.date', fullName: 'Тест', role: 'registrar', password: PASSWORD, order: { number: '9-к', date: '2025-02-29' } }), 400, 'BAD_DATE');
  assert.not.ok(((await call('GET', '/users', c.tokens.admin)).body as Array<{ login: string }>).some((u) => u.login === 'bad.date'), 'no user written');
  refused(await call('POST', '/users/registrar2/disable', c.tokens.admin, { order: { number: '9-к', date: '2026-02-30' }, reason: 'звільнення' }), 400, 'BAD_DATE');
  refused(await call('POST', `/users/registrar2/role`, c.tokens.admin, { role: 'auditor', order: { number: '9-к', date: '2025-04-31' } }), 400, 'BAD_DATE');
  const restricted = { publication: { restricted: true, reason: 'неповнолітній', basis: { number: '12', date: '2026-02-30' } } };
  const r = await call('POST', '/registrations', c.tokens.registrar, claim(restricted));
  refused(r, 400, 'BAD_DATE');
  assert.equal(r.body.error.details.errors.map((e: { path: string }) => e.path), ['/publication/basis/date']);
  refused(await call('POST', '/registrations', c.tokens.registrar, claim({ late: { order: { number: '3-р', date: '2025-06-31' }, reason: 'збій', termUntil: today() } })), 400, 'BAD_DATE');
  refused(await call('POST', '/registrations', c.tokens.registrar, claim({ document: { kind: 'позов', title: 'т', sender: 'с', outgoingDate: '2025-13-01' } })), 400, 'BAD_DATE');
  assert.is(await total(), before, 'no registration written');
  assert.is(((await call('GET', '/users', c.tokens.admin)).body as unknown[]).length > 0, true);
  // Instants (outage log, Засади 15): a real day and a real time of day.
  const outage = TypeCompiler.Compile(OutageCommandSchema);
  assert.ok(outage.Check({ type: 'open-outage', startedAt: '2025-06-10T09:15:00+03:00' }));
  for (const at of ['2025-02-30T10:00+02:00', '2025-06-10T25:00+03:00', '2025-06-10T10:61Z']) assert.not.ok(outage.Check({ type: 'open-outage', startedAt: at }), at);
});

test('existingUeun: ЄУН format, not a future year, a court code in the registry of courts; nothing written on refusal', async () => {
  const before = await total();
  for (const [ueun, status, code] of [
    ['0537/1/25', 400, 'UEUN_INVALID'],
    ['00/12/25', 400, 'UEUN_INVALID'],
    ['528/4411/99', 422, 'UEUN_IN_FUTURE'],
    ['999/5/24', 422, 'UNKNOWN_COURT_CODE'],
    ['1/5/24', 422, 'UNKNOWN_COURT_CODE'],
  ] as const) {
    const r = await call('POST', '/registrations', c.tokens.registrar, claim({ existingUeun: ueun, category: undefined }));
    refused(r, status, code);
    assert.is(r.body.error.details.existingUeun, ueun);
  }
  assert.is(await total(), before, 'nothing registered');
  const ok = await call('POST', '/registrations', c.tokens.registrar, claim({ existingUeun: '528/4411/24', category: undefined }));
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  assert.is(ok.body.ueun, '528/4411/24');
});

test('attachment names are stored sanitised: no path separators, control characters or NUL; Ukrainian kept', async () => {
  const reg = await call('POST', '/registrations', c.tokens.registrar, claim({ category: undefined }));
  const path = casePath(reg.body.ueun);
  const upload = (fileName: string, n: number) =>
    c.api.call('POST', `${path}/attachments?fileName=${encodeURIComponent(fileName)}`, { token: c.tokens.registrar, raw: Buffer.from(`%PDF-1.4 скан ${n}`), type: 'application/pdf' });
  const names: Array<[string, string]> = [
    ['../../etc/passwd', '_.._etc_passwd'],
    ['..\\..\\windows\\win.ini', '_.._windows_win.ini'],
    ['скан\u0000.pdf', 'скан.pdf'],
    ['Позовна заява (копія) №1.pdf', 'Позовна заява (копія) №1.pdf'],
    ['рахунок\u202Efdp.exe', 'рахунокfdp.exe'],
    ['рядок\nінший\r.pdf', 'рядокінший.pdf'],
    ['.hidden', 'hidden'],
  ];
  for (const [i, [given]] of names.entries()) assert.is((await upload(given, i)).status, 201, given);
  const card = (await call('GET', path, c.tokens.registrar)).body;
  assert.equal(card.attachments.map((a: { fileName: string }) => a.fileName), names.map(([, stored]) => stored));
  // A name that is nothing but separators/control characters: refused before any blob is stored.
  const blobs = join(c.dataDir, 'blobs');
  const count = () => (existsSync(blobs) ? readdirSync(blobs, { recursive: true }).length : 0);
  const before = count();
  refused(await upload('\u0001\u0002\u0000', 99), 400, 'BAD_FILE_NAME');
  refused(await upload(' .. ', 98), 400, 'BAD_FILE_NAME');
  assert.is(count(), before, 'no blob stored');
  assert.is((await call('GET', path, c.tokens.registrar)).body.attachments.length, names.length);
});

test.run();
