/**
 * The lease itself (actors/central/lease/lease.ts, fence.ts) against a real nats-server KV, with a hand-driven
 * monotonic clock instead of waiting: compare-and-set acquisition, take-over only after a TTL of an unchanged
 * revision, the fencing token refusing the old holder, the fence lapsing without renewals, release, and what an
 * operator identity may do with the buckets (read, not write).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { NatsConnection } from '@nats-io/transport-node';
import type { KV } from '@nats-io/kv';
import { cleanup, startNats, type NatsHandle } from '../support/servers.ts';
import { until } from '../replication/support.ts';
import { AnalyticsLease, VALID_SHARE, fencedEngine, LeaseLost, openLeaseBucket, readLeases, type StoreId } from '../../actors/central/lease/index.ts';
import type { AnalyticsEngine } from '../../analytics/engine.ts';

const test = suite('analytics lease: CAS, fencing token, expiry by observation');
const ctx: { nats?: NatsHandle; nc?: NatsConnection; ops?: NatsConnection; kv?: KV } = {};
const TTL = 1000;
let clock = 0;
const mono = () => clock;
let n = 0;
const store = (): StoreId => ({ key: `chdb_test_${++n}`, path: `/srv/asds/analytics-${n}`, host: 'elsewhere' });

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.nc = await ctx.nats.bus.connect('central-1');
  ctx.ops = await ctx.nats.bus.connect('ops-admin');
  ctx.kv = await openLeaseBucket(ctx.nc);
});

test.after(async () => {
  await ctx.nc?.close();
  await ctx.ops?.close();
  await cleanup();
});

test('first comes owns; the other sees the holder; a live holder (renewing) is never taken over', async () => {
  const s = store();
  const a = new AnalyticsLease(ctx.kv!, ctx.nc!, s, 'central-a', TTL, mono);
  const b = new AnalyticsLease(ctx.kv!, ctx.nc!, s, 'central-b', TTL, mono);
  assert.equal(await a.tryAcquire(), { won: true });
  assert.ok(a.mayWrite());
  const r = await b.tryAcquire();
  assert.is(r.won, false);
  assert.is(!r.won && r.holder?.holder, 'central-a');
  for (let i = 0; i < 5; i++) {
    clock += TTL / 2;
    assert.is(await a.renew('owner'), 'renewed');
    assert.is((await b.tryAcquire()).won, false, 'a renewed revision restarts the stand-by\'s wait');
  }
  assert.ok(!b.mayWrite());
  clock += TTL;
  assert.not.ok(a.mayWrite(), 'a busy holder (no renewal for a TTL) stops writing…');
  assert.ok(await a.confirm(), '…until it confirms the lease it never lost, by renewing before the write');
  assert.ok(a.mayWrite());
});

test('a silent holder is taken over after a TTL of unchanged revision; its token then fails and its fence is shut', async () => {
  const s = store();
  const a = new AnalyticsLease(ctx.kv!, ctx.nc!, s, 'central-a', TTL, mono);
  const b = new AnalyticsLease(ctx.kv!, ctx.nc!, s, 'central-b', TTL, mono);
  await a.tryAcquire();
  const tokenA = a.token;
  assert.is((await b.tryAcquire()).won, false);
  clock += TTL * VALID_SHARE + 1;
  assert.not.ok(a.mayWrite(), 'no confirmed renewal for 60 % of the TTL: a stops writing by itself');
  assert.is((await b.tryAcquire()).won, false, 'not yet a whole TTL since b first saw the revision');
  clock += TTL;
  assert.equal(await b.tryAcquire(), { won: true });
  assert.ok(b.token > tokenA, 'a new fencing token');
  assert.not.ok(await a.confirm(), 'the old token is refused when the paused holder tries to write');
  assert.is(await a.renew('owner'), 'lost');
  assert.is(a.token, 0);
  const engine = fencedEngine({ kind: 'chdb', exec: async () => undefined, query: async () => [], insert: async () => undefined, close: async () => undefined } as AnalyticsEngine, () => a.mayWrite(), s.key);
  try {
    await engine.insert('events', [{ seq: 1 }]);
    assert.unreachable('a fenced insert must fail');
  } catch (e) {
    assert.instance(e, LeaseLost);
    assert.is((e as LeaseLost).code, 'LEASE_LOST');
  }
  const leases = await readLeases(ctx.ops!);
  const l = leases.find((x) => x.key === s.key)!;
  assert.equal([l.lease.holder, l.token, l.lease.path], ['central-b', b.token, s.path]);
});

test('release deletes only our own revision and lets the next worker in at once', async () => {
  const s = store();
  const a = new AnalyticsLease(ctx.kv!, ctx.nc!, s, 'central-a', TTL, mono);
  const b = new AnalyticsLease(ctx.kv!, ctx.nc!, s, 'central-b', TTL, mono);
  await a.tryAcquire();
  assert.is((await b.tryAcquire()).won, false);
  assert.ok(await a.release());
  assert.equal(await b.tryAcquire(), { won: true }, 'no TTL to wait after a release');
  assert.not.ok(await a.release(), 'nothing to release twice');
  assert.ok(b.mayWrite(), "a stale release does not touch the successor's lease");
});

test('an operator identity reads the buckets but cannot write a lease', async () => {
  const errors: string[] = [];
  const ops = await ctx.nats!.bus.connect('ops-writer');
  void (async () => {
    for await (const s of ops.status()) if (s.type === 'error') errors.push(String((s as { error?: Error }).error?.message ?? s));
  })();
  try {
    ops.publish('$KV.asds_leases.chdb_forged', '{"v":1}');
    await ops.flush();
    await until(() => errors.length > 0, 'the refusal', 5000);
    assert.ok(errors.some((e) => /Permissions Violation for Publish to "\$KV.asds_leases.chdb_forged"/.test(e)), errors.join(' | '));
    assert.ok((await readLeases(ops)).length >= 1, 'reading works');
  } finally {
    await ops.close();
  }
});

test.run();
