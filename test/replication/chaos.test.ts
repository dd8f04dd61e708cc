/**
 * Chaos (issue 6 item 8), real processes, bounded in time. After each: for the
 * court, the set of (court, seq) at the centre equals its journal — no loss,
 * no duplicates — and the centre's workload report equals the court's own.
 *   (a) the central NATS stopped while the court writes ≥ 10,000 events, then restarted;
 *   (b) the central worker SIGKILLed mid-stream 5 times;
 *   (c) the analytics writer restarted mid-stream 3 times.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import type { NodeProcess } from '../support/processes.ts';
import { courtOwnWorkload, startCentralWorker, startCourt, until, writeWorkload, type Court } from './support.ts';
import { openEngine } from '../../analytics/engine.ts';
import { courtSeqs } from '../../analytics/central-db.ts';
import { workloadReport } from '../../analytics/workload.ts';
import { engineRestartSubject } from '../../actors/central/ingest/index.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('replication chaos: zero loss, zero duplicates');
const ctx: { nats?: NatsHandle; worker?: NodeProcess; data?: string; courts: Court[] } = { courts: [] };

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
  ctx.data = tempDir('asds-central-');
  ctx.worker = await startCentralWorker(ctx.nats, ctx.data);
});

test.after(async () => {
  for (const c of ctx.courts) await c.stop().catch(() => undefined);
  await ctx.worker?.kill('SIGKILL');
  await cleanup();
});

/** Stop the worker, compare the centre with the court's journal and own report, start the worker again. */
async function verify(court: Court): Promise<void> {
  const head = court.journal.head().gseq;
  await court.replicator.confirmedThrough(head);
  await ctx.worker!.kill('SIGTERM');
  const engine = await openEngine({ dataDir: join(ctx.data!, 'analytics') });
  try {
    assert.equal(await courtSeqs(engine, court.code), { count: head, distinct: head, min: 1, max: head }, 'every (court, seq) exactly once');
    const raw = await engine.query<{ n: number }>('SELECT count() AS n FROM (SELECT seq FROM events FINAL WHERE court = {c:String} GROUP BY seq HAVING count() > 1)', { c: court.code });
    assert.is(Number(raw[0]!.n), 0);
    const got = await workloadReport(engine, { from: '2025-01-01', to: '2025-06-30', court: court.code });
    assert.equal(got, courtOwnWorkload(court.journal, court.code, '2025-01-01', '2025-06-30'));
  } finally {
    await engine.close();
  }
  ctx.worker = await startCentralWorker(ctx.nats!, ctx.data!);
}

test('(a) central NATS down while the court writes 10,000+ events, then back: the court catches up', async () => {
  const court = await startCourt('301', tempDir(), ctx.nats!);
  ctx.courts.push(court);
  await writeWorkload(court, 600, { prefix: 'pre' });
  await court.replicator.confirmedThrough(court.journal.head().gseq);
  await ctx.nats!.stop();
  const before = court.journal.head().gseq;
  await writeWorkload(court, 7600, { prefix: 'out' });
  assert.ok(court.journal.head().gseq - before >= 10_000, `wrote ${court.journal.head().gseq - before} events during the outage`);
  assert.is(court.replicator.status().confirmed, before, 'nothing confirmed while the centre is unreachable');
  ctx.nats = await startNats({ jetstream: true, port: ctx.nats!.port, dataDir: ctx.nats!.dataDir });
  await verify(court);
  assert.ok(court.replicator.status().restarts >= 1, 'the replicator resent after the outage');
});

test('(b) the central worker SIGKILLed mid-stream 5 times', async () => {
  const court = await startCourt('302', tempDir(), ctx.nats!);
  ctx.courts.push(court);
  for (let k = 0; k < 5; k++) {
    // the court keeps writing while its centre dies under it
    const writing = writeWorkload(court, 1500, { prefix: `k${k}`, concurrency: 16 });
    const from = court.replicator.status().confirmed;
    await until(() => court.replicator.status().confirmed > from + 200, 'ingest progress before a kill', 60_000);
    await ctx.worker!.kill('SIGKILL');
    ctx.worker = await startCentralWorker(ctx.nats!, ctx.data!);
    await writing;
  }
  await verify(court);
});

test('(c) the analytics writer restarted mid-stream 3 times', async () => {
  const court = await startCourt('303', tempDir(), ctx.nats!);
  ctx.courts.push(court);
  const nc: NatsConnection = await ctx.nats!.bus.connect('central-chaos'); // a central peer may reach a worker's restart subject
  try {
    for (let k = 0; k < 3; k++) {
      const writing = writeWorkload(court, 1500, { prefix: `w${k}`, concurrency: 16 });
      const from = court.replicator.status().confirmed;
      await until(() => court.replicator.status().confirmed > from + 200, 'ingest progress before a writer restart', 60_000);
      const r = await nc.request(engineRestartSubject('central-1'), '', { timeout: 30_000 });
      assert.equal(JSON.parse(new TextDecoder().decode(r.data)), { ok: true });
      await writing;
    }
  } finally {
    await nc.close();
  }
  await verify(court);
});

test.run();
