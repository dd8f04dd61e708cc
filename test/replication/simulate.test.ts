/**
 * `asds simulate` end to end: real court nodes (2 courts, 2 days, fixed seed)
 * driven through their HTTP APIs, replicated over a real nats-server into a
 * real central worker; `asds report workload` then shows per-judge rows whose
 * totals are the simulator's own counts. The same seed again (under other
 * court codes, so the centre keeps both) gives the same plan and the same
 * figures per court × category. Per-judge figures are NOT compared: the draw
 * takes its randomness from a CSPRNG (Засади 4.8), by design.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import type { NodeProcess } from '../support/processes.ts';
import { startCentralWorker } from './support.ts';

const test = suite('replication: asds simulate → asds report workload');
const ctx = {} as { nats: NatsHandle; central: NodeProcess; data: string; opsBus: string };

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.data = tempDir('asds-sim-');
  ctx.opsBus = await ctx.nats.bus.bundle('ops-test');
  ctx.central = await startCentralWorker(ctx.nats, join(ctx.data, 'central-1'));
});
test.after(async () => {
  await ctx.central?.kill('SIGTERM');
  await cleanup();
});

function asds(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bin/cli.ts', ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ASDS_LOG: 'error' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Row { court: string; judge: string; category: string; received: number; weighted_load: number; decided: number; pending: number }

function simulateAndReport(firstCourt: number, dir: string) {
  const sim = asds(['simulate', '--courts', '2', '--days', '2', '--seed', '42', '--cases-per-day', '12', '--first-court', String(firstCourt), '--nats', ctx.nats.url, '--ops', ctx.nats.bus.dir, '--data', join(ctx.data, dir)]);
  assert.is(sim.code, 0, sim.err);
  assert.match(sim.out, /steps \(100 %\)/); // plain progress lines: not a TTY
  const summary = JSON.parse(sim.out.trim().split('\n').pop()!);
  assert.ok(summary.replicated);
  const codes = [String(firstCourt), String(firstCourt + 1)];
  const rows: Row[] = [];
  for (const court of codes) {
    const rep = asds(['report', 'workload', '--from', summary.from, '--to', summary.to, '--court', court, '--format', 'json', '--nats', ctx.nats.url, '--bus', ctx.opsBus]);
    assert.is(rep.code, 0, rep.err);
    rows.push(...(JSON.parse(rep.out).rows as Row[]));
  }
  return { summary, rows };
}

const sum = (rows: Row[], f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0);
const byCategory = (rows: Row[], firstCourt: number) => {
  const m: Record<string, [number, number, number, number]> = {};
  for (const r of rows) {
    const k = `${Number(r.court) - firstCourt}|${r.category}`;
    const v = (m[k] ??= [0, 0, 0, 0]);
    v[0] += r.received;
    v[1] = Math.round((v[1] + r.weighted_load) * 1e4) / 1e4;
    v[2] += r.decided;
    v[3] += r.pending;
  }
  return m;
};

test('report totals per judge equal what the simulator did; the same seed gives the same plan and per-category figures', async () => {
  const a = simulateAndReport(537, 'run-a');
  assert.ok(a.summary.distributed > 20, `distributed ${a.summary.distributed}`);
  assert.ok(a.summary.decided > 0);
  // per-judge rows, with the Засади judges' logins as drawn
  assert.ok(a.rows.length > 0);
  for (const r of a.rows) assert.match(r.judge, /^LUB-0[1-8]$/);
  assert.ok(new Set(a.rows.map((r) => r.judge)).size >= 3, 'several judges got cases');
  assert.is(sum(a.rows, (r) => r.received), a.summary.assignments);
  assert.is(sum(a.rows, (r) => r.decided + r.pending), a.summary.distributed);
  assert.is(sum(a.rows, (r) => r.decided), a.summary.decided);

  const b = simulateAndReport(637, 'run-b');
  assert.equal(
    b.summary.courts.map((c: { planDigest: string }) => c.planDigest),
    a.summary.courts.map((c: { planDigest: string }) => c.planDigest),
  );
  for (const k of ['registrations', 'distributed', 'assignments', 'decided'] as const) assert.is(b.summary[k], a.summary[k], k);
  assert.equal(byCategory(b.rows, 637), byCategory(a.rows, 537));
});

test.run();
