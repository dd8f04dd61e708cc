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

function run(json: boolean) {
  // one URL: the CLI is connected to nats-1, the one this test never kills
  const url = ctx.cluster.url.split(',')[0]!;
  return spawnSync(process.execPath, ['bin/asds.js', 'ops', 'status', '--nats', url, '--bus', ctx.ops, '--timeout-seconds', '2', ...(json ? ['--json'] : [])], { encoding: 'utf8', timeout: 60_000 });
}

function status(): { code: number | null; s: ClusterStatus } {
  const r = run(true);
  assert.ok(r.stdout.startsWith('{'), r.stderr);
  return { code: r.status, s: JSON.parse(r.stdout) as ClusterStatus };
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
  const text = run(false).stdout;
  assert.match(text, /  nats-1 \(nats-server [\d.]+\): підключено до нього, учасник JetStream\n  nats-[23][^\n]*учасник JetStream\n  nats-[23][^\n]*учасник JetStream\n  адреси кластера для клієнтів: \S+, \S+, \S+\n/, text);
  assert.match(text, /KV_asds_workers: повідомлень 0, 0 КБ, реплік 3; лідер nats-\d, копії: nats-\d, nats-\d, nats-\d\n/);
  assert.match(text, /Відставання судів[^\n]*: не вдалося прочитати — жоден центральний вузол не відповідає \(asds\.central\.query\.lag\)/);
});

test('a killed server is reported unreachable (exit 3), and current again after its restart', async () => {
  await ctx.cluster.killMember(2);
  let last: ReturnType<typeof status> | undefined;
  await until(() => {
    last = status();
    return last.s.servers.some((x) => x.name === 'nats-3' && (x.offline || x.current === false));
  }, 'nats-3 reported down', 60_000);
  assert.is(last!.code, 3);
  assert.match(run(false).stdout, /  nats-3: учасник JetStream; НЕДОСЯЖНИЙ для лідера JetStream|  nats-3: учасник JetStream; ВІДСТАЄ/);
  await ctx.cluster.restartMember(2);
  await until(() => {
    last = status();
    // while the meta leader is re-elected the JetStream parts may answer with an error: not current yet
    return last.s.streams.ok && last.s.servers.filter((x) => x.seenAs.includes('jetstream')).every((x) => x.current && !x.offline);
  }, 'nats-3 current again', 60_000);
});

test.run();
