/**
 * Originals to the centre (Засади 13.2–13.3; issue 15 item 1) end to end: a real court node (HTTP, journal,
 * replicator, file service) and a real central worker (JetStream ingest into chdb) over a real nats-server with the
 * bus's TLS, nkeys and permissions; every message on the bus captured.
 *
 * - a decision signed by two judges becomes an Original at the court and is in the central store with its unique
 *   id, content as signed, both CMS re-verified at the centre against the court CA (valid), and its card facts;
 * - a scan is fetched by SHA-256 in the background and stored byte for byte;
 * - the 2-hour window is measured (event time → stored) and overdue items are listed;
 * - a scan a court does not serve stays pending without holding up that court's replication;
 * - covert content never leaves the court: a marker in covert fields, in a covert case's document and scan is in
 *   no central table, no central file and no captured message — while a public marker planted the same way is.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { startCentralNode, type CentralNode } from '../../actors/central/node.ts';
import { assembleOriginal, foldOriginalsAll, originalsMark, reverifyOriginals, overdueOriginals, verifyOriginal, type DocEventRow } from '../../actors/central/originals/index.ts';
import { WitnessStore } from '../../actors/central/witness/index.ts';
import { courtSealAnchor, initCourtCa, issueUserCertificate, signDetached, type IssuedCertificate } from '../../actors/pki/index.ts';
import type { AnalyticsEngine } from '../../analytics/engine.ts';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { callerOf, casePath, claim, LOGINS, newKey, startCourt, type Court } from '../court/support.ts';
import { assignByDraw, lawfulZasadyFile } from '../court/distribution/lawful.ts';
import { silent, startCourt as startGeneratorCourt, type Court as GeneratorCourt } from '../replication/support.ts';
import { startCourtFileService } from '../../actors/court/files/index.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('originals: from a court\'s Original to the central store');
const COURT = '537';
const COVERT = 'НСРД-МАРКЕР-9c41e';
const PUBLIC = 'ПУБЛІЧНИЙ-МАРКЕР-5d20';

let nats: NatsHandle;
let central: CentralNode;
let engine: AnalyticsEngine;
let http: string;
let court: Court;
let wire: NatsConnection;
const captured: Buffer[] = [];
const centralDir = tempDir('asds-originals-central-');
const certs: Record<string, IssuedCertificate> = {};
const scan = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(600_000)]);
const scanSha = createHash('sha256').update(scan).digest('hex');
const covertScan = Buffer.concat([Buffer.from(`%PDF-1.4\n${COVERT}\n`), randomBytes(2000)]);
const covertScanSha = createHash('sha256').update(covertScan).digest('hex');
const ids: { decision?: string; covertDoc?: string; ueun?: string; covertUeun?: string } = {};

async function until<T>(fn: () => Promise<T | undefined | false>, what: string, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const call = callerOf(() => court);
const docPath = (id: string) => `/documents/${encodeURIComponent(id)}`;
const getJson = async (path: string) => ((await fetch(http + path, { headers: consoleAuth(nats.bus.ops, 'operator') })).json()) as Promise<any>;

/** Create, (edit,) and sign by every signer: Draft → Original at the court. */
async function original(ueun: string, proceedingNumber: string, signers: Array<'judge' | 'judge2'>, place: string, edit?: string): Promise<string> {
  const r = await call('POST', '/documents', court.tokens.judge, { template: 'ukhvala-vidkryttia', ueun, proceedingNumber, signers: signers.map((s) => LOGINS[s]), fields: { place, procedure: 'загального позовного провадження' } });
  assert.is(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id as string;
  if (edit) assert.is((await call('PUT', `${docPath(id)}/fields`, court.tokens.judge, { fields: { procedure: edit } })).status, 200);
  const content = (await call('GET', `${docPath(id)}/content`, court.tokens.judge)).bytes;
  for (const s of signers) {
    const sig = await call('POST', `${docPath(id)}/signatures`, court.tokens[s], { cms: signDetached({ content, certPem: certs[s]!.certPem, keyPem: certs[s]!.keyPem }).toString('base64') });
    assert.is(sig.status, 201, JSON.stringify(sig.body));
  }
  assert.is((await call('GET', docPath(id), court.tokens.judge)).body.state, 'Original');
  return id;
}

/** Every event the court has written is in the centre's `events` (the ingest mark reached the court's head). */
async function caughtUp(): Promise<void> {
  court.server.host.journal.flushNow();
  const head = court.server.host.journal.head().gseq;
  await until(async () => {
    const [r] = await engine.query<{ m: string | number }>('SELECT max(seq) AS m FROM events WHERE court = {c:String}', { c: COURT });
    return Number(r?.m ?? 0) >= head;
  }, `the centre to hold court ${COURT}'s events through ${head}`);
}

test.before(async () => {
  nats = await startNats({ jetstream: true });
  // a capture connection on every subject, before anything else speaks (test harness only)
  wire = await nats.bus.wiretap();
  wire.subscribe('>', { callback: (_e, m) => void captured.push(Buffer.from(m.subject), Buffer.from(m.data), Buffer.from(m.headers?.toString() ?? '')) });
  await wire.flush();
  central = await startCentralNode({ node: 'central-1', dataDir: centralDir, natsUrl: nats.url, bus: await nats.bus.identity('central-1'), anyCourt: true, httpPort: 0, originals: { tickMs: 300, patienceMs: 2000, maxBackoffMs: 3000 } });
  engine = (await central.ingest)!.worker.analytics;
  http = (await central.httpUrl)!;
  court = await startCourt({ key: newKey(), zasadyFile: lawfulZasadyFile(), server: { natsUrl: nats.url, bus: await nats.bus.bundle(`court-${COURT}`), checkpointIntervalMs: 2000 } });
  const pki = join(court.dataDir, 'pki');
  for (const k of ['judge', 'judge2'] as const) certs[k] = issueUserCertificate({ passphrase: TEST_KEY_PASSPHRASE, dir: pki, login: LOGINS[k]!, fullName: `Тест ${LOGINS[k]}`, role: 'judge' });
  // the court's CA as the operator put it at the centre when the court was connected
  mkdirSync(join(centralDir, 'court-cas'), { recursive: true });
  copyFileSync(join(pki, 'ca.crt.pem'), join(centralDir, 'court-cas', `${COURT}.crt.pem`));
});

test.after(async () => {
  await court?.server.stop();
  await central?.stop();
  await wire?.close();
  await cleanup();
});

test('a decision signed by two judges: in the central store with its id, content as signed, both CMS valid at the centre, card facts', async () => {
  const reg = await court.api.call('POST', '/registrations', { token: court.tokens.registrar, body: claim() });
  assert.is(reg.status, 201);
  ids.ueun = reg.body.ueun;
  await assignByDraw(court.api, court.tokens.officer, reg.body.ueun, reg.body.proceedingNumber);
  ids.decision = await original(reg.body.ueun, reg.body.proceedingNumber, ['judge', 'judge2'], `м. Лубни ${PUBLIC}`);
  const up = await court.api.call('POST', `${casePath(reg.body.ueun)}/attachments?fileName=${encodeURIComponent('рішення.pdf')}`, { token: court.tokens.registrar, raw: scan, type: 'application/pdf' });
  assert.is(up.status, 201);
  await caughtUp();
  const o = await until(async () => {
    const r = await fetch(`${http}/originals/${COURT}/${encodeURIComponent(ids.decision!)}`, { headers: consoleAuth(nats.bus.ops, 'operator') });
    return r.ok ? ((await r.json()) as any) : undefined;
  }, 'the Original at the centre');
  assert.is(o.documentId, ids.decision);
  assert.is(o.kind, 'original');
  assert.is(o.ueun, ids.ueun);
  assert.is(o.verification, 'valid', JSON.stringify(o.centreVerification));
  assert.equal(o.centreVerification.checks.map((c: any) => [c.login, c.indication, c.contentMatches]), [[LOGINS.judge, 'TOTAL_PASSED', true], [LOGINS.judge2, 'TOTAL_PASSED', true]]);
  assert.is(o.signatures.length, 2);
  // the content is the bytes the judges signed, exactly as the court serves them
  const atCourt = (await call('GET', `${docPath(ids.decision!)}/content`, court.tokens.judge)).bytes;
  assert.is(o.content, atCourt.toString('utf8'));
  assert.is(o.contentSha256, createHash('sha256').update(atCourt).digest('hex'));
  assert.ok(o.content.includes(PUBLIC), 'what the judge wrote reached the centre');
  // card facts: the opening with the parties and the drawn judge
  const types = (o.card as Array<{ type: string }>).map((c) => c.type);
  assert.ok(types.includes('card-opened') && types.includes('judge-assigned'), types.join(','));
  assert.ok(o.lagMs >= 0 && o.lagMs < 120_000, `stored ${o.lagMs} ms after the court's event`);
  const list = await getJson(`/originals?court=${COURT}`);
  assert.ok(list.originals.some((x: any) => x.documentId === ids.decision));
});

test('the scan is fetched by its SHA-256 in the background and stored byte for byte; the window is measured', async () => {
  const s = await until(async () => {
    const r = await getJson(`/originals/scans?court=${COURT}&state=stored`);
    return r.scans.find((x: any) => x.sha256 === scanSha);
  }, 'the scan at the centre');
  assert.is(s.size, scan.length);
  assert.is(s.ueun, ids.ueun);
  const file = join(centralDir, 'originals', 'scans', COURT, scanSha.slice(0, 2), scanSha);
  assert.ok(readFileSync(file).equals(scan));
  const w = await getJson(`/originals/window?court=${COURT}`);
  const docs = w.courts.find((c: any) => c.what === 'document');
  const scans = w.courts.find((c: any) => c.what === 'scan');
  assert.ok(docs.stored >= 1 && docs.withinWindow === docs.stored && docs.share === 1, JSON.stringify(w));
  assert.ok(scans.stored >= 1 && scans.maxMs < 2 * 3600_000, JSON.stringify(w));
  const overdue = await getJson(`/originals/overdue?court=${COURT}`);
  assert.equal(overdue.overdue, [], 'nothing is past the window');
  // the same store measured against a window of 1 ms: everything stored counts as late, with the reason in Ukrainian
  const late = await overdueOriginals(engine, { court: COURT, windowMs: 1 });
  assert.ok(late.some((x) => x.what === 'document' && x.id === ids.decision && x.state === 'stored-late' && /надійшов до центральної бази через/.test(x.reason)));
  assert.ok(late.some((x) => x.what === 'scan' && x.id === scanSha && x.state === 'stored-late'));
});

test('a court that does not serve its scan: the scan stays pending and is listed overdue after 2 h; that court\'s replication goes on', async () => {
  const genDir = tempDir();
  const gen: GeneratorCourt = await startGeneratorCourt('201', genDir, nats);
  try {
    const sha = createHash('sha256').update('a scan court 201 never serves').digest('hex');
    await gen.system.ref('case', '201/1/25').ask({ type: 'raw', event: { type: 'scan-attached', at: Date.now(), by: { login: 'r', role: 'registrar' }, attachment: { sha256: sha, size: 100, mediaType: 'application/pdf' } } });
    await gen.replicator.confirmedThrough(gen.journal.head().gseq);
    await until(async () => ((await getJson('/originals/scans?court=201')).scans.find((x: any) => x.sha256 === sha && x.attempts >= 1)), 'a first fetch attempt');
    // later events of the court are ingested and confirmed while its scan waits
    for (let i = 0; i < 20; i++) await gen.system.ref('distribution', 'g1').ask({ type: 'noise', i });
    await gen.replicator.confirmedThrough(gen.journal.head().gseq);
    const s = (await getJson('/originals/scans?court=201')).scans.find((x: any) => x.sha256 === sha);
    assert.is(s.state, 'pending');
    assert.match(s.detail, /did not answer/);
    assert.equal((await getJson('/originals/overdue?court=201')).overdue, [], 'not overdue within the window');
    const later = await overdueOriginals(engine, { court: '201', now: Date.now() + 2 * 3600_000 + 60_000 });
    assert.is(later.length, 1);
    assert.equal([later[0]!.what, later[0]!.id, later[0]!.state], ['scan', sha, 'not-stored']);
    assert.match(later[0]!.reason, /скан не отримано від суду вже 2,0 год/);
    // the court's file service comes up but has no such scan: a refusal that is a finding at once (not COVERT)
    const svc = startCourtFileService({ court: '201', dataDir: genDir, nc: gen.nc, bus: gen.identity, system: gen.system, log: silent });
    try {
      const refused = await until(async () => (await getJson('/originals/scans?court=201&state=refused')).scans.find((x: any) => x.sha256 === sha), 'the refusal', 30_000);
      assert.match(refused.detail, /^NOT_FOUND/);
      const now = (await getJson('/originals/overdue?court=201')).overdue;
      assert.equal(now.map((x: any) => [x.what, x.id, x.state]), [['scan', sha, 'refused']]);
      assert.match(now[0].reason, /суд відмовив у передачі скану: NOT_FOUND/);
      const metrics = await (await fetch(`${http}/metrics`)).text();
      assert.match(metrics, /asds_originals_overdue\{court="201",what="scan",state="refused"\} 1/);
    } finally {
      svc.stop();
    }
  } finally {
    await gen.stop();
  }
});

test('the centre\'s verdict is its own: altered content is invalid, another CA is not trusted, no CA is said so', async () => {
  const rows = await engine.query<{ seq: string; type: string; ts: string; payload: string; redacted: string[] }>(
    "SELECT seq, type, ts, payload, redacted FROM events FINAL WHERE court = {c:String} AND kind = 'documents' AND (JSONExtractString(payload, 'documentId') = {id:String} OR JSONExtractString(payload, 'document', 'id') = {id:String}) ORDER BY seq",
    { c: COURT, id: ids.decision! },
  );
  const a = assembleOriginal(ids.decision!, rows.map((r): DocEventRow => ({ seq: Number(r.seq), type: r.type, ts: Number(r.ts), payload: JSON.parse(r.payload), redacted: r.redacted })));
  assert.is(a.kind, 'original');
  if (a.kind !== 'original') return;
  const anchor = courtSealAnchor(readFileSync(join(court.dataDir, 'pki', 'ca.crt.pem'), 'utf8'));
  const required = a.document.requiredSigners;
  assert.is(verifyOriginal({ court: COURT, signed: a.signed, requiredSigners: required, anchor }).verdict, 'valid');
  const altered = a.signed.map((s) => ({ ...s, content: Buffer.from(s.content.toString('utf8').replace('Лубни', 'Полтава')) }));
  const bad = verifyOriginal({ court: COURT, signed: altered, requiredSigners: required, anchor });
  assert.is(bad.verdict, 'invalid');
  assert.ok(bad.checks.every((c) => c.indication === 'TOTAL_FAILED' && !c.contentMatches), JSON.stringify(bad.checks));
  const dir = join(tempDir(), 'pki');
  initCourtCa({ dir, courtCode: COURT, courtName: 'Інший ЦСК', passphrase: 'other-ca-passphrase-1' });
  const other = verifyOriginal({ court: COURT, signed: a.signed, requiredSigners: required, anchor: courtSealAnchor(readFileSync(join(dir, 'ca.crt.pem'), 'utf8')) });
  assert.not.equal(other.verdict, 'valid');
  assert.ok(other.checks.every((c) => c.indication !== 'TOTAL_PASSED'));
  assert.is(verifyOriginal({ court: COURT, signed: a.signed, requiredSigners: required, anchor: undefined }).verdict, 'no-ca');
  assert.equal(verifyOriginal({ court: COURT, signed: a.signed.slice(0, 1), requiredSigners: required, anchor }).missingSigners, [LOGINS.judge2]);
});

test('without the operator\'s file, the CA the witness pinned from the court\'s sealed checkpoints verifies', async () => {
  rmSync(join(centralDir, 'court-cas', `${COURT}.crt.pem`));
  await until(async () => (await new WitnessStore(() => engine).pin(COURT)) ?? undefined, 'the witness to pin the court CA');
  const reg = await court.api.call('POST', '/registrations', { token: court.tokens.registrar, body: claim() });
  await assignByDraw(court.api, court.tokens.officer, reg.body.ueun, reg.body.proceedingNumber);
  const id = await original(reg.body.ueun, reg.body.proceedingNumber, ['judge'], 'м. Лубни');
  await caughtUp();
  const o = await until(async () => {
    const r = await fetch(`${http}/originals/${COURT}/${encodeURIComponent(id)}`, { headers: consoleAuth(nats.bus.ops, 'operator') });
    return r.ok ? ((await r.json()) as any) : undefined;
  }, 'the second Original');
  assert.is(o.verification, 'valid', JSON.stringify(o.centreVerification));
});

test('covert content never leaves the court: no central table, file or captured message holds the marker', async () => {
  const reg = await court.api.call('POST', '/registrations', {
    token: court.tokens.registrar,
    body: claim({ index: '1-кс', document: { kind: 'клопотання', title: 'клопотання слідчого', sender: 'СВ Лубенського РВП' }, category: 'НСРД', description: 'клопотання про дозвіл на проведення НСРД', covert: { person: `Особа ${COVERT}`, action: `Дія ${COVERT}` } }),
  });
  assert.is(reg.status, 201, JSON.stringify(reg.body));
  ids.covertUeun = reg.body.ueun;
  await assignByDraw(court.api, court.tokens.officer, reg.body.ueun, reg.body.proceedingNumber, 'investigator-request');
  ids.covertDoc = await original(reg.body.ueun, reg.body.proceedingNumber, ['judge'], `м. Лубни ${COVERT}`, `провадження ${COVERT}`);
  const up = await court.api.call('POST', `${casePath(reg.body.ueun)}/attachments`, { token: court.tokens.registrar, raw: covertScan, type: 'application/pdf' });
  assert.is(up.status, 201, JSON.stringify(up.body));
  await caughtUp();
  // the centre knows the covert document by its id only, and the court refused the scan
  const o = await until(async () => {
    const r = await fetch(`${http}/originals/${COURT}/${encodeURIComponent(ids.covertDoc!)}`, { headers: consoleAuth(nats.bus.ops, 'operator') });
    return r.ok ? ((await r.json()) as any) : undefined;
  }, 'the restricted document\'s row');
  assert.equal([o.kind, o.verification, o.content, o.signatures], ['restricted', 'restricted', '', []]);
  const s = await until(async () => (await getJson(`/originals/scans?court=${COURT}&state=refused`)).scans.find((x: any) => x.sha256 === covertScanSha), 'the covert scan refused');
  assert.match(s.detail, /^COVERT/);
  assert.not.ok(existsSync(join(centralDir, 'originals', 'scans', COURT, covertScanSha.slice(0, 2), covertScanSha)));
  assert.not.ok((await getJson(`/originals/overdue?court=${COURT}`)).overdue.some((x: any) => x.id === covertScanSha), 'a lawful refusal is not overdue');

  // every table of the central store, as text
  const tables = await engine.query<{ name: string }>("SELECT name FROM system.tables WHERE database = currentDatabase() AND engine NOT LIKE '%View%'");
  assert.ok(tables.some((t) => t.name === 'originals') && tables.some((t) => t.name === 'events'));
  let dump = '';
  for (const t of tables) dump += JSON.stringify(await engine.query(`SELECT * FROM \`${t.name}\``)) + '\n';
  assert.ok(dump.includes(PUBLIC), 'the public marker planted the same way is found (the search works)');
  assert.not.ok(dump.includes(COVERT), 'the covert marker is in no central table');
  // every central file (journal, scans, analytics parts, logs), and every message the bus carried
  await court.server.host.journal.flushNow();
  const needles = [COVERT, JSON.stringify(COVERT).slice(1, -1)].map((x) => Buffer.from(x));
  const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  // the analytics store merges its parts in the background: a part listed here may be gone (merged into a new one)
  // when read — then the whole search is done again, so that no file of the final state goes unread
  const search = (): Array<[string, Buffer]> | undefined => {
    try {
      return walk(centralDir).map((f) => [f, readFileSync(f)] as [string, Buffer]);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  };
  let contents: Array<[string, Buffer]> | undefined;
  for (let pass = 0; pass < 10 && !contents; pass++) contents = search();
  assert.ok(contents, 'a complete pass over the central files');
  assert.ok(contents!.some(([f]) => f.endsWith(scanSha)), 'the stored scan is among the searched files');
  for (const [f, bytes] of contents!) for (const n of needles) assert.is(bytes.indexOf(n), -1, `${f} holds the covert marker`);
  const all = Buffer.concat(captured);
  assert.ok(all.indexOf(Buffer.from(PUBLIC)) >= 0, 'the public marker crossed the bus');
  for (const n of needles) assert.is(all.indexOf(n), -1, 'no captured message holds the covert marker');
  // …while the court keeps all of it
  assert.is((await call('GET', docPath(ids.covertDoc!), court.tokens.judge)).body.restricted, true);
});

test('folding again from the start (a crash between the rows and the mark) changes nothing', async () => {
  const q = "SELECT document_id, kind, verification, stored_at, lag_ms, content_sha256 FROM originals FINAL WHERE court = {c:String} ORDER BY document_id";
  const qs = 'SELECT sha256, state, stored_at FROM original_scans FINAL WHERE court = {c:String} ORDER BY sha256';
  const before = [await engine.query(q, { c: COURT }), await engine.query(qs, { c: COURT })];
  assert.ok((before[0] as unknown[]).length >= 3);
  await engine.exec("ALTER TABLE original_marks DELETE WHERE court = {c:String} SETTINGS mutations_sync = 2", { c: COURT });
  assert.is(await originalsMark(engine, COURT), 0);
  const anchor = courtSealAnchor(readFileSync(join(court.dataDir, 'pki', 'ca.crt.pem'), 'utf8'));
  assert.ok((await foldOriginalsAll({ engine, anchor: async () => anchor }, COURT)) > 0);
  assert.equal([await engine.query(q, { c: COURT }), await engine.query(qs, { c: COURT })], before);
});

test('Originals stored as no-ca (the court CA not yet at the centre) are verified again once it is: valid, first stored_at kept', async () => {
  const q = "SELECT document_id, verification, stored_at FROM originals FINAL WHERE court = {c:String} AND kind = 'original' AND verification IN ('valid', 'no-ca') ORDER BY document_id";
  const before = (await engine.query(q, { c: COURT })) as Array<{ document_id: string; verification: string; stored_at: number }>;
  assert.ok(before.length > 0 && before.every((r) => r.verification === 'valid'));
  // fold from the start without a CA: the centre can only say no-ca
  await engine.exec("ALTER TABLE original_marks DELETE WHERE court = {c:String} SETTINGS mutations_sync = 2", { c: COURT });
  await foldOriginalsAll({ engine, anchor: async () => undefined }, COURT);
  const unknown = (await engine.query(q, { c: COURT })) as typeof before;
  assert.ok(unknown.every((r) => r.verification === 'no-ca'), JSON.stringify(unknown));
  assert.is(await reverifyOriginals({ engine, anchor: async () => undefined }, COURT), 0, 'still no CA: nothing to do');
  const anchor = courtSealAnchor(readFileSync(join(court.dataDir, 'pki', 'ca.crt.pem'), 'utf8'));
  assert.is(await reverifyOriginals({ engine, anchor: async () => anchor }, COURT), before.length);
  assert.equal(await engine.query(q, { c: COURT }), before);
});

test.run();
