/**
 * Court documents through a real court (Засади 13.1–13.2): a ruling from a
 * template with fields from the case card, two required signers with staff
 * certificates of the court CA (`<data>/pki`), Draft → Original, verify; and
 * the refusals that write nothing: other content (HASH_FAILURE), a signer not
 * required, an expired certificate (INDETERMINATE), an edit after Original.
 * Plus `asds pki init` / `asds pki issue`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildCrl, issueUserCertificate, revokeCertificate, signDetached, verifyDetached, loadTrustStore, type IssuedCertificate } from '../../actors/pki/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { callerOf, claim, LOGINS, startCourt, type Court } from './support.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { assignByDraw, lawfulZasadyFile } from './distribution/lawful.ts';

const test = suite('court documents: templates, signatures, Draft → Original');
let court: Court;
let ueun: string;
let proceedingNumber: string;
const certs: Record<string, IssuedCertificate> = {};
const DAY = 86_400_000;

test.before(async () => {
  court = await startCourt({ zasadyFile: lawfulZasadyFile() });
  const pki = join(court.dataDir, 'pki');
  assert.ok(existsSync(join(pki, 'ca.crt.pem')), 'the court CA is created on first start');
  for (const k of ['judge', 'registrar', 'judge2'] as const) certs[k] = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: pki, login: LOGINS[k]!, fullName: `Тест ${LOGINS[k]}`, role: k });
  // A certificate of the court CA that expired yesterday (its own login: the CA keeps one certificate per login).
  certs.expired = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: pki, login: 'expired-cert', fullName: `Тест ${LOGINS.judge2}`, notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
  const reg = await court.api.call('POST', '/registrations', { token: court.tokens.registrar, body: claim(), headers: { 'idempotency-key': 'documents-0001' } });
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  ueun = reg.body.ueun;
  proceedingNumber = reg.body.proceedingNumber;
  // The judge comes from the draw (judge.petrenko is this Засади's only civil judge), never from a request.
  assert.is((await assignByDraw(court.api, court.tokens.officer, ueun, proceedingNumber)).judge, LOGINS.judge);
});
test.after(async () => {
  await court.server.stop('test over');
  await cleanup();
});

const call = callerOf(() => court);
const docPath = (id: string) => `/documents/${encodeURIComponent(id)}`;
const sign = (id: string, token: string, cms: Buffer) => call('POST', `${docPath(id)}/signatures`, token, { cms: cms.toString('base64') });
const journalHead = () => (court.server.host.journal.flushNow(), court.server.host.journal.head());

async function create(signers: string[], template = 'ukhvala-vidkryttia', fields: Record<string, string> = { place: 'м. Лубни', procedure: 'загального позовного провадження' }) {
  const r = await call('POST', '/documents', court.tokens.judge, { template, ueun, signers, fields });
  assert.is(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function contentOf(id: string, token = court.tokens.registrar): Promise<Buffer> {
  const r = await call('GET', `${docPath(id)}/content`, token);
  assert.is(r.status, 200);
  return r.bytes;
}

test('a ruling from the template, two signers → Original → verified; no edit after', async () => {
  // a panel's ruling: both judges sign (Засади 13.2)
  const doc = await create([LOGINS.judge!, LOGINS.judge2!]);
  assert.is(doc.state, 'Draft');
  assert.is(doc.idParts.courtDbCode, '537');
  assert.match(doc.idParts.documentNo, /^\d{9}$/);
  assert.is(doc.idParts.type, 'ухвала');
  assert.is(doc.idParts.jurisdiction, 'ц', 'civil index 2 → ц');
  assert.is(doc.id, `537-${doc.idParts.documentNo}-ухвала-ц`);
  // fields from the card and from the author
  assert.ok(doc.text.includes(`Справа № ${ueun}, провадження № ${proceedingNumber}`), doc.text);
  assert.ok(doc.text.includes('за позовом: позивач — Іваненко Іван Іванович, відповідач — ТОВ «Ромашка»'), doc.text);
  // the judge by full name (the Засади roster), never the login (issue 13 item 12)
  assert.ok(doc.text.includes('у складі: суддя — Петренко (тест)'), doc.text);
  assert.not.ok(doc.text.includes(LOGINS.judge!), doc.text);
  assert.ok(doc.text.includes('м. Лубни'));
  assert.not.ok(doc.text.includes('{{'), 'every placeholder filled');

  const content = await contentOf(doc.id);
  assert.equal(JSON.parse(content.toString('utf8')).text, doc.text);

  const first = await sign(doc.id, court.tokens.judge, signDetached({ content, certPem: certs.judge!.certPem, keyPem: certs.judge!.keyPem }));
  assert.is(first.status, 201, JSON.stringify(first.body));
  assert.is(first.body.state, 'Draft');
  assert.is(first.body.verification.indication, 'TOTAL_PASSED');
  assert.equal(first.body.remaining, [LOGINS.judge2]);

  // the same signer twice → refused
  const twice = await sign(doc.id, court.tokens.judge, signDetached({ content, certPem: certs.judge!.certPem, keyPem: certs.judge!.keyPem }));
  assert.is(twice.status, 409);
  assert.is(twice.body.error.code, 'ALREADY_SIGNED');

  const second = await sign(doc.id, court.tokens.judge2, signDetached({ content, certPem: certs.judge2!.certPem, keyPem: certs.judge2!.keyPem }));
  assert.is(second.status, 201, JSON.stringify(second.body));
  assert.is(second.body.state, 'Original');

  const got = await call('GET', docPath(doc.id), court.tokens.auditor);
  assert.is(got.status, 200);
  assert.is(got.body.state, 'Original');
  assert.equal(got.body.signatures.map((g: { login: string }) => g.login), [LOGINS.judge, LOGINS.judge2]);
  for (const g of got.body.signatures) {
    assert.is(g.verification.indication, 'TOTAL_PASSED');
    assert.is(g.verification.reason, 'OK');
    // the recorded CMS verifies independently over the served bytes
    const r = verifyDetached({ content, cms: Buffer.from(g.cms, 'base64'), trustStore: loadTrustStore(join(court.dataDir, 'pki')) });
    assert.is(r.indication, 'TOTAL_PASSED');
  }

  const v = await call('GET', `${docPath(doc.id)}/verification`, court.tokens.chief);
  assert.is(v.status, 200);
  assert.is(v.body.valid, true);
  assert.equal(v.body.missing, []);
  assert.equal(v.body.signatures.map((g: { indication: string }) => g.indication), ['TOTAL_PASSED', 'TOTAL_PASSED']);

  // no edit, no further signature after Original — and nothing written
  const head = journalHead();
  const edit = await call('PUT', `${docPath(doc.id)}/fields`, court.tokens.judge, { fields: { place: 'м. Полтава' } });
  assert.is(edit.status, 409);
  assert.is(edit.body.error.code, 'DOCUMENT_ORIGINAL');
  assert.equal(journalHead(), head);
  assert.equal(await contentOf(doc.id), content);
});

test('a signature over other content → TOTAL_FAILED HASH_FAILURE, nothing written', async () => {
  const doc = await create([LOGINS.judge!]);
  const content = await contentOf(doc.id);
  const other = Buffer.from(content.toString('utf8').replace('м. Лубни', 'м. Полтава'));
  assert.not.equal(other, content);
  const head = journalHead();
  const r = await sign(doc.id, court.tokens.judge, signDetached({ content: other, certPem: certs.judge!.certPem, keyPem: certs.judge!.keyPem }));
  assert.is(r.status, 422);
  assert.is(r.body.error.code, 'SIGNATURE_REJECTED');
  assert.is(r.body.error.details.indication, 'TOTAL_FAILED');
  assert.is(r.body.error.details.reason, 'HASH_FAILURE');
  assert.ok(r.body.error.message.uk.length > 0 && r.body.error.details.message.uk.includes('геш'));
  assert.equal(journalHead(), head, 'not one journal write');
  const got = await call('GET', docPath(doc.id), court.tokens.judge);
  assert.is(got.body.state, 'Draft');
  assert.equal(got.body.signatures, []);
});

test('a signer not in the required list → refused, nothing written', async () => {
  const doc = await create([LOGINS.judge!]);
  const content = await contentOf(doc.id);
  const head = journalHead();
  const r = await sign(doc.id, court.tokens.judge2, signDetached({ content, certPem: certs.judge2!.certPem, keyPem: certs.judge2!.keyPem }));
  assert.is(r.status, 403);
  assert.is(r.body.error.code, 'NOT_A_REQUIRED_SIGNER');
  assert.equal(r.body.error.details.requiredSigners, [LOGINS.judge]);
  assert.equal(journalHead(), head);
  assert.equal((await call('GET', docPath(doc.id), court.tokens.judge)).body.signatures, []);
});

test('an expired certificate → INDETERMINATE, nothing written; another person’s certificate → refused', async () => {
  const doc = await create([LOGINS.judge2!], 'povistka', { addressee: 'ТОВ «Ромашка»', hearingAt: '2026-03-02 10:00', room: '3' });
  assert.is(doc.idParts.type, 'повістка');
  assert.ok(doc.text.includes('позивач: Іваненко Іван Іванович; відповідач: ТОВ «Ромашка»'), doc.text);
  const content = await contentOf(doc.id);
  const head = journalHead();
  const expired = await sign(doc.id, court.tokens.judge2, signDetached({ content, certPem: certs.expired!.certPem, keyPem: certs.expired!.keyPem }));
  assert.is(expired.status, 422);
  assert.is(expired.body.error.details.indication, 'INDETERMINATE');
  assert.match(expired.body.error.details.reason, /^CERT_EXPIRED/);
  // a valid certificate, but the judge's, not judge2's
  const foreign = await sign(doc.id, court.tokens.judge2, signDetached({ content, certPem: certs.judge!.certPem, keyPem: certs.judge!.keyPem }));
  assert.is(foreign.status, 422);
  assert.is(foreign.body.error.code, 'SIGNER_CERTIFICATE_MISMATCH');
  assert.equal(journalHead(), head);
  const ok = await sign(doc.id, court.tokens.judge2, signDetached({ content, certPem: certs.judge2!.certPem, keyPem: certs.judge2!.keyPem }));
  assert.is(ok.body.state, 'Original');
});

test('create: roles, unknown template, a field the card owns, missing input; edit a draft before signing', async () => {
  const base = { template: 'ukhvala-vidkryttia', ueun, signers: [LOGINS.judge], fields: { place: 'м. Лубни', procedure: 'спрощеного провадження' } };
  assert.is((await call('POST', '/documents', court.tokens.auditor, base)).status, 403);
  const unknown = await call('POST', '/documents', court.tokens.registrar, { ...base, template: 'nope' });
  assert.is(unknown.body.error.code, 'TEMPLATE_NOT_FOUND');
  const owned = await call('POST', '/documents', court.tokens.registrar, { ...base, fields: { ...base.fields, ueun: '1/1/25' } });
  assert.is(owned.body.error.code, 'FIELD_NOT_IN_TEMPLATE');
  const missing = await call('POST', '/documents', court.tokens.registrar, { ...base, fields: { place: 'м. Лубни' } });
  assert.is(missing.status, 422);
  assert.equal(missing.body.error.details.missing, ['procedure']);
  const doc = (await call('POST', '/documents', court.tokens.registrar, base)).body;
  const edited = await call('PUT', `${docPath(doc.id)}/fields`, court.tokens.registrar, { fields: { procedure: 'загального позовного провадження' } });
  assert.is(edited.status, 200);
  assert.is(edited.body.revision, 2);
  assert.ok(edited.body.text.includes('за правилами загального позовного провадження'));
  const list = await call('GET', `/documents?ueun=${encodeURIComponent(ueun)}`, court.tokens.auditor);
  assert.ok(list.body.documents.some((d: { id: string }) => d.id === doc.id));
});

test('signers must be active users with a role the template allows: else refused, nothing written', async () => {
  const head = journalHead();
  const base = { template: 'ukhvala-vidkryttia', ueun, fields: { place: 'м. Лубни', procedure: 'спрощеного провадження' } };
  const registrar = await call('POST', '/documents', court.tokens.judge, { ...base, signers: [LOGINS.judge, LOGINS.registrar] });
  assert.is(registrar.status, 422, JSON.stringify(registrar.body));
  assert.is(registrar.body.error.code, 'SIGNER_NOT_ALLOWED');
  assert.equal(registrar.body.error.details.problems, [{ login: LOGINS.registrar, problem: 'role', role: 'registrar' }]);
  assert.equal(registrar.body.error.details.signerRoles, ['judge']);
  assert.ok(registrar.body.error.message.uk.includes('Підписувачем'));
  const unknown = await call('POST', '/documents', court.tokens.judge, { ...base, signers: ['nobody-here'] });
  assert.is(unknown.status, 422);
  assert.equal(unknown.body.error.details.problems, [{ login: 'nobody-here', problem: 'unknown' }]);
  assert.equal(journalHead(), head, 'not one journal write');
  // a summons may be signed by the registrar (court staff) — the same login, another template
  const summons = await call('POST', '/documents', court.tokens.registrar, { template: 'povistka', ueun, signers: [LOGINS.registrar], fields: { addressee: 'Іваненко І. І.', hearingAt: '2026-03-02 10:00', room: '1' } });
  assert.is(summons.status, 201, JSON.stringify(summons.body));
});

test('a decision (рішення) from its template: signed by the judge → Original', async () => {
  const doc = await create([LOGINS.judge!], 'rishennia', {
    place: 'м. Лубни',
    reasoning: 'Відповідач борг не повернув.',
    operativePart: 'Позов задовольнити повністю.',
    appealNotice: 'Рішення може бути оскаржене до Полтавського апеляційного суду протягом тридцяти днів.',
  });
  assert.is(doc.idParts.type, 'рішення');
  assert.match(doc.text, /^Лубенський міськрайонний суд Полтавської області\nРІШЕННЯ\nІМЕНЕМ УКРАЇНИ\n/);
  assert.ok(doc.text.includes('УХВАЛИВ:\nПозов задовольнити повністю.'), doc.text);
  const content = await contentOf(doc.id);
  const r = await sign(doc.id, court.tokens.judge, signDetached({ content, certPem: certs.judge!.certPem, keyPem: certs.judge!.keyPem }));
  assert.is(r.body.state, 'Original');
});

test('a document as a printable PDF (Draft and Original), readers only', async () => {
  const doc = await create([LOGINS.judge!]);
  const draft = await call('GET', `${docPath(doc.id)}/pdf`, court.tokens.auditor);
  assert.is(draft.status, 200);
  assert.match(String(draft.headers.get('content-type')), /application\/pdf/);
  assert.is(draft.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const content = await contentOf(doc.id);
  const signed = await sign(doc.id, court.tokens.judge, signDetached({ content, certPem: certs.judge!.certPem, keyPem: certs.judge!.keyPem }));
  assert.is(signed.body.state, 'Original');
  const original = await call('GET', `${docPath(doc.id)}/pdf`, court.tokens.judge);
  assert.is(original.status, 200);
  assert.ok(original.bytes.length > draft.bytes.length, 'the Original prints its signature requisites');
  assert.is((await call('GET', `${docPath('537-999999999-ухвала-ц')}/pdf`, court.tokens.judge)).body.error.code, 'DOCUMENT_NOT_FOUND');
  assert.is((await court.api.call('GET', `${docPath(doc.id)}/pdf`, {})).status, 401);
});

test('a certificate revoked while the court runs is refused at the next signature (CRL re-read, no restart), nothing written', async () => {
  const doc = await create([LOGINS.judge2!], 'povistka', { addressee: 'ТОВ «Ромашка»', hearingAt: '2026-03-03 10:00', room: '3' });
  const content = await contentOf(doc.id);
  const pki = join(court.dataDir, 'pki');
  revokeCertificate({ dir: pki, serial: certs.judge2!.serial, reason: 'keyCompromise', revokedAt: new Date(Date.now() - 60_000) });
  buildCrl({ passphrase: TEST_KEY_PASSPHRASE, dir: pki });
  const head = journalHead();
  const r = await sign(doc.id, court.tokens.judge2, signDetached({ content, certPem: certs.judge2!.certPem, keyPem: certs.judge2!.keyPem }));
  assert.is(r.status, 422, JSON.stringify(r.body));
  assert.is(r.body.error.details.reason, 'CERT_REVOKED');
  assert.equal(journalHead(), head, 'nothing written');
});

test('asds pki init / pki issue', () => {
  const data = tempDir('asds-pki-cli-');
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/asds.js', ...args], { encoding: 'utf8', env: { ...process.env, ASDS_LOG: 'error', ASDS_KEY_PASSPHRASE: TEST_KEY_PASSPHRASE } });
  // The keys are encrypted at rest: with no passphrase (env or owner-only file) nothing is created.
  const bare = spawnSync(process.execPath, ['bin/asds.js', 'pki', 'init', '--data', data, '--court', '537'], { encoding: 'utf8', env: { ...process.env, ASDS_LOG: 'error', ASDS_KEY_PASSPHRASE: '' } });
  assert.is(bare.status, 2, bare.stderr);
  assert.match(bare.stderr, /ASDS_KEY_PASSPHRASE/);
  assert.not.ok(existsSync(join(data, 'pki')), 'nothing written without a passphrase');
  const init = run('pki', 'init', '--data', data, '--court', '537');
  assert.is(init.status, 0, init.stderr);
  assert.is(JSON.parse(init.stdout).court, '537');
  assert.ok(existsSync(join(data, 'pki', 'ca.crt.pem')));
  assert.is(run('pki', 'init', '--data', data).status, 1, 'a second CA is refused');
  const issue = run('pki', 'issue', '--data', data, '--user', 'judge.petrenko', '--name', 'Петренко П. П.', '--role', 'суддя');
  assert.is(issue.status, 0, issue.stderr);
  const out = JSON.parse(issue.stdout);
  assert.ok(existsSync(out.cert) && existsSync(out.key));
  assert.is(run('pki', 'issue', '--data', data).status, 2, '--user is required');
});

test.run();
