/**
 * The centre console's API against a real central worker (issue 16): nats-server (TLS, nkeys), redis-server, chdb,
 * startCentralNode in this process with a registry of courts, and court 537 in this process replicating and sealing
 * checkpoints every 300 ms. Roles per area (403 ROLE_FORBIDDEN, never a partial answer); GET /courts joins lag, the
 * last witnessed checkpoint and registry names (a court that never reported lags, Засади 13.3); GET /jobs shows the
 * queues with a job that failed and its reason; GET /cluster the worker owning the store, NATS, registry courts.
 *
 * Roles here: an analyst reads /courts (lag) but not /jobs, /cluster, the queue board or POST /pulls; an operator
 * runs jobs, cluster, pulls and queues but does not read /courts (lag is the analysts' monitoring); the
 * administrator may all. Every data route of the central HTTP needs the login (actors/central/console/access.ts):
 * without it 401 (a page: a redirect to the login); open stay /health, /metrics, /console/ and the login itself.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Queue } from 'bullmq';
import { cleanup, startNats, startRedis, tempDir, type NatsHandle, type RedisHandle } from '../support/servers.ts';
import { until } from '../replication/support.ts';
import { startCentralNode, type CentralNode } from '../../actors/central/node.ts';
import type { ConsoleRole } from '../../actors/central/console/index.ts';
import { redisConnection } from '../../actors/central/jobs/connection.ts';
import { ClusterReplyV1, CourtsReplyV1, JobsReplyV1 } from '../../contracts/central/console.ts';
import { schemaErrors } from '../../runtime/validate.ts';
import { startWitnessedCourt, write, type WitnessedCourt } from '../witness/support.ts';
import { consoleAuth } from '../support/console-token.ts';
import { loadForms, loadStatsConfig, DEFAULT_FORMS_DIR } from '../../actors/central/stats/index.ts';
import { DEFAULT_STATS_CONFIG } from '../../bin/commands/stats.ts';
import { deriveCard, statCardKey } from '../../analytics/stats/derive.ts';

process.env.ASDS_LOG ??= 'silent';
process.env.ASDS_CHECKPOINT_SWEEP_MS = '300';
const test = suite('centre console API: roles, courts with lag and checkpoint, jobs, cluster');
const ctx = {} as { nats: NatsHandle; redis: RedisHandle; central: CentralNode; http: string; court: WitnessedCourt };

const REGISTRY = [
  { code: '537', name: 'Октябрський районний суд м. Полтави' },
  { code: '538', name: 'Київський районний суд м. Полтави', since: '2026-01-01' },
  { code: '539', name: 'Шевченківський районний суд м. Полтави', revoked: { at: '2026-06-01T10:00:00Z', by: 'Бондар Петро Іванович' } },
];

/** The statistics as `asds central serve --stats` loads them (deploy/stats): /stats/* is on this worker. */
const statsCtx = { config: loadStatsConfig(DEFAULT_STATS_CONFIG), forms: loadForms(DEFAULT_FORMS_DIR) };
const STATS = { ctx: () => statsCtx, reducer: { key: statCardKey, derive: deriveCard } };

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.redis = await startRedis();
  ctx.central = await startCentralNode({ node: 'central-1', dataDir: tempDir('asds-console-central-'), natsUrl: ctx.nats.url, bus: await ctx.nats.bus.identity('central-1'), redisUrl: ctx.redis.url, httpPort: 0, registry: REGISTRY, stats: STATS });
  ctx.http = (await ctx.central.httpUrl)!;
  await ctx.central.pulls;
  ctx.court = await startWitnessedCourt('537', tempDir('asds-console-537-'), ctx.nats);
  await write(ctx.court, 12, 'console');
  await ctx.court.replicator.confirmedThrough(ctx.court.journal.head().gseq);
});

test.after(async () => {
  await ctx.court?.stop().catch(() => undefined);
  await ctx.central?.stop();
  await cleanup();
});

/** How a test (or a page test) logs in with a role: a token signed with the test bus's operator key. */
const as = (role: ConsoleRole) => consoleAuth(ctx.nats.bus.ops, role);
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${ctx.http}${path}`, { headers });

test('roles per area: 401 without a login, 403 ROLE_FORBIDDEN for another role, the administrator everywhere', async () => {
  const pull = (h: Record<string, string>) => fetch(`${ctx.http}/pulls`, { method: 'POST', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify({ court: '53x', by: 'x' }) });
  for (const path of ['/courts', '/jobs', '/cluster', '/ops/queues/api/queues']) assert.is((await get(path)).status, 401, path);
  const status = async (path: string, role: ConsoleRole) => (await get(path, as(role))).status;
  assert.equal(await Promise.all(['administrator', 'analyst', 'operator'].map((r) => status('/courts', r as ConsoleRole))), [200, 200, 403]);
  assert.equal(await Promise.all(['administrator', 'analyst', 'operator'].map((r) => status('/jobs', r as ConsoleRole))), [200, 403, 200]);
  assert.equal(await Promise.all(['administrator', 'analyst', 'operator'].map((r) => status('/cluster', r as ConsoleRole))), [200, 403, 200]);
  assert.equal(await Promise.all(['administrator', 'analyst', 'operator'].map((r) => status('/ops/queues/api/queues', r as ConsoleRole))), [200, 403, 200]);
  const refused = await get('/jobs', as('analyst'));
  const body = (await refused.json()) as { error: string; message: string };
  assert.is(body.error, 'ROLE_FORBIDDEN');
  assert.match(body.message, /не для ролі «аналітик» \(доступна: адміністратор, оператор\)/);
  // POST /pulls: the analyst is stopped at the door; the operator and the administrator reach the request's own check
  assert.is((await pull(as('analyst'))).status, 403);
  assert.is((await pull(as('operator'))).status, 400);
  assert.is((await pull(as('administrator'))).status, 400);
});

/** Every route of the central HTTP that shows data (a GET; the POSTs are checked above and in their own tests). */
const DATA_ROUTES = [
  '/lag?all=1',
  '/courts',
  '/reports/workload?from=2026-01-01&to=2026-12-31',
  '/stats/submissions',
  '/stats/cepej?from=2026-01-01&to=2026-12-31',
  '/stats/overdue?form=x&from=2026-01-01&to=2026-12-31',
  '/integrity/alarms',
  '/jobs',
  '/cluster',
  '/pulls',
  '/pulls/p-1/report',
  '/originals',
  '/originals/overdue',
  '/originals/window',
  '/originals/scans',
  '/originals/537/d-1',
  '/witness/pins/537',
  '/ops/queues',
  '/ops/me',
];

test('no data without a login: 401 for a script, the login page for a browser; open only /health, /metrics, the app shell, the login', async () => {
  for (const path of DATA_ROUTES) {
    const r = await get(path);
    assert.is(r.status, 401, path);
    assert.is(r.headers.get('www-authenticate'), 'Bearer realm="asds-central-console"', path);
    assert.is(((await r.json()) as { error: string }).error, 'UNAUTHORIZED', path);
    const page = await fetch(`${ctx.http}${path}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.is(page.status, 302, `${path} (page)`);
    assert.match(page.headers.get('location') ?? '', /^\/ops\/login\?next=/);
    const forged = await get(path, { authorization: 'Bearer eyJ2IjoxfQ.AAAA' });
    assert.is(forged.status, 401, `${path} (forged token)`);
  }
  for (const path of ['/health', '/metrics', '/console/', '/ops/login']) assert.is((await get(path)).status, 200, path);
});

test('an analyst reads statistics and workload but not jobs or pulls; an operator pulls but not statistics', async () => {
  const status = async (path: string, role: ConsoleRole) => (await get(path, as(role))).status;
  for (const path of ['/stats/submissions', '/stats/cepej?from=2026-01-01&to=2026-12-31', '/reports/workload?from=2026-01-01&to=2026-12-31', '/lag', '/integrity/alarms']) {
    assert.is(await status(path, 'analyst'), 200, `analyst ${path}`);
    assert.is(await status(path, 'operator'), 403, `operator ${path}`);
    assert.is(await status(path, 'administrator'), 200, `administrator ${path}`);
  }
  for (const path of ['/jobs', '/pulls', '/originals', '/witness/pins/537', '/cluster']) {
    assert.is(await status(path, 'operator'), 200, `operator ${path}`);
    assert.is(await status(path, 'analyst'), 403, `analyst ${path}`);
    assert.is(await status(path, 'administrator'), 200, `administrator ${path}`);
  }
  const refused = (await (await get('/stats/submissions', as('operator'))).json()) as { error: string; message: string };
  assert.is(refused.error, 'ROLE_FORBIDDEN');
  assert.match(refused.message, /не для ролі «оператор» \(доступна: адміністратор, аналітик\)/);
  // the browser's HttpOnly cookie, as the console sends it (same origin)
  const login = await fetch(`${ctx.http}/ops/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: as('analyst').authorization.slice(7) }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  assert.is((await get('/reports/workload?from=2026-01-01&to=2026-12-31', { cookie })).status, 200);
  assert.is((await get('/pulls', { cookie })).status, 403);
});

test('GET /courts: names from the registry, lag against the 13.3 threshold, the last witnessed checkpoint', async () => {
  let reply!: CourtsReplyV1;
  const first = await get('/courts', as('analyst'));
  assert.is(first.status, 200, await first.clone().text());
  await until(async () => {
    reply = (await (await get('/courts', as('analyst'))).json()) as CourtsReplyV1;
    return reply.courts.find((c) => c.court === '537')?.lastCheckpoint?.witnessed === 'match';
  }, 'a witnessed checkpoint of court 537');
  assert.equal(schemaErrors(CourtsReplyV1, reply), []);
  assert.is(reply.thresholdMs, 2 * 3600_000);
  const c537 = reply.courts.find((c) => c.court === '537')!;
  assert.is(c537.name, 'Октябрський районний суд м. Полтави');
  assert.is(c537.lagging, false);
  assert.is(c537.neverReported, false);
  assert.ok(c537.lastCheckpoint!.gseq >= 1 && c537.lastCheckpoint!.gseq <= ctx.court.journal.head().gseq);
  assert.ok(c537.lastCheckpoint!.sealedAt > 0 && c537.lastCheckpoint!.witnessedAt >= c537.lastCheckpoint!.sealedAt - 300_000);
  const c538 = reply.courts.find((c) => c.court === '538')!;
  assert.equal([c538.name, c538.lagging, c538.neverReported, c538.lastCheckpoint], ['Київський районний суд м. Полтави', true, true, null]);
  assert.not.ok(reply.courts.some((c) => c.court === '539' && c.lagging), 'a revoked court is not chased as lagging');
  // a threshold of 0 minutes: every court that is behind at all
  const zero = (await (await get('/courts?thresholdMinutes=0', as('administrator'))).json()) as CourtsReplyV1;
  assert.is(zero.thresholdMs, 0);
  const bad = await get('/courts?thresholdMinutes=-5', as('administrator'));
  assert.is(bad.status, 400);
  assert.is(((await bad.json()) as { error: string }).error, 'VALIDATION_FAILED');
});

test('GET /jobs: the three central queues with counts per state; a job no processor knows is shown failed with its reason', async () => {
  const connection = redisConnection(ctx.redis.url);
  const q = new Queue('asds-scheduled', { connection, prefix: 'asds' });
  try {
    await q.add('console-test-unknown', {}, { jobId: 'console-test-1', attempts: 1 });
  } finally {
    await q.close();
    connection.disconnect();
  }
  let reply!: JobsReplyV1;
  await until(async () => {
    reply = (await (await get('/jobs', as('operator'))).json()) as JobsReplyV1;
    const s = reply.queues.find((x) => x.name === 'asds-scheduled');
    return s !== undefined && s.counts.failed >= 1 && s.jobs.some((j) => j.id === 'console-test-1' && j.state === 'failed');
  }, 'the unknown job failed');
  assert.equal(schemaErrors(JobsReplyV1, reply), []);
  assert.equal(reply.queues.map((x) => x.name).sort(), ['asds-archive', 'asds-pulls', 'asds-scheduled']);
  const scheduled = reply.queues.find((x) => x.name === 'asds-scheduled')!;
  assert.match(scheduled.title, /Планові завдання/);
  assert.ok(scheduled.counts.failed >= 1);
  assert.ok(scheduled.counts.delayed >= 1, 'the daily schedules wait as delayed jobs');
  assert.is(scheduled.jobs.filter((j) => j.id === 'console-test-1').length, 1, 'a job is listed once, in its latest state');
  const job = scheduled.jobs.find((j) => j.id === 'console-test-1')!;
  assert.is(job.state, 'failed');
  assert.is(job.name, 'console-test-unknown');
  // the reason is BullMQ's own record, passed through (no processor for the name, or — on a loaded machine — a stall)
  const conn2 = redisConnection(ctx.redis.url);
  const q2 = new Queue('asds-scheduled', { connection: conn2, prefix: 'asds' });
  try {
    const stored = await q2.getJob('console-test-1');
    assert.ok(stored?.failedReason, 'BullMQ recorded a reason');
    assert.is(job.failedReason, stored!.failedReason);
  } finally {
    await q2.close();
    conn2.disconnect();
  }
  assert.ok(job.finishedAt! >= job.createdAt);
  const one = (await (await get('/jobs?queue=asds-pulls&limit=5', as('administrator'))).json()) as JobsReplyV1;
  assert.equal(one.queues.map((x) => x.name), ['asds-pulls']);
  assert.is((await get('/jobs?queue=asds-nothing', as('operator'))).status, 404);
  assert.is((await get('/jobs?limit=abc', as('operator'))).status, 400);
});

test('GET /cluster: this worker owns the store, NATS connected, the registry courts with the revoked one', async () => {
  let reply!: ClusterReplyV1;
  await until(async () => {
    reply = (await (await get('/cluster', as('operator'))).json()) as ClusterReplyV1;
    return reply.workers.some((w) => w.node === 'central-1' && w.role === 'owner' && w.http !== null);
  }, 'central-1 present as the owner');
  assert.equal(schemaErrors(ClusterReplyV1, reply), []);
  assert.equal([reply.node, reply.role, reply.analytics.shared, reply.analytics.owner], ['central-1', 'owner', false, 'central-1']);
  assert.ok(reply.analytics.leases.some((l) => l.holder === 'central-1' && l.state === 'owner' && !l.expired));
  assert.is(reply.nats.connected, true);
  assert.match(reply.nats.server ?? '', /127\.0\.0\.1|localhost/);
  const w = reply.workers.find((x) => x.node === 'central-1')!;
  assert.is(w.stale, false);
  assert.equal(reply.courts.map((c) => [c.code, c.name, c.revoked?.by ?? null]), [
    ['537', 'Октябрський районний суд м. Полтави', null],
    ['538', 'Київський районний суд м. Полтави', null],
    ['539', 'Шевченківський районний суд м. Полтави', 'Бондар Петро Іванович'],
  ]);
});

test.run();
