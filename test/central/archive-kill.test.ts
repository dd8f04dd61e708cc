/**
 * Issue 15 item 4: an archive transfer cut by SIGKILL — of the court, then of the central worker — resumes from the
 * acknowledged chunks and never duplicates (one package stored, one receipt, one transfer recorded at the court).
 * Real processes: `asds court serve` (its file service slowed by ASDS_FILES_CHUNK_DELAY_MS so the transfer can be cut
 * midway) and `asds central serve --redis` (short job locks so a killed worker's job is taken again within seconds),
 * which starts the transfer by itself when the court's `package-built` event reaches it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Queue } from 'bullmq';
import type { NatsConnection } from '@nats-io/transport-node';
import { cleanup, startNats, startRedis, tempDir, type NatsHandle, type RedisHandle } from '../support/servers.ts';
import { startNodeProcess, type NodeProcess } from '../support/processes.ts';
import { lawfulZasadyFile } from '../court/distribution/lawful.ts';
import { registeredDrawn } from '../court/stats-support.ts';
import { ADMIN_PASSWORD, PASSWORD, api, today, type Api, type Court } from '../court/support.ts';
import { CENTRAL_ARCHIVE_SUBJECT } from '../../contracts/archive/index.ts';
import { redisConnection } from '../../actors/central/jobs/index.ts';
import type { ArchiveView } from '../../actors/central/archive/index.ts';

const COURT = '537';
const CHUNK = 8192;
let nats: NatsHandle;
let redis: RedisHandle;
let nc: NatsConnection;
let courtData: string;
let centralData: string;
let zasady: string;
let court: NodeProcess;
let central: NodeProcess;
let a: Api;

async function startCourtProcess(): Promise<NodeProcess> {
  const p = startNodeProcess('bin/cli.ts', ['court', 'serve', '--court', COURT, '--data', courtData, '--port', '0', '--zasady', zasady, '--nats', nats.url, '--bus', await nats.bus.bundle(`court-${COURT}`)], {
    ASDS_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ASDS_FILES_CHUNK_DELAY_MS: '150',
  });
  a = api(JSON.parse(await p.waitFor(/"ready":true/, 120_000)).url as string);
  return p;
}

async function startCentralProcess(): Promise<NodeProcess> {
  const p = startNodeProcess('bin/cli.ts', ['central', 'serve', '--node', 'central-1', '--data', centralData, '--nats', nats.url, '--bus', await nats.bus.bundle('central-1'), '--redis', redis.url, '--any-court'], {
    ASDS_INGEST_ACK_WAIT_MS: '3000',
    ASDS_ARCHIVE_CHUNK_BYTES: String(CHUNK),
    ASDS_JOBS_LOCK_MS: '3000',
  });
  await p.waitFor(/"jobs":"running"/, 120_000);
  return p;
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 180_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const p = startNodeProcess('bin/cli.ts', [...args, '--nats', nats.url, '--bus', await nats.bus.bundle('ops-admin')]);
  const x = await p.exited;
  return { code: x.code, out: p.lines.join('\n') };
}

async function record(packageId: string): Promise<ArchiveView | undefined> {
  const m = await nc.request(CENTRAL_ARCHIVE_SUBJECT, JSON.stringify({ op: 'list', court: COURT, packageId }), { timeout: 5_000 });
  const r = JSON.parse(new TextDecoder().decode(m.data)) as { ok: boolean; result: ArchiveView[] };
  return r.ok ? r.result[0] : undefined;
}

test.before(async () => {
  nats = await startNats({ jetstream: true });
  redis = await startRedis();
  courtData = tempDir('asds-archive-kill-court-');
  centralData = tempDir('asds-archive-kill-central-');
  const dir = tempDir('asds-archive-kill-zasady-');
  zasady = join(dir, 'zasady.yaml');
  copyFileSync(lawfulZasadyFile(), zasady);
  writeFileSync(
    join(dir, 'archive.yaml'),
    `schema: asds.archive/v1\nautomatic: false\ndailyAt: '06:00'\ndefaultCategory: civil\ncategories:\n  - { id: civil, title: цивільні справи, indexes: ['2'], holdingDays: 0, retentionYears: 5 }\n`,
  );
  court = await startCourtProcess();
  mkdirSync(join(centralData, 'court-cas'), { recursive: true });
  copyFileSync(join(courtData, 'pki', 'ca.crt.pem'), join(centralData, 'court-cas', `${COURT}.crt.pem`));
  central = await startCentralProcess();
  nc = await nats.bus.connect('ops-admin');
});

test.after(async () => {
  await nc?.close();
  await cleanup();
});

test('SIGKILL of the court, then of the central worker, mid-transfer: resumed, accepted once, recorded once', async () => {
  // a civil case in legal force with two 1 MB scans, confirmed by the archivist, its package built at the court
  const admin = await a.login('admin', ADMIN_PASSWORD);
  const tokens: Record<string, string> = {};
  for (const [k, login, role] of [['registrar', 'registrar1', 'registrar'], ['officer', 'officer1', 'distribution_officer'], ['judge', 'judge.petrenko', 'judge'], ['judge2', 'judge.koval', 'judge'], ['head', 'head1', 'head_of_staff'], ['archivist', 'archive.sydorenko', 'archivist']] as const) {
    const r = await a.call('POST', '/users', { token: admin, body: { login, fullName: `Тест ${login}`, role, password: PASSWORD, order: { number: `${login}-наказ`, date: '2025-01-10' } } });
    assert.is(r.status, 201, JSON.stringify(r.body));
    tokens[k] = await a.login(login);
  }
  const c = await registeredDrawn({ api: a, tokens } as unknown as Court);
  for (const name of ['позовна заява.pdf', 'додатки.pdf']) {
    const up = await a.call('POST', `${c.path}/attachments?fileName=${encodeURIComponent(name)}`, { token: tokens.registrar!, raw: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1024 * 1024)]), type: 'application/pdf' });
    assert.is(up.status, 201, JSON.stringify(up.body));
  }
  assert.is((await a.call('POST', `${c.path}/decision`, { token: tokens.head!, body: { outcome: 'decision', date: today(), appealable: false } })).status, 201);
  await until('due', async () => ((await a.call('GET', '/archive/due', { token: tokens.archivist! })).body.cases as any[]).find((x) => x.ueun === c.ueun && x.state === 'due'));
  assert.is((await a.call('POST', `/archive/cases/${c.ueun}/confirm`, { token: tokens.archivist! })).status, 201);
  const built = await until('built', async () => ((await a.call('GET', '/archive/packages', { token: tokens.archivist! })).body.cases as any[]).find((x) => x.ueun === c.ueun && x.state === 'built'));
  const packageId = built.package.packageId as string;

  // the centre starts the transfer by itself once the court's package-built event is stored (ingest → poke → job)
  await until('the transfer started by the centre', () => record(packageId));
  const progress = async () => {
    const r = await record(packageId);
    return r?.state === 'transferring' ? (r.jobProgress ?? 0) : r ? 100 : 0;
  };
  await until('the transfer to pass 15 %', async () => ((await progress()) >= 15 ? true : undefined));
  await court.kill('SIGKILL');
  court = await startCourtProcess();
  await until('the transfer to pass 50 % after the court restarted', async () => ((await progress()) >= 50 ? true : undefined));
  const cut = await progress();
  assert.ok(cut < 100, `the central worker is killed mid-transfer (${cut} %)`);
  await central.kill('SIGKILL');
  // asked again while the worker is down: the same job id, nothing added twice
  central = await startCentralProcess();
  const again = await cli(['archive', 'transfer', '--court', COURT, '--no-wait']);
  assert.is(again.code, 0, again.out);

  const r = await until('accepted and told', async () => {
    const x = await record(packageId);
    return x?.state === 'accepted' && x.courtToldAt > 0 ? x : undefined;
  });
  assert.is(r.files, built.package.files);
  assert.is(r.bytes, built.package.bytes);
  // one package stored, nothing left in staging
  assert.equal(readdirSync(join(centralData, 'archive', 'packages', COURT)), [packageId]);
  assert.equal(readdirSync(join(centralData, 'archive', 'staging', COURT)), []);
  // the run that finished resumed: it asked for fewer chunks than the payload has
  const conn = redisConnection(redis.url);
  const q = new Queue('asds-archive', { connection: conn, prefix: 'asds' });
  try {
    const job = await until('the finished job', async () => {
      const j = await q.getJob(`archive-transfer.${COURT}.${packageId}`);
      return j?.returnvalue ? j : undefined;
    });
    const res = job.returnvalue as { state: string; fetched: number; resumed: number };
    assert.is(res.state, 'accepted');
    const chunks = Math.ceil(built.package.bytes / CHUNK);
    assert.ok(res.fetched < chunks, `resumed, not restarted: ${res.fetched} chunk requests after the restart for ${chunks} chunks in all`);
    assert.ok(res.resumed >= 1, `a file resumed from its acknowledged part (${res.resumed})`);
  } finally {
    await q.close();
    conn.disconnect();
  }
  // the court recorded one transfer, and the card shows it
  await until('the card marked', async () => ((await a.call('GET', c.path, { token: tokens.registrar! })).body.archive?.state === 'transferred' ? true : undefined));
  const db = new Database(join(courtData, 'journal.sqlite'), { readonly: true });
  try {
    const n = db.prepare("SELECT count(*) AS n FROM events WHERE type = 'archive-transferred' AND actor = ?").get(`archive/${COURT}`) as { n: number };
    assert.is(n.n, 1);
  } finally {
    db.close();
  }
});

test.run();
