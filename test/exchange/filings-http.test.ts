/**
 * Issue 17 §A.2 over the hub's API (mTLS, client certificates of registered organisations): a prosecutor's office
 * with a cabinet files signed documents into a case of court 537 (a real process on a real nats-server) and reads
 * the notices; every bad input is a typed error that writes nothing; the court sends a ruling to the cabinet.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { cleanup } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { issueUserCertificate, signDetached } from '../../actors/pki/index.ts';
import { qualifiedCa, startTestHub, type QualifiedCa, type TestHub, type TestOrg } from './support.ts';
import { COURT, drawnCase, filingBody, newCase, startCourtSide, until, type CourtSide } from './filings-support.ts';
import { claim } from '../court/support.ts';

const CODE = '02910060';
let side: CourtSide;
let h: TestHub;
let qca: QualifiedCa;
let head: { certPem: string; keyPem: string };
let org: TestOrg;
let other: TestOrg;
let hubNc: NatsConnection;

test.before(async () => {
  side = await startCourtSide();
  qca = qualifiedCa();
  h = await startTestHub({ qualifiedCas: [qca.certPem] });
  // the hub's worker on the bus, as central-1 (the court sends its documents there)
  hubNc = await side.nats.bus.connect('central-1');
  h.system.attachNats(hubNc, await side.nats.bus.identity('central-1'));
  org = await h.addOrg({ id: 'prok-poltava', kind: 'prosecutor', name: 'Полтавська обласна прокуратура', code: CODE });
  other = await h.addOrg({ id: 'prok-kyiv', kind: 'prosecutor', name: 'Київська міська прокуратура', code: '02909938' });
  // the cabinet, registered by the head's qualified signature (§A.1, E1's route)
  head = qca.issueHead({ code: CODE, fullName: 'Коваленко Олена Петрівна' });
  const request = Buffer.from(JSON.stringify({ type: 'asds-cabinet-registration', v: 1, level: 'regional', code: CODE, officeName: 'Полтавська обласна прокуратура' }));
  const reg = await h.call(org, 'POST', '/exchange/cabinets/registration', { request: request.toString('base64'), signature: signDetached({ content: request, certPem: head.certPem, keyPem: head.keyPem }).toString('base64') });
  assert.is(reg.status, 201, reg.text);
});

test.after(async () => {
  await h?.stop();
  await hubNc?.close();
  await cleanup();
});

const file = (body: unknown, who: TestOrg = org) => h.call(who, 'POST', '/exchange/v1/filings', body);
const settled = (filingId: string) =>
  until(`filing ${filingId} settled`, async () => {
    const r = await h.call(org, 'GET', `/exchange/v1/filings/${filingId}`);
    return r.json?.status === 'registered' || r.json?.status === 'refused' ? r.json : undefined;
  });

test('a signed filing: 202 receipt at once, then the notice "registered"; the correspondence is on the card, handed to the judge', async () => {
  const c = await drawnCase(side);
  const r = await file(filingBody({ head }, c.ueun, 'ogp-2026-000001'));
  assert.is(r.status, 202, r.text);
  assert.is(r.json.status, 'queued');
  assert.match(r.json.filingId, /^f-/);
  const s = await settled(r.json.filingId);
  assert.is(s.status, 'registered', JSON.stringify(s));
  assert.is(s.verification.indication, 'TOTAL_PASSED');
  const n = await until('the notice', async () => {
    const page = await h.call(org, 'GET', '/exchange/v1/notices?after=0');
    return page.json.notices.find((x: { filingId: string }) => x.filingId === r.json.filingId);
  });
  assert.is(n.status, 'registered');
  assert.is(n.registration.number, s.registration.number);
  const card = await side.a.call('GET', `/cases/${c.ueun}/correspondence`, { token: side.tokens.registrar! });
  assert.equal(card.body.items.map((i: { number: string; sender: string }) => [i.number, i.sender]), [[s.registration.number, 'Полтавська обласна прокуратура']]);
  // Засади 3.1–3.2, 4.17: handed to the presiding judge of the proceeding in the same write
  assert.type(card.body.items[0].handedOver?.judge, 'string', JSON.stringify(card.body.items[0]));
});

test('refused with a typed error and nothing written: schema, restriction, no signature, bad signature, unknown CA, not the head', async () => {
  const c = await newCase(side);
  const before = h.events();
  const good = filingBody({ head }, c.ueun, 'ogp-bad-1');
  const cases: Array<[string, unknown, number, string]> = [
    ['schema', { ...good, court: 'Лубни' }, 400, 'SCHEMA_INVALID'],
    ['official-use', filingBody({ head }, c.ueun, 'ogp-bad-2', { restriction: 'official-use' }), 422, 'DOCUMENT_RESTRICTED'],
    ['state secret', filingBody({ head }, c.ueun, 'ogp-bad-3', { restriction: 'state-secret' }), 422, 'DOCUMENT_RESTRICTED'],
    ['unsigned', filingBody({ head }, c.ueun, 'ogp-bad-4', { signer: null }), 422, 'SIGNATURE_MISSING'],
    ['signature of other bytes', { ...good, document: { ...good.document, base64: Buffer.from('інший документ').toString('base64') } }, 422, 'SIGNATURE_INVALID'],
    ['unknown CA', filingBody({ head }, c.ueun, 'ogp-bad-5', { signer: qualifiedCa('Сторонній центр').issueHead({ code: CODE, fullName: 'Коваленко Олена Петрівна' }) }), 422, 'SIGNATURE_INVALID'],
    ['not the head', filingBody({ head }, c.ueun, 'ogp-bad-6', { signer: qca.issueHead({ code: CODE, fullName: 'Петренко Петро Петрович' }) }), 422, 'SIGNER_NOT_HEAD'],
  ];
  for (const [what, body, status, code] of cases) {
    const r = await file(body);
    assert.is(r.status, status, `${what}: ${r.text}`);
    assert.is(r.json.error, code, what);
    assert.type(r.json.message, 'string');
  }
  assert.is(h.events(), before, 'no refusal wrote anything');
});

test('replay: the same message id and content → the same receipt; other content → 409 MESSAGE_ID_REUSED', async () => {
  const c = await newCase(side);
  const body = filingBody({ head }, c.ueun, 'ogp-2026-000777');
  const first = await file(body);
  assert.is(first.status, 202, first.text);
  const again = await file(body);
  assert.is(again.status, 202);
  assert.equal(again.json, first.json);
  await settled(first.json.filingId);
  const before = h.events();
  const reused = await file(filingBody({ head }, c.ueun, 'ogp-2026-000777', { title: 'зовсім інший документ' }));
  assert.is(reused.status, 409, reused.text);
  assert.is(reused.json.error, 'MESSAGE_ID_REUSED');
  assert.is(h.events(), before);
});

test('filed by the proceeding number alone: the court finds the case and names it in the notice', async () => {
  const c = await newCase(side);
  const r = await file(filingBody({ head }, undefined, 'ogp-by-proceeding', { proceedingNumber: c.proceedingNumber }));
  assert.is(r.status, 202, r.text);
  const s = await settled(r.json.filingId);
  assert.is(s.status, 'registered', JSON.stringify(s));
  assert.is(s.registration.ueun, c.ueun);
  assert.is(s.registration.proceedingNumber, c.proceedingNumber);
  const other = await file(filingBody({ head }, '538/1/26', 'ogp-other-court'));
  assert.is(other.status, 400);
  assert.is(other.json.error, 'SCHEMA_INVALID');
  const none = await file(filingBody({ head }, undefined, 'ogp-no-case'));
  assert.is(none.status, 400);
  assert.is(none.json.error, 'SCHEMA_INVALID');
});

test('an unknown case: the notice says refused, with the reason', async () => {
  const r = await file(filingBody({ head }, `${COURT}/888888/26`, 'ogp-unknown-case'));
  assert.is(r.status, 202, r.text);
  const s = await settled(r.json.filingId);
  assert.is(s.status, 'refused');
  assert.is(s.refusal.code, 'CASE_NOT_FOUND');
  assert.is(s.refusal.reason, 'Справу не знайдено');
});

test('an organisation sees only its own filings and notices', async () => {
  const mine = await h.call(org, 'GET', '/exchange/v1/notices?after=0');
  assert.ok(mine.json.notices.length >= 2);
  const theirs = await h.call(other, 'GET', '/exchange/v1/notices?after=0');
  assert.is(theirs.status, 200);
  assert.equal(theirs.json.notices, []);
  const peek = await h.call(other, 'GET', `/exchange/v1/filings/${mine.json.notices[0].filingId}`);
  assert.is(peek.status, 404);
  assert.is(peek.json.error, 'FILING_NOT_FOUND');
});

test('court → prosecutor: a signed ruling reaches the cabinet inbox; another organisation cannot read or acknowledge it', async () => {
  const c = await newCase(side);
  const staff = issueUserCertificate({ dir: join(side.courtData, 'pki'), login: 'head1', fullName: 'Тест head1', role: 'керівник апарату', passphrase: TEST_KEY_PASSPHRASE });
  const ruling = Buffer.from(`%PDF-1.4\nУхвала у справі ${c.ueun}\n`);
  const body = (restriction = 'none') => ({
    organisation: org.id,
    kind: 'ruling',
    title: 'ухвала про призначення підготовчого засідання',
    restriction,
    document: { fileName: 'ruling.pdf', mediaType: 'application/pdf', base64: ruling.toString('base64') },
    signature: signDetached({ content: ruling, certPem: staff.certPem, keyPem: staff.keyPem }).toString('base64'),
  });
  const sent = await side.a.call('POST', `/cases/${c.ueun}/exchange/outgoing`, { token: side.tokens.head!, body: body() });
  assert.is(sent.status, 202, JSON.stringify(sent.body));
  const done = await until('sent to the hub', async () => {
    const r = await side.a.call('GET', `/exchange/outgoing/${sent.body.outgoingId}`, { token: side.tokens.head! });
    return r.body.status === 'sent' ? r.body : undefined;
  });
  const inbox = await h.call(org, 'GET', '/exchange/v1/inbox?after=0');
  const item = inbox.json.items.find((i: { id: string }) => i.id === done.inboxId);
  assert.ok(item, inbox.text);
  assert.is(item.ueun, c.ueun);
  assert.is(item.kindName, 'ухвала');
  assert.is(Buffer.from(item.document.base64, 'base64').toString(), ruling.toString());
  assert.is(item.verification.indication, 'TOTAL_PASSED');
  // another organisation: an empty inbox, and the id does not exist for it
  assert.equal((await h.call(other, 'GET', '/exchange/v1/inbox?after=0')).json.items, []);
  const stolen = await h.call(other, 'POST', `/exchange/v1/inbox/${item.id}/ack`);
  assert.is(stolen.status, 404);
  assert.is(stolen.json.error, 'INBOX_ITEM_NOT_FOUND');
  const ack = await h.call(org, 'POST', `/exchange/v1/inbox/${item.id}/ack`);
  assert.is(ack.status, 200, ack.text);
  assert.type(ack.json.acknowledgedAt, 'string');
  // restricted and unsigned documents never leave the court
  const before = h.events();
  const restricted = await side.a.call('POST', `/cases/${c.ueun}/exchange/outgoing`, { token: side.tokens.head!, body: body('state-secret') });
  assert.is(restricted.status, 422);
  assert.is(restricted.body.error.code, 'DOCUMENT_RESTRICTED');
  const forged = await side.a.call('POST', `/cases/${c.ueun}/exchange/outgoing`, { token: side.tokens.head!, body: { ...body(), signature: signDetached({ content: Buffer.from('інше'), certPem: staff.certPem, keyPem: staff.keyPem }).toString('base64') } });
  assert.is(forged.status, 422);
  assert.is(forged.body.error.code, 'SIGNATURE_INVALID');
  await new Promise((r) => setTimeout(r, 500));
  assert.is(h.events(), before, 'nothing reached the hub');
});

test('court → prosecutor: the same idempotency key with another document is refused (409), the first stays as sent', async () => {
  const c = await newCase(side);
  const staff = issueUserCertificate({ dir: join(side.courtData, 'pki'), login: 'head1-replay', fullName: 'Тест head1', role: 'керівник апарату', passphrase: TEST_KEY_PASSPHRASE });
  const body = (text: string) => {
    const doc = Buffer.from(`%PDF-1.4\n${text} у справі ${c.ueun}\n`);
    return { organisation: org.id, kind: 'ruling', title: 'ухвала', restriction: 'none', document: { fileName: 'r.pdf', mediaType: 'application/pdf', base64: doc.toString('base64') }, signature: signDetached({ content: doc, certPem: staff.certPem, keyPem: staff.keyPem }).toString('base64') };
  };
  const headers = { 'idempotency-key': `replay-${c.ueun.replace(/\//g, '-')}` };
  const first = await side.a.call('POST', `/cases/${c.ueun}/exchange/outgoing`, { token: side.tokens.head!, body: body('Ухвала'), headers });
  assert.is(first.status, 202, JSON.stringify(first.body));
  const same = await side.a.call('POST', `/cases/${c.ueun}/exchange/outgoing`, { token: side.tokens.head!, body: body('Ухвала'), headers });
  assert.is(same.status, 202, JSON.stringify(same.body));
  assert.is(same.body.outgoingId, first.body.outgoingId);
  const other = await side.a.call('POST', `/cases/${c.ueun}/exchange/outgoing`, { token: side.tokens.head!, body: body('Інша ухвала'), headers });
  assert.is(other.status, 409, JSON.stringify(other.body));
  assert.is(other.body.error.code, 'OUTGOING_KEY_REUSED');
});

test('court → prosecutor: a document of a covert case is refused even when marked "none"; nothing reaches the hub', async () => {
  const reg = await side.a.call('POST', '/registrations', { token: side.tokens.registrar!, body: claim({ index: '1-кс', category: 'НСРД', description: 'клопотання про дозвіл на НСРД щодо особи', parties: [{ role: 'заявник', name: 'СВ Лубенського РВП' }], covert: { person: 'Сидоренко Прихований Петрович', action: 'зняття інформації з телекомунікаційних мереж' } }) });
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  const staff = issueUserCertificate({ dir: join(side.courtData, 'pki'), login: 'head1-covert', fullName: 'Тест head1', role: 'керівник апарату', passphrase: TEST_KEY_PASSPHRASE });
  const doc = Buffer.from('%PDF-1.4\nУхвала про дозвіл на НСРД\n');
  const before = h.events();
  const sent = await side.a.call('POST', `/cases/${reg.body.ueun}/exchange/outgoing`, {
    token: side.tokens.head!,
    body: { organisation: org.id, kind: 'ruling', title: 'ухвала', restriction: 'none', document: { fileName: 'r.pdf', mediaType: 'application/pdf', base64: doc.toString('base64') }, signature: signDetached({ content: doc, certPem: staff.certPem, keyPem: staff.keyPem }).toString('base64') },
  });
  assert.is(sent.status, 422, JSON.stringify(sent.body));
  assert.is(sent.body.error.code, 'DOCUMENT_RESTRICTED');
  await new Promise((r) => setTimeout(r, 500));
  assert.is(h.events(), before, 'nothing reached the hub');
});

test('court → prosecutor by reference: an Original of the court (a summons signed by the registrar) reaches the cabinet', async () => {
  const c = await drawnCase(side);
  const cert = issueUserCertificate({ dir: join(side.courtData, 'pki'), login: 'registrar1', fullName: 'Тест registrar1', role: 'секретар', passphrase: TEST_KEY_PASSPHRASE });
  const made = await side.a.call('POST', '/documents', { token: side.tokens.registrar!, body: { template: 'povistka', ueun: c.ueun, signers: ['registrar1'], fields: { addressee: 'Полтавська обласна прокуратура', hearingAt: '2026-12-21 10:00', room: '1' } } });
  assert.is(made.status, 201, JSON.stringify(made.body));
  const id = encodeURIComponent(made.body.id);
  const content = (await side.a.call('GET', `/documents/${id}/content`, { token: side.tokens.registrar! })).bytes;
  const signed = await side.a.call('POST', `/documents/${id}/signatures`, { token: side.tokens.registrar!, body: { cms: signDetached({ content, certPem: cert.certPem, keyPem: cert.keyPem }).toString('base64') } });
  assert.is(signed.body.state, 'Original', JSON.stringify(signed.body));
  const sent = await side.a.call('POST', `/cases/${c.ueun}/exchange/outgoing`, { token: side.tokens.registrar!, body: { organisation: org.id, kind: 'summons', title: 'судова повістка', restriction: 'none', documentId: made.body.id } });
  assert.is(sent.status, 202, JSON.stringify(sent.body));
  const done = await until('sent to the hub', async () => {
    const r = await side.a.call('GET', `/exchange/outgoing/${sent.body.outgoingId}`, { token: side.tokens.registrar! });
    return r.body.status === 'sent' ? r.body : undefined;
  });
  const item = (await h.call(org, 'GET', '/exchange/v1/inbox?after=0')).json.items.find((i: { id: string }) => i.id === done.inboxId);
  assert.ok(item);
  assert.is(item.kindName, 'судова повістка');
  assert.ok(Buffer.from(item.document.base64, 'base64').equals(content), 'the Original’s content, as signed');
  assert.is(item.verification.indication, 'TOTAL_PASSED');
});

test('court → an organisation the hub cannot deliver to: refused with the reason, visible at the court; nothing in any inbox', async () => {
  const c = await newCase(side);
  const staff = issueUserCertificate({ dir: join(side.courtData, 'pki'), login: 'officer1', fullName: 'Тест officer1', role: 'відповідальна особа з розподілу', passphrase: TEST_KEY_PASSPHRASE });
  const ruling = Buffer.from(`%PDF-1.4\nУхвала у справі ${c.ueun} для перевірки адресата\n`);
  const send = async (organisation: string) => {
    const body = { organisation, kind: 'ruling', title: 'ухвала', restriction: 'none', document: { fileName: 'ruling.pdf', mediaType: 'application/pdf', base64: ruling.toString('base64') }, signature: signDetached({ content: ruling, certPem: staff.certPem, keyPem: staff.keyPem }).toString('base64') };
    const sent = await side.a.call('POST', `/cases/${c.ueun}/exchange/outgoing`, { token: side.tokens.head!, body });
    assert.is(sent.status, 202, JSON.stringify(sent.body));
    return until(`outgoing to ${organisation} settled`, async () => {
      const r = await side.a.call('GET', `/exchange/outgoing/${sent.body.outgoingId}`, { token: side.tokens.head! });
      return r.body.status === 'queued' ? undefined : r.body;
    });
  };
  const inboxes = async () => [(await h.call(org, 'GET', '/exchange/v1/inbox?after=0')).json.items.length, (await h.call(other, 'GET', '/exchange/v1/inbox?after=0')).json.items.length];
  const before = await inboxes();
  // not in the registry at all
  const unknown = await send('prok-nevidoma');
  assert.is(unknown.status, 'refused');
  assert.is(unknown.refusal.code, 'RECIPIENT_UNKNOWN');
  assert.match(unknown.refusal.reason, /не зареєстровано в реєстрі підключених/);
  // registered, but no electronic cabinet (a procedural document goes to a prosecutor's cabinet)
  const noCabinet = await send(other.id);
  assert.is(noCabinet.refusal.code, 'RECIPIENT_NO_CABINET');
  assert.match(noCabinet.refusal.reason, /немає зареєстрованого електронного кабінету/);
  // suspended (with a cabinet): refused with the suspension's reason; resumed → delivered again
  const susp = await h.admin('POST', `/exchange/organisations/${org.id}/suspend`, { reason: 'технічні роботи в системі прокуратури' });
  assert.is(susp.status, 200, susp.text);
  try {
    const suspended = await send(org.id);
    assert.is(suspended.status, 'refused');
    assert.is(suspended.refusal.code, 'RECIPIENT_SUSPENDED');
    assert.match(suspended.refusal.reason, /тимчасово зупинено \(технічні роботи в системі прокуратури\)/);
  } finally {
    assert.is((await h.admin('POST', `/exchange/organisations/${org.id}/resume`, {})).status, 200);
  }
  assert.equal(await inboxes(), before, 'no refused document reached an inbox');
  const ok = await send(org.id);
  assert.is(ok.status, 'sent', JSON.stringify(ok));
});

test.run();
