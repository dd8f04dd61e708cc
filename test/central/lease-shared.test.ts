/**
 * The shared-server path of central workers (issue 12 item 2): on a ClickHouse server every worker ingests from the
 * shared durable consumer and answers queries, with no lease. No ClickHouse server binary runs here, so the test
 * gives two in-process workers one engine declared shared (`analytics.shared`, what `--clickhouse-url` selects):
 * the role, presence, consumer and query code paths are the production ones; the `@clickhouse/client` adapter is not
 * exercised.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { courtOwnWorkload, startCourt, until, writeWorkload, type Court } from '../replication/support.ts';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { startCentralNode, type CentralNode } from '../../actors/central/node.ts';
import { CENTRAL_WORKLOAD_SUBJECT } from '../../contracts/ingest/index.ts';
import { readLeases, readWorkers } from '../../actors/central/lease/index.ts';
import type { WorkloadRow } from '../../analytics/workload.ts';
import { consoleAuth } from '../support/console-token.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('central workers on a shared analytics server: all ingest, all answer, no lease');
const ctx: { nats?: NatsHandle; ops?: NatsConnection; engine?: AnalyticsEngine; nodes: CentralNode[]; court?: Court } = { nodes: [] };

/** One engine for both workers, one statement at a time (a chdb session is not for concurrent callers); close is the test's. */
function sharedEngine(e: AnalyticsEngine): AnalyticsEngine {
  let chain: Promise<unknown> = Promise.resolve();
  const one = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    kind: e.kind,
    exec: (sql, p) => one(() => e.exec(sql, p)),
    query: (sql, p) => one(() => e.query(sql, p)),
    insert: (t, rows) => one(() => e.insert(t, rows)),
    insertLines: (t, c, l) => one(() => e.insertLines!(t, c, l)),
    close: async () => undefined,
  };
}

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.ops = await ctx.nats.bus.connect('ops-admin');
  const engine = sharedEngine((ctx.engine = await openEngine({ dataDir: join(tempDir(), 'analytics') })));
  for (const node of ['central-s1', 'central-s2']) {
    ctx.nodes.push(
      await startCentralNode({
        node,
        dataDir: tempDir('asds-worker-'),
        natsUrl: ctx.nats.url,
        bus: await ctx.nats.bus.identity(node),
        anyCourt: true,
        httpPort: 0,
        heartbeatMs: 500,
        analytics: { open: async () => engine, shared: true },
      }),
    );
  }
});

test.after(async () => {
  await ctx.court?.stop().catch(() => undefined);
  for (const n of ctx.nodes) await n.stop('test over').catch(() => undefined);
  await ctx.engine?.close();
  await ctx.ops?.close();
  await cleanup();
});

test('every worker serves: role shared-server, both answer queries and HTTP, no lease, the report is exact', async () => {
  for (const n of ctx.nodes) assert.ok(await n.ingest, 'ingest runs on every worker');
  assert.equal(ctx.nodes.map((n) => n.role()), ['shared-server', 'shared-server']);
  const court = (ctx.court = await startCourt('501', tempDir(), ctx.nats!));
  await writeWorkload(court, 800, { prefix: 'x', concurrency: 16 });
  await court.replicator.confirmedThrough(court.journal.head().gseq);
  const inserted = await Promise.all(ctx.nodes.map(async (n) => (await n.ingest)!.worker.stats.inserted));
  assert.is(inserted[0]! + inserted[1]!, court.journal.head().gseq, `each event inserted once in all (${inserted.join(' + ')})`);
  const by = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const r = JSON.parse(new TextDecoder().decode((await ctx.ops!.request(CENTRAL_WORKLOAD_SUBJECT, JSON.stringify({ from: '2025-01-01', to: '2025-06-30', court: '501' }), { timeout: 20_000 })).data)) as { ok: boolean; result: WorkloadRow[]; by: string };
    assert.ok(r.ok);
    assert.equal(r.result, courtOwnWorkload(court.journal, '501', '2025-01-01', '2025-06-30'));
    by.add(r.by);
  }
  assert.equal([...by].sort(), ['central-s1', 'central-s2'], 'the queue group spreads queries over both');
  for (const n of ctx.nodes) assert.is((await fetch(`${await n.httpUrl}/lag`, { headers: consoleAuth(ctx.nats!.bus.ops, 'analyst') })).status, 200);
  assert.equal(await readLeases(ctx.ops!), [], 'no lease on a shared server');
  await until(async () => (await readWorkers(ctx.ops!)).filter((w) => w.worker.role === 'shared-server').length === 2, 'both present as shared-server', 10_000);
});

test.run();
