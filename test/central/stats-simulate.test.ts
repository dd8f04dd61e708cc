/**
 * Issue 14 "Done when", from `asds simulate`: two court nodes live ten days
 * on a timeline (`--timeline`: each day on its own date) against a central
 * worker with statistics on; the simulator's statistician enters what the
 * records cannot say (articles, amounts, results). Then court 537 runs again
 * as a court does: its statistician (certificate from `asds pki issue`) forms
 * the model № 1-мзс for the simulated period, it passes logical control, is
 * signed into an Original and sent; the centre finds it equal to its own
 * computation from the replicated events and accepts it; `asds stats
 * consolidate` builds region and nation; the analyst's national XLSX holds both
 * courts' counts with the CEPEJ indicators computed from them.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { cleanup, startNats, startRedis, tempDir, type NatsHandle, type RedisHandle } from '../support/servers.ts';
import type { NodeProcess } from '../support/processes.ts';
import { until } from '../support/until.ts';
import { startCentralWorker } from '../replication/support.ts';
import { signDetached } from '../../actors/pki/index.ts';
import { SIM_PASSWORD } from '../../actors/court/simulator/index.ts';
import { adminPasswordFor, startCourtProcess, stopChild, type CourtChild } from '../../actors/court/simulator/cluster.ts';
import { demoKeyPassphraseFile } from '../../actors/pki/index.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
process.env.ASDS_STATS_RETRY_MS = '300';
const test = suite('statistics after asds simulate --timeline: signed 1-мзс accepted, region and nation consolidated, national XLSX');

const FORM = '1-мзс-example';
let nats: NatsHandle;
let redis: RedisHandle;
let central: NodeProcess;
let http: string;
let court: CourtChild | undefined;
const root = tempDir('asds-stats-sim-');
const sim = join(root, 'sim');
const centralData = join(root, 'central-1');
let summary: { from: string; to: string; decided: number; statEntries: number; courts: Array<{ court: string; registrations: number }> };

test.before(async () => {
  nats = await startNats({ jetstream: true });
  redis = await startRedis();
  central = await startCentralWorker(nats, centralData, ['--http-port', '0', '--redis', redis.url, '--stats', 'deploy/stats/centre.yaml', '--stats-forms', 'deploy/stats-forms']);
  http = JSON.parse(await central.waitFor(/"ingest":"running"/)).http as string;
});
test.after(async () => {
  if (court) await stopChild(court.child);
  await central?.kill('SIGTERM');
  await cleanup();
});

const asds = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/asds.js', ...args], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, ASDS_LOG: 'error', ...env } });


async function call(base: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

test('asds simulate --timeline: two courts, ten days, statistical facts entered, replicated to the centre', () => {
  const r = asds(['simulate', '--courts', '2', '--days', '10', '--seed', '14', '--cases-per-day', '4', '--timeline', '--nats', nats.url, '--ops', nats.bus.dir, '--data', sim]);
  assert.is(r.status, 0, r.stderr);
  summary = JSON.parse(r.stdout.trim().split('\n').pop()!);
  assert.ok((summary as unknown as { replicated: boolean }).replicated);
  assert.ok(summary.decided > 5 && summary.statEntries > 10, JSON.stringify(summary));
  // the timeline: registrations carry each simulated day's date, the first one the first day, not today
  const db = new Database(join(sim, 'court-537', 'journal.sqlite'), { readonly: true });
  try {
    const days = db.prepare(`SELECT DISTINCT json_extract(data, '$.registrationDate') AS d FROM events WHERE type = 'case-registered' ORDER BY d`).all() as Array<{ d: string }>;
    assert.is(days[0]!.d, summary.from);
    assert.is(days.at(-1)!.d, summary.to);
    assert.ok(days.length >= 8, `registered on ${days.length} distinct days`);
    // the run log says the node ran on a simulated clock (it reaches the centre)
    const started = db.prepare(`SELECT data FROM events WHERE type = 'node-started'`).all() as Array<{ data: string }>;
    assert.is(JSON.parse(started[0]!.data).clock, 'simulated');
  } finally {
    db.close();
  }
});

let reportCells: Record<string, Record<string, Record<string, number>>> = {};
let documentId = '';

test('court 537 again: the statistician forms the 1-мзс for the simulated period; it passes logical control and is signed', async () => {
  const admin = adminPasswordFor(sim).password;
  court = await startCourtProcess({ court: '537', dataDir: join(sim, 'court-537'), natsUrl: nats.url, bus: await nats.bus.bundle('court-537'), adminPassword: admin, log: join(root, 'court-537.log') });
  // the statistician's signing certificate, issued by the court's CA as its administrator does
  const passFile = demoKeyPassphraseFile(sim);
  const issued = asds(['pki', 'issue', '--data', join(sim, 'court-537'), '--user', 'sim.stat', '--name', 'Статистик (симулятор)', '--role', 'statistician', '--key-passphrase-file', passFile]);
  assert.is(issued.status, 0, issued.stderr);
  const out = JSON.parse(issued.stdout.trim().split('\n').pop()!) as { cert: string; key: string };
  const keyPem = createPrivateKey({ key: readFileSync(out.key, 'utf8'), passphrase: readFileSync(passFile, 'utf8').trim() }).export({ type: 'pkcs8', format: 'pem' }) as string;
  // the centre knows the court's CA from when the court was connected
  mkdirSync(join(centralData, 'court-cas'), { recursive: true });
  copyFileSync(join(sim, 'court-537', 'pki', 'ca.crt.pem'), join(centralData, 'court-cas', '537.crt.pem'));

  const login = await call(court.url, 'POST', '/auth/login', undefined, { login: 'sim.stat', password: SIM_PASSWORD });
  assert.is(login.status, 200, JSON.stringify(login.body));
  const token = login.body.token as string;
  const kept = await call(court.url, 'POST', '/stats/originals', token, { form: FORM, from: summary.from, to: summary.to, kind: 'any' });
  assert.is(kept.status, 201, JSON.stringify(kept.body));
  assert.equal(kept.body.report.failures, [], 'the report passes logical control (Засади 16.1.4)');
  reportCells = kept.body.report.cells;
  const civil = reportCells.civil!.total!;
  assert.ok(civil.received! > 0 && civil.resolved! > 0, JSON.stringify(civil));
  assert.is(civil.start, 0, 'nothing was pending before the first simulated day');
  assert.is(civil.start! + civil.received! - civil.resolved!, civil.end, 'the flow identity');
  assert.ok(civil.claimed! > 0, 'amounts entered by the simulator’s statistician are in the form');
  documentId = kept.body.documentId as string;
  const cms = signDetached({ content: Buffer.from(kept.body.content, 'utf8'), certPem: readFileSync(out.cert, 'utf8'), keyPem }).toString('base64');
  const s = await call(court.url, 'POST', `/stats/originals/${encodeURIComponent(documentId)}/signatures`, token, { cms });
  assert.is(s.status, 201, JSON.stringify(s.body));
  assert.is(s.body.state, 'Original');

  const row = await until(async () => {
    const list = await call(court!.url, 'GET', '/stats/submissions', token);
    const x = (list.body.items as Array<{ documentId: string; status: string; statusUk: string }>).find((i) => i.documentId === documentId);
    return x && ['accepted', 'returned'].includes(x.status) ? x : undefined;
  }, 'the centre’s answer', 90_000);
  assert.is(row.status, 'accepted', JSON.stringify(row));
  assert.is(row.statusUk, 'прийнято');
  const held = (await (await fetch(`${http}/stats/submissions?court=537`, { headers: consoleAuth(nats.bus.ops, 'analyst') })).json()) as Array<{ documentId: string; status: string; differences: unknown[] }>;
  assert.equal(held.find((h) => h.documentId === documentId)?.differences, [], 'the centre’s own computation is equal');
});

test('the centre consolidates region and nation; the national XLSX holds both courts with CEPEJ indicators', async () => {
  const child = spawn(process.execPath, ['bin/asds.js', 'stats', 'consolidate', '--form', FORM, '--from', summary.from, '--to', summary.to, '--kind', 'any', '--redis', redis.url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  assert.is(await new Promise<number | null>((r) => child.on('exit', r)), 0, err);
  const q = `form=${encodeURIComponent(FORM)}&from=${summary.from}&to=${summary.to}&kind=any`;
  const region = (await (await fetch(`${http}/stats/consolidated?${q}&region=poltava`, { headers: consoleAuth(nats.bus.ops, 'analyst') })).json()) as { scopeName: string; report: { cells: typeof reportCells; failures: unknown[] } };
  assert.is(region.scopeName, 'Полтавська область');
  assert.equal(region.report.cells, reportCells, 'the region (court 537 only) holds exactly the signed report’s counts');
  const other = (await (await fetch(`${http}/stats/report?${q}&court=538`, { headers: consoleAuth(nats.bus.ops, 'analyst') })).json()) as { report: { cells: typeof reportCells } };
  const a = reportCells.civil!.total!;
  const b = other.report.cells.civil!.total!;
  assert.ok(b.received! > 0, 'court 538 (in no region) reaches the nation');

  // what the job built and stored, as the analyst downloads it
  const res = await fetch(`${http}/stats/consolidated?${q}&nation=1&format=xlsx`, { headers: consoleAuth(nats.bus.ops, 'analyst') });
  assert.is(res.status, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v))));
  const civil = rows.find((r) => r[0] === '7' && r[1] === 'Усього цивільних справ')!;
  assert.ok(civil, 'the civil total row');
  assert.equal(civil.slice(2, 5), [a.start! + b.start!, a.received! + b.received!, a.resolved! + b.resolved!], 'the nation = both courts');
  const header = rows.findIndex((r) => String(r[5] ?? '').startsWith('Коефіцієнт розгляду справ (clearance rate)'));
  assert.ok(header >= 0, 'the CEPEJ table');
  const cep = rows.slice(header).find((r) => r[0] === '7' && r[1] === 'Усього цивільних справ')!;
  const received = a.received! + b.received!;
  const resolved = a.resolved! + b.resolved!;
  const end = a.end! + b.end!;
  assert.is(cep[5], (resolved / received) * 100, 'clearance rate = resolved / incoming × 100');
  if (end > 0) {
    assert.is(cep[6], resolved / end, 'turnover = resolved / pending at end');
    assert.is(cep[7], 365 / (resolved / end), 'disposition time = 365 / turnover');
  }
});

test.run();
