/**
 * Public daily lists (Засади 12.4.1–12.4.5) on a real court: no auth on
 * /public/*, JSON and Ukrainian HTML; a restricted case's parties and essence
 * and everything of a covert case never appear (live lists, the snapshot, and
 * the public-lists actor's journaled events); HTML escapes; the daily reminder
 * is durable and its message produces the day's snapshot.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { setTimeout as sleep } from 'node:timers/promises';
import { cleanup } from '../support/servers.ts';
import { casePath, claim, LOGINS, newKey, startCourt, today, type Court } from './support.ts';
import { assignByDraw, lawfulZasadyFile } from './distribution/lawful.ts';
import { nextPublication, PUBLIC_LISTS_KIND } from '../../actors/court/public/behavior.ts';
import { kyivDate } from '../../actors/court/dates.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: public lists');

const RESTRICTED_PARTY = 'Неповнолітній Секретенко Остап';
const RESTRICTED_ESSENCE = 'усиновлення дитини — таємниця';
const COVERT_PERSON = 'Сидоренко Прихований Петрович';
const COVERT_ACTION = 'зняття інформації з телекомунікаційних мереж';
const COVERT_DESCRIPTION = 'клопотання про дозвіл на НСРД щодо особи';
const SCRIPT_PARTY = '<script>alert("x")</script> Шкідливий';

let c: Court;
const ueun: Record<'open' | 'restricted' | 'covert' | 'script', string> = {} as never;
const proc: Record<string, string> = {};
/** The drawn protocols' document ids, by case. */
const protocols: Record<string, string> = {};

test.before(async () => {
  c = await startCourt({ key: newKey(), zasadyFile: lawfulZasadyFile() });
  const reg = async (k: keyof typeof ueun, body: unknown) => {
    const r = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body });
    assert.is(r.status, 201, JSON.stringify(r.body));
    ueun[k] = r.body.ueun;
    proc[k] = r.body.proceedingNumber;
  };
  await reg('open', claim());
  await reg('restricted', claim({ index: '2-о', description: RESTRICTED_ESSENCE, parties: [{ role: 'заявник', name: RESTRICTED_PARTY }] }));
  await reg('covert', claim({ index: '1-кс', category: 'НСРД', description: COVERT_DESCRIPTION, parties: [{ role: 'заявник', name: 'СВ Лубенського РВП' }], covert: { person: COVERT_PERSON, action: COVERT_ACTION } }));
  await reg('script', claim({ parties: [{ role: 'позивач', name: SCRIPT_PARTY }] }));
  // The restriction (12.4 last ¶) is recorded by registry staff, with its legal basis.
  const r = await c.api.call('POST', '/public-lists/restrictions', { token: c.tokens.registrar, body: { ueun: ueun.restricted, reason: 'ст. 7 ЦПК: справа про усиновлення', basis: { number: 'ухвала 1', date: today() } } });
  assert.is(r.status, 201, JSON.stringify(r.body));
  // Distribution writes the judge and the protocol to the cards (drawn: judge.petrenko is this Засади's only civil and investigating judge).
  for (const k of ['open', 'restricted', 'covert'] as const) {
    const a = await assignByDraw(c.api, c.tokens.officer, ueun[k], proc[k]!, k === 'covert' ? 'investigator-request' : k === 'restricted' ? 'civil-special' : 'civil-claim');
    assert.is(a.judge, LOGINS.judge);
    protocols[k] = a.protocol;
  }
  // 12.4.2: decided, then appealed (open and restricted; the covert one too — it must never show).
  for (const k of ['open', 'restricted', 'covert'] as const) {
    const d = await c.api.call('POST', `${casePath(ueun[k])}/decision`, { token: c.tokens.judge, body: { outcome: 'decision', date: today() } });
    assert.is(d.status, 201, JSON.stringify(d.body));
    const ap = await c.api.call('POST', `${casePath(ueun[k])}/appeals`, { token: c.tokens.registrar, body: { date: today(), appellant: 'відповідач' } });
    assert.is(ap.status, 201, JSON.stringify(ap.body));
  }
  const sent = await c.api.call('POST', `${casePath(ueun.open)}/appeals/sent`, { token: c.tokens.registrar, body: { date: today(), to: 'Полтавський апеляційний суд' } });
  assert.is(sent.status, 201, JSON.stringify(sent.body));
  const h = await c.api.call('POST', '/public-lists/hearings', { token: c.tokens.registrar, body: { ueun: ueun.restricted, date: today(), time: '10:30', room: 'зала 2', composition: 'суддя Петренко' } });
  assert.is(h.status, 201, JSON.stringify(h.body));
  const h2 = await c.api.call('POST', '/public-lists/hearings', { token: c.tokens.registrar, body: { ueun: ueun.open, date: today(), time: '09:00', room: 'зала 1', composition: 'суддя Петренко' } });
  assert.is(h2.status, 201);
  const an = await c.api.call('POST', '/public-lists/announcements', { token: c.tokens.head, body: { date: today(), ueun: ueun.open, title: 'Виклик відповідача', text: 'ТОВ «Ромашка» викликається на 09:00' } });
  assert.is(an.status, 201, JSON.stringify(an.body));
});
test.after(async () => {
  await c.server.stop();
  await cleanup();
});

function assertNoSecrets(text: string, where: string) {
  for (const s of [RESTRICTED_PARTY, RESTRICTED_ESSENCE, COVERT_PERSON, COVERT_ACTION, COVERT_DESCRIPTION, 'СВ Лубенського РВП', ueun.covert]) assert.not.ok(text.includes(s), `${where}: "${s}" must not appear`);
}

function assertLists(l: any, where: string) {
  assert.is(l.date, today());
  // 12.4.3: open and restricted cases distributed today, with the report id; never the covert one.
  const d = Object.fromEntries(l.distributed.map((e: any) => [e.ueun, e]));
  assert.equal(Object.keys(d).sort(), [ueun.open, ueun.restricted].sort(), where);
  assert.is(d[ueun.open].distributionReport, protocols.open);
  // 12.4.3 "склад суду": the whole composition by the judges' full names (the Засади roster), never a login.
  assert.equal(d[ueun.open].composition, { presiding: 'Петренко (тест)', members: [] });
  assert.not.ok(JSON.stringify(l.distributed).includes(LOGINS.judge), 'no login in the public list');
  assert.is(d[ueun.open].essence, 'стягнення заборгованості за договором позики');
  assert.equal(d[ueun.open].parties.map((p: any) => p.name), ['Іваненко Іван Іванович', 'ТОВ «Ромашка»']);
  assert.is(d[ueun.restricted].restricted, true);
  assert.not.ok('parties' in d[ueun.restricted] || 'essence' in d[ueun.restricted]);
  // 12.4.4: stages of today's proceedings, the undistributed one too.
  const s = Object.fromEntries(l.stages.map((e: any) => [e.ueun, e]));
  assert.equal(Object.keys(s).sort(), [ueun.open, ueun.restricted, ueun.script].sort());
  assert.is(s[ueun.open].distributionReport, protocols.open);
  assert.is(s[ueun.open].proceedingNumber, proc.open);
  assert.is(s[ueun.script].distributionReport, null);
  assert.match(s[ueun.script].stage, /зареєстровано/);
  // 12.4.1: hearings, by time; the restricted one without parties or essence.
  assert.equal(l.hearings.map((h: any) => [h.time, h.ueun, h.restricted]), [['09:00', ueun.open, false], ['10:30', ueun.restricted, true]]);
  assert.not.ok('parties' in l.hearings[1]);
  // 12.4.2: appeals received today; the restricted one without parties; never the covert case.
  const ap = Object.fromEntries(l.appeals.map((e: any) => [e.ueun, e]));
  assert.equal(Object.keys(ap).sort(), [ueun.open, ueun.restricted].sort(), where);
  assert.equal([ap[ueun.open].appealDate, ap[ueun.open].sentDate, ap[ueun.open].arrivalDate], [today(), today(), today()]);
  assert.equal(ap[ueun.open].parties.map((p: any) => p.name), ['Іваненко Іван Іванович', 'ТОВ «Ромашка»']);
  assert.is(ap[ueun.restricted].restricted, true);
  assert.not.ok('parties' in ap[ueun.restricted]);
  assert.is(ap[ueun.restricted].sentDate, null);
  assert.match(l.notes.appeals, /Апеляційні скарги/);
  // 12.4.5
  assert.equal(l.announcements.map((a: any) => a.title), ['Виклик відповідача']);
  assertNoSecrets(JSON.stringify(l), where);
}

test('GET /public/lists: no auth; JSON with the day’s lists; restricted and covert particulars absent', async () => {
  const r = await c.api.call('GET', '/public/lists');
  assert.is(r.status, 200, JSON.stringify(r.body));
  assertLists(r.body, 'live JSON');
  const byDate = await c.api.call('GET', `/public/lists?date=${today()}`);
  assert.equal(byDate.body.distributed, r.body.distributed);
  // Another day: nothing distributed, nothing staged.
  const other = await c.api.call('GET', '/public/lists?date=2020-01-02');
  assert.is(other.status, 200);
  assert.equal([other.body.distributed, other.body.stages, other.body.hearings], [[], [], []]);
});

test('HTML: Ukrainian, escaped (<script> in a party name), no restricted or covert text', async () => {
  const r = await c.api.call('GET', '/public/lists?format=html');
  assert.is(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /text\/html/);
  const html = r.bytes.toString('utf8');
  assert.match(html, /<html lang="uk">/);
  assert.match(html, /Список автоматично розподілених судових справ \(12\.4\.3\)/);
  assert.ok(html.includes(protocols.open!), 'the open case\'s protocol id');
  assert.match(html, /Список апеляційних скарг \(12\.4\.2\)/);
  assert.not.ok(html.includes('Апеляційних скарг не надходило'), 'the appeals table has rows');
  assert.not.ok(html.includes('<script>'), 'raw <script> must not appear');
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Шкідливий'));
  assert.ok(html.includes('не оприлюднюється (обмеження встановлено законом)'));
  assert.ok(html.includes(ueun.restricted));
  assert.ok(html.includes('<td>суддя Петренко (тест)</td>'), 'the composition by the judge’s full name');
  assertNoSecrets(html, 'live HTML');
});

test('snapshot on demand: journaled redacted, the same lists; the public-lists actor’s events hold no secret', async () => {
  assert.is((await c.api.call('GET', `/public/snapshots/${today()}`)).status, 404);
  const p = await c.api.call('POST', '/public-lists/publications', { token: c.tokens.registrar, body: {} });
  assert.is(p.status, 201, JSON.stringify(p.body));
  let snap: any;
  for (let i = 0; i < 500 && snap?.status !== 200; i++) {
    snap = await c.api.call('GET', `/public/snapshots/${today()}`);
    if (snap.status !== 200) await sleep(10);
  }
  assert.is(snap.status, 200, JSON.stringify(snap.body));
  assertLists(snap.body, 'snapshot JSON');
  const html = (await c.api.call('GET', `/public/snapshots/${today()}?format=html`)).bytes.toString('utf8');
  assert.not.ok(html.includes('<script>'));
  assertNoSecrets(html, 'snapshot HTML');
  const db = new Database(c.journalPath, { readonly: true });
  const rows = db.prepare('SELECT type, data FROM events WHERE actor = ?').all(`${PUBLIC_LISTS_KIND}/537`) as Array<{ type: string; data: string }>;
  db.close();
  assert.ok(rows.some((r) => r.type === 'list-published'));
  assertNoSecrets(rows.map((r) => r.data).join('\n'), 'public-lists events');
});

test('the daily reminder is durable (20:00 Kyiv) and its message publishes the day', async () => {
  const db = new Database(c.journalPath, { readonly: true });
  const rem = db.prepare('SELECT name, due_at, message FROM reminders WHERE actor = ?').all(`${PUBLIC_LISTS_KIND}/537`) as Array<{ name: string; due_at: number; message: string }>;
  db.close();
  assert.is(rem.length, 1);
  assert.equal(JSON.parse(rem[0]!.message), { type: 'publish' });
  assert.ok(rem[0]!.due_at > Date.now() - 1000);
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(rem[0]!.due_at));
  assert.is(hour, '20:00');
  // Both DST offsets: winter and summer.
  for (const t of [Date.UTC(2025, 0, 15, 10), Date.UTC(2025, 6, 15, 10), Date.UTC(2025, 6, 15, 19)]) {
    const n = nextPublication(t);
    assert.ok(n > t);
    assert.is(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', hour: '2-digit', hourCycle: 'h23' }).format(new Date(n)), '20');
    assert.is(kyivDate(n), kyivDate(t + (kyivDate(t) === kyivDate(n) ? 0 : 86_400_000)));
  }
  const reply = await c.server.host.system.ref(PUBLIC_LISTS_KIND, '537').ask<{ date: string }>({ type: 'publish' });
  assert.is(reply.date, today());
});

test('a restriction stated in the registration body (12.4): restricted from the first list on, the card shows it', async () => {
  const party = 'Приватна Особа Усиновлювач';
  const essence = 'про встановлення факту усиновлення';
  const publication = { restricted: true, reason: 'ст. 7 ЦПК: таємниця усиновлення', basis: { number: 'ст. 7 ЦПК', date: '2004-03-18' } };
  const r = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim({ index: '2-о', description: essence, parties: [{ role: 'заявник', name: party }], publication }) });
  assert.is(r.status, 201, JSON.stringify(r.body));
  const card = await c.api.call('GET', casePath(r.body.ueun), { token: c.tokens.registrar });
  assert.equal(card.body.proceedings[0].current.publication, publication);
  await assignByDraw(c.api, c.tokens.officer, r.body.ueun, r.body.proceedingNumber, 'civil-special');
  const l = (await c.api.call('GET', '/public/lists')).body;
  const d = l.distributed.find((e: any) => e.ueun === r.body.ueun);
  const st = l.stages.find((e: any) => e.ueun === r.body.ueun);
  assert.ok(d && st, 'listed as distributed and staged');
  for (const e of [d, st]) {
    assert.is(e.restricted, true);
    assert.not.ok('parties' in e || 'essence' in e);
  }
  const html = (await c.api.call('GET', '/public/lists?format=html')).bytes.toString('utf8');
  for (const text of [JSON.stringify(l), html]) assert.not.ok(text.includes(party) || text.includes(essence));
  // not a half-stated restriction: no reason → 400, nothing registered
  const bad = await c.api.call('POST', '/registrations', { token: c.tokens.registrar, body: claim({ publication: { restricted: true } }) });
  assert.is(bad.status, 400);
});

test('staff side: roles, validation, unknown case', async () => {
  const body = { ueun: ueun.open, reason: 'x', basis: { number: '1', date: today() } };
  assert.is((await c.api.call('POST', '/public-lists/restrictions', { body })).status, 401);
  assert.is((await c.api.call('POST', '/public-lists/restrictions', { token: c.tokens.judge, body })).status, 403);
  assert.is((await c.api.call('POST', '/public-lists/hearings', { token: c.tokens.registrar, body: { ueun: ueun.open, date: today(), time: '25:00', room: 'a', composition: 'b' } })).status, 400);
  const unknown = await c.api.call('POST', '/public-lists/restrictions', { token: c.tokens.registrar, body: { ...body, ueun: '537/9999/25' } });
  assert.is(unknown.status, 404, JSON.stringify(unknown.body));
  assert.is((await c.api.call('GET', '/public/lists?date=2025-02-30')).status, 400);
  assert.is((await c.api.call('GET', '/public/snapshots/not-a-date')).status, 400);
});

test.run();
