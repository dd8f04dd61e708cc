/**
 * Prosecutors' electronic cabinets (issue 17 §A.1; 2024 order пп. 5, 11–13):
 * - a regional office registers with its head's qualified signature (CMS, verified on the qualified CAs' trust
 *   store, the certificate's organisation code = the office's ЄДР code); refused with a wrong code, an untrusted CA,
 *   an expired certificate, a changed document — typed errors, nothing written;
 * - a district office is registered by the operator on a conditional code from the list (configuration) and the
 *   written request's certificate data; a code not on the list is refused until the list is changed on request;
 * - change of head: the former head's certificate is refused from the change, the new one accepted;
 * - a change not completed within 2 working days is listed as overdue (the hub's "now" injected).
 */
import { X509Certificate } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { signDetached } from '../../actors/pki/index.ts';
import { CabinetSignatureRefused, CABINETS_KIND, checkCabinetSignature, kyivDate } from '../../actors/central/exchange/index.ts';
import { CabinetV1, OverdueHeadChangesV1 } from '../../contracts/exchange/cabinets.ts';
import { schemaErrors } from '../../runtime/validate.ts';
import { cleanup } from '../support/servers.ts';
import { qualifiedCa, startTestHub, type ClientCert, type QualifiedCa, type TestHub, type TestOrg } from './support.ts';

const test = suite('exchange hub: prosecutors’ electronic cabinets');
const ctx = {} as { h: TestHub; q: QualifiedCa; rogue: QualifiedCa; poltava: TestOrg; kyiv: TestOrg; lubny: TestOrg };
const POLTAVA = '02910060';
const KYIV = '02909938';

test.before(async () => {
  ctx.q = qualifiedCa();
  ctx.rogue = qualifiedCa('Недовірений надавач');
  ctx.h = await startTestHub({ qualifiedCas: [ctx.q.certPem] });
  ctx.poltava = await ctx.h.addOrg({ id: 'prok-poltava', kind: 'prosecutor', name: 'Полтавська обласна прокуратура', code: POLTAVA });
  ctx.kyiv = await ctx.h.addOrg({ id: 'prok-kyiv', kind: 'prosecutor', name: 'Київська міська прокуратура', code: KYIV });
  ctx.lubny = await ctx.h.addOrg({ id: 'okp-lubny', kind: 'prosecutor', name: 'Лубенська окружна прокуратура', code: 'OKP-1601' });
});
test.after(async () => {
  await ctx.h.stop();
  await cleanup();
});

const registration = (code: string, officeName: string) => ({ type: 'asds-cabinet-registration', v: 1, level: 'regional', code, officeName, contact: { phone: '+380532000000' } });
function signedBody(doc: unknown, head: ClientCert, tamper = false) {
  const content = Buffer.from(JSON.stringify(doc));
  const signature = signDetached({ content, certPem: head.certPem, keyPem: head.keyPem });
  const sent = tamper ? Buffer.from(JSON.stringify({ ...(doc as object), officeName: 'Підмінена назва' })) : content;
  return { request: sent.toString('base64'), signature: signature.toString('base64') };
}
const headData = (c: ClientCert & { serial: string }) => {
  const x = new X509Certificate(c.certPem);
  return { serial: c.serial, issuer: x.issuer, subject: x.subject };
};
const refusedWith = async (org: TestOrg, body: unknown, code: string, reason?: string | RegExp) => {
  const before = ctx.h.events();
  const r = await ctx.h.call(org, 'POST', '/exchange/cabinets/registration', body);
  assert.is(r.json?.error, code, r.text);
  assert.ok(r.status >= 400 && r.status < 500);
  assert.match(r.json.message, /[а-яіїєґ]/i);
  if (reason) assert.match(String(r.json.details?.reason), reason);
  assert.is(ctx.h.events(), before, `${code}: nothing written`);
};

test('regional office: refused with a wrong code, an untrusted CA, an expired certificate, a changed document', async () => {
  const doc = registration(POLTAVA, 'Полтавська обласна прокуратура');
  const otherOrgHead = ctx.q.issueHead({ code: '11111111', fullName: 'Сидоренко Петро Іванович' });
  await refusedWith(ctx.poltava, signedBody(doc, otherOrgHead), 'SIGNER_CODE_MISMATCH');
  const untrusted = ctx.rogue.issueHead({ code: POLTAVA, fullName: 'Коваль Андрій Петрович' });
  await refusedWith(ctx.poltava, signedBody(doc, untrusted), 'SIGNATURE_INVALID', 'UNKNOWN_ISSUER');
  const expired = ctx.q.issueHead({ code: POLTAVA, fullName: 'Коваль Андрій Петрович', notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 10 * 86_400_000) });
  await refusedWith(ctx.poltava, signedBody(doc, expired), 'SIGNATURE_INVALID', /^CERT_EXPIRED/);
  const head = ctx.q.issueHead({ code: POLTAVA, fullName: 'Коваль Андрій Петрович' });
  await refusedWith(ctx.poltava, signedBody(doc, head, true), 'SIGNATURE_INVALID', 'HASH_FAILURE');
  // a request naming another office than the calling organisation
  await refusedWith(ctx.poltava, signedBody(registration(KYIV, 'Київська міська прокуратура'), ctx.q.issueHead({ code: KYIV, fullName: 'Іванов Іван Іванович' })), 'REQUEST_CODE_MISMATCH');
  await refusedWith(ctx.poltava, { request: Buffer.from('не json').toString('base64'), signature: 'A'.repeat(200) }, 'REQUEST_NOT_JSON');
  await refusedWith(ctx.poltava, { request: 'x' }, 'VALIDATION_FAILED');
  // only prosecutors' offices have cabinets under this order
  const police = await ctx.h.addOrg({ id: 'gunp-poltava', kind: 'police', name: 'ГУНП в Полтавській області', code: '40108646' });
  await refusedWith(police, signedBody(registration('40108646', 'ГУНП'), ctx.q.issueHead({ code: '40108646', fullName: 'Петренко Олег Олегович' })), 'NOT_A_PROSECUTOR');
});

test('regional office: registered with its head’s valid qualified signature, visible to the operator and to itself only', async () => {
  const head = ctx.q.issueHead({ code: POLTAVA, fullName: 'Коваль Андрій Петрович' });
  const r = await ctx.h.call(ctx.poltava, 'POST', '/exchange/cabinets/registration', signedBody(registration(POLTAVA, 'Полтавська обласна прокуратура'), head));
  assert.is(r.status, 201, r.text);
  assert.equal(schemaErrors(CabinetV1, r.json.cabinet), []);
  assert.is(r.json.cabinet.via, 'qualified-signature');
  assert.is(r.json.cabinet.head.serial, head.serial);
  assert.match(r.json.cabinet.registeredBy, /Коваль Андрій Петрович/);
  const all = await ctx.h.admin('GET', '/exchange/cabinets');
  assert.equal(all.json.cabinets.map((c: { orgId: string }) => c.orgId), ['prok-poltava']);
  assert.is((await ctx.h.call(ctx.poltava, 'GET', '/exchange/cabinets/mine')).json.cabinet.code, POLTAVA);
  const other = await ctx.h.call(ctx.kyiv, 'GET', '/exchange/cabinets/mine');
  assert.is(other.status, 404);
  assert.is(other.json.error, 'CABINET_NOT_FOUND');
  assert.is((await ctx.h.admin('GET', '/exchange/cabinets', undefined, null)).status, 401);

  // a document of the cabinet signed by its head passes E2's check
  const content = Buffer.from('Клопотання про продовження строку тримання під вартою');
  const ok = await checkCabinetSignature({ system: ctx.h.system, trust: ctx.h.hub.qualified(), orgId: 'prok-poltava', content, cms: signDetached({ content, certPem: head.certPem, keyPem: head.keyPem }) });
  assert.is(ok.verification.indication, 'TOTAL_PASSED');

  // a new head registers again with his own signature: the head is replaced, the former one refused from then on
  const newHead = ctx.q.issueHead({ code: POLTAVA, fullName: 'Мельник Олег Степанович' });
  const again = await ctx.h.call(ctx.poltava, 'POST', '/exchange/cabinets/registration', signedBody(registration(POLTAVA, 'Полтавська обласна прокуратура'), newHead));
  assert.is(again.status, 201, again.text);
  assert.is(again.json.cabinet.head.serial, newHead.serial);
  await assertRefused(() => checkCabinetSignature({ system: ctx.h.system, trust: ctx.h.hub.qualified(), orgId: 'prok-poltava', content, cms: signDetached({ content, certPem: head.certPem, keyPem: head.keyPem }) }), 'SIGNER_FORMER_HEAD');
});

async function assertRefused(fn: () => Promise<unknown>, code: string) {
  try {
    await fn();
    assert.unreachable(`expected ${code}`);
  } catch (e) {
    assert.instance(e, CabinetSignatureRefused);
    assert.is((e as CabinetSignatureRefused).code, code);
  }
}

test('district office: registered by the operator on a listed conditional code; an unlisted code refused until the list changes on request', async () => {
  const head = ctx.q.issueHead({ code: 'OKP-1601', fullName: 'Бондар Марія Олексіївна' });
  const r = await ctx.h.admin('POST', '/exchange/cabinets/district', { orgId: 'okp-lubny', code: 'OKP-1601', head: headData(head), request: { number: '27/1-123вих-24', date: '2026-11-20' }, contact: { location: 'м. Лубни' } });
  assert.is(r.status, 201, r.text);
  assert.is(r.json.cabinet.level, 'district');
  assert.is(r.json.cabinet.via, 'conditional-code');
  assert.is(r.json.cabinet.officeName, 'Лубенська окружна прокуратура');
  assert.is(r.json.cabinet.registeredBy, 'оператор Коваленко Ірина Петрівна');

  const unlisted = await ctx.h.addOrg({ id: 'okp-nova', kind: 'prosecutor', name: 'Нова окружна прокуратура', code: 'OKP-9999' });
  void unlisted;
  const body = { orgId: 'okp-nova', code: 'OKP-9999', head: headData(ctx.q.issueHead({ code: 'OKP-9999', fullName: 'Ткаченко Юрій Васильович' })), request: { number: '27/1-200вих-24', date: '2026-11-25' } };
  const before = ctx.h.events();
  const refused = await ctx.h.admin('POST', '/exchange/cabinets/district', body);
  assert.is(refused.status, 422);
  assert.is(refused.json.error, 'DISTRICT_CODE_NOT_LISTED');
  assert.match(refused.json.message, /Переліку/);
  const mismatch = await ctx.h.admin('POST', '/exchange/cabinets/district', { ...body, code: 'OKP-1602' });
  assert.is(mismatch.json.error, 'ORG_CODE_MISMATCH');
  assert.is(ctx.h.events(), before);

  const change = await ctx.h.admin('POST', '/exchange/district-codes', { add: [{ code: 'OKP-9999', name: 'Нова окружна прокуратура', region: 'Полтавська область' }], request: { number: '27/1-210вих-24', date: '2026-11-26' } });
  assert.is(change.status, 200, change.text);
  assert.ok(change.json.offices.some((o: { code: string }) => o.code === 'OKP-9999'));
  assert.is((await ctx.h.admin('POST', '/exchange/cabinets/district', body)).status, 201);
  const types = ctx.h.system.journal!.read(0).filter((e) => e.actor.startsWith(CABINETS_KIND)).map((e) => e.type);
  assert.ok(types.includes('district-list-loaded') && types.includes('district-list-changed'));
});

test('change of head: the former head refused from the change, the new one accepted once given', async () => {
  const content = Buffer.from('Апеляційна скарга прокурора');
  const old = ctx.q.issueHead({ code: 'OKP-1602', fullName: 'Гончаренко Ігор Миколайович' });
  await ctx.h.addOrg({ id: 'okp-kremenchuk', kind: 'prosecutor', name: 'Кременчуцька окружна прокуратура', code: 'OKP-1602' });
  assert.is((await ctx.h.admin('POST', '/exchange/cabinets/district', { orgId: 'okp-kremenchuk', code: 'OKP-1602', head: headData(old), request: { number: '1', date: '2026-11-02' } })).status, 201);
  const sign = (c: ClientCert) => signDetached({ content, certPem: c.certPem, keyPem: c.keyPem });
  const check = (c: ClientCert) => checkCabinetSignature({ system: ctx.h.system, trust: ctx.h.hub.qualified(), orgId: 'okp-kremenchuk', content, cms: sign(c) });
  assert.is((await check(old)).signer.serial, old.serial);

  const begun = await ctx.h.admin('POST', '/exchange/cabinets/okp-kremenchuk/head-change', { request: { number: '27/1-300вих-24', date: kyivDate(Date.now()) } });
  assert.is(begun.status, 201, begun.text);
  assert.is(begun.json.cabinet.head, null);
  await assertRefused(() => check(old), 'SIGNER_FORMER_HEAD');
  const fresh = ctx.q.issueHead({ code: 'OKP-1602', fullName: 'Левченко Наталія Петрівна' });
  await assertRefused(() => check(fresh), 'HEAD_CHANGE_PENDING');
  assert.equal((await ctx.h.admin('GET', '/exchange/cabinets/overdue')).json.overdue, [], 'a change begun today is not overdue');

  const done = await ctx.h.admin('POST', '/exchange/cabinets/okp-kremenchuk/head', { head: headData(fresh), request: { number: '27/1-301вих-24', date: kyivDate(Date.now()) } });
  assert.is(done.status, 200, done.text);
  assert.is((await check(fresh)).signer.serial, fresh.serial);
  await assertRefused(() => check(old), 'SIGNER_FORMER_HEAD');
  const stranger = ctx.q.issueHead({ code: 'OKP-1602', fullName: 'Сторонній Підписувач' });
  await assertRefused(() => check(stranger), 'SIGNER_NOT_HEAD');
  const reuse = await ctx.h.admin('POST', '/exchange/cabinets/okp-kremenchuk/head', { head: headData(old), request: { number: '2', date: kyivDate(Date.now()) } });
  assert.is(reuse.json.error, 'HEAD_CHANGE_NOT_PENDING');
});

test('a change of head naming the current head as the new one is refused whole: nothing written, the head still trusted', async () => {
  const content = Buffer.from('Клопотання прокурора');
  const head = ctx.q.issueHead({ code: 'OKP-1604', fullName: 'Данилюк Марія Степанівна' });
  await ctx.h.addOrg({ id: 'okp-myrhorod', kind: 'prosecutor', name: 'Миргородська окружна прокуратура', code: 'OKP-1604' });
  assert.is((await ctx.h.admin('POST', '/exchange/district-codes', { add: [{ code: 'OKP-1604', name: 'Миргородська окружна прокуратура', region: 'Полтавська область' }], request: { number: '27/1-499вих-24', date: '2026-11-26' } })).status, 200);
  assert.is((await ctx.h.admin('POST', '/exchange/cabinets/district', { orgId: 'okp-myrhorod', code: 'OKP-1604', head: headData(head), request: { number: '4', date: '2026-11-02' } })).status, 201);
  const before = ctx.h.events();
  const r = await ctx.h.admin('POST', '/exchange/cabinets/okp-myrhorod/head-change', { head: headData(head), request: { number: '27/1-500вих-24', date: kyivDate(Date.now()) } });
  assert.is(r.status, 422, r.text);
  assert.is(r.json.error, 'HEAD_CERT_FORMER');
  assert.is(ctx.h.events(), before, 'nothing written');
  const cms = signDetached({ content, certPem: head.certPem, keyPem: head.keyPem });
  const ok = await checkCabinetSignature({ system: ctx.h.system, trust: ctx.h.hub.qualified(), orgId: 'okp-myrhorod', content, cms });
  assert.is(ok.signer.serial, head.serial, 'the head is still trusted');
  const fresh = ctx.q.issueHead({ code: 'OKP-1604', fullName: 'Ткаченко Олег Васильович' });
  const done = await ctx.h.admin('POST', '/exchange/cabinets/okp-myrhorod/head-change', { head: headData(fresh), request: { number: '27/1-501вих-24', date: kyivDate(Date.now()) } });
  assert.is(done.status, 201, done.text);
  assert.is(done.json.cabinet.head.serial, fresh.serial);
  assert.is(done.json.cabinet.pendingChange, null);
});

test('a change of head not completed within 2 working days is overdue (Friday change → due end of Tuesday)', async () => {
  const head = ctx.q.issueHead({ code: 'OKP-1603', fullName: 'Литвиненко Оксана Ігорівна' });
  await ctx.h.addOrg({ id: 'okp-poltava', kind: 'prosecutor', name: 'Полтавська окружна прокуратура', code: 'OKP-1603' });
  assert.is((await ctx.h.admin('POST', '/exchange/cabinets/district', { orgId: 'okp-poltava', code: 'OKP-1603', head: headData(head), request: { number: '3', date: '2026-11-02' } })).status, 201);
  try {
    ctx.h.setNow(Date.parse('2026-11-27T10:00:00Z')); // Friday
    const r = await ctx.h.admin('POST', '/exchange/cabinets/okp-poltava/head-change', { changedOn: '2026-11-27', request: { number: '27/1-400вих-24', date: '2026-11-27' } });
    assert.is(r.status, 201, r.text);
    assert.is(r.json.cabinet.pendingChange.dueDate, '2026-12-01');
    ctx.h.setNow(Date.parse('2026-12-01T21:00:00Z')); // Tuesday 23:00 in Kyiv: still in time
    assert.equal((await ctx.h.admin('GET', '/exchange/cabinets/overdue')).json.overdue, []);
    ctx.h.setNow(Date.parse('2026-12-01T22:30:00Z')); // Wednesday 00:30 in Kyiv
    const late = await ctx.h.admin('GET', '/exchange/cabinets/overdue');
    assert.equal(schemaErrors(OverdueHeadChangesV1, late.json), []);
    assert.equal(late.json.overdue.map((o: { orgId: string; dueDate: string; daysLate: number }) => [o.orgId, o.dueDate, o.daysLate]), [['okp-poltava', '2026-12-01', 1]]);
    assert.is((await ctx.h.admin('GET', '/exchange/cabinets/overdue', undefined, null)).status, 401);
  } finally {
    ctx.h.setNow(undefined);
  }
});

test.run();
