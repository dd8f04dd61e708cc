/**
 * The mark a court is confirmed through is derived from `events` alone
 * (actors/central/ingest/marks.ts), so an event may be in `events` only once
 * its workload facts are in: otherwise a worker that dies (chaos test (b):
 * SIGKILL) or fails between the two inserts leaves events whose facts only a
 * later redelivery brings, while the court is already told they are in and
 * the report misses them. Real parts: nats-server, the ingest worker, chdb,
 * a court with its replicator; the facts insert is made to fail for real by a
 * CHECK constraint on `workload_facts`, then allowed again.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { cleanup, startNats, tempDir, type NatsHandle } from '../support/servers.ts';
import { courtOwnWorkload, silent, startCourt, until, writeWorkload } from './support.ts';
import { IngestWorker } from '../../actors/central/ingest/index.ts';
import { openEngine } from '../../analytics/engine.ts';
import { workloadReport } from '../../analytics/workload.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('ingest: nothing is confirmed to a court before its workload facts are stored');
const ctx: { nats?: NatsHandle } = {};

test.before(async () => {
  ctx.nats = await startNats({ jetstream: true });
});

test.after(async () => {
  await cleanup();
});

test('a failed facts insert leaves the events out too: the mark stays, and the redelivery stores both', async () => {
  const data = tempDir('asds-central-');
  const nc = await ctx.nats!.bus.connect('central-1');
  const worker = await new IngestWorker({
    nc,
    bus: await ctx.nats!.bus.identity('central-1'),
    openEngine: () => openEngine({ dataDir: join(data, 'analytics') }),
    log: silent,
    ackWaitMs: 3000,
    // no registry here: this test is about the insert order, not about which courts are connected
    anyCourt: true,
  }).start();
  const court = await startCourt('401', tempDir(), ctx.nats!);
  try {
    // the facts table refuses every row (a real insert failure, as a crash between the two inserts would leave it)
    await worker.analytics.exec('ALTER TABLE workload_facts ADD CONSTRAINT refuse_all CHECK seq = 0');
    await writeWorkload(court, 30, { prefix: 'f', concurrency: 4 });
    const head = court.journal.head().gseq;
    await until(() => worker.stats.insertFailures >= 2, 'the facts insert to fail (and be retried)', 30_000);
    // the court asks its mark every 200 ms: give it a few asks
    await new Promise((r) => setTimeout(r, 1500));
    assert.is(court.replicator.status().confirmed, 0, 'no event confirmed while its facts are not stored');
    await worker.analytics.exec('ALTER TABLE workload_facts DROP CONSTRAINT refuse_all');
    await court.replicator.confirmedThrough(head);
    const got = await workloadReport(worker.analytics, { from: '2025-01-01', to: '2025-06-30', court: '401' });
    assert.equal(got, courtOwnWorkload(court.journal, '401', '2025-01-01', '2025-06-30'));
  } finally {
    await court.stop();
    await worker.stop();
    await nc.close();
  }
});

test.run();
