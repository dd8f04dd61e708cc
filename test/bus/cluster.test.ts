/**
 * A NATS cluster at the centre (issue 12 item 1): three nats-servers with TLS
 * routes, the ingest stream at 3 replicas. One member is killed while a court
 * replicates and the centre ingests, then restarted: nothing lost, nothing
 * counted twice, and the lag monitor shows the court caught up.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, statSync } from 'node:fs';
import { cleanup, startNatsCluster, tempDir, type NatsClusterHandle } from '../support/servers.ts';
import type { NodeProcess } from '../support/processes.ts';
import { courtOwnWorkload, startCentralWorker, startCourt, until, writeWorkload, type Court } from '../replication/support.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('NATS cluster at the centre');
const ctx: { cluster?: NatsClusterHandle; central?: NodeProcess; court?: Court; http?: string } = {};

test.before(async () => {
  ctx.cluster = await startNatsCluster(3);
});

test.after(async () => {
  await ctx.court?.stop();
  await ctx.central?.kill('SIGTERM');
  await ctx.cluster?.stop();
  await cleanup();
});

test('the generated configs route over TLS with peer verification and a route user; they are owner-only', () => {
  const m = ctx.cluster!.bus.ops.server.cluster!.servers;
  assert.is(m.length, 3);
  for (const s of m) {
    const text = readFileSync(s.config, 'utf8');
    assert.match(text, /cluster \{[\s\S]*verify: true[\s\S]*authorization \{ user: "asds-route"/);
    assert.is(statSync(s.config).mode & 0o077, 0, `${s.config} holds the route password`);
  }
  assert.equal(ctx.cluster!.url.split(',').length, 3);
});

test('a member killed during replication and ingest, then restarted: every event once at the centre, lag back to zero', async () => {
  const c = ctx.cluster!;
  ctx.central = await startCentralWorker(c, tempDir('asds-central-'), ['--http-port', '0', '--replicas', '3']);
  ctx.http = JSON.parse(await ctx.central.waitFor(/"ingest":"running"/)).http as string;
  ctx.court = await startCourt('321', tempDir('asds-court-'), c);
  const writing = writeWorkload(ctx.court, 600, { prefix: 'a', concurrency: 8 });
  // kill a member while the court is writing and replicating
  await until(() => ctx.court!.replicator.status().confirmed > 50, 'some events confirmed before the kill', 120_000);
  // the member the court is connected to: the court must fail over to another while it writes
  const victim = c.members.findIndex((m) => ctx.court!.nc.getServer().endsWith(`:${m.port}`));
  assert.ok(victim >= 0, `court connected to ${ctx.court.nc.getServer()}`);
  await c.killMember(victim);
  await writing;
  await writeWorkload(ctx.court, 200, { prefix: 'b', concurrency: 8 });
  await c.restartMember(victim);
  const head = ctx.court.journal.head().gseq;
  await ctx.court.replicator.confirmedThrough(head);
  // the lag monitor records marks at its own pace (about a second): it catches up with the confirmation
  const markSeen = async () => {
    const res = (await (await fetch(`${ctx.http}/lag?all=1&thresholdMinutes=0`, { headers: consoleAuth(ctx.cluster!.bus.ops, 'analyst') })).json()) as { courts: Array<{ court: string; head: number; mark: number }> };
    return res.courts.find((x) => x.court === '321')?.mark === head;
  };
  await until(markSeen, 'the lag monitor to show the centre holding everything the court wrote', 30_000);
  await until(async () => /asds_replication_lag_events\{[^}]*court="321"[^}]*\} 0/.test(await (await fetch(`${ctx.http}/metrics`)).text()), 'lag 0 in /metrics', 30_000);
  // nothing counted twice: the workload report equals the court's own counts
  const central = (await (await fetch(`${ctx.http}/reports/workload?from=2025-01-01&to=2025-12-31&court=321`, { headers: consoleAuth(ctx.cluster!.bus.ops, 'analyst') })).json()) as { rows: unknown[] };
  assert.equal(central.rows, courtOwnWorkload(ctx.court.journal, '321', '2025-01-01', '2025-12-31'));
});

test.run();
