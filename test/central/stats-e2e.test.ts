/**
 * Statistics end to end through real parts (issue 14 "Done when"; Засади
 * 16.1.1–16.1.6, 16.3): a court node (Lubny Засади, court 537) replicating
 * over nats-server (JetStream, TLS, bus PKI) to an `asds central serve
 * --stats` process on chdb with Redis jobs. Cases are registered, drawn and
 * decided through the court API, stat-card facts entered; the statistician
 * forms the model № 1-мзс, it passes logical control, is signed into an
 * Original and sent by the node; the centre folds the replicated events into
 * cards on its ingest path, computes the same form, finds it equal and answers
 * "accepted" — the court lists it as «прийнято». The centre then consolidates
 * region and nation (`asds stats consolidate`, a BullMQ job) and an analyst
 * downloads the national XLSX, read back with exceljs: the court's counts in
 * the national totals, the CEPEJ indicators beside them.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { cleanup, startNats, startRedis, tempDir, type NatsHandle, type RedisHandle } from '../support/servers.ts';
import type { NodeProcess } from '../support/processes.ts';
import { until } from '../support/until.ts';
import { startCentralWorker } from '../replication/support.ts';
import { today } from '../court/support.ts';
import { decided, registeredDrawn, startStatsCourt, type StatsCourt } from '../court/stats-support.ts';
import { signDetached } from '../../actors/pki/index.ts';
import { CentralJobs } from '../../actors/central/jobs/index.ts';
import { consolidateJobId, STATS_QUEUE } from '../../actors/central/stats/jobs.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
process.env.ASDS_STATS_RETRY_MS = '300';
const test = suite('statistics end to end: court → signed 1-мзс → centre accepts → national XLSX with CEPEJ');

const FORM = '1-мзс-example';
const silent = { debug() {}, info() {}, warn() {}, error() {} };
let nats: NatsHandle;
let redis: RedisHandle;
let central: NodeProcess;
let http: string;
let court: StatsCourt;
const centralData = tempDir('asds-stats-e2e-central-');

test.before(async () => {
  nats = await startNats({ jetstream: true });
  redis = await startRedis();
  court = await startStatsCourt({ node: { natsUrl: nats.url, bus: await nats.bus.identity('court-537') } });
  // the court CA installed at the centre when the court was connected (how the desk verifies the statistician's CMS)
  mkdirSync(join(centralData, 'court-cas'), { recursive: true });
  copyFileSync(join(court.dataDir, 'pki', 'ca.crt.pem'), join(centralData, 'court-cas', '537.crt.pem'));
  central = await startCentralWorker(nats, centralData, ['--http-port', '0', '--redis', redis.url, '--stats', 'deploy/stats/centre.yaml', '--stats-forms', 'deploy/stats-forms']);
  http = JSON.parse(await central.waitFor(/"ingest":"running"/)).http as string;
});
test.after(async () => {
  await court?.server.stop();
  await central?.kill('SIGTERM');
  await cleanup();
});


const period = () => ({ from: today(), to: today(), kind: 'any' as const });
type Submission = { documentId: string; status: string; statusUk: string; history: Array<{ status: string }> };
let documentId = '';
let courtCells: Record<string, Record<string, Record<string, number>>> = {};

test('the court: cases registered, drawn, decided, stat-card facts entered; the 1-мзс passes logical control and is signed', async () => {
  const c = court;
  // civil: one satisfied with amounts, one closed, one pending; criminal: one convicted (article entered), one pending
  const a = await registeredDrawn(c);
  await decided(c, a.path, { outcome: 'decision', date: today() });
  let r = await c.api.call('PUT', `${a.path}/stat-card`, { token: c.stat, body: { fields: { result: 'satisfied', amountClaimed: 150_000, amountAwarded: 120_000 } } });
  assert.is(r.status, 200, JSON.stringify(r.body));
  const b = await registeredDrawn(c);
  await decided(c, b.path, { outcome: 'ruling-closing', date: today() });
  await registeredDrawn(c);
  const k = await registeredDrawn(c, { index: '1-кп', category: 'criminal' }, null);
  r = await c.api.call('PUT', `${k.path}/stat-card`, { token: c.stat, body: { fields: { article: '185' } } });
  assert.is(r.status, 200, JSON.stringify(r.body));
  await registeredDrawn(c, { index: '1-кп', category: 'criminal' }, null);

  const q = period();
  const kept = await c.api.call('POST', '/stats/originals', { token: c.stat, body: { form: FORM, ...q } });
  assert.is(kept.status, 201, JSON.stringify(kept.body));
  assert.equal(kept.body.report.failures, [], 'the report passes logical control (Засади 16.1.4)');
  courtCells = kept.body.report.cells;
  assert.equal(courtCells.civil!.total, { start: 0, received: 3, resolved: 2, satisfied: 1, refused: 0, closed: 1, left: 0, returned: 0, sent: 0, over: 0, claimed: 150_000, awarded: 120_000, end: 1 });
  assert.is(courtCells.criminal!.total!.received, 2);
  documentId = kept.body.documentId as string;
  const content = Buffer.from(kept.body.content, 'utf8');
  const cms = signDetached({ content, certPem: c.cert.certPem, keyPem: c.cert.keyPem }).toString('base64');
  const s = await c.api.call('POST', `/stats/originals/${encodeURIComponent(documentId)}/signatures`, { token: c.stat, body: { cms } });
  assert.is(s.status, 201, JSON.stringify(s.body));
  assert.is(s.body.state, 'Original');
});

test('the node sends it; the centre folds the replicated events, finds its own computation equal, answers accepted: «прийнято» at the court', async () => {
  const row = await until(async () => {
    const list = await court.api.call('GET', '/stats/submissions', { token: court.stat });
    const x = (list.body.items as Submission[]).find((i) => i.documentId === documentId);
    return x && ['accepted', 'returned'].includes(x.status) ? x : undefined;
  }, 'the centre’s answer');
  assert.is(row.status, 'accepted', JSON.stringify(row));
  assert.is(row.statusUk, 'прийнято');
  assert.equal(row.history.map((h) => h.status), ['draft', 'signed', 'sent', 'received', 'accepted']);
  // the centre's own list and its own report of the court, from the cards it folded at ingest
  const held = (await (await fetch(`${http}/stats/submissions?court=537`, { headers: consoleAuth(nats.bus.ops, 'analyst') })).json()) as Array<{ documentId: string; status: string; differences: unknown[] }>;
  const mine = held.find((h) => h.documentId === documentId)!;
  assert.is(mine.status, 'accepted');
  assert.equal(mine.differences, []);
  const q = period();
  const own = await fetch(`${http}/stats/report?form=${encodeURIComponent(FORM)}&from=${q.from}&to=${q.to}&kind=any&court=537`, { headers: consoleAuth(nats.bus.ops, 'analyst') });
  assert.is(own.status, 200);
  assert.equal(((await own.json()) as { report: { cells: unknown } }).report.cells, courtCells, 'one form, two engines, equal results');
});

test('the centre consolidates region and nation (asds stats consolidate); the analyst downloads the national XLSX with CEPEJ indicators', async () => {
  const q = period();
  const child = spawn(process.execPath, ['bin/asds.js', 'stats', 'consolidate', '--form', FORM, '--from', q.from, '--to', q.to, '--kind', 'any', '--redis', redis.url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  assert.is(code, 0, err);
  assert.match(out, /\[####################\] 100 %/);
  assert.match(out, /Зведення готове/);
  // the job's own result: one region (Полтавська область) and the nation, over the court's cards
  const jobs = new CentralJobs({ redisUrl: redis.url, node: 'test', log: silent });
  try {
    const job = await jobs.job(STATS_QUEUE, consolidateJobId({ form: FORM, period: q }));
    assert.equal(job!.returnvalue, { regions: 1, nation: { cards: 5 } });
  } finally {
    await jobs.stop();
  }
  const region = await fetch(`${http}/stats/report?form=${encodeURIComponent(FORM)}&from=${q.from}&to=${q.to}&kind=any&region=poltava`, { headers: consoleAuth(nats.bus.ops, 'analyst') });
  const regional = (await region.json()) as { scopeName: string; report: { cells: typeof courtCells; failures: unknown[] } };
  assert.is(regional.scopeName, 'Полтавська область');
  assert.equal(regional.report.cells, courtCells, 'the region of one connected court holds exactly its counts');
  assert.equal(regional.report.failures, []);

  const res = await fetch(`${http}/stats/report?form=${encodeURIComponent(FORM)}&from=${q.from}&to=${q.to}&kind=any&nation=1&format=xlsx`, { headers: consoleAuth(nats.bus.ops, 'analyst') });
  assert.is(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v))));
  const text = rows.map((r) => r.join(' | '));
  assert.ok(text.some((l) => l.startsWith('Україна')), 'the scope named in Ukrainian');
  assert.ok(text.some((l) => /Звіт судів першої інстанції про розгляд справ/.test(l)));
  // section 2, row 7 "Усього цивільних справ": the court's counts in the national totals (money in hryvnias)
  const civil = rows.find((r) => r[0] === '7' && r[1] === 'Усього цивільних справ')!;
  assert.ok(civil, 'the civil total row');
  const c = courtCells.civil!.total!;
  assert.equal(civil.slice(2), [c.start, c.received, c.resolved, c.satisfied, c.refused, c.closed, c.left, c.returned, c.sent, c.over, c.claimed! / 100, c.awarded! / 100, c.end]);
  // CEPEJ (Засади 16.1.5): clearance rate = resolved / received × 100, turnover = resolved / pending at end, disposition = 365 / turnover
  const header = rows.findIndex((r) => String(r[5] ?? '').startsWith('Коефіцієнт розгляду справ (clearance rate)'));
  assert.ok(header >= 0, 'the CEPEJ table is in the workbook');
  assert.ok(text.some((l) => /Показники CEPEJ\. Розділ 2\. Цивільні справи/.test(l)));
  const cep = rows.slice(header).find((r) => r[0] === '7' && r[1] === 'Усього цивільних справ')!;
  assert.equal(cep.slice(2, 5), [3, 2, 1]);
  assert.is(cep[5], (2 / 3) * 100);
  assert.is(cep[6], 2);
  assert.is(cep[7], 365 / 2);
});

test('CEPEJ per judge carries the judge’s load from the workload facts (Засади 16.1.5): the same sums as the workload report', async () => {
  const q = period();
  const rows = (await (await fetch(`${http}/stats/cepej?from=${q.from}&to=${q.to}&by=judge&court=537`, { headers: consoleAuth(nats.bus.ops, 'analyst') })).json()) as Array<{ key: string; judgeName: string | null; court: string; received: number; assigned: number; weightedLoad: number }>;
  const load = ((await (await fetch(`${http}/reports/workload?from=${q.from}&to=${q.to}&court=537`, { headers: consoleAuth(nats.bus.ops, 'analyst') })).json()) as { rows: Array<{ judge: string; judgeName: string | null; received: number; weighted_load: number }> }).rows;
  assert.ok(load.length > 0, 'the draws made workload facts');
  // people read both: each judge named as the court's Засади name them (replicated with its zasady-loaded event)
  const names = new Map((parse(readFileSync(court.zasadyFile, 'utf8')) as { judges: Array<{ id: string; name: string }> }).judges.map((j) => [j.id.toLowerCase(), j.name]));
  for (const w of load) assert.is(w.judgeName, names.get(w.judge.toLowerCase()), `the workload row of ${w.judge} names the judge`);
  for (const r of rows) assert.is(r.judgeName, names.get(r.key.toLowerCase()), `the CEPEJ row of ${r.key} names the judge`);
  const judges = new Set(load.map((w) => w.judge));
  for (const j of judges) {
    const row = rows.find((r) => r.key === j && r.court === '537');
    assert.ok(row, `a CEPEJ row for ${j}`);
    const mine = load.filter((w) => w.judge === j);
    assert.is(row!.assigned, mine.reduce((s, w) => s + w.received, 0));
    assert.is(row!.weightedLoad, Math.round(mine.reduce((s, w) => s + w.weighted_load, 0) * 1e4) / 1e4);
  }
  assert.is(rows.reduce((s, r) => s + r.received, 0), 5, 'every card counted once');
});

test.run();
