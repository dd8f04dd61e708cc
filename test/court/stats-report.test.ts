/**
 * The court forms its reports from its own records, offline (Засади 16.1.3):
 * a node with no NATS at all forms a form typed as data (16.2) over its cards
 * and the cells equal the hand count; a report failing its logical control
 * (16.1.4) cannot be signed; the statistician's signature makes an
 * "Original" with a unique id (16.3) that verifies against the court CA.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cleanup } from '../support/servers.ts';
import { today } from './support.ts';
import { decided, registeredDrawn, startStatsCourt, type StatsCourt } from './stats-support.ts';
import { loadTrustStore, signDetached, verifyDetached } from '../../actors/pki/index.ts';
import { sha256Hex } from '../../actors/court/stats/index.ts';
import { canonicalJson } from '../../actors/distribution/canonical.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court statistics: reports formed offline, signed into Original');

const COLUMNS = `
    columns:
      - { id: start, code: "1", label: "Залишок на початок періоду", measure: pending-start }
      - { id: received, code: "2", label: "Надійшло", measure: received }
      - { id: resolved, code: "3", label: "Розглянуто", measure: resolved }
      - { id: satisfied, code: "4", label: "з них задоволено", measure: resolved, where: [{ field: result, in: [satisfied] }] }
      - { id: end, code: "5", label: "Залишок на кінець періоду", measure: pending-end }
      - { id: claimed, code: "6", label: "Сума позовних вимог (коп.)", measure: sum-claimed }`;
const form = (id: string, controls: string) => `schema: asds.stats-form/v1
id: ${id}
version: 1
name: "Тестова форма ${id}"
status: example
basis: "тест"
courtKind: місцеві загальні суди
periods: [any]
sections:
  - id: civil
    title: "Цивільні справи"
    rows:
      - { id: total, code: "1", label: "Усього цивільних справ", where: [{ field: index, in: ["2"] }] }
      - { id: claims, code: "2", label: "з них позовних", where: [{ field: index, in: ["2"] }, { field: category, in: [civil-claim] }] }${COLUMNS}
controls:
${controls}`;
const FORMS = {
  'test-civil.yaml': form('test-civil', '  - { id: flow, kind: flow, section: civil, start: start, received: received, resolved: resolved, end: end, text: "Залишок на початок + надійшло − розглянуто = залишок на кінець" }'),
  // a control this court's data fails: everything resolved was satisfied (one was closed)
  'test-failing.yaml': form('test-failing', '  - { id: all-satisfied, kind: le, left: civil.total.resolved, right: civil.total.satisfied, text: "Розглянуто не більше, ніж задоволено" }'),
};

let c: StatsCourt;
test.before(async () => {
  c = await startStatsCourt({ forms: FORMS });
  // three civil cases and a criminal one, all received today: one satisfied (claimed 1 500,00 грн), one closed, one pending
  const a = await registeredDrawn(c);
  await decided(c, a.path, { outcome: 'decision', date: today() });
  assert.is((await c.api.call('PUT', `${a.path}/stat-card`, { token: c.stat, body: { fields: { result: 'satisfied', amountClaimed: 150_000, amountAwarded: 150_000 } } })).status, 200);
  const b = await registeredDrawn(c);
  await decided(c, b.path, { outcome: 'ruling-closing', date: today() });
  await registeredDrawn(c);
  await registeredDrawn(c, { index: '1-кп', category: 'criminal' }, null);
});
test.after(async () => {
  await c.server.stop();
  await cleanup();
});

const q = (formId: string) => `/stats/reports?form=${encodeURIComponent(formId)}&from=${today()}&to=${today()}&kind=any`;

test('a node with no centre forms the report: the cells equal the hand count, the flow identity holds', async () => {
  const r = await c.api.call('GET', q('test-civil'), { token: c.stat });
  assert.is(r.status, 200, JSON.stringify(r.body));
  const row = { start: 0, received: 3, resolved: 2, satisfied: 1, end: 1, claimed: 150_000 };
  assert.equal(r.body.cells.civil, { total: row, claims: row });
  assert.equal(r.body.failures, []);
  assert.equal(r.body.scope, { kind: 'court', court: '537' });
  assert.equal(r.body.form, { id: 'test-civil', version: 1 });
  // the shipped example of № 1-мзс forms from the same cards (one criminal proceeding received)
  const mzs = await c.api.call('GET', q('1-мзс-example'), { token: c.tokens.auditor });
  assert.is(mzs.status, 200, JSON.stringify(mzs.body));
  assert.is(mzs.body.cards, 4);
});

test('the same report as CSV, XLSX and printable Ukrainian HTML with the court’s full name', async () => {
  const csv = await c.api.call('GET', `${q('test-civil')}&format=csv`, { token: c.stat });
  assert.is(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(csv.bytes.toString('utf8'), /Усього цивільних справ/);
  const html = await c.api.call('GET', `${q('test-civil')}&format=html`, { token: c.stat });
  assert.is(html.status, 200);
  const text = html.bytes.toString('utf8');
  assert.match(text, /Лубенський міськрайонний суд Полтавської області/);
  assert.not.match(text, /суд 537/i, 'never the court by its code');
  const xlsx = await c.api.call('GET', `${q('test-civil')}&format=xlsx`, { token: c.stat });
  assert.is(xlsx.status, 200);
  assert.is(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK', 'an OOXML (zip) workbook');
});

test('an unknown form or a period the form does not take is refused', async () => {
  const none = await c.api.call('GET', q('no-such-form'), { token: c.stat });
  assert.is(none.status, 404);
  assert.is(none.body.error.code, 'STAT_FORM_NOT_FOUND');
  const bad = await c.api.call('GET', `/stats/reports?form=test-civil&from=${today()}&to=${today()}&kind=year`, { token: c.stat });
  assert.is(bad.status, 422);
  assert.is(bad.body.error.code, 'STAT_PERIOD_INVALID');
});

test('a report with logical-control failures cannot be signed; nothing is written', async () => {
  const kept = await c.api.call('POST', '/stats/originals', { token: c.stat, body: { form: 'test-failing', from: today(), to: today(), kind: 'any' } });
  assert.is(kept.status, 201, JSON.stringify(kept.body));
  assert.equal(kept.body.report.failures.map((f: { control: string }) => f.control), ['all-satisfied']);
  const content = Buffer.from(kept.body.content, 'utf8');
  const r = await c.api.call('POST', `/stats/originals/${encodeURIComponent(kept.body.documentId)}/signatures`, { token: c.stat, body: { cms: signDetached({ content, certPem: c.cert.certPem, keyPem: c.cert.keyPem }).toString('base64') } });
  assert.is(r.status, 422, JSON.stringify(r.body));
  assert.is(r.body.error.code, 'STAT_REPORT_HAS_FAILURES');
  assert.is(r.body.error.details.failures[0].control, 'all-satisfied');
  const db = new Database(c.journalPath, { readonly: true });
  assert.is((db.prepare("SELECT count(*) AS n FROM events WHERE type = 'stat-report-signed'").get() as { n: number }).n, 0);
  db.close();
});

test('the statistician signs into an Original with a unique id; it verifies; nobody else signs, nor twice', async () => {
  const kept = await c.api.call('POST', '/stats/originals', { token: c.stat, body: { form: 'test-civil', from: today(), to: today(), kind: 'any' } });
  assert.is(kept.status, 201, JSON.stringify(kept.body));
  const id = kept.body.documentId as string;
  assert.match(id, /^537-статзвіт-\d{6}$/);
  const path = `/stats/originals/${encodeURIComponent(id)}`;
  const content = (await c.api.call('GET', `${path}/content`, { token: c.stat })).bytes;
  assert.is(content.toString('utf8'), canonicalJson(kept.body.report), 'the signed bytes are the canonical report');
  const cms = signDetached({ content, certPem: c.cert.certPem, keyPem: c.cert.keyPem }).toString('base64');
  assert.is((await c.api.call('POST', `${path}/signatures`, { token: c.tokens.head, body: { cms } })).status, 403, 'only the statistician signs');
  const signed = await c.api.call('POST', `${path}/signatures`, { token: c.stat, body: { cms } });
  assert.is(signed.status, 201, JSON.stringify(signed.body));
  assert.is(signed.body.state, 'Original');
  assert.is(signed.body.reportSha256, sha256Hex(content));
  const again = await c.api.call('POST', `${path}/signatures`, { token: c.stat, body: { cms } });
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'STAT_REPORT_SIGNED');
  // the recorded CMS verifies independently over the served bytes with the court CA
  const got = await c.api.call('GET', path, { token: c.tokens.auditor });
  assert.is(got.body.signature.author.name, 'Бондар Оксана Петрівна');
  assert.is(got.body.signature.author.position, 'Відповідальна особа з ведення судової статистики');
  const v = verifyDetached({ content, cms: Buffer.from(got.body.signature.cms, 'base64'), trustStore: loadTrustStore(join(c.dataDir, 'pki')) });
  assert.is(v.indication, 'TOTAL_PASSED');
  // printed with its signatory by full name and position (Засади 16.3)
  const printed = (await c.api.call('GET', `${path}/print`, { token: c.tokens.chief })).bytes.toString('utf8');
  assert.match(printed, /Бондар Оксана Петрівна/);
  assert.match(printed, /Відповідальна особа з ведення судової статистики/);
  assert.not.match(printed, /stat\.bondar/, 'never the login');
  // offline: signed, waiting to be sent
  const list = await c.api.call('GET', '/stats/submissions', { token: c.stat });
  const row = list.body.items.find((x: { documentId: string }) => x.documentId === id);
  assert.is(row.status, 'signed');
  assert.is(row.statusUk, 'підписано, очікує надсилання');
  assert.match(row.problem, /без зв’язку з центром/);
});

test.run();
