/**
 * Printouts in court language (issue 13 item 12) through a real court node:
 * documents, the distribution protocol PDF, the public lists and the load
 * page name the court in full, judges by full name (never a login or an id),
 * categories by their Засади name, dates in Ukrainian words and times in Kyiv
 * time; case numbers are ordered numerically (537/2/26 before 537/10/26).
 * PDFs are read back as text (test/support/pdf-text.ts); a line wrapped by
 * the page or a label set apart from its value is joined with one space.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compareByCaseNumber, compareCaseNumbers } from '../../actors/court/case-numbers.ts';
import { kyivDateTimeUk, longDateUk, shortDateUk } from '../../actors/court/dates.ts';
import { signatureName } from '../../actors/court/print.ts';
import { sortLists, emptyLists } from '../../actors/court/public/lists.ts';
import { templateOf, TEMPLATES } from '../../actors/court/documents/templates.ts';
import { documentsBehavior, type CourtDocument } from '../../actors/court/documents/behavior.ts';
import type { CourtTrust } from '../../actors/court/documents/trust.ts';
import type { DecideContext } from '../../runtime/actor.ts';
import { cleanup } from '../support/servers.ts';
import { pdfText } from '../support/pdf-text.ts';
import { callerOf, claim, LOGINS, today, type Court } from './support.ts';
import { startPrintedCourt } from './printed-court.ts';

const COURT = 'Лубенський міськрайонний суд Полтавської області';
const MONTH = /\d{1,2} (січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня) \d{4} року/;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

const unit = suite('printouts: helpers');

unit('case numbers compare numerically, part by part', () => {
  const got = ['537/10/26', '537/2/26', '537/1/25', '537/11/26', '537/2/25'].sort(compareCaseNumbers);
  assert.equal(got, ['537/1/25', '537/2/25', '537/2/26', '537/10/26', '537/11/26']);
  assert.ok(compareCaseNumbers('537/2/26', '537/10/26') < 0, '537/2/26 before 537/10/26');
  assert.ok(compareCaseNumbers('2/537/9/26', '2/537/10/26') < 0);
  assert.ok(compareCaseNumbers('1-кп/537/3/26', '1-кс/537/3/26') < 0, 'letters by Ukrainian collation');
  assert.is(compareCaseNumbers('537/5/26', '537/5/26'), 0);
  assert.ok(compareByCaseNumber({ ueun: '537/5/26', proceedingNumber: '2/537/10/26' }, { ueun: '537/5/26', proceedingNumber: '2/537/9/26' }) > 0);
});

unit('public lists are sorted by case number numerically', () => {
  const l = emptyLists('537', '2026-01-05', Date.parse('2026-01-05T10:00:00Z'), []);
  const st = (n: number) => ({ court: '537', ueun: `537/${n}/26`, proceedingNumber: `2/537/${n}/26`, registrationDate: '2026-01-05', composition: null, stage: 'x', distributionReport: null, restricted: true as const });
  l.stages.push(st(10), st(2), st(1));
  assert.equal(sortLists(l).stages.map((s) => s.ueun), ['537/1/26', '537/2/26', '537/10/26']);
});

unit('Ukrainian dates, Kyiv time and the signature name', () => {
  assert.is(longDateUk('2026-01-05'), '5 січня 2026 року');
  assert.is(longDateUk('2026-12-31'), '31 грудня 2026 року');
  assert.is(shortDateUk('2026-01-05'), '05.01.2026');
  // Kyiv is UTC+2 in winter and UTC+3 in summer; the day may change
  assert.is(kyivDateTimeUk('2026-01-05T22:30:00Z'), '6 січня 2026 року о 00:30');
  assert.is(kyivDateTimeUk('2026-07-01T09:03:00Z'), '1 липня 2026 року о 12:03');
  assert.is(signatureName('Петренко Петро Петрович'), 'П. П. Петренко');
  assert.is(signatureName("Дем'яненко Їжак Євгенович"), "Ї. Є. Дем'яненко");
  assert.is(signatureName('Петренко (тест)'), 'Петренко (тест)', 'not a full name: printed as given');
});

unit('templates are versioned: v2 is offered, v1 stays readable for its drafts', () => {
  for (const t of Object.values(TEMPLATES)) {
    assert.is(t.version, 2);
    assert.ok(t.text.startsWith('{{court}}'), `${t.id}: the court's name heads the document`);
    assert.match(t.text, /____ \{\{judgeSignature\}\}/, `${t.id}: a signature block`);
  }
  const v1 = templateOf({ id: 'ukhvala-vidkryttia', version: 1 });
  assert.ok(v1 && v1.text.includes('Суддя {{judge}}'), 'the v1 wording is kept for v1 drafts');
  assert.is(templateOf({ id: 'ukhvala-vidkryttia', version: 3 }), undefined);
});

unit('a v1 draft is edited by its own v1 template (its wording is not silently changed to v2)', () => {
  const b = documentsBehavior({ trust: {} as CourtTrust });
  const fields = { ueun: '537/1/25', proceedingNumber: '2/537/1/25', place: 'м. Лубни', procedure: 'загального позовного провадження', judge: 'judge.petrenko', documentKind: 'позовна заява', documentTitle: 'про борг', claimant: 'А', respondent: 'Б', description: 'борг', registrationDate: '2025-06-10' };
  const v1 = templateOf({ id: 'ukhvala-vidkryttia', version: 1 })!;
  const d = { id: '537-000000001-ухвала-ц', template: { id: v1.id, version: 1 }, type: v1.type, title: v1.title, ueun: '537/1/25', proceedingNumber: '2/537/1/25', fields, text: 'v1', requiredSigners: ['judge.petrenko'], revision: 1, createdAt: '2025-06-10T08:00:00Z', createdBy: 'judge.petrenko', state: 'Draft', signatures: [] } as unknown as CourtDocument;
  const ctx = { now: Date.parse('2025-06-11T08:00:00Z'), meta: { author: 'judge.petrenko' } } as unknown as DecideContext;
  const r = b.decide({ court: '537', next: 2, documents: { [d.id]: d } }, { type: 'edit', documentId: d.id, fields: { place: 'м. Полтава' } } as never, ctx);
  const edited = r.reply as CourtDocument;
  assert.equal(edited.template, { id: 'ukhvala-vidkryttia', version: 1 });
  assert.ok(edited.text.startsWith('УХВАЛА\n'), edited.text);
  assert.ok(edited.text.includes('м. Полтава'));
});

unit.run();

const test = suite('printouts in court language: a real court node');
let court: Court;
let ueun: string;
let proceedingNumber: string;
let protocolId: string;
const call = callerOf(() => court);

test.before(async () => {
  ({ court, ueun, proceedingNumber, protocolId } = await startPrintedCourt('printouts'));
});
test.after(async () => {
  await court.server.stop('test over');
  await cleanup();
});

test('a ruling (template v2): court name, judge by full name, signature block, date in words — no login', async () => {
  const r = await call('POST', '/documents', court.tokens.judge, { template: 'ukhvala-vidkryttia', ueun, signers: [LOGINS.judge], fields: { place: 'м. Лубни', procedure: 'спрощеного позовного провадження' } });
  assert.is(r.status, 201, JSON.stringify(r.body));
  const d = r.body;
  assert.equal(d.template, { id: 'ukhvala-vidkryttia', version: 2 });
  const lines = d.text.split('\n');
  assert.is(lines[0], COURT, 'the header is the court’s full name');
  assert.is(lines[1], 'УХВАЛА');
  assert.is(lines[3], `${longDateUk(today())}, м. Лубни`, 'the date the ruling is made, in words');
  assert.ok(d.text.includes(`${COURT} у складі: суддя — Петренко Петро Петрович`), d.text);
  assert.ok(d.text.includes(`матеріали надійшли до суду ${longDateUk(today())}`), d.text);
  assert.is(lines.at(-1), 'Суддя ____________ П. П. Петренко');
  assert.not.ok(d.text.includes(LOGINS.judge!), 'no login in the text');
  assert.not.match(d.text, ISO_DATE);
  assert.match(d.text, MONTH);

  const pdf = await call('GET', `/documents/${encodeURIComponent(d.id)}/pdf`, court.tokens.registrar);
  assert.is(pdf.status, 200);
  const text = pdfText(pdf.bytes).replace(/\s+/g, ' ');
  assert.ok(text.includes(COURT), text);
  assert.ok(text.includes('П. П. Петренко'), text);
  assert.ok(text.includes('Створив: Петренко Петро Петрович'), text);
  assert.match(text, /\d{1,2} [а-яі]+ \d{4} року о \d{2}:\d{2}/, 'created at, in Kyiv time');
  assert.not.ok(text.includes(LOGINS.judge!), 'no login in the printout');
});

test('a summons: the court, the presiding judge by full name, a signature block', async () => {
  const r = await call('POST', '/documents', court.tokens.registrar, { template: 'povistka', ueun, signers: [LOGINS.registrar], fields: { addressee: 'Іваненко Іван Іванович', hearingAt: '12 січня 2026 року о 10:00', room: '3' } });
  assert.is(r.status, 201, JSON.stringify(r.body));
  assert.ok(r.body.text.startsWith(`${COURT}\nСУДОВА ПОВІСТКА`), r.body.text);
  assert.ok(r.body.text.includes('Головуючий суддя — Петренко Петро Петрович.'), r.body.text);
  assert.ok(r.body.text.endsWith('Головуючий суддя ____________ П. П. Петренко'), r.body.text);
  assert.not.ok(r.body.text.includes(LOGINS.judge!));
});

test('the distribution protocol PDF: court name, category name, judges by name, Kyiv time — no ids or codes', async () => {
  const r = await call('GET', `/protocols/${encodeURIComponent(protocolId)}/pdf`, court.tokens.registrar);
  assert.is(r.status, 200);
  const lines = pdfText(r.bytes).split('\n');
  const text = lines.join(' ').replace(/\s+/g, ' ');
  assert.is(lines[0], COURT, 'the court’s full name heads the protocol');
  assert.ok(text.includes('Категорія справи: Цивільні справи позовного провадження'), text);
  assert.not.ok(text.includes('№ №'), 'a number is marked once');
  assert.ok(text.includes('головуючий (суддя-доповідач) — Петренко Петро Петрович'), text);
  assert.match(text, /Дата і час розподілу: \d{1,2} [а-яі]+ \d{4} року о \d{2}:\d{2}/);
  assert.not.ok(text.includes('civil-claim'), 'no category code');
  assert.not.ok(/judge\.(petrenko|koval)/.test(text), 'no judge id or login');
});

test('public lists (HTML): the court in full, dates in Ukrainian; case numbers in numeric order', async () => {
  // ten more claims today: 537/2/yy … 537/11/yy, where a string sort would put /10/ and /11/ before /2/
  for (let i = 2; i <= 11; i++) {
    const reg = await court.api.call('POST', '/registrations', { token: court.tokens.registrar, body: claim(), headers: { 'idempotency-key': `printouts-${String(i).padStart(4, '0')}` } });
    assert.is(reg.status, 201, JSON.stringify(reg.body));
  }
  const json = await court.api.call('GET', '/public/lists');
  assert.is(json.status, 200);
  const ueuns = json.body.stages.map((s: { ueun: string }) => s.ueun) as string[];
  assert.ok(ueuns.length >= 11, JSON.stringify(ueuns));
  assert.equal(ueuns, [...ueuns].sort(compareCaseNumbers));
  const n = (u: string) => Number(u.split('/')[1]);
  assert.ok(ueuns.findIndex((u) => n(u) === 2) < ueuns.findIndex((u) => n(u) === 10), '…/2/… before …/10/…');

  const html = (await court.api.call('GET', '/public/lists?format=html')).bytes.toString('utf8');
  assert.ok(html.includes(`<h1>${COURT} — інформація за ${longDateUk(today())}</h1>`), html.slice(0, 600));
  assert.ok(html.includes(shortDateUk(today())), 'table dates as 05.01.2026');
  assert.not.ok(html.includes('Суд 537'), 'never the court code for its name');
  assert.ok(html.includes('Петренко Петро Петрович'));
  assert.not.ok(html.includes(LOGINS.judge!));
});

test('the load page: the court in full, dates in words, judges by name only', async () => {
  const html = (await call('GET', '/load?format=html', court.tokens.head)).bytes.toString('utf8');
  assert.ok(html.includes(`<b>${COURT}</b>`), html.slice(0, 800));
  assert.match(html, new RegExp(`Станом на ${longDateUk(today())}`));
  assert.ok(html.includes('<td>Петренко Петро Петрович</td>'), html);
  assert.ok(html.includes('Цивільні справи позовного провадження: 1 / 0'), html);
  assert.ok(html.includes('<li>Цивільні справи позовного провадження — 1,500</li>'), 'decimal comma');
  assert.not.ok(/judge\.(petrenko|koval)/.test(html), 'no judge id');
  assert.not.match(html, ISO_DATE);
});

test.run();
