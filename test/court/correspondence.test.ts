/**
 * Incoming correspondence in a pending case (Засади 3.1–3.2, issue 13 item 8)
 * on a real court node: a document filed in a registered case gets its own
 * number in the journal of incoming correspondence — no new proceeding, no
 * new ЄУН, no distribution (a counterclaim keeps the proceeding, 4.17) — shows
 * on the card and goes to the presiding judge; in a case without a judge it
 * waits and the control list shows it until the judge is assigned. A judge
 * sees the correspondence of his own cases; covert fields never leave the
 * presiding judge's answer. Unknown case, bad body, wrong role → refused,
 * nothing written. Numbers survive a restart without gaps or reuse.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { cleanup, tempDir } from '../support/servers.ts';
import { callerOf, casePath, claim, daysAgo, LOGINS, newKey, startCourt, today, type Court } from './support.ts';
import { assignByDraw, lawfulZasadyFile } from './distribution/lawful.ts';
import { kyivDate } from '../../actors/court/dates.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: incoming correspondence in a pending case (Засади 3.1–3.2)');

let c: Court;
const call = callerOf(() => c);
const yy = () => today().slice(2, 4);
const PETRENKO = 'Петренко (тест)';
const PERSON = 'Сидоренко Петро Олексійович';

type Case = { ueun: string; proceedingNumber: string };
let drawn: Case; // distributed at registration (4.1) to judge.petrenko
let undistributed: Case; // a category the Засади do not distribute: no judge
let covertCase: Case;

async function register(body: Record<string, unknown>): Promise<Case & { distribution: { status: string } }> {
  const r = await call('POST', '/registrations', c.tokens.registrar, body);
  assert.is(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function card(ueun: string, token = c.tokens.registrar) {
  const r = await call('GET', casePath(ueun), token);
  assert.is(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** The card once `ok` holds for it (the hand-off writes the judge after the registration's reply at the latest). */
async function cardWhen(ueun: string, ok: (card: any) => boolean) {
  for (let i = 0; i < 200; i++) {
    const x = await card(ueun);
    if (ok(x)) return x;
    await sleep(25);
  }
  throw new Error(`card ${ueun} never reached the state`);
}

const motion = (extra: Record<string, unknown> = {}) => ({
  kind: 'motion',
  arrivalDate: today(),
  sender: 'Іваненко Іван Іванович',
  title: 'клопотання про витребування доказів',
  outgoingNumber: 'б/н',
  outgoingDate: today(),
  pages: 3,
  ...extra,
});

async function file(ueun: string, body: Record<string, unknown>, token = c.tokens.registrar) {
  const r = await call('POST', `${casePath(ueun)}/correspondence`, token, body);
  assert.is(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

const journalStatus = () => c.server.host.system.ref('correspondence', '537').ask<{ seq: Record<string, number>; pending: number; waiting: number }>({ type: 'status' });
const registryStatus = () => c.server.host.system.ref('registry', '537').ask<{ total: number; procSeq: Record<string, number> }>({ type: 'status' });

test.before(async () => {
  c = await startCourt({ zasadyFile: lawfulZasadyFile(), key: newKey() });
  drawn = await register(claim({ category: 'civil-claim' }));
  await cardWhen(drawn.ueun, (x) => x.proceedings[0].assignment?.judge === LOGINS.judge);
  undistributed = await register(claim());
  covertCase = await register(
    claim({ index: '1-кс', category: 'investigator-request', description: 'клопотання слідчого', document: { kind: 'клопотання', title: 'про дозвіл на проведення НСРД', sender: 'слідчий СВ Лубенського РВП' }, covert: { person: PERSON, action: 'аудіо-, відеоконтроль особи' } }),
  );
  await cardWhen(covertCase.ueun, (x) => x.proceedings[0].assignment?.judge === LOGINS.judge);
});
test.after(async () => {
  await c?.server.stop();
  cleanup();
});

test('a motion in a pending case: its own journal number, no new ЄУН or proceeding, on the card, handed to the presiding judge', async () => {
  const before = await registryStatus();
  const r = await file(drawn.ueun, motion());
  assert.is(r.number, `1/${yy()}`);
  assert.equal([r.seq, r.ueun, r.proceedingNumber, r.registrationDate, r.late, r.covert], [1, drawn.ueun, drawn.proceedingNumber, today(), false, false]);
  assert.is(r.handedTo, PETRENKO, 'the presiding judge, by full name');
  const second = await file(drawn.ueun, motion({ kind: 'reply', sender: 'ТОВ «Ромашка»', title: 'відзив на позовну заяву' }));
  assert.is(second.number, `2/${yy()}`, 'the next number of the court-wide sequence');

  // The registry took no number: no new case, no new proceeding (Засади 3.3–3.4).
  const after = await registryStatus();
  assert.equal([after.total, after.procSeq], [before.total, before.procSeq]);
  const x = await card(drawn.ueun);
  assert.is(x.proceedings.length, 1);
  const items = x.correspondence;
  assert.equal(items.map((i: any) => [i.number, i.kindName, i.proceedingNumber]), [
    [`1/${yy()}`, 'клопотання', drawn.proceedingNumber],
    [`2/${yy()}`, 'відзив', drawn.proceedingNumber],
  ]);
  const m = items[0];
  assert.equal([m.sender, m.outgoingNumber, m.outgoingDate, m.pages, m.arrivalDate], ['Іваненко Іван Іванович', 'б/н', today(), 3, today()]);
  // Attributed: who registered it and when; the hand-over to the judge, by whom and when.
  assert.equal(m.registeredBy, { login: LOGINS.registrar, role: 'registrar' });
  assert.equal([m.handedOver.judge, m.handedOver.by.login], [LOGINS.judge, LOGINS.registrar]);
  assert.ok(Date.parse(m.handedOver.at) >= Date.parse(m.registeredAt));
  // It is not the case file's 4.18 hand-over: no movement is invented.
  assert.equal(x.movements, []);
});

test('a counterclaim keeps the proceeding number (4.17): no new proceeding, no distribution, to the judge already assigned', async () => {
  const protocolBefore = (await call('GET', `/distribution/case?caseId=${encodeURIComponent(drawn.proceedingNumber)}`, c.tokens.officer)).body;
  const before = await registryStatus();
  const r = await file(drawn.ueun, motion({ kind: 'counterclaim', sender: 'ТОВ «Ромашка»', title: 'зустрічна позовна заява про визнання договору недійсним', pages: 12 }));
  assert.is(r.proceedingNumber, drawn.proceedingNumber);
  assert.is(r.handedTo, PETRENKO);
  assert.equal(await registryStatus(), before);
  const x = await card(drawn.ueun);
  assert.equal(x.proceedings.map((p: any) => p.proceedingNumber), [drawn.proceedingNumber]);
  assert.equal(x.correspondence.at(-1).kindName, 'зустрічний позов');
  const protocolAfter = (await call('GET', `/distribution/case?caseId=${encodeURIComponent(drawn.proceedingNumber)}`, c.tokens.officer)).body;
  assert.equal(protocolAfter, protocolBefore, 'the distribution record of the proceeding is untouched');
});

test('a case without a judge: the document waits and the control list shows it; the judge’s assignment hands it over', async () => {
  const r = await file(undistributed.ueun, motion({ kind: 'evidence', title: 'додаткові докази: договір позики', pages: 5 }));
  assert.is(r.handedTo, null);
  const waiting = await call('GET', '/control/correspondence-waiting', c.tokens.head);
  assert.is(waiting.status, 200, JSON.stringify(waiting.body));
  assert.is(waiting.body.court.name, 'Лубенський міськрайонний суд Полтавської області');
  assert.equal(waiting.body.rows.map((x: any) => [x.number, x.ueun, x.proceedingNumber, x.kindName]), [[r.number, undistributed.ueun, undistributed.proceedingNumber, 'докази']]);
  assert.match(waiting.body.rows[0].reasonText, /суддю у справі ще не визначено/);
  const html = (await call('GET', '/control/correspondence-waiting?format=html', c.tokens.registrar)).bytes.toString('utf8');
  assert.ok(html.includes(r.number) && html.includes('Вхідна кореспонденція, що очікує передачі судді'), html);
  const text = (await call('GET', '/control/correspondence-waiting?format=text', c.tokens.officer)).bytes.toString('utf8');
  assert.ok(text.includes(`Вх. №: ${r.number}`), text);
  assert.is((await call('GET', '/control/correspondence-waiting', c.tokens.judge)).status, 403);

  // The draw gives the case its judge: the waiting document goes to him in the assignment's own write.
  await assignByDraw(c.api, c.tokens.officer, undistributed.ueun, undistributed.proceedingNumber);
  const item = (await card(undistributed.ueun)).correspondence[0];
  assert.equal([item.handedOver.judge, item.handedOver.by.login], [LOGINS.judge, LOGINS.officer]);
  const after = await call('GET', '/control/correspondence-waiting', c.tokens.head);
  assert.equal(after.body.rows, []);
});

test('a judge sees the correspondence of his own cases only; the journal is for the registry and the supervisors', async () => {
  const own = await call('GET', `${casePath(drawn.ueun)}/correspondence`, c.tokens.judge);
  assert.is(own.status, 200, JSON.stringify(own.body));
  assert.ok(own.body.items.length >= 3);
  const other = await call('GET', `${casePath(drawn.ueun)}/correspondence`, c.tokens.judge2);
  assert.is(other.status, 403);
  assert.is(other.body.error.code, 'CORRESPONDENCE_FORBIDDEN');
  assert.match(other.body.error.message.uk, /суддя, визначений у цій справі/);
  // The card itself stays readable (as before); its correspondence is not there for another judge.
  const otherCard = await card(drawn.ueun, c.tokens.judge2);
  assert.is(otherCard.correspondence, undefined);
  assert.ok((await card(drawn.ueun, c.tokens.judge)).correspondence.length >= 3);
  const journal = await call('GET', `/correspondence?year=${today().slice(0, 4)}`, c.tokens.auditor);
  assert.is(journal.status, 200, JSON.stringify(journal.body));
  assert.equal(journal.body.items.map((i: any) => i.seq), journal.body.items.map((_: unknown, n: number) => n + 1));
  assert.is((await call('GET', '/correspondence', c.tokens.judge)).status, 403);

  // The judge's own incoming documents: those of his case and the one that waited until the draw gave him the case.
  const expected = [...own.body.items.map((i: any) => i.number), (await card(undistributed.ueun)).correspondence[0].number].sort();
  let mine: string[] = [];
  for (let i = 0; i < 100; i++) {
    mine = (await call('GET', '/correspondence/mine', c.tokens.judge)).body.items.map((x: any) => x.number).sort();
    if (mine.length === expected.length) break;
    await sleep(20);
  }
  assert.equal(mine, expected);
  assert.equal((await call('GET', '/correspondence/mine', c.tokens.judge2)).body.items, []);
  assert.is((await call('GET', '/correspondence/mine', c.tokens.registrar)).status, 403);
});

test('covert case (3.1 ¶2): the person and the action only in the presiding judge’s answer — never on the card, the journal or the disk', async () => {
  const r = await file(covertCase.ueun, motion({ sender: 'слідчий СВ Лубенського РВП', title: 'клопотання про продовження строку НСРД', covert: { person: PERSON, action: 'зняття інформації з електронних комунікаційних мереж' } }));
  assert.is(r.covert, true);
  assert.is(r.handedTo, PETRENKO);
  const mine = await call('GET', `${casePath(covertCase.ueun)}/correspondence`, c.tokens.judge);
  assert.is(mine.status, 200);
  assert.is(mine.headers.get('cache-control'), 'no-store');
  assert.is(mine.body.items[0].covertFields.person, PERSON);
  const head = await call('GET', `${casePath(covertCase.ueun)}/correspondence`, c.tokens.head);
  assert.is(head.status, 200);
  assert.is(head.body.items[0].covertFields, undefined);
  assert.is(head.body.items[0].covert, true);
  const journal = await call('GET', '/correspondence', c.tokens.registrar);
  const row = journal.body.items.find((i: any) => i.number === r.number);
  assert.equal([row.covertCase, row.sender, row.title], [true, null, null]);
  for (const body of [JSON.stringify(head.body), JSON.stringify(await card(covertCase.ueun)), JSON.stringify(journal.body)]) assert.not.ok(body.includes(PERSON));
  c.server.host.journal.flushNow();
  assert.not.ok(readFileSync(c.journalPath).includes(Buffer.from(PERSON)), 'the person is on disk only as ciphertext');
});

test('refused and nothing written: unknown case, bad body, wrong role, late without the order, several proceedings unnamed', async () => {
  const several = await register(claim());
  await register(claim({ existingUeun: several.ueun, index: '2-о' }));
  // Let the confirmations of the earlier items settle, then nothing may change.
  for (let i = 0; i < 100 && (await journalStatus()).pending > 0; i++) await sleep(20);
  await sleep(300);
  const head = (c.server.host.journal.flushNow(), c.server.host.journal.head());
  const status = await journalStatus();

  const refused: Array<[string, string | undefined, unknown, number, string]> = [
    [`/cases/537/999/${yy()}/correspondence`, c.tokens.registrar, motion(), 404, 'CASE_NOT_FOUND'],
    ['/cases/528/17/25/correspondence', c.tokens.registrar, motion(), 404, 'CASE_NOT_FOUND'],
    [`${casePath(drawn.ueun)}/correspondence`, c.tokens.registrar, motion({ sender: undefined }), 400, 'VALIDATION_FAILED'],
    [`${casePath(drawn.ueun)}/correspondence`, c.tokens.registrar, motion({ kind: 'appeal-to-heaven' }), 400, 'VALIDATION_FAILED'],
    [`${casePath(drawn.ueun)}/correspondence`, c.tokens.registrar, motion({ judge: 'judge.koval' }), 400, 'VALIDATION_FAILED'],
    [`${casePath(drawn.ueun)}/correspondence`, c.tokens.registrar, motion({ arrivalDate: '2026-02-30' }), 400, 'BAD_DATE'],
    [`${casePath(drawn.ueun)}/correspondence`, c.tokens.registrar, motion({ proceedingNumber: '2/537/999/25' }), 404, 'PROCEEDING_NOT_FOUND'],
    [`${casePath(several.ueun)}/correspondence`, c.tokens.registrar, motion(), 422, 'PROCEEDING_REQUIRED'],
    [`${casePath(drawn.ueun)}/correspondence`, c.tokens.registrar, motion({ arrivalDate: kyivDate(Date.now() + 2 * 86_400_000), outgoingDate: undefined }), 422, 'ARRIVAL_IN_FUTURE'],
    [`${casePath(drawn.ueun)}/correspondence`, c.tokens.registrar, motion({ arrivalDate: daysAgo(2), outgoingDate: undefined }), 422, 'LATE_REGISTRATION_REQUIRES_ORDER'],
    [`${casePath(drawn.ueun)}/correspondence`, c.tokens.registrar, motion({ outgoingDate: kyivDate(Date.now() + 86_400_000) }), 422, 'OUTGOING_AFTER_ARRIVAL'],
    [`${casePath(drawn.ueun)}/correspondence`, c.tokens.judge, motion(), 403, 'FORBIDDEN'],
    [`${casePath(drawn.ueun)}/correspondence`, c.tokens.officer, motion(), 403, 'FORBIDDEN'],
    [`${casePath(drawn.ueun)}/correspondence`, c.tokens.auditor, motion(), 403, 'FORBIDDEN'],
    [`${casePath(drawn.ueun)}/correspondence`, undefined, motion(), 401, 'UNAUTHENTICATED'],
  ];
  for (const [path, token, body, status, code] of refused) {
    const r = await call('POST', path, token, body);
    assert.is(r.status, status, `${path} ${JSON.stringify(body)} → ${JSON.stringify(r.body)}`);
    assert.is(r.body.error.code, code);
    assert.ok(r.body.error.message.uk.length > 5, 'a message for people in Ukrainian');
  }
  const several2 = await call('POST', `${casePath(several.ueun)}/correspondence`, c.tokens.registrar, motion());
  assert.match(several2.body.error.message.uk, /зазначте номер провадження/);
  assert.equal(several2.body.error.details.proceedings.length, 2);

  c.server.host.journal.flushNow();
  assert.equal(c.server.host.journal.head(), head, 'nothing written');
  assert.equal(await journalStatus(), status, 'no number taken');

  // The late document with the head of staff's order and its reason (3.1) is accepted — with the next number, no gap.
  const late = await file(drawn.ueun, motion({ arrivalDate: daysAgo(1), outgoingDate: undefined, late: { order: { number: '5-р', date: today() }, reason: 'збій електроживлення', termUntil: today() } }));
  assert.is(late.seq, status.seq[today().slice(0, 4)]! + 1);
  assert.is(late.late, true);
});

test.run();

const restart = suite('court: the journal of incoming correspondence across restarts');
restart.after(cleanup);

restart('numbers survive a restart without gaps or reuse; a retry with the same Idempotency-Key takes no new number', async () => {
  const dataDir = tempDir('asds-corr-');
  let court = await startCourt({ dataDir, zasadyFile: lawfulZasadyFile() });
  const a = court.api;
  const reg = await a.call('POST', '/registrations', { token: court.tokens.registrar, body: claim() });
  assert.is(reg.status, 201);
  const post = (k: Court, headers: Record<string, string> = {}) => k.api.call('POST', `${casePath(reg.body.ueun)}/correspondence`, { token: k.tokens.registrar, body: motion(), headers });
  const numbers: number[] = [];
  for (let i = 0; i < 3; i++) numbers.push((await post(court)).body.seq);
  const once = await post(court, { 'idempotency-key': 'inbox-2026-0001' });
  const twice = await post(court, { 'idempotency-key': 'inbox-2026-0001' });
  assert.is(twice.body.number, once.body.number, 'the retry gets the first number');
  numbers.push(once.body.seq);
  await court.server.stop();

  court = await startCourt({ dataDir, zasadyFile: lawfulZasadyFile(), withUsers: true });
  for (let i = 0; i < 2; i++) numbers.push((await post(court)).body.seq);
  assert.equal(numbers, [1, 2, 3, 4, 5, 6]);
  const journal = await court.api.call('GET', '/correspondence', { token: court.tokens.registrar });
  assert.equal(journal.body.items.map((i: any) => i.number), numbers.map((n) => `${n}/${today().slice(2, 4)}`));
  assert.is(journal.body.total, 6);
  const x = await court.api.call('GET', casePath(reg.body.ueun), { token: court.tokens.registrar });
  assert.equal(x.body.correspondence.map((i: any) => i.seq ?? Number(i.number.split('/')[0])), numbers, 'each number once on the card');
  await court.server.stop();
});

restart.run();
