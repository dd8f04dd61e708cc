/**
 * `asds ops status` and `asds ops drain` (issue 12 item 5) against a real nats-server (TLS, nkeys, JetStream), a
 * real redis-server and a real central worker, as the ops identity `asds ops init` makes. Worker presence and
 * leases are written into the KV buckets as contracts/ops describes them (by a central identity, as the workers
 * do); the drain is answered by a central identity that checks the signature as the worker does.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { cleanup, startNats, startRedis, tempDir, type NatsHandle, type RedisHandle } from '../support/servers.ts';
import { startCentralWorker } from '../replication/support.ts';
import type { NodeProcess } from '../support/processes.ts';
import { senderOf } from '../../runtime/bus/nats-sign.ts';
import type { ClusterStatus } from '../../bin/commands/ops-cluster.ts';
import { kyivTime } from '../../analytics/format-uk.ts';

const test = suite('ops status and drain');
const ctx = {} as { binding: Record<string, unknown>; nats: NatsHandle; redis: RedisHandle; central: NodeProcess; courts: string; ops: string; worker: NatsConnection; drains: Array<{ from: string; body: unknown }> };
const NOW = Date.now();

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.redis = await startRedis();
  ctx.nats.bus.ops.addNode('court-540', { name: 'Хорольський районний суд Полтавської області' });
  ctx.courts = ctx.nats.bus.ops.paths.courts;
  ctx.ops = await ctx.nats.bus.bundle('ops-admin');
  ctx.central = await startCentralWorker(ctx.nats, tempDir('asds-central-'), ['--http-port', '0', '--redis', ctx.redis.url, '--courts', ctx.courts]);
  // presence and a lease as central workers write them (contracts/ops/presence.ts, lease.ts)
  ctx.worker = await ctx.nats.bus.connect('central-7');
  const kvm = new Kvm(ctx.worker);
  // the worker may have made the buckets already (with its own settings): open those, create only what is missing
  const bucket = async (name: string) => kvm.open(name).then(async (kv) => (await kv.status(), kv)).catch(() => kvm.create(name));
  const workers = await bucket('asds_workers');
  const leases = await bucket('asds_leases');
  const presence = (node: string, role: string, heartbeat: number, heartbeatMs: number) => ({ v: 1, node, role, pid: 4242, host: 'asds-c1', started: NOW - 3600_000, heartbeat, heartbeatMs, engine: 'chdb', store: 'chdb_asds-c1_ab12' });
  await workers.put('central-7', JSON.stringify(presence('central-7', 'owner', Date.now(), 600_000)));
  await workers.put('central-8', JSON.stringify(presence('central-8', 'standby', NOW - 60_000, 2000)));
  await leases.put('chdb_asds-c1_ab12', JSON.stringify({ v: 1, store: 'chdb_asds-c1_ab12', path: '/var/lib/asds/central/analytics', holder: 'central-7', pid: 4242, host: 'asds-c1', since: NOW - 3600_000, renewed: Date.now() - 11_000, ttlMs: 10_000, expiresAt: Date.now() - 1000, state: 'owner' }));
  // which store the ingest stream feeds: written once by the first worker (kept if the worker already wrote it)
  await leases.create('ingest_binding', JSON.stringify({ v: 1, store: 'chdb_asds-c1_ab12', path: '/var/lib/asds/central/analytics', host: 'asds-c1', by: 'central-7', since: Date.parse('2026-12-06T19:03:00Z') })).catch(() => undefined);
  ctx.binding = (await leases.get('ingest_binding'))!.json();
  // the drain as a worker serves it: only a signed request from an ops identity
  ctx.drains = [];
  const opsKey = ctx.nats.bus.ops.operatorPublicKey;
  ctx.worker.subscribe('asds.central.central-7.drain', {
    callback: (_e, m) => {
      try {
        const who = senderOf(m, opsKey, { class: 'operator' });
        ctx.drains.push({ from: who.node, body: JSON.parse(new TextDecoder().decode(m.data)) });
        m.respond(JSON.stringify({ v: 1, ok: true, node: 'central-7', released: 'chdb_asds-c1_ab12', tookMs: 1234 }));
      } catch (e) {
        m.respond(JSON.stringify({ v: 1, ok: false, node: 'central-7', code: 'FORBIDDEN', error: (e as Error).message }));
      }
    },
  });
  ctx.worker.subscribe('asds.central.central-8.drain', { callback: (_e, m) => void m.respond(JSON.stringify({ v: 1, ok: false, node: 'central-8', code: 'ALREADY_DRAINING', error: 'already draining since 00:10' })) });
  await ctx.worker.flush();
});

test.after(async () => {
  await ctx.worker?.close();
  await ctx.central?.kill('SIGTERM');
  await cleanup();
});

function asds(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/asds.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const base = () => ['--nats', ctx.nats.url, '--bus', ctx.ops];

test('--json: the connected server, streams with consumers, workers and leases from KV, queue depths, lag per court', async () => {
  const r = await asds(['ops', 'status', ...base(), '--redis', ctx.redis.url, '--courts', ctx.courts, '--json']);
  assert.ok(r.code === 3, `exit 3: a stale worker and a court never heard from (${r.code}; ${r.err})`);
  const s = JSON.parse(r.out) as ClusterStatus;
  assert.is(s.identity, 'ops-admin');
  assert.ok(s.connected.jetstream);
  assert.ok(s.servers.some((x) => x.seenAs.includes('connected') && x.version));
  assert.is(s.systemAccount, false);
  assert.ok(s.streams.ok);
  const ingest = s.streams.ok ? s.streams.value.find((x) => x.name === 'ASDS_INGEST') : undefined;
  assert.ok(ingest, 'the ingest stream');
  assert.is(ingest!.replicas, 1);
  assert.ok(ingest!.consumers.length >= 1 && ingest!.consumers.every((c) => c.pending === 0), JSON.stringify(ingest!.consumers));
  assert.ok(s.workers.ok);
  const w = s.workers.ok ? s.workers.value : [];
  assert.equal(w.find((x) => x.node === 'central-7')?.stale, false);
  assert.equal(w.find((x) => x.node === 'central-8')?.stale, true, 'a heartbeat a minute old at 2 s beats is stale');
  assert.ok(s.leases.ok);
  const lease = s.leases.ok ? s.leases.value.find((l) => l.key === 'chdb_asds-c1_ab12') : undefined;
  assert.is(lease?.holder, 'central-7');
  assert.ok(lease!.token > 0, 'the fencing token is the KV revision');
  assert.is(lease!.expired, true, 'renewed 11 s ago with a 10 s life');
  assert.not.ok(s.leases.ok && s.leases.value.some((l) => l.key === 'ingest_binding'), 'the ingest binding is not a lease');
  const { v: _v, ...binding } = ctx.binding;
  assert.equal(s.binding, { ok: true, value: binding });
  assert.ok(s.queues.ok, JSON.stringify(s.queues));
  const scheduled = s.queues.ok ? s.queues.value.find((q) => q.name === 'asds-scheduled') : undefined;
  assert.ok(scheduled && (scheduled.counts.delayed ?? 0) >= 1, `the detectors' next run waits as a delayed job (${JSON.stringify(scheduled)})`);
  assert.ok(s.lags.ok, JSON.stringify(s.lags));
  const c540 = s.lags.ok ? s.lags.value.find((l) => l.court === '540') : undefined;
  assert.is(c540?.neverReported, true);
});

test('for people: Ukrainian, court names, durations "позаду", Kyiv time; stale worker and expired lease named', async () => {
  const r = await asds(['ops', 'status', ...base(), '--redis', ctx.redis.url, '--courts', ctx.courts]);
  assert.is(r.code, 3, r.err);
  assert.match(r.out, /^Стан АСДС на \d+ [а-яіїєґ]+ \d{4} р\. о \d\d:\d\d \(ідентичність ops-admin\)\./);
  assert.match(r.out, /Шина NATS: підключено до \S+ \(tls:\/\/127\.0\.0\.1:\d+|Шина NATS: підключено до \S+ \(127\.0\.0\.1:\d+/);
  assert.match(r.out, /ASDS_INGEST: повідомлень 0, .*реплік 1\n    споживач \S+: не доставлено 0/);
  assert.match(r.out, /central-7: власник аналітичної бази \(хост asds-c1, pid 4242, рушій chdb\); сигнал (щойно|\d+ хв тому)\n/);
  assert.match(r.out, /central-8: у резерві \(чекає оренди\).* — НЕ ВІДПОВІДАЄ/);
  assert.match(r.out, /аналітична база \/var\/lib\/asds\/central\/analytics: тримає central-7, відкрита власником, маркер огородження \d+; поновлено (щойно|\d+ хв тому) — ПРОСТРОЧЕНА/);
  assert.ok(r.out.includes(`Потік прийому живить аналітичну базу ${ctx.binding.path} на ${ctx.binding.host} (прив’язано вузлом ${ctx.binding.by}, ${kyivTime(ctx.binding.since as number)}).`), r.out);
  assert.match(r.out, /asds-scheduled: [^\n]*відкладені \d/, r.out);
  assert.match(r.out, /asds-pulls: (порожня|[^\n]*)\n/);
  assert.match(r.out, /Хорольський районний суд Полтавської області: жодного разу не звертався до центру \([^)]*позаду\)/);
  assert.not.match(r.out, /\b1[0-9]{12}\b/, 'no epoch milliseconds');
});

test('without Redis the queues are not asked, and a worker that cannot answer is reported, not fatal', async () => {
  const r = await asds(['ops', 'status', ...base()]);
  assert.match(r.out, /Черги завдань: не перевірено \(дайте --redis <url>\)/);
  const down = await asds(['ops', 'status', ...base(), '--redis', 'redis://127.0.0.1:1', '--json']);
  const s = JSON.parse(down.out) as ClusterStatus;
  assert.is(s.queues.ok, false);
  assert.match((s.queues as { error: string }).error, /^Redis 127\.0\.0\.1:1: /, 'the error names where it looked');
  assert.ok(s.streams.ok, 'the rest is still shown');
});

test('the ops identity reads JetStream state but cannot change it nor read a court event', async () => {
  const nc = await ctx.nats.bus.connect('ops-admin');
  const errors: string[] = [];
  void (async () => {
    for await (const s of nc.status()) if (s.type === 'error') errors.push(String((s as { error?: Error }).error?.message ?? s));
  })();
  const tries = ['$JS.API.STREAM.DELETE.ASDS_INGEST', '$JS.API.STREAM.PURGE.ASDS_INGEST', '$JS.API.CONSUMER.CREATE.ASDS_INGEST', '$JS.API.STREAM.MSG.GET.ASDS_INGEST', '$JS.API.DIRECT.GET.ASDS_INGEST', '$JS.API.STREAM.CREATE.X', '$JS.API.STREAM.MSG.DELETE.KV_asds_leases', '$KV.asds_leases.chdb_asds-c1_ab12'];
  for (const s of tries) nc.publish(s, '{}');
  await nc.flush();
  const end = Date.now() + 5000;
  while (errors.length < tries.length && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  for (const s of tries) assert.ok(errors.some((e) => e.includes(`Publish to "${s}"`)), `refused: ${s}`);
  await nc.close();
});

test('drain: a signed request, the answer printed; a refusal and an absent worker are errors naming the worker', async () => {
  const ok = await asds(['ops', 'drain', 'central-7', ...base(), '--reason', 'планове обслуговування']);
  assert.is(ok.code, 0, ok.err);
  assert.match(ok.out, /central-7: роботу завершено за 1,2 с/);
  assert.match(ok.out, /Оренду аналітичної бази chdb_asds-c1_ab12 звільнено/);
  assert.equal(ctx.drains, [{ from: 'ops-admin', body: { v: 1, reason: 'планове обслуговування' } }]);
  const busy = await asds(['ops', 'drain', 'central-8', ...base()]);
  assert.is(busy.code, 1);
  assert.match(busy.err, /central-8: вузол уже завершує роботу/);
  const none = await asds(['ops', 'drain', 'central-99', ...base(), '--timeout-seconds', '3']);
  assert.is(none.code, 1);
  assert.match(none.err, /central-99: такого центрального вузла на шині .* немає/);
  const bad = await asds(['ops', 'drain', 'court-537', ...base()]);
  assert.is(bad.code, 2);
});

test.run();
