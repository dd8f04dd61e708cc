/**
 * Printouts in court language, the leftovers of issue 13 item 12, on a real
 * court node (auth, TLS-less loopback HTTP, its own journal and CA):
 * - a distribution protocol names each excluded judge's reason in Ukrainian,
 *   with the Засади's category and specialisation NAMES and the basis
 *   document — no specialisation or category id (`civil`, `civil-claim`);
 * - a juror protocol names the jurors by full name (ids stay in the JSON);
 * - GET /distribution/load carries each judge's full name beside the id;
 * - the court CA and seal certificates carry the court's full name;
 * and, item 13: the node's juror protocols are asds-draw/2 and verify.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cleanup } from '../support/servers.ts';
import { pdfText } from '../support/pdf-text.ts';
import { callerOf, today, type Court } from './support.ts';
import { startPrintedCourt } from './printed-court.ts';
import { reasonLine, inWords } from '../../actors/court/distribution/reason-text.ts';
import { sealCourtName } from '../../actors/court/seal/court-name.ts';

const COURT = 'Лубенський міськрайонний суд Полтавської області';

const unit = suite('court language: reason texts');

const VERSION = { id: 'lubny-2025-04-01', decisionNumber: '№2', effectiveFrom: '2025-04-01' };
const ZASADY = parse(readFileSync('deploy/examples/lubny/zasady.yaml', 'utf8'));

unit('no specialisation: the category and specialisations by their Засади names, the assembly decision as basis', () => {
  const r = { code: 'NO_SPECIALISATION', rule: 'Засади 4.8, 6.1, 9.1', text: 'Суддя не має спеціалізації для цієї категорії справ: потрібна одна з: civil' };
  const l = reasonLine(r, { zasady: ZASADY, version: VERSION, category: 'civil-claim', categoryName: 'Цивільні справи позовного провадження', judgeId: 'LUB-02' });
  assert.is(l.text, 'Суддя не має спеціалізації для категорії справ «Цивільні справи позовного провадження»: потрібна спеціалізація «Цивільне судочинство»; спеціалізація судді — «Кримінальне судочинство» або «Слідчий суддя (8)» або «Адміністративне судочинство та справи про адміністративні правопорушення»');
  assert.is(l.basis, 'рішення зборів суддів №2 від 31 березня 2025 року (Засади, версія lubny-2025-04-01, чинні з 1 квітня 2025 року)');
  // Without the Засади version loaded: still no id, the category by the name the caller has.
  const bare = reasonLine(r, { zasady: null, version: VERSION, category: 'civil-claim', categoryName: 'Цивільні справи позовного провадження', judgeId: 'LUB-02' });
  assert.not.match(bare.text, /civil/);
});

unit('an absence: dates in words, day counts spelled out, the order as basis', () => {
  const r = { code: 'VACATION_BEFORE', rule: 'Засади 4.5', text: 'Період перед початком відпустки: 2026-03-02–2026-03-16, 15 календ. дн.; 7 робоч. дн. до початку', basis: { kind: 'order' as const, number: '12-в', date: '2026-02-20', issuer: 'голова суду' } };
  const l = reasonLine(r, { zasady: ZASADY, version: VERSION, category: 'civil-claim', categoryName: 'x', judgeId: 'LUB-05' });
  assert.is(l.text, 'Період перед початком відпустки: з 2 березня 2026 року по 16 березня 2026 року, 15 календарних днів; 7 робочих днів до початку');
  assert.is(l.basis, 'наказ № 12-в від 20 лютого 2026 року (голова суду)');
  assert.is(inWords('1 робоч. дн., 3 календ. дн., 11 робоч. дн., 21 календ. дн.'), '1 робочий день, 3 календарні дні, 11 робочих днів, 21 календарний день');
});

unit('the CA is named by the Засади court name; another court\'s file or none gives the printed fallback, never "Суд 537"', () => {
  assert.is(sealCourtName('537', 'deploy/examples/lubny/zasady.yaml'), COURT);
  assert.is(sealCourtName('538', 'deploy/examples/lubny/zasady.yaml'), 'Суд (код 538)');
  assert.is(sealCourtName('537', '/nonexistent/zasady.yaml'), 'Суд (код 537)');
});

unit.run();

const test = suite('court language on a real court node: protocols, load, CA; juror draws on asds-draw/2');
let court: Court;
let ueun: string;
let proceedingNumber: string;
let protocolId: string;
const call = callerOf(() => court);

test.before(async () => {
  ({ court, ueun, proceedingNumber, protocolId } = await startPrintedCourt('print-language'));
});
test.after(async () => {
  await court.server.stop('test over');
  await cleanup();
});

test('the distribution protocol PDF: the excluded judge by name, the reason in Ukrainian with Засади names and its basis — no ids or codes', async () => {
  const json = await call('GET', `/protocols/${encodeURIComponent(protocolId)}`, court.tokens.registrar);
  assert.is(json.status, 200);
  // The sealed JSON keeps its codes (and verifies): judge.koval lacks the civil specialisation.
  const excluded = json.body.protocol.excluded.find((x: { judgeId: string }) => x.judgeId === 'judge.koval');
  assert.is(excluded.reasons[0].code, 'NO_SPECIALISATION');
  const r = await call('GET', `/protocols/${encodeURIComponent(protocolId)}/pdf`, court.tokens.registrar);
  assert.is(r.status, 200);
  const text = pdfText(r.bytes).replace(/\s+/g, ' ');
  assert.ok(text.includes('Коваль Олена Іванівна: Суддя не має спеціалізації для категорії справ «Цивільні справи позовного провадження»: потрібна спеціалізація «Цивільне судочинство»; спеціалізація судді — «Адміністративне судочинство та справи про адміністративні правопорушення»'), text);
  assert.ok(text.includes('підстава — рішення зборів суддів №2 від 31 березня 2025 року'), text);
  assert.not.match(text, /\bcivil\b|civil-claim|administrative/, 'no specialisation or category id');
  assert.not.match(text, /judge\.(petrenko|koval)/, 'no judge id');
  assert.ok(text.includes('Крок 1 «головуючий (суддя-доповідач)»'), 'the step by its Ukrainian name, not its label');
  assert.not.ok(text.includes('«presiding»'));
  const v = await call('GET', `/protocols/${encodeURIComponent(protocolId)}/verify`, court.tokens.registrar);
  assert.is(v.body.ok, true, JSON.stringify(v.body));
});

test('GET /distribution/load: each judge by full name beside the id', async () => {
  const r = await call('GET', '/distribution/load', court.tokens.head);
  assert.is(r.status, 200, JSON.stringify(r.body));
  const byId = new Map(r.body.judges.map((j: { judgeId: string; name: string }) => [j.judgeId, j.name]));
  assert.is(byId.get('judge.petrenko'), 'Петренко Петро Петрович');
  assert.is(byId.get('judge.koval'), 'Коваль Олена Іванівна');
  assert.type(r.body.judges[0].N, 'number', 'the figures stay');
});

test('the court CA and seal certificates carry the court’s full name', async () => {
  const r = await court.api.call('GET', '/public/seal-certificate');
  assert.is(r.status, 200);
  assert.ok(r.body.ca.subject.includes(COURT), r.body.ca.subject);
  assert.ok(r.body.seal.subject.includes(`Печатка: ${COURT}`), r.body.seal.subject);
  assert.not.ok(/Суд 537/.test(r.body.ca.subject + r.body.seal.subject), 'never "Суд 537"');
});

test('a juror protocol: jurors by full name in the PDF, ids in the JSON; asds-draw/2 and it verifies on the node', async () => {
  const names = ['Андрієнко Андрій Андрійович', 'Бойко Богдана Богданівна', 'Василенко Василь Васильович', 'Гончар Галина Григорівна', 'Данилюк Дмитро Дмитрович', 'Євтушенко Євгенія Євгенівна', 'Жук Жанна Жорівна', 'Зінченко Зиновій Захарович', 'Іваненко Ірина Іванівна'];
  for (const fullName of names) {
    const a = await call('POST', '/jurors', court.tokens.head, { fullName, addedOn: today(), basis: { kind: 'decision', number: 'р-1', date: today() } });
    assert.is(a.status, 201, JSON.stringify(a.body));
  }
  const sel = await call('POST', '/jurors/selections', court.tokens.officer, { case: { caseId: proceedingNumber, uniqueNumber: ueun, proceedingNumber }, proceeding: 'criminal' });
  assert.is(sel.status, 201, JSON.stringify(sel.body));
  const doc = sel.body.document;
  assert.is(doc.protocol.algorithm, 'asds-draw/2');
  assert.ok(doc.protocol.steps.every((s: { proof?: string }) => typeof s.proof === 'string'));
  assert.match(doc.protocol.chosen.jurors[0], /^P\d{4}$/, 'the JSON keeps the ids');
  const id = encodeURIComponent(doc.documentId);
  const pdf = await call('GET', `/jurors/documents/${id}/pdf`, court.tokens.registrar);
  assert.is(pdf.status, 200);
  const text = pdfText(pdf.bytes).replace(/\s+/g, ' ');
  assert.not.match(text, /\bP\d{4}\b/, 'no juror id in the printout');
  const chosen = doc.protocol.chosen.jurors.map((j: string) => names[Number(j.slice(1)) - 1]);
  assert.ok(text.includes(`Визначено: ${chosen.join(', ')}`), text);
  assert.ok(text.includes('Випадковість (VRF печатки суду, RFC 9381)'), text);
  const v = await call('GET', `/jurors/documents/${id}/verify`, court.tokens.registrar);
  assert.is(v.status, 200);
  assert.equal(v.body.problems, []);
  assert.is(v.body.ok, true);
});

test.run();
