/**
 * `asds ops status` on a three-server NATS cluster (issue 12 items 1 and 5): without the system account the ops
 * identity still sees every server — the one it is connected to, the others the cluster announces, and each as a
 * JetStream peer of a replicated stream; a killed server shows as unreachable (exit 3), and current again after
 * its restart.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { Kvm } from '@nats-io/kv';
import { cleanup, startNatsCluster, type NatsClusterHandle } from '../support/servers.ts';
import { until } from '../replication/support.ts';
import type { ClusterStatus } from '../../bin/commands/ops-cluster.ts';

const test = suite('ops status on a NATS cluster');
const ctx = {} as { cluster: NatsClusterHandle; ops: string };

test.before(async () => {
  ctx.cluster = await startNatsCluster(3);
  ctx.ops = await ctx.cluster.bus.bundle('ops-admin');
  // a replicated bucket, as central workers make it with --replicas 3 (JetStream needs its meta leader first)
  const nc = await ctx.cluster.bus.connect('central-1');
  let made = false;
  await until(async () => {
    try {
      await new Kvm(nc).create('asds_workers', { replicas: 3 });
      made = true;
    } catch {
      made = false;
    }
    return made;
  }, 'a JetStream meta leader', 30_000);
  await nc.close();
});

test.after(async () => {
  await ctx.cluster?.stop();
  await cleanup();
});

function status(): { code: number | null; s: ClusterStatus; out: string } {
  // one URL: the CLI is connected to nats-1, the one this test never kills
  const url = ctx.cluster.url.split(',')[0]!;
  const r = spawnSync(process.execPath, ['bin/asds.js', 'ops', 'status', '--nats', url, '--bus', ctx.ops, '--timeout-seconds', '2', '--json'], { encoding: 'utf8', timeout: 60_000 });
  assert.ok(r.stdout.startsWith('{'), r.stderr);
  return { code: r.status, s: JSON.parse(r.stdout) as ClusterStatus, out: r.stdout };
}

test('every server is seen: connected, announced by the cluster, JetStream peers of the replicated bucket', () => {
  const { s } = status();
  assert.is(s.connected.name, 'nats-1');
  assert.ok(s.connected.cluster, 'the cluster name');
  const peers = s.servers.filter((x) => x.seenAs.includes('jetstream')).map((x) => x.name).sort();
  assert.equal(peers, ['nats-1', 'nats-2', 'nats-3']);
  assert.ok(s.servers.filter((x) => x.seenAs.includes('announced')).length >= 2, 'the other servers\' client URLs');
  const kv = s.streams.ok ? s.streams.value.find((x) => x.name === 'KV_asds_workers') : undefined;
  assert.is(kv?.replicas, 3);
  assert.ok(kv?.leader);
  assert.ok(s.servers.every((x) => x.current !== false && !x.offline));
  assert.is(s.lags.ok, false, 'no central worker answers the lag query: reported, not fatal');
});

test('a killed server is reported unreachable (exit 3), and current again after its restart', async () => {
  await ctx.cluster.killMember(2);
  let last: ReturnType<typeof status> | undefined;
  await until(() => {
    last = status();
    return last.s.servers.some((x) => x.name === 'nats-3' && (x.offline || x.current === false));
  }, 'nats-3 reported down', 40_000);
  assert.is(last!.code, 3);
  await ctx.cluster.restartMember(2);
  await until(() => {
    last = status();
    return last.s.servers.filter((x) => x.seenAs.includes('jetstream')).every((x) => x.current && !x.offline);
  }, 'nats-3 current again', 40_000);
});

test.run();
