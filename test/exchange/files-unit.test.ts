/**
 * Information files (issue 17 item 3, Порядок ДСА–МВС 2021) without the HTTP server: the allow-list filter, the
 * agreements check, the journal actor on a real journal, and the 2-working-day rule with an injected clock.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ActorSystem, Journal } from '../../runtime/index.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { infoFilesBehavior, InfoFilesHub, loadAgreements, loadAgreementsYaml, stripToAllowList, impossibilityDueAt, journalHtml, InfoFileRefused, sha256Hex } from '../../actors/central/exchange/files/index.ts';
import { decision, AGREEMENTS_FILE } from './files-fixtures.ts';
import { qualifiedCa } from './support.ts';
import { createSigner, createTrustStore, verifyDetached } from '../../actors/pki/index.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('exchange: information files (hub functions, allow-list, journal actor)');
test.after(cleanup);

const kyiv = (s: string) => Date.parse(s);

function start(now: { t: number }) {
  const journal = new Journal(join(tempDir(), 'journal.sqlite'));
  const system = new ActorSystem({ node: 'central-1', journal }).register(infoFilesBehavior).start();
  const hub = new InfoFilesHub({ system, agreements: loadAgreementsYaml(readFileSync(AGREEMENTS_FILE, 'utf8')), now: () => now.t });
  return { journal, system, hub };
}

test('the allow-list keeps only listed fields, nested paths included', () => {
  const out = stripToAllowList({ a: 1, b: 2, person: { lastName: 'Шевченко', taxNumber: '1234567890' }, list: [{ x: 1, y: 2 }] }, ['a', 'person.lastName', 'list.x']);
  assert.equal(out, { a: 1, person: { lastName: 'Шевченко' }, list: [{ x: 1 }] });
});

test('agreements: an unknown field, an unknown type or a missing required field is refused at load', () => {
  const bad = (receives: Record<string, string[]>) => () => loadAgreements({ schema: 'asds.exchange-agreements/v1', participants: [{ org: 'npu', agreement: 'x', receives, sends: [] }] });
  assert.throws(bad({ 'admin-offence-decision@1': ['caseNumber', 'court', 'decisionDate', 'article', 'person', 'decision', 'shoeSize'] }), /shoeSize/);
  assert.throws(bad({ 'admin-offence-decision@9': ['caseNumber'] }), /невідомий тип/);
  assert.throws(bad({ 'admin-offence-decision@1': ['caseNumber', 'court', 'decisionDate', 'article', 'decision'] }), /person/);
  assert.throws(bad({ 'admin-offence-decision@1': ['caseNumber', 'court', 'decisionDate', 'article', 'decision', 'person.birthDate'] }), /lastName/);
});

test('a decision sent to the police carries only the fields of its agreement; digest over the exact bytes', async () => {
  const now = { t: kyiv('2026-03-10T10:00:00+02:00') };
  const { system, hub } = start(now);
  const r = await hub.sendInformationFile('npu', 'admin-offence-decision', decision());
  const { files } = await hub.fetch('npu');
  assert.is(files.length, 1);
  const f = files[0]!;
  assert.is(f.id, r.id);
  assert.is(sha256Hex(f.content), f.sha256);
  assert.is(Buffer.byteLength(f.content), f.size);
  assert.not.ok(f.content.includes('reasoning'), 'reasoning is not on the police list');
  assert.not.ok(f.content.includes('1234567890'), 'the tax number never leaves');
  assert.not.ok(f.content.includes('вул.'), 'the address never leaves');
  const env = JSON.parse(f.content);
  assert.equal(Object.keys(env.payload.person).sort(), ['birthDate', 'firstName', 'lastName', 'patronymic']);
  assert.is(env.payload.caseNumber, '537/1234/26');
  await system.shutdown();
});

test('invalid, unknown and unagreed files are refused with typed errors and nothing is journaled', async () => {
  const now = { t: kyiv('2026-03-10T10:00:00+02:00') };
  const { journal, system, hub } = start(now);
  const before = journal.head().gseq;
  const codeOf = async (p: Promise<unknown>) => p.then(() => 'none', (e: InfoFileRefused) => e.code);
  assert.is(await codeOf(hub.sendInformationFile('npu', 'admin-offence-decision', { ...decision(), article: '' })), 'FILE_INVALID');
  assert.is(await codeOf(hub.sendInformationFile('npu', 'admin-offence-decision', decision(), { version: 7 })), 'FILE_TYPE_UNKNOWN');
  assert.is(await codeOf(hub.sendInformationFile('dsns', 'admin-offence-decision', decision())), 'FILE_NOT_AGREED');
  assert.is(await codeOf(hub.upload('npu', { content: '{not json' })), 'FILE_NOT_JSON');
  const req = (over: Record<string, unknown>) => JSON.stringify({ id: randomUUID(), type: 'information-request', version: 1, from: 'npu', to: 'hub', createdAt: new Date(now.t).toISOString(), payload: { subject: 'Відомості', legalGround: 'ст. 23 Закону України «Про Національну поліцію»', purpose: 'Розшук' }, ...over });
  assert.is(await codeOf(hub.upload('npu', { content: req({ to: 'dmsu' }) })), 'FILE_WRONG_ADDRESSEE', 'no forwarding to a third party');
  assert.is(await codeOf(hub.upload('npu', { content: req({ from: 'dmsu' }) })), 'FILE_WRONG_ADDRESSEE');
  assert.is(await codeOf(hub.upload('npu', { content: req({ version: 2 }) })), 'FILE_TYPE_UNKNOWN');
  assert.is(await codeOf(hub.upload('npu', { content: req({ payload: { subject: 'x' } }) })), 'FILE_INVALID');
  assert.is(await codeOf(hub.upload('npu', { content: req({ type: 'admin-offence-decision', payload: decision() }) })), 'FILE_NOT_AGREED');
  assert.is(await codeOf(hub.ack('npu', randomUUID())), 'FILE_NOT_FOUND');
  assert.is(journal.head().gseq, before, 'nothing written');
  await system.shutdown();
});

test('a request from the police and the hub\'s answer are linked; an answer to an unknown request is refused', async () => {
  const now = { t: kyiv('2026-03-10T10:00:00+02:00') };
  const { system, hub } = start(now);
  const id = randomUUID();
  const content = JSON.stringify({ id, type: 'information-request', version: 1, from: 'npu', to: 'hub', createdAt: new Date(now.t).toISOString(), payload: { subject: 'Чи розглядалася справа щодо особи', legalGround: 'ст. 23 Закону України «Про Національну поліцію»', purpose: 'Перевірка' } });
  const receipt = await hub.upload('npu', { content });
  assert.is(receipt.sha256, sha256Hex(content));
  const again = await hub.upload('npu', { content });
  assert.ok(again.duplicate, 'a retried upload is the same file');
  const code = await hub.sendInformationFile('npu', 'information-answer', { requestId: randomUUID(), outcome: 'not-found', text: 'Відомостей немає.' }).then(() => 'none', (e) => e.code);
  assert.is(code, 'REQUEST_UNKNOWN');
  await hub.sendInformationFile('npu', 'information-answer', { requestId: id, outcome: 'not-found', text: 'Відомостей немає.' });
  const sent = await hub.journal('npu', 'sent');
  const received = await hub.journal('npu', 'received');
  assert.is(sent.length, 1);
  assert.is(received.length, 1);
  assert.is(received[0]!.requestId, id);
  await system.shutdown();
});

test('2 working days: Friday → end of Tuesday; a notice after that is late, one before is not', async () => {
  assert.is(impossibilityDueAt('2026-03-13'), kyiv('2026-03-18T00:00:00+02:00'));
  const now = { t: kyiv('2026-03-17T18:00:00+02:00') };
  const { system, hub } = start(now);
  const inTime = await hub.notifyImpossibility('npu', 'org', { reason: 'Відмова серверного обладнання', since: '2026-03-13' });
  assert.is(inTime.late, false);
  now.t = kyiv('2026-03-18T09:00:00+02:00');
  const late = await hub.notifyImpossibility('npu', 'org', { reason: 'Відмова каналу зв\'язку', since: '2026-03-13', expectedUntil: '2026-03-20' });
  assert.is(late.late, true);
  const found = await hub.overdue();
  assert.equal(found.map((f) => [f.org, f.kind]), [['npu', 'late-notice']]);
  await system.shutdown();
});

test('an unacknowledged file with no notice is flagged once 2 working days have passed, not before', async () => {
  const now = { t: kyiv('2026-03-13T15:00:00+02:00') }; // Friday
  const { system, hub } = start(now);
  const r = await hub.sendInformationFile('npu', 'admin-offence-decision', decision());
  now.t = kyiv('2026-03-17T23:59:00+02:00');
  assert.equal(await hub.overdue(), []);
  now.t = kyiv('2026-03-18T00:00:00+02:00');
  const found = await hub.overdue();
  assert.equal(found.map((f) => [f.org, f.kind, f.id]), [['npu', 'unacked-without-notice', r.id]]);
  const j = await hub.journal('npu', 'received');
  assert.ok(j[0]!.overdue, 'the flag is journaled');
  // once acknowledged it is no longer listed
  await hub.ack('npu', r.id);
  assert.equal(await hub.overdue(), []);
  await system.shutdown();
});

test('a file covered by a timely notice of its addressee is not flagged', async () => {
  const now = { t: kyiv('2026-03-13T15:00:00+02:00') };
  const { system, hub } = start(now);
  await hub.sendInformationFile('npu', 'admin-offence-decision', decision());
  now.t = kyiv('2026-03-16T09:00:00+02:00');
  await hub.notifyImpossibility('npu', 'org', { reason: 'Планові роботи', since: '2026-03-13', expectedUntil: '2026-03-25' });
  now.t = kyiv('2026-03-20T09:00:00+02:00');
  assert.equal(await hub.overdue(), []);
  await system.shutdown();
});

test('with a signer, every file the hub sends carries its detached CMS signature over the exact bytes', async () => {
  const ca = qualifiedCa('Тестовий КНЕДП');
  const now = { t: Date.now() };
  const journal = new Journal(join(tempDir(), 'journal.sqlite'));
  const system = new ActorSystem({ node: 'central-1', journal }).register(infoFilesBehavior).start();
  const hub = new InfoFilesHub({ system, agreements: loadAgreementsYaml(readFileSync(AGREEMENTS_FILE, 'utf8')), now: () => now.t, signer: createSigner(ca.issueHead({ code: '26255795', fullName: 'Державна судова адміністрація України' })) });
  await hub.sendInformationFile('npu', 'admin-offence-decision', decision());
  const f = (await hub.fetch('npu')).files[0]!;
  const ok = verifyDetached({ content: Buffer.from(f.content, 'utf8'), cms: f.signature!, trustStore: createTrustStore([ca.certPem]) });
  assert.is(ok.indication, 'TOTAL_PASSED');
  const altered = verifyDetached({ content: Buffer.from(f.content.replace('Шевченко', 'Франко'), 'utf8'), cms: f.signature!, trustStore: createTrustStore([ca.certPem]) });
  assert.is(altered.indication, 'TOTAL_FAILED');
  await system.shutdown();
});

test('the printable journal: Ukrainian columns, A4, names not ids', () => {
  const html = journalHtml({
    participant: 'Національна поліція України',
    direction: 'received',
    entries: [{ no: 1, id: randomUUID(), direction: 'received', type: 'admin-offence-decision', version: 1, size: 812, sha256: 'a'.repeat(64), at: '2026-03-13T13:00:00Z', status: 'acked', ackedAt: '2026-03-13T14:00:00Z', signed: true, overdue: false }],
    printedAt: kyiv('2026-03-14T10:00:00+02:00'),
  });
  for (const col of ['№ з/п', 'Дата і час', 'Напрям', 'Тип файлу', 'Розмір, байт', 'Контрольна сума (SHA-256)', 'Стан']) assert.ok(html.includes(col), col);
  assert.ok(html.includes('size: A4 landscape'));
  assert.ok(html.includes('13.03.2026 15:00:00'), 'Kyiv time, дд.мм.рррр');
  assert.ok(html.includes('Судове рішення у справі про адміністративне правопорушення'));
  assert.ok(html.includes('Отримання підтверджено'));
});

test.run();
