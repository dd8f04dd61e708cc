/**
 * Legal force (Засади 11.1) on a real court whose clock the test moves:
 * - the appeal term passes without an appeal → the durable reminder armed with
 *   the decision records legal force (not a minute before its day);
 * - the reminder survives a restart of the node;
 * - an appeal → no automatic legal force; the presiding judge records it after
 *   the higher instance (a registrar cannot, another judge cannot);
 * - a non-appealable decision is in force at once (11.2.1);
 * - bad input: 4xx with a code, nothing written.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import Database from 'better-sqlite3';
import { cleanup } from '../support/servers.ts';
import { LOGINS, today } from './support.ts';
import { movableClock, proceedingDocument, registeredCase, startLfCourt, until, type LfCourt } from './legal-force-support.ts';
import { kyivMidnight, loadLegalForceFiles } from '../../actors/court/legal-force/config.ts';
import { DEFAULT_ZASADY } from '../../actors/court/distribution/config.ts';
import { addDays } from '../../actors/distribution/dates.ts';
import { nextWorkingDay, workingDayOnOrAfter } from '../../actors/distribution/calendar.ts';
import { kyivDate as kyivDateOf } from '../../actors/court/dates.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: legal force');
let c: LfCourt;
/** The court's calendar (calendar.yaml beside the Засади): for exact expected dates. */
const cal = loadLegalForceFiles(DEFAULT_ZASADY).calendar;

test.before(async () => {
  c = await startLfCourt();
});
test.after(async () => {
  await c.server.stop();
  await cleanup();
});

const card = async (path: string) => (await c.api.call('GET', path, { token: c.tokens.registrar })).body;
const proceeding = async (path: string) => (await card(path)).proceedings[0];
const eventCount = () => {
  const db = new Database(c.journalPath, { readonly: true });
  const n = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  db.close();
  return n;
};
const reminders = (actor: string) => {
  const db = new Database(c.journalPath, { readonly: true });
  const rows = db.prepare('SELECT name, due_at, message FROM reminders WHERE actor = ?').all(actor) as Array<{ name: string; due_at: number; message: string }>;
  db.close();
  return rows;
};
/** Move the court's clock to `at` (epoch ms) and fire what is due. */
const moveTo = (at: number) => {
  c.clock.offsetMs = at - Date.now();
  c.server.host.system.fireDueReminders();
};

test('the appeal term passes without an appeal → legal force recorded by the durable reminder on its day (Засади 11.1, 11.2.3)', async () => {
  const k = await registeredCase(c);
  const d = await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.judge, body: { outcome: 'decision', date: today() } });
  assert.is(d.status, 201, JSON.stringify(d.body));
  const term = d.body.appealTerm;
  assert.is(term.days, 30); // civil (index 2): ЦПК ст. 354
  assert.is(term.category, 'civil');
  assert.is(term.lastDay, workingDayOnOrAfter(cal, addDays(today(), 30)));
  assert.is(term.legalForceDate, addDays(term.lastDay, 1));
  // Armed in the same write as the decision: the reminder row is in the journal.
  const rows = reminders(`case/${k.ueun}`);
  assert.equal(rows.map((r) => r.name), [`legal-force:${k.proceedingNumber}`]);
  assert.is(rows[0]!.due_at, kyivMidnight(term.legalForceDate));
  try {
    moveTo(kyivMidnight(term.legalForceDate) - 60_000); // the last minute of the term: nothing
    await new Promise((r) => setTimeout(r, 100));
    assert.is((await proceeding(k.path)).legalForce, undefined);
    moveTo(kyivMidnight(term.legalForceDate) + 60_000);
    const p = await until(async () => (await proceeding(k.path)).legalForce && proceeding(k.path), 'legal force');
    assert.is(p.legalForce.date, term.legalForceDate);
    assert.is(p.legalForce.basis, 'term-expired');
    assert.equal(p.legalForce.by, { login: 'system:reminder', role: 'system' });
    assert.is(p.legalForce.edrsr.rule, '11.2.3');
    assert.is(p.legalForce.edrsr.deadline, workingDayOnOrAfter(cal, term.legalForceDate));
    assert.equal(reminders(`case/${k.ueun}`), []);
    // A repeated firing (e.g. re-delivered after a crash) changes nothing.
    const r = await c.server.host.system.ref('case', k.ueun).ask<any>({ type: 'term-expired', proceedingNumber: k.proceedingNumber });
    assert.is(r.recorded, false);
    // An appeal dated after the last day is late; legal force stays (the higher instance decides on the term).
    assert.ok(kyivDateOf(c.clock.now()) > term.lastDay);
    const late = await c.api.call('POST', `${k.path}/appeals`, { token: c.tokens.registrar, body: { date: kyivDateOf(c.clock.now()), appellant: 'відповідач' } });
    assert.is(late.status, 201, JSON.stringify(late.body));
    assert.is(late.body.late, true);
    assert.is((await proceeding(k.path)).legalForce.basis, 'term-expired');
  } finally {
    c.clock.offsetMs = 0;
  }
});

test('an appeal → no automatic legal force; the presiding judge records it after the higher instance (Засади 11.1)', async () => {
  const k = await registeredCase(c);
  const d = await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.judge, body: { outcome: 'ruling-closing', date: today() } });
  assert.is(d.status, 201, JSON.stringify(d.body));
  assert.is(d.body.appealTerm.days, 15); // ухвала: ЦПК ст. 354
  // Without an appeal a user cannot record it: the reminder will.
  const early = await c.api.call('POST', `${k.path}/legal-force`, { token: c.tokens.judge, body: { date: today(), higherInstance: { court: 'Полтавський апеляційний суд', caseNumber: '22-ц/814/1', date: today(), outcome: 'залишено без змін' } } });
  assert.is(early.status, 409);
  assert.is(early.body.error.code, 'NO_APPEAL');
  // Roles: only registry staff record an appeal.
  assert.is((await c.api.call('POST', `${k.path}/appeals`, { token: c.tokens.judge, body: { date: today(), appellant: 'позивач' } })).status, 403);
  const ap = await c.api.call('POST', `${k.path}/appeals`, { token: c.tokens.registrar, body: { date: today(), appellant: 'ТОВ «Ромашка»', note: 'через представника' } });
  assert.is(ap.status, 201, JSON.stringify(ap.body));
  assert.is(ap.body.late, false);
  assert.equal(reminders(`case/${k.ueun}`), [], 'the appeal cancels the reminder in the same write');
  try {
    moveTo(kyivMidnight(d.body.appealTerm.legalForceDate) + 3600_000);
    const forged = await c.server.host.system.ref('case', k.ueun).ask<any>({ type: 'term-expired', proceedingNumber: k.proceedingNumber });
    assert.is(forged.recorded, false, 'appealed: never automatic');
    assert.is((await proceeding(k.path)).legalForce, undefined);
  } finally {
    c.clock.offsetMs = 0;
  }
  const body = { date: today(), higherInstance: { court: 'Полтавський апеляційний суд', caseNumber: '22-ц/814/1', date: today(), outcome: 'ухвалу залишено без змін' } };
  // A registrar cannot; a judge not assigned to the case cannot; the auditor cannot.
  const reg = await c.api.call('POST', `${k.path}/legal-force`, { token: c.tokens.registrar, body });
  assert.is(reg.status, 403);
  assert.is(reg.body.error.code, 'FORBIDDEN');
  const other = await c.api.call('POST', `${k.path}/legal-force`, { token: c.tokens.judge2, body });
  assert.is(other.status, 403);
  assert.is(other.body.error.code, 'LEGAL_FORCE_FORBIDDEN');
  assert.is((await c.api.call('POST', `${k.path}/legal-force`, { token: c.tokens.auditor, body })).status, 403);
  const ok = await c.api.call('POST', `${k.path}/legal-force`, { token: c.tokens.judge, body });
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  assert.is(ok.body.edrsr.rule, '11.1');
  const again = await c.api.call('POST', `${k.path}/legal-force`, { token: c.tokens.head, body });
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'LEGAL_FORCE_ALREADY');
  const p = await proceeding(k.path);
  assert.is(p.legalForce.basis, 'higher-instance');
  assert.equal(p.legalForce.by, { login: LOGINS.judge, role: 'judge' });
  assert.is(p.legalForce.higherInstance.caseNumber, '22-ц/814/1');
  assert.equal(p.appeals.map((a: any) => [a.date, a.appellant, a.kind, a.late]), [[today(), 'ТОВ «Ромашка»', 'appeal', false]]);
  // Sent to the appellate court (12.4.2), once.
  const sent = await c.api.call('POST', `${k.path}/appeals/sent`, { token: c.tokens.registrar, body: { date: today(), to: 'Полтавський апеляційний суд' } });
  assert.is(sent.status, 201, JSON.stringify(sent.body));
  assert.is((await c.api.call('POST', `${k.path}/appeals/sent`, { token: c.tokens.registrar, body: { date: today(), to: 'x' } })).body.error.code, 'ALREADY_SENT');
});

test('a non-appealable decision is in force on its day; ЄДРСР by the next working day after the full text (11.2.1)', async () => {
  const k = await registeredCase(c);
  const doc = await proceedingDocument(c, k);
  const d = await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.head, body: { outcome: 'returned', date: today(), appealable: false, documentId: doc } });
  assert.is(d.status, 201, JSON.stringify(d.body));
  assert.is(d.body.legalForce, today());
  assert.equal(reminders(`case/${k.ueun}`), [], 'nothing to wait for');
  const p = await proceeding(k.path);
  assert.is(p.legalForce.basis, 'non-appealable');
  assert.is(p.legalForce.edrsr.rule, '11.2.1');
  assert.is(p.legalForce.edrsr.key, doc, 'the document unique id is the ЄДРСР key');
  assert.is(p.legalForce.edrsr.deadline, nextWorkingDay(cal, today()));
  assert.is(p.decision.documentId, doc);
});

test('the decision document id must be a document of this proceeding, named by no other decision (review item 3)', async () => {
  const k = await registeredCase(c);
  const other = await registeredCase(c);
  const foreign = await proceedingDocument(c, other);
  const mine = await proceedingDocument(c, k);
  const before = eventCount();
  for (const [id, reason] of [['537-999999999-ухвала-ц', 'not-found'], [foreign, 'other-proceeding']] as const) {
    const r = await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.judge, body: { outcome: 'decision', date: today(), documentId: id } });
    assert.is(r.status, 422, JSON.stringify(r.body));
    assert.is(r.body.error.code, 'DOCUMENT_ID_INVALID');
    assert.is(r.body.error.details.reason, reason);
    assert.ok(r.body.error.message.uk && r.body.error.message.en);
  }
  assert.is(eventCount(), before, 'nothing written');
  assert.is((await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.judge, body: { outcome: 'decision', date: today(), documentId: mine } })).status, 201);
});

test('the full text recorded later re-arms the reminder from it (ЦПК ст. 354 ч. 1; review item 5a)', async () => {
  const k = await registeredCase(c);
  const yesterday = kyivDateOf(Date.now() - 86_400_000);
  // Registered today, so the decision is today; the full text "later" is simulated by moving the clock 5 days on.
  const d = await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.judge, body: { outcome: 'decision', date: today() } });
  assert.is(d.status, 201, JSON.stringify(d.body));
  assert.is(reminders(`case/${k.ueun}`)[0]!.due_at, kyivMidnight(d.body.appealTerm.legalForceDate));
  const bad = await c.api.call('POST', `${k.path}/decision/full-text`, { token: c.tokens.registrar, body: { fullTextDate: yesterday } });
  assert.is(bad.status, 422);
  assert.is(bad.body.error.code, 'FULL_TEXT_DATE_INVALID');
  c.clock.offsetMs = 5 * 86_400_000;
  try {
    const fullText = kyivDateOf(c.clock.now());
    const f = await c.api.call('POST', `${k.path}/decision/full-text`, { token: c.tokens.registrar, body: { fullTextDate: fullText } });
    assert.is(f.status, 201, JSON.stringify(f.body));
    const lastDay = workingDayOnOrAfter(cal, addDays(fullText, 30));
    assert.equal([f.body.appealTerm.from, f.body.appealTerm.lastDay, f.body.appealTerm.legalForceDate], [fullText, lastDay, addDays(lastDay, 1)]);
    assert.equal(reminders(`case/${k.ueun}`).map((r) => r.due_at), [kyivMidnight(addDays(lastDay, 1))], 'the same reminder, re-armed');
    const p = await proceeding(k.path);
    assert.equal([p.decision.fullTextDate, p.appealTerm.from], [fullText, fullText]);
    const again = await c.api.call('POST', `${k.path}/decision/full-text`, { token: c.tokens.registrar, body: { fullTextDate: fullText } });
    assert.equal([again.status, again.body.error.code], [409, 'FULL_TEXT_ALREADY']);
  } finally {
    c.clock.offsetMs = 0;
  }
});

test('a timely appeal entered after the reminder recorded legal force withdraws it; ЄДРСР: the item is cancelled or a withdrawal follows it (review item 1)', async () => {
  const k = await registeredCase(c);
  const d = await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.judge, body: { outcome: 'decision', date: today() } });
  const term = d.body.appealTerm;
  try {
    moveTo(kyivMidnight(term.legalForceDate) + 9 * 3600_000);
    const p = await until(async () => (await proceeding(k.path)).legalForce && proceeding(k.path), 'legal force');
    const key = p.legalForce.edrsr.key;
    await until(async () => (await c.api.call('GET', '/edrsr/queue?state=all&limit=1000', { token: c.tokens.head })).body.items.some((i: any) => i.item.key === key), 'queued');
    // Posted on the last day, entered the next morning.
    const a = await c.api.call('POST', `${k.path}/appeals`, { token: c.tokens.registrar, body: { date: term.lastDay, appellant: 'відповідач' } });
    assert.is(a.status, 201, JSON.stringify(a.body));
    assert.equal([a.body.late, a.body.legalForceRevoked], [false, true]);
    const after = await proceeding(k.path);
    assert.is(after.legalForce, undefined);
    assert.equal(after.revokedLegalForce.map((r: any) => [r.date, r.basis, r.appealDate, r.edrsrKey, r.withdrawalKey]), [[term.legalForceDate, 'term-expired', term.lastDay, key, `${key}~withdrawal-1`]]);
    // This court has no ЄДРСР URL: the legal-force item was never sent, so it is cancelled, not withdrawn in the register.
    const q = await until(async () => {
      const b = (await c.api.call('GET', '/edrsr/queue?state=withdrawals', { token: c.tokens.head })).body;
      return b.items.some((i: any) => i.item.key === `${key}~withdrawal-1`) && b;
    }, 'withdrawal queued');
    const orig = q.items.find((i: any) => i.item.key === key);
    const w = q.items.find((i: any) => i.item.key === `${key}~withdrawal-1`);
    assert.ok(orig.cancelledAt, 'the legal-force item is cancelled');
    assert.equal([w.item.kind, w.item.withdraws.key, w.waitingFor, w.overdue], ['withdrawal', key, key, false]);
    const pending = (await c.api.call('GET', '/edrsr/queue?state=pending&limit=1000', { token: c.tokens.head })).body.items.map((i: any) => i.item.key);
    assert.ok(!pending.includes(key) && !pending.includes(`${key}~withdrawal-1`), 'neither is sent');
  } finally {
    c.clock.offsetMs = 0;
  }
});

test('bad input: 4xx with a code and nothing written', async () => {
  const k = await registeredCase(c);
  const before = eventCount();
  const cases: Array<[string, string, unknown, string, number]> = [
    ['appeal on an undecided case', 'appeals', { date: today(), appellant: 'x' }, 'NOT_DECIDED', 409],
    ['appeal, bad date shape', 'appeals', { date: '2025-13-01', appellant: 'x' }, 'BAD_DATE', 400],
    ['appeal, unknown field', 'appeals', { date: today(), appellant: 'x', judge: 'y' }, 'VALIDATION_FAILED', 400],
    ['appeal, empty appellant', 'appeals', { date: today(), appellant: '' }, 'VALIDATION_FAILED', 400],
    ['legal force without higher instance', 'legal-force', { date: today() }, 'VALIDATION_FAILED', 400],
    ['decision: full text before the decision', 'decision', { outcome: 'decision', date: today(), fullTextDate: '2020-01-01' }, 'FULL_TEXT_DATE_INVALID', 422],
    ['decision: appealable not a boolean', 'decision', { outcome: 'decision', date: today(), appealable: 'no' }, 'VALIDATION_FAILED', 400],
  ];
  for (const [what, sub, body, code, status] of cases) {
    const token = sub === 'appeals' ? c.tokens.registrar : c.tokens.judge;
    const r = await c.api.call('POST', `${k.path}/${sub}`, { token, body });
    assert.is(r.status, status, `${what}: ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.code, code, what);
    assert.ok(r.body.error.message.uk && r.body.error.message.en, what);
  }
  assert.is(eventCount(), before, 'no journal write');
  // An appeal dated before the decision: refused once decided.
  assert.is((await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.judge, body: { outcome: 'decision', date: today() } })).status, 201);
  const n = eventCount();
  const r = await c.api.call('POST', `${k.path}/appeals`, { token: c.tokens.registrar, body: { date: '2020-01-01', appellant: 'x' } });
  assert.is(r.body.error.code, 'APPEAL_DATE_INVALID');
  assert.is((await c.api.call('POST', `${k.path}/appeals/sent`, { token: c.tokens.registrar, body: { date: today(), to: 'x' } })).body.error.code, 'NO_APPEAL');
  assert.is(eventCount(), n);
});

test('the reminder survives a restart: the node comes back after the term and records legal force', async () => {
  const k = await registeredCase(c);
  const d = await c.api.call('POST', `${k.path}/decision`, { token: c.tokens.judge, body: { outcome: 'decision', date: today(), writtenProceeding: true } });
  assert.is(d.status, 201, JSON.stringify(d.body));
  const dataDir = c.dataDir;
  await c.server.stop();
  // Down over the whole term; started again a day after it ended.
  const clock = movableClock();
  clock.offsetMs = kyivMidnight(d.body.appealTerm.legalForceDate) + 86_400_000 - Date.now();
  c = await startLfCourt({ dataDir, clock, createUsers: false });
  try {
    const p = await until(async () => (await proceeding(k.path)).legalForce && proceeding(k.path), 'legal force after restart');
    assert.is(p.legalForce.date, d.body.appealTerm.legalForceDate);
    assert.is(p.legalForce.basis, 'term-expired');
    assert.is(p.legalForce.edrsr.rule, '11.2.2', 'written proceedings: next working day after legal force');
    assert.is(p.legalForce.edrsr.deadline, nextWorkingDay(cal, p.legalForce.date));
  } finally {
    c.clock.offsetMs = 0;
  }
});

test.run();
