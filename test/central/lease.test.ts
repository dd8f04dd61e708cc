/**
 * Central workers on one embedded analytics store (issue 12 item 2): real `asds central serve` processes on one
 * chdb folder, a real nats-server with JetStream, an in-process court replicating to them.
 *   - one owner, the other stands by and says so in one line naming the owner;
 *   - a stand-by refuses store routes over HTTP (503, Ukrainian, the owner named); NATS queries reach the owner only;
 *   - the owner SIGKILLed during ingest: the stand-by takes over, the dead worker shows as stale;
 *   - a paused owner (SIGSTOP) loses the lease to the stand-by, which waits for the folder; on SIGCONT it steps down;
 *   - a worker on another chdb folder refuses to start (the ingest stream feeds one store);
 *   - drain: a signed ops request hands over at once (stand-by TTL 60 s, take-over long before), the drained process
 *     exits 0; a drain from a non-operator identity is refused;
 *   - at the end, with every worker stopped: every (court, seq) exactly once (raw rows, no FINAL), and the centre's
 *     workload report equals each court's own, and the report of the court written before any kill is unchanged.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { startNodeProcess, type NodeProcess } from '../support/processes.ts';
import { courtOwnWorkload, startCourt, until, writeWorkload, type Court } from '../replication/support.ts';
import { openEngine } from '../../analytics/engine.ts';
import { workloadReport, type WorkloadRow } from '../../analytics/workload.ts';
import { CENTRAL_LAG_SUBJECT, CENTRAL_WORKLOAD_SUBJECT } from '../../contracts/ingest/index.ts';
import { drainSubject } from '../../contracts/ops/index.ts';
import { readIngestBinding, readLeases, readWorkers, requestDrain } from '../../actors/central/lease/index.ts';
import { signedHeaders, signerOf } from '../../runtime/bus/nats-sign.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('central workers on one chdb store: lease, stand-by, take-over, drain');
const TTL = '3000';
const RANGE = { from: '2025-01-01', to: '2025-06-30' };
const ctx: { nats?: NatsHandle; ops?: NatsConnection; store?: string; workers: Map<string, NodeProcess>; courts: Court[]; before?: WorkloadRow[] } = { workers: new Map(), courts: [] };

/** `asds central serve` on the shared store (its own data folder), HTTP on a free port. */
async function worker(node: string, store = ctx.store!, ttl = TTL): Promise<NodeProcess> {
  const bus = await ctx.nats!.bus.bundle(node);
  const p = startNodeProcess(
    'bin/cli.ts',
    ['central', 'serve', '--node', node, '--data', tempDir('asds-worker-'), '--nats', ctx.nats!.url, '--bus', bus, '--any-court', '--analytics-dir', store, '--lease-ttl-ms', ttl, '--heartbeat-ms', '500', '--http-port', '0'],
    { ASDS_INGEST_ACK_WAIT_MS: '3000' },
  );
  ctx.workers.set(node, p);
  await p.waitFor(/"http":"http/, 60_000);
  return p;
}

const httpOf = (p: NodeProcess) => (JSON.parse(p.lines.find((l) => l.includes('"http":"http'))!) as { http: string }).http;
const linesOf = (p: NodeProcess, re: RegExp) => p.lines.filter((l) => re.test(l));

async function query<T>(subject: string, body: unknown = {}): Promise<{ ok: boolean; result: T; by?: string; error?: string }> {
  const r = await ctx.ops!.request(subject, JSON.stringify(body), { timeout: 20_000 });
  return JSON.parse(new TextDecoder().decode(r.data));
}

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.ops = await ctx.nats.bus.connect('ops-admin');
  ctx.store = join(tempDir('asds-shared-'), 'analytics');
});

test.after(async () => {
  for (const c of ctx.courts) await c.stop().catch(() => undefined);
  for (const p of ctx.workers.values()) {
    try {
      process.kill(p.pid, 'SIGCONT');
    } catch {
      // gone
    }
    await p.kill('SIGKILL');
  }
  await ctx.ops?.close();
  await cleanup();
});

test('two workers on one chdb folder: one owns it, the other stands by and says so in one line naming the owner', async () => {
  const a = await worker('central-a');
  await a.waitFor(/"lease":"owner"/, 30_000);
  await a.waitFor(/"ingest":"running"/, 30_000);
  const b = await worker('central-b');
  const line = JSON.parse(await b.waitFor(/"lease":"standby"/, 30_000)) as { owner: string; message: string };
  assert.is(line.owner, 'central-a');
  assert.match(line.message, /standing by: central-a \(pid \d+ on .+\) owns the analytics store /);
  // several polls later still one line, and no ingest on the stand-by
  await until(async () => (await readWorkers(ctx.ops!)).some((w) => w.worker.node === 'central-b' && w.worker.role === 'standby'), 'presence of the stand-by', 20_000);
  await new Promise((r) => setTimeout(r, 2000));
  assert.is(linesOf(b, /"lease":"standby"/).length, 1, 'said once');
  assert.is(linesOf(b, /"ingest":"running"|"lease":"owner"/).length, 0);
  const leases = await readLeases(ctx.ops!);
  assert.is(leases.length, 1);
  assert.is(leases[0]!.lease.holder, 'central-a');
  assert.is(leases[0]!.lease.state, 'owner');
  assert.ok(leases[0]!.token > 0, 'fencing token = KV revision');
  const workers = await readWorkers(ctx.ops!);
  assert.equal(workers.map((w) => [w.worker.node, w.worker.role, w.stale]).sort(), [['central-a', 'owner', false], ['central-b', 'standby', false]]);
  assert.is(workers.find((w) => w.worker.node === 'central-b')!.worker.owner, 'central-a');
});

test('a worker on another chdb folder refuses to start, naming the store the ingest stream feeds', async () => {
  const z = startNodeProcess('bin/cli.ts', ['central', 'serve', '--node', 'central-z', '--data', tempDir('asds-worker-'), '--nats', ctx.nats!.url, '--bus', await ctx.nats!.bus.bundle('central-z'), '--any-court'], {});
  const err = await z.waitFor(/"ingest":"running"|"lease"/, 60_000).then(
    () => '',
    (e: Error) => e.message,
  );
  assert.match(err, /the ingest stream feeds the analytics store .*analytics on .* \(bound by central-a\)/);
  assert.equal(await z.exited, { code: 1, signal: null });
  assert.not.ok((await readWorkers(ctx.ops!)).some((w) => w.worker.node === 'central-z'), 'never announced itself');
  assert.is((await readIngestBinding(ctx.ops!))?.by, 'central-a', 'the binding is unchanged');
});

test('a stand-by refuses store routes over HTTP (503 naming the owner); NATS queries are answered by the owner only', async () => {
  const b = ctx.workers.get('central-b')!;
  const res = await fetch(`${httpOf(b)}/reports/workload?from=2025-01-01&to=2025-06-30`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') });
  assert.is(res.status, 503);
  const body = (await res.json()) as { error: string; code: string; owner: string };
  assert.is(body.code, 'NOT_ANALYTICS_OWNER');
  assert.is(body.owner, 'central-a');
  assert.match(body.error, /у резерві: аналітичні дані обслуговує central-a/);
  assert.is((await fetch(`${httpOf(b)}/lag`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') })).status, 503);
  const health = (await (await fetch(`${httpOf(b)}/health`)).json()) as { role: string; owner: string };
  assert.equal([health.role, health.owner], ['standby', 'central-a']);
  assert.is((await fetch(`${httpOf(ctx.workers.get('central-a')!)}/lag`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') })).status, 200, 'the owner answers');
  for (let i = 0; i < 10; i++) {
    const r = await query(CENTRAL_LAG_SUBJECT);
    assert.ok(r.ok, r.error);
    assert.is(r.by, 'central-a');
  }
});

test('the owner SIGKILLed during ingest: the stand-by takes over within seconds; the dead worker shows as stale', async () => {
  // court 401 is written and confirmed before any kill: its report must read the same after every hand-over
  const steady = await startCourt('401', tempDir(), ctx.nats!);
  ctx.courts.push(steady);
  await writeWorkload(steady, 300, { prefix: 's' });
  await steady.replicator.confirmedThrough(steady.journal.head().gseq);
  const before = await query<WorkloadRow[]>(CENTRAL_WORKLOAD_SUBJECT, { ...RANGE, court: '401' });
  assert.ok(before.ok, before.error);
  assert.equal(before.result, courtOwnWorkload(steady.journal, '401', RANGE.from, RANGE.to));
  ctx.before = before.result;

  const court = await startCourt('402', tempDir(), ctx.nats!);
  ctx.courts.push(court);
  const writing = writeWorkload(court, 1500, { prefix: 'k', concurrency: 16 });
  await until(() => court.replicator.status().confirmed > 200, 'ingest progress before the kill', 60_000);
  const a = ctx.workers.get('central-a')!;
  const b = ctx.workers.get('central-b')!;
  const killedAt = Date.now();
  await a.kill('SIGKILL');
  await b.waitFor(/"lease":"owner"/, 30_000);
  if (process.env.ASDS_FIGURES) console.log(`# take-over after SIGKILL: ${Date.now() - killedAt} ms`);
  await writing;
  await court.replicator.confirmedThrough(court.journal.head().gseq);
  const after = await query<WorkloadRow[]>(CENTRAL_WORKLOAD_SUBJECT, { ...RANGE, court: '401' });
  assert.is(after.by, 'central-b');
  assert.equal(after.result, ctx.before, 'the same report before and after the take-over');
  const report = await query<WorkloadRow[]>(CENTRAL_WORKLOAD_SUBJECT, { ...RANGE, court: '402' });
  assert.equal(report.result, courtOwnWorkload(court.journal, '402', RANGE.from, RANGE.to));
  await until(async () => (await readWorkers(ctx.ops!)).some((w) => w.worker.node === 'central-a' && w.stale), 'the killed worker stale', 20_000);
  assert.is((await readLeases(ctx.ops!))[0]!.lease.holder, 'central-b');
});

test('a paused owner (SIGSTOP) loses the lease; the new holder waits for the folder; on SIGCONT the old owner steps down', async () => {
  const b = ctx.workers.get('central-b')!;
  const c = await worker('central-c');
  await c.waitFor(/"lease":"standby"/, 30_000);
  const court = ctx.courts.find((x) => x.code === '402')!;
  const writing = writeWorkload(court, 900, { prefix: 'p', concurrency: 16 });
  const from = court.replicator.status().confirmed;
  await until(() => court.replicator.status().confirmed > from + 100, 'ingest progress before the pause', 60_000);
  process.kill(b.pid, 'SIGSTOP');
  const pausedAt = Date.now();
  try {
    // the lease lapses and central-c takes it, but the paused process still has the folder open: c must wait
    await until(async () => (await readLeases(ctx.ops!)).some((l) => l.lease.holder === 'central-c' && l.lease.state === 'acquiring'), 'central-c holding the lease, waiting', 30_000);
    if (process.env.ASDS_FIGURES) console.log(`# lease taken from a paused owner after ${Date.now() - pausedAt} ms (TTL ${TTL} ms)`);
    assert.is(linesOf(c, /"lease":"owner"/).length, 0, 'no second owner while the first is paused');
  } finally {
    process.kill(b.pid, 'SIGCONT');
  }
  // b stood by for central-a at first; now it stands by again, for central-c
  await b.waitFor(/"lease":"standby","node":"central-b","owner":"central-c"/, 30_000);
  await c.waitFor(/"lease":"owner"/, 30_000);
  const lastIndex = (re: RegExp) => b.lines.reduce((k, l, i) => (re.test(l) ? i : k), -1);
  assert.ok(lastIndex(/"owner":"central-c"/) > lastIndex(/"lease":"owner"/), 'the old owner stepped down after owning');
  assert.is(linesOf(b, /"lease":"standby"/).length, 2, 'one line when it first stood by, one naming its successor');
  await writing;
  await court.replicator.confirmedThrough(court.journal.head().gseq);
  const r = await query<WorkloadRow[]>(CENTRAL_WORKLOAD_SUBJECT, { ...RANGE, court: '402' });
  assert.is(r.by, 'central-c');
  assert.equal(r.result, courtOwnWorkload(court.journal, '402', RANGE.from, RANGE.to));
});

test('drain: refused unless signed by an operator; hands over at once (long TTL) and the drained process exits 0', async () => {
  // a central identity may publish there, but the worker checks the passport's class
  const peer = await ctx.nats!.bus.connect('central-x');
  try {
    const body = JSON.stringify({ v: 1 });
    const id = await ctx.nats!.bus.identity('central-x');
    const r = await peer.request(drainSubject('central-c'), body, { timeout: 10_000, headers: signedHeaders(signerOf(id), drainSubject('central-c'), body) });
    const refusal = JSON.parse(new TextDecoder().decode(r.data)) as { ok: boolean; code: string };
    assert.equal([refusal.ok, refusal.code], [false, 'FORBIDDEN']);
  } finally {
    await peer.close();
  }
  const c = ctx.workers.get('central-c')!;
  assert.is(c.child.exitCode, null, 'still running');

  // the stand-by now has a 60 s TTL: a take-over within the wait below cannot come from expiry
  await ctx.workers.get('central-b')!.kill('SIGTERM');
  assert.not.ok((await readWorkers(ctx.ops!)).some((w) => w.worker.node === 'central-b'), 'a clean stop removes the presence entry');
  const e = await worker('central-e', ctx.store!, '60000');
  await e.waitFor(/"lease":"standby","node":"central-e","owner":"central-c"/, 30_000);
  const reply = await requestDrain(ctx.ops!, await ctx.nats!.bus.identity('ops-admin'), 'central-c', { reason: 'maintenance', timeoutMs: 30_000 });
  assert.ok(reply.ok);
  if (reply.ok) assert.ok(reply.released?.startsWith('chdb_'), 'released its lease');
  await e.waitFor(/"lease":"owner"/, 20_000);
  if (process.env.ASDS_FIGURES) console.log(`# drain: reply after ${reply.ok ? reply.tookMs : -1} ms`);
  const exit = await c.exited;
  assert.equal(exit, { code: 0, signal: null });
  const workers = await readWorkers(ctx.ops!);
  assert.not.ok(workers.some((w) => w.worker.node === 'central-c'), 'presence removed on drain');
  assert.ok(workers.some((w) => w.worker.node === 'central-e' && w.worker.role === 'owner'));
});

test('after every hand-over: each (court, seq) stored exactly once, reports equal the courts’ own', async () => {
  await ctx.workers.get('central-e')!.kill('SIGTERM');
  const engine = await openEngine({ dataDir: ctx.store! });
  try {
    for (const court of ctx.courts) {
      const head = court.journal.head().gseq;
      const [raw] = await engine.query<{ c: number; u: number; lo: number; hi: number }>(
        'SELECT count() AS c, uniqExact(seq) AS u, min(seq) AS lo, max(seq) AS hi FROM events WHERE court = {court:String}',
        { court: court.code },
      );
      assert.equal([Number(raw!.c), Number(raw!.u), Number(raw!.lo), Number(raw!.hi)], [head, head, 1, head], `court ${court.code}: every seq once, no duplicate rows`);
      assert.equal(await workloadReport(engine, { ...RANGE, court: court.code }), courtOwnWorkload(court.journal, court.code, RANGE.from, RANGE.to));
    }
    assert.equal(await workloadReport(engine, { ...RANGE, court: '401' }), ctx.before);
    const conflicts = await engine.query<{ n: number }>('SELECT count() AS n FROM event_versions');
    assert.is(Number(conflicts[0]!.n), 0, 'no second versions');
  } finally {
    await engine.close();
  }
});

test.run();
