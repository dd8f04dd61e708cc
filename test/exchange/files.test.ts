/**
 * Information files with the Ministry of Internal Affairs and its services over the real mTLS hub (issue 17 item 3,
 * Порядок ДСА–МВС 2021): a police counterpart keeps its own record of what it sent and received, and the hub's
 * journals must agree with it; a field outside the police's agreement never reaches it; nobody fetches or
 * acknowledges another's files; an invalid file writes nothing; impossibility notices and the 2-working-day flag.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { cleanup } from '../support/servers.ts';
import { qualifiedCa, startTestHub, type TestHub, type TestOrg } from './support.ts';
import { createSigner, type Signer } from '../../actors/pki/index.ts';
import { sha256Hex } from '../../actors/central/exchange/files/index.ts';
import { decision } from './files-fixtures.ts';

const test = suite('exchange: information files over mTLS (police ↔ hub)');

interface Record_ { id: string; sha256: string; size: number }
/** The police system's own journal: what it sent and what it received, digests computed on its side. */
class PoliceCounterpart {
  sent: Record_[] = [];
  received: Record_[] = [];
  cursor = 0;
  constructor(
    private readonly h: TestHub,
    readonly org: TestOrg,
    private readonly signer: Signer,
  ) {}
  /** Signed by the police's own signer unless `sign` is given (null: unsigned). */
  async upload(type: string, payload: unknown, over: Record<string, unknown> = {}, sign: ((content: string) => string) | null = (c) => this.signer.signPem(Buffer.from(c))) {
    const content = JSON.stringify({ id: randomUUID(), type, version: 1, from: this.org.id, to: 'hub', createdAt: new Date().toISOString(), payload, ...over });
    const r = await this.h.call(this.org, 'POST', '/exchange/v1/files', { content, ...(sign ? { signature: sign(content) } : {}) });
    if (r.status === 201) this.sent.push({ id: JSON.parse(content).id, sha256: sha256Hex(content), size: Buffer.byteLength(content) });
    return r;
  }
  async fetch() {
    const r = await this.h.call(this.org, 'GET', `/exchange/v1/files?after=${this.cursor}`);
    assert.is(r.status, 200, r.text);
    for (const f of r.json.files) {
      // the digest is checked over the bytes received, not taken from the hub
      assert.is(sha256Hex(f.content), f.sha256);
      this.received.push({ id: f.id, sha256: sha256Hex(f.content), size: Buffer.byteLength(f.content) });
      const a = await this.h.call(this.org, 'POST', `/exchange/v1/files/${f.id}/ack`);
      assert.is(a.status, 200, a.text);
    }
    this.cursor = r.json.next;
    return r.json.files as Array<{ id: string; content: string; requestId?: string }>;
  }
}

let h: TestHub;
let police: PoliceCounterpart;
let migration: TestOrg;
const qca = qualifiedCa();

test.before(async () => {
  h = await startTestHub({ qualifiedCas: [qca.certPem] });
  police = new PoliceCounterpart(h, await h.addOrg({ id: 'npu', kind: 'police', name: 'Національна поліція України', code: '40108578' }), createSigner(qca.issueHead({ code: '40108578', fullName: 'Бойко Андрій Вікторович' })));
  migration = await h.addOrg({ id: 'dmsu', kind: 'other', name: 'Державна міграційна служба України', code: '37508470' });
});
test.after(async () => {
  await h?.stop();
  cleanup();
});

test('a court decision sent to the police carries only the fields of its agreement (the bytes it gets)', async () => {
  const r = await h.admin('POST', '/exchange/files/send', { to: 'npu', type: 'admin-offence-decision', payload: decision() });
  assert.is(r.status, 201, r.text);
  const files = await police.fetch();
  assert.is(files.length, 1);
  const text = files[0]!.content;
  for (const secret of ['reasoning', 'taxNumber', '1234567890', 'address', 'вул. Шевченка', 'judge', 'Коваленко']) assert.not.ok(text.includes(secret), `${secret} never leaves the hub`);
  const env = JSON.parse(text);
  assert.is(env.to, 'npu');
  assert.is(env.payload.article, 'ч. 1 ст. 130 КУпАП');
  assert.equal(env.payload.person, { lastName: 'Шевченко', firstName: 'Тарас', patronymic: 'Григорович', birthDate: '1990-03-09' });
});

test("another organisation cannot fetch, acknowledge or see the police's files", async () => {
  const mine = await h.call(migration, 'GET', '/exchange/v1/files');
  assert.is(mine.status, 200);
  assert.equal(mine.json.files, []);
  const id = police.received[0]!.id;
  const ack = await h.call(migration, 'POST', `/exchange/v1/files/${id}/ack`);
  assert.is(ack.status, 404);
  assert.is(ack.json.error, 'FILE_NOT_FOUND');
  const j = await h.call(migration, 'GET', '/exchange/v1/journal');
  assert.equal(j.json.entries, []);
  // and the police cannot forward what it got to a third party through the hub
  const fwd = await police.upload('information-answer', { requestId: randomUUID(), outcome: 'found', text: 'x' }, { to: 'dmsu' });
  assert.is(fwd.status, 403);
  assert.is(fwd.json.error, 'FILE_WRONG_ADDRESSEE');
});

test("the police's request and the hub's answer are linked by the request's id", async () => {
  const r = await police.upload('information-request', { subject: 'Чи ухвалювалися рішення щодо особи у 2026 році', legalGround: 'п. 3 ч. 1 ст. 23 Закону України «Про Національну поліцію»', purpose: 'Розгляд справи про адміністративне правопорушення', person: { lastName: 'Шевченко', firstName: 'Тарас', birthDate: '1990-03-09' } });
  assert.is(r.status, 201, r.text);
  const requestId = police.sent.at(-1)!.id;
  assert.is(r.json.sha256, police.sent.at(-1)!.sha256);
  // the judiciary's operator reads the request it has to answer
  const seen = await h.admin('GET', `/exchange/files/journal/npu/files/${requestId}`);
  assert.is(seen.status, 200, seen.text);
  assert.is(sha256Hex(seen.json.content), police.sent.at(-1)!.sha256);
  assert.is((await h.admin('GET', `/exchange/files/journal/dmsu/files/${requestId}`)).status, 404, 'not a file of the Migration Service');
  const a = await h.admin('POST', '/exchange/files/send', { to: 'npu', type: 'information-answer', payload: { requestId, outcome: 'found', text: 'Постанова від 02.03.2026 у справі № 537/1234/26.' } });
  assert.is(a.status, 201, a.text);
  const got = await police.fetch();
  assert.is(got.length, 1);
  assert.is(got[0]!.requestId, requestId);
  assert.is(JSON.parse(got[0]!.content).payload.requestId, requestId);
  const sentView = (await h.call(police.org, 'GET', '/exchange/v1/journal?direction=sent')).json.entries;
  assert.is(sentView.find((e: { id: string }) => e.id === requestId).answeredBy, a.json.id, 'the request names its answer');
  // handed over and acknowledged: not served again; the operator still reads it from the hub's journal
  assert.equal((await h.call(police.org, 'GET', '/exchange/v1/files?after=0')).json.files, []);
  const old = await h.admin('GET', `/exchange/files/journal/npu/files/${a.json.id}`);
  assert.is(sha256Hex(old.json.content), a.json.sha256);
  assert.is(old.json.entry.status, 'acked');
  const unknown = await h.admin('POST', '/exchange/files/send', { to: 'npu', type: 'information-answer', payload: { requestId: randomUUID(), outcome: 'not-found', text: 'Немає.' } });
  assert.is(unknown.status, 422);
  assert.is(unknown.json.error, 'REQUEST_UNKNOWN');
});

test('an invalid file, an unknown type or version are refused with a typed error and nothing is journaled', async () => {
  const before = h.events();
  const bad = await police.upload('information-request', { subject: 'Без правової підстави' });
  assert.is(bad.status, 422);
  assert.is(bad.json.error, 'FILE_INVALID');
  const extra = await police.upload('information-request', { subject: 'Відомості', legalGround: 'ст. 23', purpose: 'x', shoeSize: 44 });
  assert.is(extra.json.error, 'FILE_INVALID', 'a field outside the agreed structure');
  const unknown = await police.upload('driving-licence', { a: 1 });
  assert.is(unknown.json.error, 'FILE_TYPE_UNKNOWN');
  const version = await police.upload('information-request', {}, { version: 3 });
  assert.is(version.json.error, 'FILE_TYPE_UNKNOWN');
  const notJson = await h.call(police.org, 'POST', '/exchange/v1/files', { content: '{"id":' });
  assert.is(notJson.json.error, 'FILE_NOT_JSON');
  const shape = await h.call(police.org, 'POST', '/exchange/v1/files', { content: '{}', to: 'dmsu' });
  assert.is(shape.status, 400);
  assert.is(h.events(), before, 'nothing written');
});

test("the sender's CMS signature is checked and its outcome journaled; a signature over other bytes is refused", async () => {
  const signer = createSigner(qca.issueHead({ code: '40108578', fullName: 'Петренко Іван Миколайович' }));
  const req = { subject: 'Відомості про постанову', legalGround: 'ст. 23 Закону України «Про Національну поліцію»', purpose: 'Виконання постанови' };
  const ok = await police.upload('information-request', req, {}, (c) => signer.signPem(Buffer.from(c)));
  assert.is(ok.status, 201, ok.text);
  const before = h.events();
  const bad = await police.upload('information-request', req, {}, () => signer.signPem(Buffer.from('інший вміст')));
  assert.is(bad.status, 422);
  assert.is(bad.json.error, 'SIGNATURE_INVALID');
  assert.is(h.events(), before, 'nothing written');
  const entry = (await h.call(police.org, 'GET', '/exchange/v1/journal?direction=sent')).json.entries.find((e: { id: string }) => e.id === police.sent.at(-1)!.id);
  assert.equal(entry.signatureCheck, { indication: 'TOTAL_PASSED', reason: 'OK' });
});

test('an unsigned file is refused (SIGNATURE_MISSING) and nothing is journaled', async () => {
  const before = h.events();
  const r = await police.upload('information-request', { subject: 'Відомості', legalGround: 'ст. 23', purpose: 'Виконання постанови' }, {}, null);
  assert.is(r.status, 422, r.text);
  assert.is(r.json.error, 'SIGNATURE_MISSING');
  assert.is(h.events(), before, 'nothing written');
});

test("a signer's certificate that expired, or that no trusted qualified CA issued, is refused and nothing is journaled", async () => {
  const req = { subject: 'Відомості про постанову', legalGround: 'ст. 23 Закону України «Про Національну поліцію»', purpose: 'Виконання постанови' };
  const day = 86_400_000;
  const expired = createSigner(qca.issueHead({ code: '40108578', fullName: 'Петренко Іван Миколайович', notBefore: new Date(Date.now() - 400 * day), notAfter: new Date(Date.now() - 10 * day) }));
  const stranger = createSigner(qualifiedCa('Невідомий надавач').issueHead({ code: '40108578', fullName: 'Петренко Іван Миколайович' }));
  const before = h.events();
  for (const signer of [expired, stranger]) {
    const r = await police.upload('information-request', req, {}, (c) => signer.signPem(Buffer.from(c)));
    assert.is(r.status, 422, r.text);
    assert.is(r.json.error, 'SIGNATURE_INVALID');
  }
  assert.is(h.events(), before, 'nothing written');
});

test('a file marked official-use or state secret never leaves, in either direction: refused with the reason, nothing journaled', async () => {
  const before = h.events();
  for (const restriction of ['official-use', 'state-secret']) {
    const up = await police.upload('information-request', { subject: 'Відомості', legalGround: 'ст. 23', purpose: 'Виконання постанови' }, { restriction });
    assert.is(up.status, 422, up.text);
    assert.is(up.json.error, 'FILE_RESTRICTED');
    assert.ok(/службов|таємниц/.test(up.json.message), up.json.message);
    const down = await h.admin('POST', '/exchange/files/send', { to: 'npu', type: 'admin-offence-decision', restriction, payload: decision() });
    assert.is(down.status, 422, down.text);
    assert.is(down.json.error, 'FILE_RESTRICTED');
  }
  assert.is(h.events(), before, 'nothing written');
  assert.equal(await police.fetch(), [], 'nothing for the police to fetch');
});

test("both sides' journals agree, per direction: the police's own record equals the hub's entries", async () => {
  const view = async (direction: string) => (await h.call(police.org, 'GET', `/exchange/v1/journal?direction=${direction}`)).json.entries as Array<Record_ & { status: string }>;
  const pick = (xs: Record_[]) => xs.map(({ id, sha256, size }) => ({ id, sha256, size }));
  const sent = await view('sent');
  const received = await view('received');
  assert.equal(pick(sent), police.sent);
  assert.equal(pick(received), police.received);
  assert.ok(received.every((e) => e.status === 'acked'));
  // the operator's view of the same participant is the same record
  const op = await h.admin('GET', '/exchange/files/journal/npu?direction=received');
  assert.equal(pick(op.json.entries), police.received);
  const page = await h.admin('GET', '/exchange/files/journal/npu/print?direction=received');
  assert.is(page.status, 200);
  assert.match(page.headers['content-type'] as string, /text\/html/);
  for (const s of ['Журнал обліку інформаційних файлів обміну', 'Національна поліція України', '№ з/п', 'Контрольна сума (SHA-256)', 'Отримання підтверджено', police.received[0]!.sha256]) assert.ok(page.text.includes(s), s);
  assert.not.ok(page.text.includes('>npu<'), 'names, not ids');
  const summary = await h.admin('GET', '/exchange/files/journals');
  const npu = summary.json.participants.find((p: { org: string }) => p.org === 'npu');
  assert.equal(npu, { org: 'npu', name: 'Національна поліція України', sent: police.sent.length, received: police.received.length, unacknowledged: 0, overdue: 0 });
  assert.is((await h.admin('GET', '/exchange/files/journals', undefined, null)).status, 401, 'operators only');
  assert.is((await h.admin('GET', '/exchange/files/journal/npu', undefined, h.tokenFor('analyst'))).status, 403);
  const own = await h.call(police.org, 'GET', '/exchange/v1/journal/print?direction=sent');
  assert.ok(own.text.includes('Запит на отримання інформації'));
});

test('impossibility notices: recorded both ways; one given after 2 working days is listed as late', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const ok = await h.call(police.org, 'POST', '/exchange/v1/impossibility', { reason: 'Відмова серверного обладнання ІПНП', since: today });
  assert.is(ok.status, 201, ok.text);
  assert.is(ok.json.late, false);
  const long = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const late = await h.call(police.org, 'POST', '/exchange/v1/impossibility', { reason: 'Пошкодження каналу зв\'язку', since: long });
  assert.is(late.json.late, true);
  const future = await h.call(police.org, 'POST', '/exchange/v1/impossibility', { reason: 'Буде', since: '2099-01-01' });
  assert.is(future.json.error, 'NOTICE_INVALID');
  const stranger = await h.admin('POST', '/exchange/files/impossibility', { to: ['npu', 'dsns'], reason: 'Планові роботи', since: today });
  assert.is(stranger.status, 404, 'dsns is agreed but not registered: nobody is notified');
  const hubNotice = await h.admin('POST', '/exchange/files/impossibility', { to: ['npu'], reason: 'Планові роботи на хабі обміну ДСА', since: today, expectedUntil: today });
  assert.is(hubNotice.status, 201, hubNotice.text);
  const seen = await h.call(police.org, 'GET', '/exchange/v1/impossibility');
  assert.equal(seen.json.notices.map((n: { by: string }) => n.by), ['org', 'org', 'hub']);
  const overdue = await h.admin('GET', '/exchange/files/overdue');
  assert.ok(overdue.json.findings.some((f: { kind: string; org: string }) => f.kind === 'late-notice' && f.org === 'npu'));
  const all = await h.admin('POST', '/exchange/files/impossibility', { reason: 'Оновлення програмного забезпечення хаба', since: today });
  assert.equal(all.json.notices.map((n: { org: string }) => n.org), ['npu', 'dmsu'], 'every registered participant with an agreement');
});

test('a file left unacknowledged for 2 working days with no notice is flagged (injected now)', async () => {
  // a decision handed over a week ago (the hub's own function, as a court's hand-over), never fetched by the Border Guard
  h.setNow(Date.now() - 7 * 86_400_000);
  const r = await h.hub.infoFiles.sendInformationFile('dpsu', 'admin-offence-decision', decision());
  const fresh = await h.hub.infoFiles.sendInformationFile('npu', 'information-request', { subject: 'Відомості про виконання постанови', legalGround: 'ст. 308 КУпАП', purpose: 'Контроль виконання' });
  const early = await h.hub.infoFiles.overdue();
  assert.not.ok(early.some((f) => f.id === r.id), 'not yet: the 2 working days run from the next day');
  h.setNow(undefined);
  const overdue = await h.admin('GET', '/exchange/files/overdue');
  const unacked = overdue.json.findings.filter((f: { kind: string }) => f.kind === 'unacked-without-notice');
  assert.ok(unacked.some((f: { id: string; org: string }) => f.id === r.id && f.org === 'dpsu'), JSON.stringify(overdue.json));
  // the police's notices came after that file's deadline: they do not cover it
  assert.ok(unacked.some((f: { id: string }) => f.id === fresh.id));
  // the police acknowledges it: no longer listed
  await police.fetch();
  const after = await h.admin('GET', '/exchange/files/overdue');
  assert.not.ok(after.json.findings.some((f: { id: string }) => f.id === fresh.id));
});

test.run();
