/**
 * The staff's daily control lists (issue 13 item 10) on a real court node
 * (Lubny Засади, its calendar): registered-and-not-distributed with the reason
 * (Засади 4.1), case files not handed to the judge by the next working day
 * (4.18), cases waiting with their forecast (4.10) — JSON, HTML and text,
 * judges by full name, case numbers in numeric order, roles refused.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup, tempDir } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { startCourtServer } from '../../actors/court/node.ts';
import { ADMIN_PASSWORD, api, callerOf, casePath, claim, PASSWORD, startCourt, today, type Court } from './support.ts';
import { loadCourtCalendar } from '../../actors/court/distribution/config.ts';
import { nextWorkingDay } from '../../actors/distribution/calendar.ts';
import type { IsoDate } from '../../actors/distribution/dates.ts';
import { kyivDate } from '../../actors/court/dates.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: control lists (Засади 4.1, 4.18, 4.10)');

let c: Court;
const call = callerOf(() => c);
const plusDays = (d: string, n: number) => kyivDate(Date.parse(`${d}T12:00:00+02:00`) + n * 86_400_000);
const COURT_NAME = 'Лубенський міськрайонний суд Полтавської області';
const ABSENCE_END = plusDays(today(), 10);

const distributed: Array<{ ueun: string; proceedingNumber: string }> = [];
let foreign: { ueun: string; proceedingNumber: string };
let juvenile: { ueun: string; proceedingNumber: string };
let further: { ueun: string; proceedingNumber: string };

async function register(body: Record<string, unknown>) {
  const r = await call('POST', '/registrations', c.tokens.registrar, body);
  assert.is(r.status, 201, JSON.stringify(r.body));
  return r.body as { ueun: string; proceedingNumber: string; distribution: { status: string } };
}

test.before(async () => {
  c = await startCourt();
  // The two juvenile judges (4.8) away: a juvenile case cannot be distributed (4.10).
  for (const login of ['lub-01', 'lub-04']) {
    const u = await call('POST', '/users', c.tokens.admin, { login, fullName: `Обліковий запис ${login}`, role: 'judge', password: PASSWORD, order: { number: `${login}-к`, date: '2025-01-10' } });
    assert.is(u.status, 201, JSON.stringify(u.body));
    const av = await call('PUT', `/judges/${login}/availability`, c.tokens.head, { kind: 'vacation', from: today(), to: ABSENCE_END, basis: { kind: 'order', number: `відп-${login}`, date: today() } });
    assert.is(av.status, 201, JSON.stringify(av.body));
  }
  // 10 civil claims drawn at registration (4.1): enough for 537/2/… and 537/10/… in one list.
  for (let i = 0; i < 10; i++) {
    const r = await register(claim({ category: 'civil-claim' }));
    assert.is(r.distribution.status, 'distributed', JSON.stringify(r.distribution));
    distributed.push(r);
  }
  foreign = await register(claim());
  juvenile = await register(claim({ index: '1-кп', category: 'criminal-juvenile', description: 'обвинувальний акт' }));
  assert.is((juvenile as unknown as { distribution: { status: string } }).distribution.status, 'impossible');
  further = await register(claim({ existingUeun: distributed[0]!.ueun }));
  // The file of the first case is handed to its judge (4.18), as an attributed movement on its card.
  const m = await call('POST', `${casePath(distributed[0]!.ueun)}/movements`, c.tokens.registrar, { proceedingNumber: distributed[0]!.proceedingNumber, kind: 'to-judge', to: 'головуючий суддя' });
  assert.is(m.status, 201, JSON.stringify(m.body));
});
test.after(async () => {
  await c?.server.stop();
  cleanup();
});

test('4.1: registered today and not distributed — each with its reason; drawn cases are not listed', async () => {
  const r = await call('GET', `/control/undistributed?date=${today()}`, c.tokens.officer);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.is(r.body.court.name, COURT_NAME);
  const by = Object.fromEntries(r.body.rows.map((x: any) => [x.proceedingNumber, x]));
  assert.equal(Object.keys(by).sort(), [foreign.proceedingNumber, juvenile.proceedingNumber, further.proceedingNumber].sort());
  assert.is(by[foreign.proceedingNumber].reason, 'not-a-zasady-category');
  assert.is(by[juvenile.proceedingNumber].reason, 'impossible');
  assert.is(by[juvenile.proceedingNumber].rule, '4.10');
  assert.is(by[juvenile.proceedingNumber].category, 'Кримінальні провадження щодо неповнолітніх чи малолітніх');
  assert.ok(by[juvenile.proceedingNumber].forecast > ABSENCE_END, 'distributed after the obstacle falls away (4.10 ¶3)');
  assert.is(by[further.proceedingNumber].reason, 'route-decision');
  for (const x of r.body.rows) assert.ok(x.reasonText.length > 10, 'a reason in Ukrainian');
  // Another day has its own list.
  const yesterday = await call('GET', `/control/undistributed?date=${plusDays(today(), -1)}`, c.tokens.head);
  assert.equal(yesterday.body.rows, []);
});

test('4.10: the waiting list names the case, the rule and the forecast (the distribution actor’s own)', async () => {
  const r = await call('GET', '/control/waiting', c.tokens.head);
  assert.is(r.status, 200, JSON.stringify(r.body));
  assert.is(r.body.rows.length, 1);
  const w = r.body.rows[0];
  assert.equal([w.caseId, w.ueun, w.why, w.rule, w.judge], [juvenile.proceedingNumber, juvenile.ueun, 'impossible', '4.10', null]);
  const own = await call('GET', '/distribution/waiting', c.tokens.head);
  assert.is(w.forecast, own.body.waiting[0].runOn);
  assert.ok(w.forecast > ABSENCE_END);
  const html = await call('GET', '/control/waiting?format=html', c.tokens.registrar);
  assert.ok(html.bytes.toString('utf8').includes(juvenile.proceedingNumber));
});

test('4.18: files not handed to the judge by the end of the next working day; a handed-over file is not listed', async () => {
  const now = await call('GET', `/control/not-handed-over?date=${today()}`, c.tokens.officer);
  assert.is(now.status, 200);
  assert.equal(now.body.rows, [], 'nothing is late on the day of distribution');
  const deadline = nextWorkingDay(loadCourtCalendar(), today() as IsoDate);
  const onDeadline = await call('GET', `/control/not-handed-over?date=${deadline}`, c.tokens.officer);
  assert.equal(onDeadline.body.rows, [], 'the next working day is still in time');
  const after = await call('GET', `/control/not-handed-over?date=${plusDays(deadline, 1)}`, c.tokens.officer);
  const listed = after.body.rows.map((x: any) => x.ueun);
  assert.equal(listed, distributed.slice(1).map((d) => d.ueun), 'all but the handed-over one, in numeric order');
  for (const x of after.body.rows) {
    assert.is(x.deadline, deadline);
    assert.match(x.presiding, /^Суддя 0\d \(умовний\)$/);
  }
});

test('printable lists: the court’s full name, judges’ full names (no logins), Ukrainian dates, 537/2/… before 537/10/…', async () => {
  const date = plusDays(nextWorkingDay(loadCourtCalendar(), today() as IsoDate), 1);
  const r = await call('GET', `/control/not-handed-over?date=${date}&format=html`, c.tokens.head);
  assert.is(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /text\/html/);
  const html = r.bytes.toString('utf8');
  assert.ok(html.includes(COURT_NAME));
  assert.ok(/Суддя 0\d \(умовний\)/.test(html));
  assert.not.ok(/lub-0\d/i.test(html), 'no login or Засади id shown as a judge');
  const [d, mo] = [Number(date.slice(8)), Number(date.slice(5, 7))];
  const months = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
  assert.ok(html.includes(`${d} ${months[mo - 1]} ${date.slice(0, 4)} р.`), 'a Ukrainian date');
  const yy = today().slice(2, 4);
  const two = html.indexOf(`>537/2/${yy}<`);
  const ten = html.indexOf(`>537/10/${yy}<`);
  assert.ok(two > 0 && ten > two, `537/2/${yy} before 537/10/${yy}`);
  const text = await call('GET', `/control/undistributed?date=${today()}&format=text`, c.tokens.registrar);
  assert.match(text.headers.get('content-type') ?? '', /text\/plain/);
  const t = text.bytes.toString('utf8');
  assert.ok(t.startsWith(COURT_NAME));
  assert.ok(t.includes('неможливість автоматизованого розподілу'));
});

test('roles: only the distribution staff and the head of staff; no token → 401; a bad date → 400, nothing shown', async () => {
  for (const who of ['judge', 'chief', 'auditor', 'admin'] as const) {
    for (const path of ['/control/undistributed', '/control/not-handed-over', '/control/waiting']) {
      const r = await call('GET', path, c.tokens[who]);
      assert.is(r.status, 403, `${who} ${path}`);
    }
  }
  assert.is((await call('GET', '/control/waiting')).status, 401);
  const bad = await call('GET', '/control/undistributed?date=2026-02-30', c.tokens.officer);
  assert.is(bad.status, 400);
  assert.is(bad.body.error.code, 'BAD_DATE');
  assert.is((await call('GET', '/control/undistributed?format=pdf', c.tokens.officer)).status, 400);
  assert.is((await call('GET', `/control/waiting?date=${today()}`, c.tokens.officer)).status, 400, 'the waiting list is as of now only');
});

test('a court started without its Засади: every registration listed as not distributed for that reason; nothing waits', async () => {
  const server = await startCourtServer({ court: '538', dataDir: tempDir('asds-court-control-'), port: 0, adminPassword: ADMIN_PASSWORD, keyPassphrase: TEST_KEY_PASSPHRASE, noDistribution: true });
  try {
    const a = api(server.url);
    const admin = await a.login('admin', ADMIN_PASSWORD);
    const u = await a.call('POST', '/users', { token: admin, body: { login: 'officer1', fullName: 'Т', role: 'distribution_officer', password: PASSWORD, order: { number: 'к-1', date: '2025-01-10' } } });
    assert.is(u.status, 201);
    const reg = await a.call('POST', '/users', { token: admin, body: { login: 'registrar1', fullName: 'Т', role: 'registrar', password: PASSWORD, order: { number: 'к-2', date: '2025-01-10' } } });
    assert.is(reg.status, 201);
    const r = await a.call('POST', '/registrations', { token: await a.login('registrar1'), body: claim({ category: 'civil-claim' }) });
    assert.is(r.status, 201, JSON.stringify(r.body));
    const officer = await a.login('officer1');
    const list = await a.call('GET', '/control/undistributed', { token: officer });
    assert.is(list.status, 200, JSON.stringify(list.body));
    assert.equal(list.body.rows.map((x: any) => [x.ueun, x.reason]), [[r.body.ueun, 'no-zasady']]);
    assert.is(list.body.court.name, 'Суд 538');
    assert.equal((await a.call('GET', '/control/waiting', { token: officer })).body.rows, []);
  } finally {
    await server.stop();
  }
});

test.run();
