/**
 * Issue 15 items 4–6 end to end (Засади 17.1) on real parts: nats-server (TLS, nkeys, JetStream), redis-server, a
 * court node replicating to a central worker (chdb, BullMQ), the court's archivist confirming a case in legal force
 * with two scans, the package built at the court, `asds archive transfer` starting the centre's job, which fetches
 * every file with the court-file fetcher, validates it, compares its events with the centre's replicated copy,
 * stores it and answers the court's archive actor with a signed receipt; `asds archive get | inventory | retention`.
 * Then the faults: an altered file, a missing file, another court's seal, events that disagree with the centre's
 * copy — each refused with its code and Ukrainian reason, the court told, nothing marked transferred or stored.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { NatsConnection } from '@nats-io/transport-node';
import { cleanup, startNats, startRedis, tempDir, type NatsHandle, type RedisHandle } from '../support/servers.ts';
import { startNodeProcess } from '../support/processes.ts';
import { lawfulZasadyFile } from '../court/distribution/lawful.ts';
import { registeredDrawn } from '../court/stats-support.ts';
import { PASSWORD, startCourt, today, type Court } from '../court/support.ts';
import { startCentralNode, type CentralNode } from '../../actors/central/node.ts';
import type { AnalyticsEngine } from '../../analytics/engine.ts';
import { archiveReceiptSigner, ArchiveReceiptV1, CENTRAL_ARCHIVE_SUBJECT } from '../../contracts/archive/index.ts';
import { schemaErrors } from '../../runtime/validate.ts';
import { createSigner, initCourtCa, readSeal } from '../../actors/pki/index.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { redisConnection } from '../../actors/central/jobs/index.ts';
import type { ArchiveView } from '../../actors/central/archive/index.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('archive transfer: court → centre, receipt, retrieval, refusals');
const COURT = '537';
const ARCHIVE_YAML = `schema: asds.archive/v1
automatic: false
dailyAt: '06:00'
defaultCategory: civil
categories:
  - { id: civil, title: цивільні справи, indexes: ['2', '2-о'], holdingDays: 0, retentionYears: 5, retentionSource: 'приклад для тесту' }
`;
const ctx: { nats?: NatsHandle; redis?: RedisHandle; c?: Court; archivist?: string; central?: CentralNode; engine?: AnalyticsEngine; centralData?: string; ops?: string; nc?: NatsConnection } = {};

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.redis = await startRedis();
  const dir = tempDir('asds-archive-zasady-');
  const zasady = join(dir, 'zasady.yaml');
  copyFileSync(lawfulZasadyFile(), zasady);
  writeFileSync(join(dir, 'archive.yaml'), ARCHIVE_YAML);
  ctx.c = await startCourt({ zasadyFile: zasady, server: { natsUrl: ctx.nats.url, bus: await ctx.nats.bus.identity(`court-${COURT}`) } as never });
  await ctx.c.server.host.natsReady;
  const created = await ctx.c.api.call('POST', '/users', { token: ctx.c.tokens.admin, body: { login: 'archive.sydorenko', fullName: 'Сидоренко Ганна Петрівна', role: 'archivist', password: PASSWORD, order: { number: '9-к', date: '2025-01-10' } } });
  assert.is(created.status, 201, JSON.stringify(created.body));
  ctx.archivist = await ctx.c.api.login('archive.sydorenko');
  // the court CA placed at the centre when the court was connected: it vouches for the package's seal
  ctx.centralData = tempDir('asds-archive-central-');
  mkdirSync(join(ctx.centralData, 'court-cas'), { recursive: true });
  copyFileSync(join(ctx.c.dataDir, 'pki', 'ca.crt.pem'), join(ctx.centralData, 'court-cas', `${COURT}.crt.pem`));
  ctx.central = await startCentralNode({ node: 'central-1', dataDir: ctx.centralData, natsUrl: ctx.nats.url, bus: await ctx.nats.bus.identity('central-1'), redisUrl: ctx.redis.url, anyCourt: true,
    // transfers only by `asds archive transfer` here: the fault tests alter a package before the centre fetches it
    archive: { onIngest: false } });
  ctx.engine = (await ctx.central.ingest)!.worker.analytics;
  await ctx.central.pulls;
  ctx.ops = await ctx.nats.bus.bundle('ops-admin');
  ctx.nc = await ctx.nats.bus.connect('ops-admin');
});

test.after(async () => {
  await ctx.nc?.close();
  await ctx.central?.stop();
  await ctx.c?.server.stop();
  await cleanup();
});

const call = (method: string, path: string, token?: string, body?: unknown) => ctx.c!.api.call(method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The CLI as a child process — asynchronously: the court and the central worker run in this process. */
function cli(args: string[], bus = true): Promise<{ code: number | null; out: string; err: string }> {
  const p = spawn(process.execPath, ['--import', 'tsx', 'bin/cli.ts', ...args, ...(bus ? ['--nats', ctx.nats!.url, '--bus', ctx.ops!] : [])], { env: { ...process.env, ASDS_LOG: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => p.on('close', (code) => resolve({ code, out, err })));
}

/** A civil case in legal force with two scans, confirmed by the archivist; resolves once its package is built. */
async function builtCase(scanBytes = 300_000): Promise<{ ueun: string; path: string; packageId: string; dir: string; files: number; bytes: number }> {
  const c = await registeredDrawn(ctx.c!);
  for (const name of ['позовна заява.pdf', 'квитанція.pdf']) {
    const up = await ctx.c!.api.call('POST', `${c.path}/attachments?fileName=${encodeURIComponent(name)}`, { token: ctx.c!.tokens.registrar, raw: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(scanBytes)]), type: 'application/pdf' });
    assert.is(up.status, 201, JSON.stringify(up.body));
  }
  const d = await call('POST', `${c.path}/decision`, ctx.c!.tokens.head, { outcome: 'decision', date: today(), appealable: false });
  assert.is(d.status, 201, JSON.stringify(d.body));
  await until(`${c.ueun} due`, async () => ((await call('GET', '/archive/due', ctx.archivist)).body.cases as Array<{ ueun: string; state: string }>).find((x) => x.ueun === c.ueun && x.state === 'due'));
  const ok = await call('POST', `/archive/cases/${c.ueun}/confirm`, ctx.archivist);
  assert.is(ok.status, 201, JSON.stringify(ok.body));
  const b = await until(`${c.ueun} built`, async () => ((await call('GET', '/archive/packages', ctx.archivist)).body.cases as any[]).find((x) => x.ueun === c.ueun && x.state === 'built'));
  return { ...c, packageId: b.package.packageId, dir: join(ctx.c!.dataDir, 'archive', 'packages', b.package.packageId), files: b.package.files, bytes: b.package.bytes };
}

/** The court's package-built event has reached the centre (replication). */
const atCentre = (packageId: string) =>
  until(`package-built of ${packageId} at the centre`, async () => {
    const [r] = await ctx.engine!.query("SELECT count() AS n FROM events FINAL WHERE kind = 'archive' AND type = 'package-built' AND JSONExtractString(payload, 'packageId') = {p:String}", { p: packageId });
    return Number(r!.n) > 0 ? true : undefined;
  });

async function record(packageId: string): Promise<ArchiveView | undefined> {
  const m = await ctx.nc!.request(CENTRAL_ARCHIVE_SUBJECT, JSON.stringify({ op: 'list', court: COURT, packageId }), { timeout: 10_000 });
  const r = JSON.parse(new TextDecoder().decode(m.data)) as { ok: boolean; result: ArchiveView[] };
  return r.result[0];
}

const courtCase = async (ueun: string) => ((await call('GET', '/archive/packages', ctx.archivist)).body.cases as any[]).find((x) => x.ueun === ueun);
const storeDir = (packageId: string) => join(ctx.centralData!, 'archive', 'packages', COURT, packageId);

let accepted: { ueun: string; packageId: string } | undefined;

test('a confirmed case: transferred by `asds archive transfer`, stored, receipted; the court records it and the card shows it', async () => {
  const k = await builtCase();
  await atCentre(k.packageId);
  // not transferred before the centre's receipt
  assert.is((await call('GET', k.path, ctx.c!.tokens.registrar)).body.archive, undefined);
  const t = await cli(['archive', 'transfer', '--court', COURT]);
  assert.is(t.code, 0, t.out + t.err);
  assert.match(t.out, /Передавання до архіву: пакетів — 1/);
  assert.match(t.out, new RegExp(`${k.packageId}: прийнято 100 %`));
  const r = (await record(k.packageId))!;
  assert.is(r.state, 'accepted');
  assert.ok(r.courtToldAt > 0);
  assert.is(r.files, k.files);
  assert.is(r.bytes, k.bytes);
  assert.is(r.category, 'civil');
  assert.match(r.courtName, /суд/);
  assert.ok(r.retentionUntil > Date.now() + 4 * 365 * 86_400_000, 'five years');
  const receipt = JSON.parse(r.receipt) as ArchiveReceiptV1;
  assert.equal(schemaErrors(ArchiveReceiptV1, receipt), []);
  assert.is(archiveReceiptSigner(receipt, (await ctx.nats!.bus.identity("central-1")).operatorPublicKey).node, 'central-1');
  assert.is(receipt.ueun, k.ueun);
  // stored as built: plain sha256sum -c passes in the store
  const s = spawnSync('sha256sum', ['-c', '--quiet', 'manifest-sha256.txt'], { cwd: storeDir(k.packageId), encoding: 'utf8' });
  assert.is(s.status, 0, s.stdout + s.stderr);
  assert.equal(readdirSync(join(ctx.centralData!, 'archive', 'staging', COURT)), [], 'nothing left in staging');
  // the court: transferred, the card marked, one transfer event
  const cc = await until('the court records the receipt', async () => ((await courtCase(k.ueun))?.state === 'transferred' ? courtCase(k.ueun) : undefined));
  assert.is(cc.state, 'transferred');
  const card = await until('the card marked', async () => {
    const x = await call('GET', k.path, ctx.c!.tokens.registrar);
    return x.body.archive ? x : undefined;
  });
  assert.is(card.body.archive.state, 'transferred');
  assert.is(card.body.archive.centre, 'central-1');
  // the daily sweep is scheduled (upsertJobScheduler) and a second transfer request adds nothing
  const redis = redisConnection(ctx.redis!.url);
  const q = new Queue('asds-scheduled', { connection: redis, prefix: 'asds' });
  try {
    const sched = await q.getJobScheduler('archive-sweep');
    assert.is(sched?.pattern, '30 2 * * *');
  } finally {
    await q.close();
    redis.disconnect(); // BullMQ does not close a client it was given
  }
  const again = await cli(['archive', 'transfer', '--court', COURT]);
  assert.is(again.code, 0, again.out + again.err);
  assert.match(again.out, /пакетів — 0/);
  accepted = { ueun: k.ueun, packageId: k.packageId };
});

test('asds archive get returns the package and its receipt; it passes sha256sum -c; inventory and retention list it', async () => {
  const a = accepted!;
  const out = tempDir('asds-archive-get-');
  const g = await cli(['archive', 'get', a.ueun, '--out', out]);
  assert.is(g.code, 0, g.out + g.err);
  assert.match(g.out, new RegExp(`Справа № ${a.ueun}`));
  const dir = join(out, a.packageId);
  const s = spawnSync('sha256sum', ['-c', '--quiet', 'manifest-sha256.txt'], { cwd: dir, encoding: 'utf8' });
  assert.is(s.status, 0, s.stdout + s.stderr);
  const t = spawnSync('sha256sum', ['-c', '--quiet', 'tagmanifest-sha256.txt'], { cwd: dir, encoding: 'utf8' });
  assert.is(t.status, 0, t.stdout + t.stderr);
  const receipt = JSON.parse(readFileSync(join(out, `${a.packageId}.receipt.json`), 'utf8')) as ArchiveReceiptV1;
  assert.is(archiveReceiptSigner(receipt, (await ctx.nats!.bus.identity("central-1")).operatorPublicKey).node, 'central-1');
  // `asds archive verify` offline against the court CA the centre holds: fixity, seal, journal proof
  const v = await cli(['archive', 'verify', dir, '--ca', join(ctx.centralData!, 'court-cas', `${COURT}.crt.pem`)], false);
  assert.is(v.code, 0, v.out + v.err);
  // nothing overwritten by a second get
  const g2 = await cli(['archive', 'get', a.ueun, '--out', out]);
  assert.is(g2.code, 2);
  assert.match(g2.err, /вже існує/);
  const missing = await cli(['archive', 'get', '537/99999/25', '--out', out]);
  assert.is(missing.code, 3);
  assert.match(missing.err, /немає в центральному архіві/);

  const year = new Date().getUTCFullYear();
  const inv = await cli(['archive', 'inventory', '--court', COURT, '--year', String(year)]);
  assert.is(inv.code, 0, inv.out + inv.err);
  assert.match(inv.out, new RegExp(`ОПИС справ, прийнятих до центрального електронного архіву за ${year} рік`));
  assert.match(inv.out, new RegExp(`Справа № ${a.ueun}`));
  assert.match(inv.out, /зберігати до \d+ [а-яі]+ \d{4} року/);
  const none = await cli(['archive', 'inventory', '--court', COURT, '--year', String(year - 3)]);
  assert.match(none.out, /Справ не прийнято/);

  const now = await cli(['archive', 'retention']);
  assert.is(now.code, 0, now.out + now.err);
  assert.match(now.out, /Пакети, строк зберігання яких минув на .*: 0/);
  assert.match(now.out, /лише за актом/);
  const later = await cli(['archive', 'retention', '--at', `${year + 6}-01-02`, '--json']);
  assert.is(later.code, 0, later.out + later.err);
  const past = JSON.parse(later.out).packages as Array<{ ueun: string }>;
  assert.ok(past.some((p) => p.ueun === a.ueun), later.out);
  assert.ok(existsSync(storeDir(a.packageId)), 'listed, never destroyed');
});

test("the daily sweep's job (what upsertJobScheduler fires) starts the transfer of a built package by itself", async () => {
  const k = await builtCase(20_000);
  await atCentre(k.packageId);
  const redis = redisConnection(ctx.redis!.url);
  const q = new Queue('asds-scheduled', { connection: redis, prefix: 'asds' });
  try {
    await q.add('archive-sweep', {});
  } finally {
    await q.close();
    redis.disconnect();
  }
  const r = await until('accepted through the sweep', async () => {
    const x = await record(k.packageId);
    return x?.state === 'accepted' && x.courtToldAt > 0 ? x : undefined;
  });
  assert.is(r.ueun, k.ueun);
  await until('the court records the receipt', async () => ((await courtCase(k.ueun))?.state === 'transferred' ? true : undefined));
});

/** The package is refused with `code`; the court lists the refusal with the reason; nothing transferred or stored. */
async function refusedWith(k: { ueun: string; path: string; packageId: string }, code: string, reason: RegExp): Promise<void> {
  await atCentre(k.packageId);
  const t = await cli(['archive', 'transfer', '--court', COURT, '--package', k.packageId]);
  assert.is(t.code, 3, t.out + t.err);
  assert.match(t.out, new RegExp(`відмовлено \\[${code}\\]`));
  const r = (await record(k.packageId))!;
  assert.is(r.state, 'refused');
  assert.is(r.code, code);
  assert.match(r.reason, reason);
  assert.is(r.receipt, '');
  assert.not.ok(existsSync(storeDir(k.packageId)), 'not stored');
  const cc = await until('the court lists the refusal', async () => ((await courtCase(k.ueun))?.state === 'refused' ? courtCase(k.ueun) : undefined));
  assert.is(cc.refusals[0].code, code);
  assert.is(cc.refusals[0].reason, r.reason);
  assert.is(cc.refusals[0].from, 'central-1');
  assert.is((await call('GET', k.path, ctx.c!.tokens.registrar)).body.archive, undefined, 'the card is not marked');
}

test('an altered file is refused (FIXITY_MISMATCH, naming the file); the court is told', async () => {
  const k = await builtCase(20_000);
  const f = join(k.dir, 'data', 'case', 'card.json');
  const b = readFileSync(f);
  b[5] = b[5] === 0x61 ? 0x62 : 0x61;
  writeFileSync(f, b);
  await refusedWith(k, 'FIXITY_MISMATCH', /^Вміст файлу пакета не збігається з маніфестом: data\/case\/card\.json/);
});

test('a missing file is refused (FILE_MISSING, naming the file)', async () => {
  const k = await builtCase(20_000);
  rmSync(join(k.dir, 'data', 'inventory.pdf'));
  await refusedWith(k, 'FILE_MISSING', /^У пакеті бракує файлу: data\/inventory\.pdf/);
});

test('a file larger than the court’s package-built event says is refused before the centre fetches past it (WRONG_PACKAGE): a court cannot fill the centre’s disk', async () => {
  const k = await builtCase(20_000);
  const f = join(k.dir, 'data', 'inventory.pdf');
  writeFileSync(f, Buffer.concat([readFileSync(f), Buffer.alloc(2 * 1024 * 1024, 0x20)]));
  await refusedWith(k, 'WRONG_PACKAGE', /пакет перевищує \d+ байт — стільки назвала подія package-built суду/);
});

test("another court's seal is refused (BAD_SEAL)", async () => {
  const k = await builtCase(20_000);
  const pki = join(tempDir('asds-archive-other-'), 'pki');
  initCourtCa({ dir: pki, courtCode: '538', courtName: 'Миргородський районний суд Полтавської області', passphrase: TEST_KEY_PASSPHRASE });
  const other = createSigner(readSeal(pki, TEST_KEY_PASSPHRASE));
  writeFileSync(join(k.dir, 'tagmanifest-sha256.txt.p7s'), other.sign(readFileSync(join(k.dir, 'tagmanifest-sha256.txt'))));
  await refusedWith(k, 'BAD_SEAL', /^Печатка суду на пакеті не перевіряється: .*SEAL_INVALID/);
});

test("events that disagree with the centre's copy are refused (EVENTS_DISAGREE, naming the event)", async () => {
  const k = await builtCase(20_000);
  await atCentre(k.packageId);
  // the centre's copy of one of the case's events says otherwise (as after a court rewrote its journal once replicated)
  const [row] = await ctx.engine!.query("SELECT * FROM events FINAL WHERE court = {c:String} AND actor = {a:String} AND type = 'legal-force-recorded' LIMIT 1", { c: COURT, a: `case/${k.ueun}` });
  assert.ok(row, 'the case event is at the centre');
  await ctx.engine!.insert('events', [{ ...row, hash: 'f'.repeat(64) }]);
  await refusedWith(k, 'EVENTS_DISAGREE', new RegExp(`^Події справи в пакеті не збігаються з копією центральної бази: подія №${row!.seq}: у пакеті case/${k.ueun} «legal-force-recorded»`));
});

test.run();
