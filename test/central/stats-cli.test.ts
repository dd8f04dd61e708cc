/**
 * Operational reports for any period (Засади 16.1.7) through the CLI and the
 * central HTTP API: `asds stats report` on a central data dir, the overdue
 * list with exit 3, the consolidation job with its progress bar; the HTTP
 * routes answer the same report and refuse bad queries with a stable code.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { stringify } from 'yaml';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { evaluateFormSql, insertCards } from '../../analytics/stats-sql/index.ts';
import { registerStatsRoutes } from '../../actors/central/stats/http.ts';
import { parseStatsConfig } from '../../actors/central/stats/config.ts';
import { formBook } from '../../actors/central/stats/forms.ts';
import { CentralJobs } from '../../actors/central/jobs/index.ts';
import { registerStatsJobs } from '../../actors/central/stats/jobs.ts';
import { cleanup, startRedis, tempDir } from '../support/servers.ts';
import { TEST_FORM, randomCards } from './stats-support.ts';

const test = suite('stats: CLI and HTTP');
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const data = tempDir('asds-stats-cli-');
const formsDir = join(data, 'forms');
const configFile = join(data, 'centre.yaml');
const CONFIG = `
schema: asds.stats-centre/v1
deadlines: { courtToRegion: { daysAfterPeriod: 15 }, regionToNation: { daysAfterPeriod: 20 } }
regions:
  - { id: poltava, name: Полтавська область, courts: [{ code: "537", name: Лубенський міськрайонний суд Полтавської області }, { code: "538", name: Миргородський районний суд Полтавської області }] }
`;
const period = { kind: 'any' as const, from: '2025-03-01', to: '2025-09-30' };
let expected: Awaited<ReturnType<typeof evaluateFormSql>>;

test.before(async () => {
  mkdirSync(formsDir, { recursive: true });
  writeFileSync(join(formsDir, 'test-form.yaml'), stringify(TEST_FORM));
  writeFileSync(configFile, CONFIG);
  const engine = await openEngine({ dataDir: join(data, 'analytics') });
  await insertCards(engine, randomCards(21, ['537', '538'], 800).map((c, i) => ({ card: c, caseKey: c.proceedingNumber, version: i + 1 })));
  expected = await evaluateFormSql(engine, TEST_FORM, period, { kind: 'region', region: 'poltava', courts: ['537', '538'] });
  // chdb locks its folder to one process: the CLI opens it after the test lets go
  await engine.close();
});
test.after(cleanup);

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/asds.js', 'stats', ...args, '--data', data, '--config', configFile, '--forms', formsDir], { encoding: 'utf8' });

test('asds stats report --region: the region report as JSON, equal to the form over its courts; --out writes the file', () => {
  const r = cli('report', '--form', 'test-form', '--from', period.from, '--to', period.to, '--region', 'poltava');
  assert.is(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { scopeName: string; report: typeof expected };
  assert.is(out.scopeName, 'Полтавська область');
  assert.equal(out.report.cells, expected.cells);
  const file = join(data, 'r.json');
  assert.is(cli('report', '--form', 'test-form', '--from', period.from, '--to', period.to, '--court', '537', '--out', file).status, 0);
  assert.is((JSON.parse(readFileSync(file, 'utf8')) as { scopeName: string }).scopeName, 'Лубенський міськрайонний суд Полтавської області');
});

test('bad queries exit 2 with a message for people (two scopes, an unknown form, an unknown format); the nation as CSV names Україна', () => {
  let r = cli('report', '--form', 'test-form', '--from', period.from, '--to', period.to, '--court', '537', '--nation');
  assert.is(r.status, 2);
  assert.match(r.stderr, /вкажіть одне з/);
  r = cli('report', '--form', 'no-such', '--from', period.from, '--to', period.to, '--nation');
  assert.is(r.status, 2);
  assert.match(r.stderr, /не знає/);
  r = cli('report', '--form', 'test-form', '--from', period.from, '--to', period.to, '--nation', '--format', 'pdf');
  assert.is(r.status, 2);
  assert.match(r.stderr, /формат «pdf» невідомий/);
  r = cli('report', '--form', 'test-form', '--from', period.from, '--to', period.to, '--nation', '--format', 'csv');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /Україна/);
});

test('asds stats overdue: past the deadline with no report, each court named, exit 3', () => {
  const r = cli('overdue', '--form', 'test-form', '--from', '2025-01-01', '--to', '2025-03-31');
  assert.is(r.status, 3, r.stderr);
  assert.match(r.stdout, /Лубенський міськрайонний суд Полтавської області: звіт не надійшов \(строк — до 15\.04\.2025 включно\)/);
  assert.match(r.stdout, /Полтавська область \(зведений звіт регіону\)/);
});

test('HTTP: GET /stats/report equals the CLI; a bad query is 400 with its code; CEPEJ by region', async () => {
  const engine = await openEngine({ dataDir: join(data, 'analytics') });
  const app = Fastify();
  registerStatsRoutes(app, () => engine, () => ({ config: parseStatsConfig(CONFIG), forms: formBook([TEST_FORM]) }));
  try {
    let res = await app.inject({ method: 'GET', url: `/stats/report?form=test-form&from=${period.from}&to=${period.to}&region=poltava` });
    assert.is(res.statusCode, 200, res.body);
    assert.equal((res.json() as { report: typeof expected }).report.cells, expected.cells);
    res = await app.inject({ method: 'GET', url: `/stats/report?form=test-form&from=${period.to}&to=${period.from}&nation=1` });
    assert.is(res.statusCode, 400);
    assert.is((res.json() as { error: string }).error, 'STATS_QUERY_INVALID');
    res = await app.inject({ method: 'GET', url: `/stats/report?form=test-form&from=${period.from}&to=${period.to}&court=537&format=xlsx` });
    assert.is(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.is(res.rawPayload.subarray(0, 2).toString(), 'PK', 'an XLSX (zip) file');
    res = await app.inject({ method: 'GET', url: `/stats/report?form=test-form&from=${period.from}&to=${period.to}&court=537&format=html` });
    assert.match(res.body, /Лубенський міськрайонний суд Полтавської області/);
    res = await app.inject({ method: 'GET', url: `/stats/report?form=test-form&from=2025-01-01&to=2025-01-30&kind=month&nation=1` });
    assert.is((res.json() as { error: string }).error, 'STATS_PERIOD_INVALID');
    res = await app.inject({ method: 'GET', url: `/stats/cepej?from=${period.from}&to=${period.to}&by=region` });
    const [poltava] = res.json() as Array<{ key: string; resolved: number; received: number; clearanceRate: number }>;
    assert.is(poltava!.key, 'poltava');
    assert.is(poltava!.clearanceRate, (poltava!.resolved / poltava!.received) * 100);
  } finally {
    await app.close();
    await engine.close();
  }
});

test('asds stats consolidate: the job on the central workers, its progress drawn as a bar to 100 %', async () => {
  const redis = await startRedis();
  const engine = await openEngine({ dataDir: join(data, 'analytics') });
  const jobs = new CentralJobs({ redisUrl: redis.url, node: 'central-1', log: silent });
  registerStatsJobs(jobs, () => engine, () => ({ config: parseStatsConfig(CONFIG), forms: formBook([TEST_FORM]) }), 'central-1');
  jobs.start();
  try {
    const child = spawn(process.execPath, ['bin/asds.js', 'stats', 'consolidate', '--form', 'test-form', '--from', period.from, '--to', period.to, '--redis', redis.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    assert.is(code, 0, err);
    assert.match(out, /\[####################\] 100 %/);
    assert.match(out, /Зведення готове/);
  } finally {
    await jobs.stop();
    await engine.close();
  }
});

test('HTTP: GET /stats/consolidated serves the region as the job stored it (equal to the form over its courts), 404 before it is built, 400 for a court', async () => {
  const engine = await openEngine({ dataDir: join(data, 'analytics') });
  const app = Fastify();
  registerStatsRoutes(app, () => engine, () => ({ config: parseStatsConfig(CONFIG), forms: formBook([TEST_FORM]) }));
  try {
    let res = await app.inject({ method: 'GET', url: `/stats/consolidated?form=test-form&from=${period.from}&to=${period.to}&region=poltava` });
    assert.is(res.statusCode, 200, res.body);
    assert.equal((res.json() as { report: typeof expected }).report.cells, expected.cells);
    assert.is(res.headers['x-asds-built-by'], 'central-1');
    assert.ok(Date.parse(String(res.headers['x-asds-built-at'])) > 0);
    res = await app.inject({ method: 'GET', url: `/stats/consolidated?form=test-form&from=${period.from}&to=${period.to}&nation=1&format=xlsx` });
    assert.is(res.statusCode, 200);
    assert.is(res.rawPayload.subarray(0, 2).toString(), 'PK');
    // another period: nothing consolidated yet
    res = await app.inject({ method: 'GET', url: `/stats/consolidated?form=test-form&from=2025-01-01&to=2025-02-28&region=poltava` });
    assert.is(res.statusCode, 404);
    assert.is((res.json() as { error: string }).error, 'STATS_NOT_CONSOLIDATED');
    assert.match((res.json() as { message: string }).message, /ще не побудовано/);
    res = await app.inject({ method: 'GET', url: `/stats/consolidated?form=test-form&from=${period.from}&to=${period.to}&court=537` });
    assert.is(res.statusCode, 400);
    assert.is((res.json() as { error: string }).error, 'STATS_QUERY_INVALID');
  } finally {
    await app.close();
    await engine.close();
  }
});

test.run();
