/**
 * The court's own documents through a real court (Засади 2.1, 2.3, 2.4, 4.2, 4.9, 4.13, 13.1): an order from
 * the court's configured template (deploy/examples/lubny/documents.yaml), numbered in its register, signed by
 * the chief judge into Original with the court PKI and verifiable; a judge's absence, a repeated distribution
 * and a new user linked to the order that grounds them, a contradicting reference refused with nothing
 * written, a reference to an order not yet entered kept and listed until it is; the next-working-day deadlines
 * on the overdue list (court calendar, Ukrainian text) and off it once done; a configuration with errors
 * listed whole; a wrong role refused with nothing written.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { issueUserCertificate, signDetached, type IssuedCertificate } from '../../actors/pki/index.ts';
import { loadCourtDocumentsFile, courtDocumentsIssues } from '../../actors/court/orders/index.ts';
import { loadCourtCalendar } from '../../actors/court/distribution/config.ts';
import { courtBehaviors } from '../../actors/court/node.ts';
import { nextWorkingDay } from '../../actors/distribution/calendar.ts';
import type { IsoDate } from '../../actors/distribution/dates.ts';
import { ConfigInvalid } from '../../actors/distribution/errors.ts';
import { ruleFor } from '../../contracts/ingest/redaction.ts';
import { longDateUk } from '../../actors/court/dates.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { callerOf, claim, LOGINS, PASSWORD, startCourt, today, type Court } from './support.ts';
import { assignByDraw, lawfulZasadyFile } from './distribution/lawful.ts';

const test = suite('court documents: orders, memos, registers, links, deadlines');
const LUBNY = 'deploy/examples/lubny';
let court: Court;
let zasadyFile: string;
const certs: Record<string, IssuedCertificate> = {};

/** The lawful test Засади with the Lubny document templates beside them. */
function zasadyWithTemplates(): string {
  const src = dirname(lawfulZasadyFile());
  const dir = tempDir('asds-orders-zasady-');
  for (const f of readdirSync(src)) copyFileSync(join(src, f), join(dir, f));
  // the court's own case-document template beside the built-in ones (issue 13 item 11)
  const own = [
    'caseTemplates:',
    '  - id: ukhvala-bez-rukhu',
    '    version: 1',
    '    type: ухвала',
    '    title: Ухвала про залишення позовної заяви без руху',
    '    input: [defects, term]',
    '    signerRoles: [judge]',
    '    text: |',
    '      {{court}}',
    '      УХВАЛА',
    '      про залишення позовної заяви без руху',
    '      {{documentDate}}, справа № {{ueun}}',
    '      Суддя — {{judge}}, розглянувши позовну заяву, що надійшла {{registrationDate}}, встановив недоліки: {{defects}}.',
    '      УХВАЛИВ:',
    '      Залишити позовну заяву без руху; строк для усунення недоліків — {{term}}.',
    '      Суддя ____________ {{judgeSignature}}',
  ].join('\n');
  writeFileSync(join(dir, 'documents.yaml'), `${readFileSync(join(LUBNY, 'documents.yaml'), 'utf8')}\n${own}\n`);
  return join(dir, 'zasady.yaml');
}

test.before(async () => {
  zasadyFile = zasadyWithTemplates();
  court = await startCourt({ zasadyFile });
  const pki = join(court.dataDir, 'pki');
  assert.ok(existsSync(join(pki, 'ca.crt.pem')));
  for (const k of ['head', 'chief', 'judge'] as const) certs[k] = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: pki, login: LOGINS[k]!, fullName: `Тест ${LOGINS[k]}`, role: k });
});
test.after(async () => {
  await court.server.stop('test over');
  await cleanup();
});

const call = callerOf(() => court);
const enc = encodeURIComponent;
const head = () => (court.server.host.journal.flushNow(), court.server.host.journal.head());
const calendar = () => loadCourtCalendar(zasadyFile);
/** A day whose next working day (court calendar) is already past: a deadline counted from it has run out. */
function overdueDay(): string {
  let d = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  while (nextWorkingDay(calendar(), d as IsoDate) >= today()) d = new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10);
  return d;
}

async function create(token: string, body: Record<string, unknown>) {
  const r = await call('POST', '/orders', token, body);
  assert.is(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function sign(id: string, who: 'head' | 'chief' | 'judge') {
  const c = await call('GET', `/documents/${enc(id)}/content`, court.tokens.head);
  assert.is(c.status, 200);
  const r = await call('POST', `/documents/${enc(id)}/signatures`, court.tokens[who], { cms: signDetached({ content: c.bytes, certPem: certs[who]!.certPem, keyPem: certs[who]!.keyPem }).toString('base64') });
  assert.is(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

const trip = (signedOn: string) => ({ kind: 'nakaz-vidriadzhennia', signedOn, signers: [LOGINS.chief], fields: { judge: LOGINS.judge, place: 'м. Києва', purpose: 'навчання в Національній школі суддів України', fromDate: '2026-12-14', toDate: '2026-12-16' } });
const overdue = async () => {
  const r = await call('GET', '/control/overdue-orders', court.tokens.head);
  assert.is(r.status, 200, JSON.stringify(r.body));
  return r.body.rows as Array<{ reason: string; documentId: string | null; number: string; rule: string; deadline: string; text: string; detail: string }>;
};

let tripOrder: { id: string; register: { number: string; signedOn: string } };

test('an order from the court’s template: numbered in its register, court and judge by full name, Ukrainian date; signed by the chief judge → Original, verifiable', async () => {
  const d = await create(court.tokens.head, trip(today()));
  tripOrder = d;
  assert.is(d.state, 'Draft');
  assert.is(d.register.number, '1-г', 'the first order of the chief judge this year');
  assert.is(d.idParts.type, 'наказ');
  assert.is(d.idParts.jurisdiction, 'з');
  assert.is(d.id, `537-${d.idParts.documentNo}-наказ-з`);
  assert.ok(d.text.startsWith('Лубенський міськрайонний суд Полтавської області\nНАКАЗ\n'), d.text);
  assert.ok(d.text.includes('з 14 грудня 2026 року по 16 грудня 2026 року включно'), d.text);
  assert.ok(d.text.includes('суддя — Петренко (тест)'), 'the judge by the Засади roster’s name');
  assert.ok(d.text.includes(`№ 1-г`));
  assert.ok(d.text.includes('Голова суду ____________ Тест chief1'), d.text);
  assert.not.ok(d.text.includes('{{'));
  assert.not.ok(d.text.includes(LOGINS.judge!), 'no login in the text');

  const s = await sign(d.id, 'chief');
  assert.is(s.state, 'Original');
  const v = await call('GET', `/documents/${enc(d.id)}/verification`, court.tokens.auditor);
  assert.is(v.status, 200);
  assert.is(v.body.valid, true);
  assert.equal(v.body.signatures.map((g: { indication: string }) => g.indication), ['TOTAL_PASSED']);
  const pdf = await call('GET', `/documents/${enc(d.id)}/pdf`, court.tokens.head);
  assert.is(pdf.status, 200);
  assert.is(pdf.bytes.subarray(0, 5).toString(), '%PDF-');

  // the next one of the same register gets the next number
  const next = await create(court.tokens.head, trip(today()));
  assert.is(next.register.number, '2-г');
  // numbered in the register: a changed text is a new document, never an edit of the draft
  const edit = await call('PUT', `/documents/${enc(next.id)}/fields`, court.tokens.registrar, { fields: { place: 'м. Полтави' } });
  assert.is(edit.status, 409, JSON.stringify(edit.body));
  assert.is(edit.body.error.code, 'COURT_DOCUMENT_NOT_EDITABLE');
  // a retried request with its idempotency key gets the same document, not a second number
  const once = () => court.api.call('POST', '/orders', { token: court.tokens.head, body: trip(today()), headers: { 'idempotency-key': 'orders-retry-0001' } });
  const [a, b] = [await once(), await once()];
  assert.is(a.status, 201, JSON.stringify(a.body));
  assert.equal([b.body.id, b.body.register.number], [a.body.id, '3-г']);
  const reg = await call('GET', '/orders?kind=nakaz-vidriadzhennia', court.tokens.head);
  assert.equal(reg.body.documents.map((x: { number: string }) => x.number), ['1-г', '2-г', '3-г']);
});

test('an absence names the order: checked and linked — the order shows what it caused; a contradicting reference is refused with nothing written', async () => {
  const basis = { kind: 'order', number: tripOrder.register.number, date: tripOrder.register.signedOn };
  // the same number in the same year's register, another day
  const year = basis.date.slice(0, 4);
  const wrongDate = { ...basis, date: basis.date === `${year}-01-01` ? `${year}-01-02` : `${year}-01-01` };
  const before = head();
  const bad = await call('PUT', `/judges/${LOGINS.judge}/availability`, court.tokens.head, { kind: 'business-trip', from: '2026-12-14', to: '2026-12-16', basis: wrongDate });
  assert.is(bad.status, 422, JSON.stringify(bad.body));
  assert.is(bad.body.error.code, 'BASIS_DATE_MISMATCH');
  assert.ok(bad.body.error.message.uk.includes('іншу дату'));
  assert.equal(head(), before, 'nothing written');
  const ok = await call('PUT', `/judges/${LOGINS.judge}/availability`, court.tokens.head, { kind: 'business-trip', from: '2026-12-14', to: '2026-12-16', basis });
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  const d = await call('GET', `/orders/${enc(tripOrder.id)}`, court.tokens.auditor);
  assert.is(d.status, 200);
  assert.is(d.body.links.length, 1);
  assert.is(d.body.links[0].effect.kind, 'absence');
  assert.is(d.body.links[0].effect.summary, 'відсутність судді (відрядження): Петренко (тест), з 14 грудня 2026 року по 16 грудня 2026 року');
  assert.is(d.body.links[0].by, LOGINS.head);
  // the absence itself carries the reference (old shape, kept)
  const abs = await call('GET', `/judges/${LOGINS.judge}/availability`, court.tokens.head);
  assert.ok(abs.body.some((a: { basis: { number: string } }) => a.basis.number === '1-г'));
});

test('a repeated distribution names the head of staff’s directive: linked; a trip order named as its basis is refused, nothing written', async () => {
  const reg = await call('POST', '/registrations', court.tokens.registrar, claim());
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  await assignByDraw(court.api, court.tokens.officer, reg.body.ueun, reg.body.proceedingNumber);
  const dir = await create(court.tokens.head, { kind: 'rozporiadzhennia-povtornyi-rozpodil', signers: [LOGINS.head], fields: { caseNumber: reg.body.ueun, reasons: 'виявлено очевидну помилку в налаштуваннях автоматизованої системи', ground: '4.15' } });
  assert.is(dir.register.number, '1-р');
  assert.ok(dir.text.includes('Керівник апарату суду ____________ Тест head1'), dir.text);
  await sign(dir.id, 'head');
  const body = { caseId: reg.body.proceedingNumber, reason: 'settings-error', reasonText: 'очевидна помилка в налаштуваннях (Засади 4.15)', replace: [] };
  const before = head();
  const wrong = await call('POST', '/distribution/repeated', court.tokens.head, { ...body, order: { kind: 'order', number: tripOrder.register.number, date: tripOrder.register.signedOn } });
  assert.is(wrong.status, 422, JSON.stringify(wrong.body));
  assert.is(wrong.body.error.code, 'BASIS_KIND_NOT_ALLOWED');
  assert.equal(head(), before, 'nothing written');
  const ok = await call('POST', '/distribution/repeated', court.tokens.head, { ...body, order: { kind: 'order', number: dir.register.number, date: dir.register.signedOn } });
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  const d = await call('GET', `/orders/${enc(dir.id)}`, court.tokens.head);
  assert.equal(d.body.links.map((l: { effect: { kind: string; target: string } }) => [l.effect.kind, l.effect.target]), [['repeated-distribution', reg.body.proceedingNumber]]);
});

test('a user-rights change names the head of staff’s order: linked; old-style references of orders the system never numbered are accepted as before', async () => {
  const order = await create(court.tokens.head, { kind: 'nakaz-prava-korystuvacha', signers: [LOGINS.head], fields: { employee: LOGINS.registrar, position: 'секретар судового засідання', rights: 'реєстрація вхідної кореспонденції', fromDate: today() } });
  assert.is(order.register.number, '1-к/а');
  assert.ok(order.text.includes('секретар судового засідання — Тест registrar1'), order.text);
  await sign(order.id, 'head');
  const u = await call('POST', '/users', court.tokens.admin, { login: 'clerk.new', fullName: 'Новак Ольга Петрівна', role: 'registrar', password: PASSWORD, order: { number: order.register.number, date: order.register.signedOn } });
  assert.is(u.status, 201, JSON.stringify(u.body));
  const d = await call('GET', `/orders/${enc(order.id)}`, court.tokens.head);
  assert.equal(d.body.links.map((l: { effect: { summary: string } }) => l.effect.summary), ['створено користувача АСДС: Новак Ольга Петрівна']);
  // a trip order cannot ground a rights change: refused, the user is not created
  const before = head();
  const bad = await call('POST', '/users', court.tokens.admin, { login: 'clerk.bad', fullName: 'Бондар Ігор Іванович', role: 'registrar', password: PASSWORD, order: { number: tripOrder.register.number, date: tripOrder.register.signedOn } });
  assert.is(bad.status, 422, JSON.stringify(bad.body));
  assert.is(bad.body.error.code, 'BASIS_KIND_NOT_ALLOWED');
  assert.equal(head(), before);
  // compatibility: a number in no register's format (an order from before the registers) → as before, nothing tracked
  const legacy = await call('POST', '/users', court.tokens.admin, { login: 'clerk.old', fullName: 'Коваленко Марія Іванівна', role: 'registrar', password: PASSWORD, order: { number: '15-ос', date: '2025-01-10' } });
  assert.is(legacy.status, 201);
  // the technical administrator reads the register: workplaces follow the head of staff's orders (2.1 ¶2)
  const reg = await call('GET', '/orders', court.tokens.admin);
  assert.is(reg.status, 200, JSON.stringify(reg.body));
  assert.ok(reg.body.documents.some((x: { number: string; links: unknown[] }) => x.number === '1-к/а' && x.links.length === 1));
  assert.not.ok(reg.body.notEntered.some((p: { ref: { number: string } }) => p.ref.number === '15-ос'));
});

test('an absence naming an order not yet entered is accepted and listed as overdue (2.4) until the order is entered; the entered draft is overdue until signed', async () => {
  const day = overdueDay();
  const deadline = nextWorkingDay(calendar(), day as IsoDate);
  const expected = day.slice(0, 4) === today().slice(0, 4) ? '4-г' : '1-г';
  const r = await call('PUT', `/judges/${LOGINS.judge}/availability`, court.tokens.head, { kind: 'vacation', from: '2026-12-21', to: '2026-12-23', basis: { kind: 'order', number: expected, date: day } });
  assert.is(r.status, 201, JSON.stringify(r.body));
  let rows = await overdue();
  const missing = rows.find((x) => x.reason === 'not-entered' && x.number === expected);
  assert.ok(missing, JSON.stringify(rows));
  assert.is(missing!.documentId, null);
  assert.is(missing!.rule, '2.4');
  assert.is(missing!.deadline, deadline, 'the next working day of the court calendar after the order’s date');
  assert.ok(missing!.text.startsWith(`Наказ голови суду про відрядження судді № ${expected} від `), missing!.text);
  assert.ok(missing!.text.includes('не внесено до автоматизованої системи'));
  assert.ok(missing!.detail.includes('відсутність судді (відпустка): Петренко (тест)'), missing!.detail);
  const html = await call('GET', '/control/overdue-orders?format=html', court.tokens.head);
  assert.is(html.status, 200);
  assert.ok(html.bytes.toString("utf8").includes('Лубенський міськрайонний суд Полтавської області'));
  assert.ok(html.bytes.toString("utf8").includes('Документи суду, не внесені до автоматизованої системи у строк'));

  // entered with that date: it takes the number the absence named and links itself
  const d = await create(court.tokens.head, trip(day));
  assert.is(d.register.number, expected);
  assert.is(d.links.length, 1);
  rows = await overdue();
  assert.not.ok(rows.some((x) => x.reason === 'not-entered' && x.number === expected), 'the reference left the list');
  const draft = rows.find((x) => x.reason === 'not-original' && x.documentId === d.id);
  assert.ok(draft, 'a draft signed on paper days ago and not Original is overdue');
  assert.ok(draft!.detail.includes('Тест chief1'), draft!.detail);
  await sign(d.id, 'chief');
  rows = await overdue();
  assert.not.ok(rows.some((x) => x.documentId === d.id), 'Original: off the list');
  // today's drafts are still in time
  assert.not.ok(rows.some((x) => x.number === '2-г' || x.number === '3-г'));
});

test('the rapporteur’s memo is overdue until the head of staff’s directive answers it (4.9 ¶2)', async () => {
  const day = overdueDay();
  const memo = await create(court.tokens.judge, { kind: 'zapyska-suddi-dopovidacha', signedOn: day, signers: [LOGINS.judge], fields: { caseNumber: '537/1/26', request: 'замінити суддю — члена колегії', reasons: 'тривала хвороба судді' } });
  assert.is(memo.register.number, '1-сз', 'its own register of memos');
  let rows = await overdue();
  const row = rows.find((x) => x.documentId === memo.id);
  assert.ok(row, JSON.stringify(rows));
  assert.is(row!.reason, 'no-follow-up');
  assert.is(row!.rule, '4.9 ¶2–3');
  assert.ok(row!.text.includes('документ на її виконання не видано'), row!.text);
  const dir = await create(court.tokens.head, { kind: 'rozporiadzhennia-povtornyi-rozpodil', follows: memo.id, signers: [LOGINS.head], fields: { caseNumber: '537/1/26', reasons: 'тривала хвороба судді — члена колегії', ground: '4.9' } });
  assert.is(dir.register.follows, memo.id);
  rows = await overdue();
  assert.not.ok(rows.some((x) => x.documentId === memo.id), 'answered: off the list');
});

test('a cancellation order (2.4) grounds the absence’s cancellation: linked', async () => {
  const c = await create(court.tokens.head, { kind: 'nakaz-skasuvannia-vidriadzhennia', signers: [LOGINS.chief], fields: { judge: LOGINS.judge, orderNumber: tripOrder.register.number, orderDate: tripOrder.register.signedOn, reasons: 'навчання перенесено' } });
  assert.ok(c.text.includes(`Скасувати наказ від ${longDateUk(tripOrder.register.signedOn)} № ${tripOrder.register.number} про відрядження: суддя — Петренко (тест).`), c.text);
  await sign(c.id, 'chief');
  const r = await call('POST', '/distribution/absences/cancellation', court.tokens.head, { judgeId: LOGINS.judge, kind: 'business-trip', from: '2026-12-14', basis: { kind: 'order', number: c.register.number, date: c.register.signedOn } });
  assert.is(r.status, 201, JSON.stringify(r.body));
  const d = await call('GET', `/orders/${enc(c.id)}`, court.tokens.head);
  assert.equal(d.body.links.map((l: { effect: { summary: string } }) => l.effect.summary), ['скасування: відсутність судді (відрядження): Петренко (тест), з 14 грудня 2026 року']);
});

test('a judges’ timesheet entered as a draft and not signed by the next working day after its signing is overdue (2.3)', async () => {
  const day = overdueDay();
  const t = await create(court.tokens.head, { kind: 'tabel-suddiv', signedOn: day, signers: [LOGINS.head], fields: { period: 'листопад 2026 року', content: 'Петренко (тест) — 20 робочих днів; Коваль (тест) — 18 робочих днів' } });
  let rows = await overdue();
  const row = rows.find((x) => x.documentId === t.id);
  assert.ok(row, JSON.stringify(rows));
  assert.equal([row!.reason, row!.rule, row!.deadline], ['not-original', '2.3', nextWorkingDay(calendar(), day as IsoDate)]);
  assert.ok(row!.text.startsWith(`Табель обліку використання робочого часу суддів № ${t.register.number} від `), row!.text);
  assert.ok(row!.detail.includes('Тест head1'), 'who must sign, by full name');
  const text = await call('GET', '/control/overdue-orders?format=text', court.tokens.chief);
  assert.is(text.status, 200);
  assert.ok(text.bytes.toString('utf8').includes('Табель обліку використання робочого часу суддів'));
  await sign(t.id, 'head');
  rows = await overdue();
  assert.not.ok(rows.some((x) => x.documentId === t.id));
});

test('a case document from the court’s own template (documents.yaml caseTemplates): the card’s fields, the template’s signer roles', async () => {
  const reg = await call('POST', '/registrations', court.tokens.registrar, claim());
  assert.is(reg.status, 201);
  await assignByDraw(court.api, court.tokens.officer, reg.body.ueun, reg.body.proceedingNumber);
  const refused = await call('POST', '/documents', court.tokens.judge, { template: 'ukhvala-bez-rukhu', ueun: reg.body.ueun, signers: [LOGINS.registrar], fields: { defects: 'не додано документ про сплату судового збору', term: 'десять днів з дня вручення ухвали' } });
  assert.is(refused.status, 422, 'the court’s template is signed by a judge');
  assert.is(refused.body.error.code, 'SIGNER_NOT_ALLOWED');
  const r = await call('POST', '/documents', court.tokens.judge, { template: 'ukhvala-bez-rukhu', ueun: reg.body.ueun, signers: [LOGINS.judge], fields: { defects: 'не додано документ про сплату судового збору', term: 'десять днів з дня вручення ухвали' } });
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.template, { id: 'ukhvala-bez-rukhu', version: 1 });
  assert.ok(r.body.text.startsWith('Лубенський міськрайонний суд Полтавської області\nУХВАЛА\nпро залишення позовної заяви без руху\n'), r.body.text);
  assert.ok(r.body.text.includes(`справа № ${reg.body.ueun}`));
  assert.ok(r.body.text.includes('Суддя — Петренко (тест), розглянувши позовну заяву, що надійшла '), r.body.text);
  assert.not.ok(r.body.text.includes('{{'));
  const signed = await sign(r.body.id, 'judge');
  assert.is(signed.state, 'Original');
});

test('wrong role → refused, nothing written: a registrar creating the chief judge’s order, a registrar as its signer, a judge’s memo by the head of staff', async () => {
  const before = head();
  let r = await call('POST', '/orders', court.tokens.registrar, trip(today()));
  assert.is(r.status, 403, JSON.stringify(r.body));
  assert.is(r.body.error.code, 'CREATOR_ROLE_NOT_ALLOWED');
  assert.ok(r.body.error.message.uk.length > 0);
  r = await call('POST', '/orders', court.tokens.head, { ...trip(today()), signers: [LOGINS.registrar] });
  assert.is(r.status, 422);
  assert.is(r.body.error.code, 'SIGNER_NOT_ALLOWED');
  r = await call('POST', '/orders', court.tokens.head, { kind: 'zapyska-suddi-dopovidacha', signers: [LOGINS.judge], fields: { caseNumber: '1', request: 'x', reasons: 'y' } });
  assert.is(r.status, 403);
  r = await call('POST', '/orders', court.tokens.auditor, trip(today()));
  assert.is(r.status, 403);
  r = await call('POST', '/orders', court.tokens.head, { ...trip(today()), fields: { ...trip(today()).fields, judge: 'no.such.judge' } });
  assert.is(r.status, 422);
  assert.is(r.body.error.code, 'PERSON_UNKNOWN');
  r = await call('POST', '/orders', court.tokens.head, { ...trip('2999-01-01') });
  assert.is(r.status, 422);
  assert.is(r.body.error.code, 'SIGNED_ON_IN_FUTURE');
  // the chief judge's order is signed by the chief judge only
  const d = await create(court.tokens.head, trip(today()));
  const mid = head();
  const c = await call('GET', `/documents/${enc(d.id)}/content`, court.tokens.head);
  const s = await call('POST', `/documents/${enc(d.id)}/signatures`, court.tokens.head, { cms: signDetached({ content: c.bytes, certPem: certs.head!.certPem, keyPem: certs.head!.keyPem }).toString('base64') });
  assert.is(s.status, 403);
  assert.is(s.body.error.code, 'NOT_A_REQUIRED_SIGNER');
  assert.equal(head(), mid);
  assert.ok(before.gseq < mid.gseq, 'only the valid order was written');
});

test('template configuration with errors → every error listed at load', () => {
  const dir = tempDir('asds-orders-bad-');
  writeFileSync(
    join(dir, 'documents.yaml'),
    [
      'schema: asds.court-documents/v1',
      'jurisdiction: з',
      'registers:',
      '  - { id: r, title: Розпорядження, numberFormat: "{seq}-р" }',
      '  - { id: r, title: Інший журнал, numberFormat: "номер-р" }',
      'kinds:',
      '  - { id: k, class: memo, type: записка, title: Записка, register: nope, creators: [judge], signers: [judge], effects: [], input: [court], text: "{{court}} {{unknownField}}", followUp: { kinds: [missing], rule: "4.9" } }',
      'caseTemplates:',
      '  - { id: povistka, version: 2, type: повістка, title: Повістка, input: [ueun], signerRoles: [judge], text: "{{court}} {{hearingPlace}}" }',
    ].join('\n'),
  );
  try {
    loadCourtDocumentsFile(join(dir, 'zasady.yaml'));
    assert.unreachable('a configuration with errors must not load');
  } catch (e) {
    assert.instance(e, ConfigInvalid);
    const codes = (e as ConfigInvalid).errors.map((x) => x.code).sort();
    assert.equal(codes, ['DUPLICATE_REGISTER', 'NO_SEQUENCE', 'RESERVED_FIELD', 'RESERVED_FIELD', 'UNKNOWN_KIND', 'UNKNOWN_PLACEHOLDER', 'UNKNOWN_PLACEHOLDER', 'UNKNOWN_REGISTER', 'VERSION_NOT_ABOVE_BUILT_IN']);
  }
  // the node refuses to start with it, naming every error
  for (const f of ['zasady.yaml', 'calendar.yaml', 'legal-force.yaml']) copyFileSync(join(dirname(zasadyFile), f), join(dir, f));
  assert.throws(() => courtBehaviors({ court: '537', dataDir: tempDir('asds-orders-bad-data-'), zasadyFile: join(dir, 'zasady.yaml'), keyPassphrase: TEST_KEY_PASSPHRASE }), (e: Error) => e instanceof ConfigInvalid && e.errors.length === 9 && /UNKNOWN_PLACEHOLDER/.test(e.message));
  // schema errors: every one, not the first five
  const schema = courtDocumentsIssues({ schema: 'asds.court-documents/v1', jurisdiction: 'zz', registers: [], kinds: [{ id: 'A' }] });
  assert.ok(schema.length >= 10, JSON.stringify(schema));
  assert.ok(schema.some((x) => x.path === '/jurisdiction') && schema.some((x) => x.path === '/kinds/0/text'));
  // the shipped Lubny file loads
  assert.ok(loadCourtDocumentsFile(join(LUBNY, 'zasady.yaml')).kinds.length >= 6);
});

test('the court documents’ new event types have redaction rules', () => {
  for (const t of ['document-linked', 'reference-pending', 'reference-resolved']) assert.ok(ruleFor('documents', t), `documents/${t}`);
});

test.run();
