/**
 * The reference counterpart (actors/counterpart, `asds exchange counterpart`) against a real mTLS hub: the police
 * service fetches information files with the folder `asds exchange cert` makes, acknowledges them, keeps its own
 * journal (digests over the bytes on its side) that agrees with the hub's, and resumes from its cursor; the
 * prosecutors' system files a signed document that the hub refuses with a typed code when no cabinet exists,
 * and a certificate of another CA never gets past the handshake.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, tempDir } from '../support/servers.ts';
import { qualifiedCa, startTestHub, type TestHub, type TestOrg } from './support.ts';
import { decision } from './files-fixtures.ts';
import { CounterpartJournal, HubRefused, MtlsClient, PoliceService, ProsecutorSystem, sha256Hex } from '../../actors/counterpart/index.ts';

const test = suite('exchange: the reference counterpart');
let h: TestHub;
let police: TestOrg;
let prok: TestOrg;
const qca = qualifiedCa();

function certDir(org: TestOrg): string {
  const dir = tempDir('asds-counterpart-');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'client.crt.pem'), org.certPem);
  writeFileSync(join(dir, 'client.key.pem'), org.keyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'hub-ca.crt.pem'), h.hub.ca.certPem);
  return dir;
}

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/asds.js', 'exchange', 'counterpart', ...args, '--hub', h.hub.url], { env: { ...process.env, ASDS_LOG: 'error' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

const lines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, any>);

test.before(async () => {
  h = await startTestHub({ qualifiedCas: [qca.certPem] });
  police = await h.addOrg({ id: 'npu', kind: 'police', name: 'Національна поліція України', code: '40108578' });
  prok = await h.addOrg({ id: 'okp-lubny', kind: 'prosecutor', name: 'Лубенська окружна прокуратура', code: 'OKP-1601' });
});
test.after(async () => {
  await h?.stop();
  await cleanup();
});

test('asds exchange counterpart poll: the police fetch and acknowledge a file; their journal agrees with the hub; the next poll starts after it', async () => {
  const sent = await h.admin('POST', '/exchange/files/send', { to: 'npu', type: 'admin-offence-decision', payload: decision() });
  assert.is(sent.status, 201, sent.text);
  const dir = certDir(police);
  const first = await cli(['poll', '--cert-dir', dir]);
  assert.is(first.code, 0, first.err);
  const got = lines(first.out).filter((l) => l.informationFile);
  assert.is(got.length, 1);
  assert.is(got[0]!.informationFile.type, 'admin-offence-decision@1');
  assert.is(got[0]!.informationFile.sha256, sent.json.sha256);
  const own = readFileSync(join(dir, 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(own.map((e) => [e.direction, e.kind, e.id, e.sha256]), [['received', 'information-file', got[0]!.informationFile.id, sent.json.sha256]]);
  const hub = (await h.call(police, 'GET', '/exchange/v1/journal?direction=received')).json.entries;
  assert.equal(hub.map((e: { id: string; sha256: string; size: number; status: string }) => [e.id, e.sha256, e.size, e.status]), [[own[0].id, own[0].sha256, own[0].size, 'acked']]);
  const again = await cli(['poll', '--cert-dir', dir]);
  assert.is(again.code, 0, again.err);
  assert.equal(lines(again.out).filter((l) => l.informationFile), [], 'nothing fetched twice');
  assert.equal(lines(again.out).at(-1), { journal: 1 });
});

test('PoliceService: its own digests, computed on its side, equal the hub journal; an organisation without an agreement is refused', async () => {
  const client = new MtlsClient(h.hub.url, { ...police, caPem: h.hub.ca.certPem });
  const svc = new PoliceService(client, new CounterpartJournal());
  try {
    await h.admin('POST', '/exchange/files/send', { to: 'npu', type: 'admin-offence-decision', payload: { ...decision(), protocolNumber: 'ААД 777' } });
    const files = await svc.fetchFiles();
    assert.is(files.length, 1);
    assert.is(svc.journal.entries('received')[0]!.sha256, sha256Hex(files[0]!.content));
    // its in-memory journal holds this run only: the hub's has the earlier file too — a difference is reported, by id
    const cmp = await svc.compareWithHub('received');
    assert.is(cmp.hubs, 2);
    assert.is(cmp.ours, 1);
    assert.not.ok(cmp.agree);
    assert.is(cmp.mismatches.length, 1);
    assert.is.not(cmp.mismatches[0], files[0]!.id);
  } finally {
    client.close();
  }
  const other = new MtlsClient(h.hub.url, { ...prok, caPem: h.hub.ca.certPem });
  try {
    // the prosecutor's office has no agreement on information files: a typed refusal, not the police's files
    const e = await new PoliceService(other).fetchFiles().then(
      () => undefined,
      (x: unknown) => x,
    );
    assert.instance(e, HubRefused);
    assert.is((e as HubRefused).status, 403);
    assert.match((e as HubRefused).message, /угоди/);
  } finally {
    other.close();
  }
});

test('ProsecutorSystem: a signed filing without a cabinet is a typed refusal that writes nothing in either journal; a foreign client certificate is refused at the handshake', async () => {
  const client = new MtlsClient(h.hub.url, { ...prok, caPem: h.hub.ca.certPem });
  const system = new ProsecutorSystem(client, qca.issueHead({ code: 'OKP-1601', fullName: 'Мельник Ганна Іванівна' }));
  try {
    const before = h.events();
    const e = await system.file({ messageId: 'okp-1', court: '537', ueun: '537/1/26', kind: 'motion', title: 'клопотання', fileName: 'k.pdf', mediaType: 'application/pdf', content: Buffer.from('%PDF-1.4 клопотання') }).then(
      () => undefined,
      (x: unknown) => x,
    );
    assert.instance(e, HubRefused);
    assert.is((e as HubRefused).code, 'CABINET_NOT_FOUND');
    assert.match((e as HubRefused).message, /[а-яіїє]/i);
    assert.is(h.events(), before);
    assert.equal(system.journal.entries(), []);
  } finally {
    client.close();
  }
  const stranger = qca.issueHead({ code: 'OKP-1601', fullName: 'Сторонній' });
  const foreign = new MtlsClient(h.hub.url, { certPem: stranger.certPem, keyPem: stranger.keyPem, caPem: h.hub.ca.certPem });
  try {
    await foreign.call('GET', '/exchange/whoami').then(
      (r) => assert.unreachable(`answered ${r.status}`),
      (x: Error) => assert.ok(x instanceof Error),
    );
  } finally {
    foreign.close();
  }
});

test.run();
