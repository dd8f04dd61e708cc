/**
 * The court HTTP API end to end on a real listening server: auth and roles,
 * registration, the card and its history (Засади 3.2, 3.5), authorship of
 * every write in the journal, OpenAPI.
 */
import { readFileSync } from 'node:fs';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { cleanup } from '../support/servers.ts';
import { casePath, claim, daysAgo, LOGINS, startCourt, today, type Court } from './support.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: HTTP API');
let c: Court;
test.before(async () => {
  c = await startCourt();
});
test.after(async () => {
  await c.server.stop();
  await cleanup();
});

const absence = { kind: 'vacation', from: '2025-07-01', to: '2025-07-14', basis: { kind: 'order', number: '77-в', date: '2025-06-20' } };

test('no token → 401; bad password → 401; every error is { error: { code, message: { uk, en } } }', async () => {
  const r = await c.api.call('POST', '/registrations', { body: claim() });
  assert.is(r.status, 401);
  assert.is(r.body.error.code, 'UNAUTHENTICATED');
  assert.type(r.body.error.message.uk, 'string');
  assert.type(r.body.error.message.en, 'string');
  const bad = await c.api.call('POST', '/auth/login', { body: { login: 'registrar1', password: 'wrong-password' } });
  assert.is(bad.status, 401);
  assert.is(bad.body.error.code, 'BAD_CREDENTIALS');
  const forged = await c.api.call('GET', '/cases', { token: 'A'.repeat(43) });
  assert.is(forged.status, 401);
  assert.is(forged.body.error.code, 'TOKEN_INVALID');
});

test('roles: a registrar cannot change a judge’s availability, the head of staff can; only tech_admin manages users', async () => {
  const path = `/judges/${LOGINS.judge}/availability`;
  const denied = await c.api.call('PUT', path, { token: c.tokens.registrar, body: absence });
  assert.is(denied.status, 403);
  assert.is(denied.body.error.code, 'FORBIDDEN');
  const ok = await c.api.call('PUT', path, { token: c.tokens.head, body: absence });
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  const notJudge = await c.api.call('PUT', `/judges/${LOGINS.registrar}/availability`, { token: c.tokens.head, body: absence });
  assert.is(notJudge.status, 422);
  const list = await c.api.call('GET', path, { token: c.tokens.officer });
  assert.is(list.status, 200);
  assert.is(list.body.length, 1);
  assert.is(list.body[0].recordedBy.login, LOGINS.head);
  for (const who of ['registrar', 'head', 'judge', 'chief'] as const) {
    const u = await c.api.call('POST', '/users', { token: c.tokens[who], body: { login: 'intruder', fullName: 'x', role: 'tech_admin', password: 'long-enough-pw', order: { number: '1', date: '2025-01-01' } } });
    assert.is(u.status, 403, who);
  }
  assert.is((await c.api.call('GET', '/users', { token: c.tokens.admin })).status, 200);
  // tech_admin configures workplaces; it does not read cases (Засади 2.1)
  assert.is((await c.api.call('GET', '/cases', { token: c.tokens.admin })).status, 403);
  // a judge cannot register
  assert.is((await c.api.call('POST', '/registrations', { token: c.tokens.judge, body: claim() })).status, 403);
});

test('register a claim → numbers; the card shows requisites; the list shows it', async () => {
  const r = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() });
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.match(r.body.ueun, /^537\/\d+\/\d\d$/);
  assert.match(r.body.proceedingNumber, /^2\/537\/\d+\/\d\d$/);
  assert.is(r.body.arrivalDate, today());
  const card = await c.api.call('GET', casePath(r.body.ueun), { token: c.tokens.auditor });
  assert.is(card.status, 200);
  assert.is(card.body.proceedings[0].original.document.title, 'про стягнення боргу');
  assert.is(card.body.proceedings[0].registeredBy.login, LOGINS.registrar);
  const list = await c.api.call('GET', '/cases?offset=0&limit=500', { token: c.tokens.chief });
  assert.ok(list.body.items.some((i: any) => i.ueun === r.body.ueun && i.covert === false));
});

test('Засади 3.1 over HTTP: late registration without the order is a 422; with it, 201 and the order on the card', async () => {
  const refused = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim({ arrivalDate: daysAgo(2) }) });
  assert.is(refused.status, 422);
  assert.is(refused.body.error.code, 'LATE_REGISTRATION_REQUIRES_ORDER');
  assert.match(refused.body.error.message.uk, /розпорядженням керівника апарату/);
  const late = { order: { number: '3-р', date: daysAgo(1) }, reason: 'відсутність електроживлення (акт № 2)', termUntil: today() };
  const ok = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim({ arrivalDate: daysAgo(2), late }) });
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  assert.is(ok.body.late, true);
  const card = await c.api.call('GET', casePath(ok.body.ueun), { token: c.tokens.registrar });
  assert.equal(card.body.proceedings[0].late, late);
});

test('Idempotency-Key: a retried registration returns the same numbers and writes nothing new', async () => {
  const headers = { 'idempotency-key': 'retry-test-0001' };
  const a = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim(), headers });
  const b = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim(), headers });
  assert.is(a.status, 201);
  assert.equal(b.body, a.body);
});

test('Засади 3.5: no update or delete; a correction needs reason and basis; the card keeps the original and each correction', async () => {
  const r = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim() });
  const path = casePath(r.body.ueun);
  for (const m of ['PUT', 'PATCH', 'DELETE']) {
    const x = await c.api.call(m, path, { token: c.tokens.head, body: { description: 'x' } });
    assert.ok(x.status === 404 || x.status === 405, `${m} ${x.status}`);
  }
  const noBasis = await c.api.call('POST', `${path}/corrections`, { token: c.tokens.registrar, body: { field: 'document.sender', value: 'Іваненко Іван Петрович', reason: 'описка' } });
  assert.is(noBasis.status, 400);
  const basis = { number: 'арк. 3', date: today(), title: 'копія паспорта позивача' };
  const c1 = await c.api.call('POST', `${path}/corrections`, { token: c.tokens.registrar, body: { field: 'document.sender', value: 'Іваненко Іван Петрович', reason: 'описка в по батькові', basis } });
  assert.is(c1.status, 201, JSON.stringify(c1.body));
  const c2 = await c.api.call('POST', `${path}/corrections`, { token: c.tokens.registrar2, body: { field: 'document.sender', value: 'Іваненко Іван Павлович', reason: 'повторна описка', basis } });
  assert.is(c2.status, 201);
  const same = await c.api.call('POST', `${path}/corrections`, { token: c.tokens.registrar2, body: { field: 'document.sender', value: 'Іваненко Іван Павлович', reason: 'те саме', basis } });
  assert.is(same.status, 422);
  const card = (await c.api.call('GET', path, { token: c.tokens.registrar })).body.proceedings[0];
  assert.is(card.original.document.sender, 'Іваненко Іван Іванович');
  assert.is(card.current.document.sender, 'Іваненко Іван Павлович');
  assert.equal(
    card.corrections.map((x: any) => [x.from, x.to, x.by.login, x.reason]),
    [
      ['Іваненко Іван Іванович', 'Іваненко Іван Петрович', LOGINS.registrar, 'описка в по батькові'],
      ['Іваненко Іван Петрович', 'Іваненко Іван Павлович', LOGINS.registrar2, 'повторна описка'],
    ],
  );
  // movements: the card's movement log
  const mv = await c.api.call('POST', `${path}/movements`, { token: c.tokens.registrar, body: { kind: 'to-judge', to: 'суддя Петренко', note: 'для розгляду' } });
  assert.is(mv.status, 201);
  const mv2 = await c.api.call('POST', `${path}/movements`, { token: c.tokens.registrar, body: { kind: 'to-archive', to: 'архів суду' } });
  assert.is(mv2.status, 201);
  const after = (await c.api.call('GET', path, { token: c.tokens.registrar })).body;
  assert.equal(after.movements.map((m: any) => [m.kind, m.to, m.by.login]), [
    ['to-judge', 'суддя Петренко', LOGINS.registrar],
    ['to-archive', 'архів суду', LOGINS.registrar],
  ]);
  // the numbers are not a correctable field (3.3)
  const num = await c.api.call('POST', `${path}/corrections`, { token: c.tokens.registrar, body: { field: 'ueun', value: '537/1/25', reason: 'x', basis } });
  assert.is(num.status, 400);
});

test('every write carries its author and role in the journal', async () => {
  await c.api.call('POST', '/registrations', { token: c.tokens.registrar2, body: claim() });
  const db = new Database(c.journalPath, { readonly: true });
  const rows = db.prepare("SELECT actor, type, meta FROM events WHERE actor NOT LIKE 'node/%'").all() as Array<{ actor: string; type: string; meta: string }>;
  db.close();
  assert.ok(rows.length > 20);
  for (const r of rows) {
    const m = JSON.parse(r.meta);
    assert.type(m.author, 'string', `${r.actor} ${r.type} has an author`);
    assert.type(m.role, 'string', `${r.actor} ${r.type} has a role`);
  }
  const reg = rows.filter((r) => r.type === 'case-registered').map((r) => JSON.parse(r.meta));
  assert.ok(reg.some((m) => m.author === LOGINS.registrar2 && m.role === 'registrar'));
  const abs = rows.filter((r) => r.type === 'absence-recorded').map((r) => JSON.parse(r.meta));
  assert.equal(abs, [{ author: LOGINS.head, role: 'head_of_staff' }]);
  const corr = rows.filter((r) => r.type === 'card-corrected').map((r) => JSON.parse(r.meta).author);
  assert.equal(corr, [LOGINS.registrar, LOGINS.registrar2]);
});

test('logout revokes the token; a disabled user cannot log in', async () => {
  const t = await c.api.login(LOGINS.auditor);
  assert.is((await c.api.call('GET', '/auth/me', { token: t })).body.login, LOGINS.auditor);
  assert.is((await c.api.call('POST', '/auth/logout', { token: t })).status, 200);
  assert.is((await c.api.call('GET', '/auth/me', { token: t })).status, 401);
  const d = await c.api.call('POST', `/users/${LOGINS.chief}/disable`, { token: c.tokens.admin, body: { order: { number: '9-к', date: today() }, reason: 'звільнення' } });
  assert.is(d.status, 200);
  assert.is((await c.api.call('GET', '/cases', { token: c.tokens.chief })).status, 401);
  assert.is((await c.api.call('POST', '/auth/login', { body: { login: LOGINS.chief, password: 'staff-password-1' } })).status, 401);
});

test('OpenAPI 3.1 at /openapi.json lists the routes with their schemas; Swagger UI at /docs', async () => {
  const o = await c.api.call('GET', '/openapi.json');
  assert.is(o.status, 200);
  assert.is(o.body.openapi, '3.1.0');
  // the API's version is the package's; its description names the areas and the error shape, in Ukrainian first
  assert.is(o.body.info.version, JSON.parse(readFileSync('package.json', 'utf8')).version);
  assert.match(o.body.info.description, /^API вузла суду АСДС/);
  for (const area of ['реєстрація', 'розподіл', 'документи суду', 'публічні списки', 'набрання законної сили', 'error']) assert.ok(o.body.info.description.includes(area), area);
  for (const p of ['/registrations', '/cases/{court}/{seq}/{yy}', '/cases/{court}/{seq}/{yy}/corrections', '/auth/login', '/judges/{id}/availability', '/cases/{court}/{seq}/{yy}/attachments']) {
    assert.ok(o.body.paths[p], `${p} documented`);
  }
  assert.ok(o.body.paths['/registrations'].post.requestBody.content['application/json'].schema.properties.arrivalDate);
  const ui = await c.api.call('GET', '/docs/');
  assert.is(ui.status, 200);
  assert.match(ui.bytes.toString(), /swagger/i);
});

test.run();
