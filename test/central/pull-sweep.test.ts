/**
 * The periodic pulls sweep (real chdb): a pull past its deadline raises one 'pull-overdue' alarm however often
 * the sweep runs; a done pull is not overdue; copies older than the retention are removed, newer ones kept.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { listAlarms } from '../../analytics/alarms.ts';
import { listPulls, sweepPulls } from '../../actors/central/pulls/index.ts';
import { openPullOf, savePull, type PullRecord } from '../../actors/central/pulls/store.ts';
import { copyDoesNotFit, FREE_SPACE_RESERVE_BYTES } from '../../actors/central/pulls/transfer.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
let engine: AnalyticsEngine;
let dir: string;
const DAY = 86_400_000;
const now = Date.parse('2026-03-20T10:00:00+02:00');

const pull = (id: string, over: Partial<PullRecord>): PullRecord => ({
  id,
  court: '537',
  requestedBy: 'Адміністратор (ops-admin)',
  requestedAt: now - 3 * DAY,
  dueAt: now - DAY,
  dueDate: '2026-03-18',
  note: '',
  state: 'requested',
  progress: 0,
  detail: '',
  verdict: '',
  completedAt: 0,
  updatedAt: now - 3 * DAY,
  ...over,
});

test.before(async () => {
  dir = tempDir();
  engine = await openEngine({ dataDir: join(dir, 'analytics') });
});

test.after(async () => {
  await engine?.close();
  await cleanup();
});

test('overdue pulls are listed and alarmed once; done and not-yet-due ones are not', async () => {
  await savePull(engine, pull('11111111-1111-4111-8111-111111111111', {}));
  await savePull(engine, pull('22222222-2222-4222-8222-222222222222', { state: 'done', verdict: 'identical', completedAt: now - 2 * DAY }));
  await savePull(engine, pull('33333333-3333-4333-8333-333333333333', { dueAt: now + DAY, dueDate: '2026-03-21' }));
  const copies = join(dir, 'pulls');
  const r1 = await sweepPulls({ engine, node: 'central-1', dir: copies, log: silent, now });
  await sweepPulls({ engine, node: 'central-2', dir: copies, log: silent, now: now + 300_000 });
  assert.equal(r1.overdue, ['11111111-1111-4111-8111-111111111111']);
  assert.equal((await listPulls(engine, { overdueAt: now })).map((p) => p.id), ['11111111-1111-4111-8111-111111111111']);
  const alarms = await listAlarms(engine, { kind: 'pull-overdue' });
  assert.is(alarms.length, 1, 'one alarm however many sweeps');
  assert.is(alarms[0]!.evidence.pullId, '11111111-1111-4111-8111-111111111111');
  assert.match(alarms[0]!.summary, /не надіслав базу даних у строк \(Засади, п\. 18\.3\).*2026-03-18/);
});

test('retention: a copy of a pull done longer ago than the retention is removed, a recent one kept', async () => {
  const copies = join(dir, 'pulls');
  const old = join(copies, '537', '22222222-2222-4222-8222-222222222222');
  const recent = join(copies, '537', '44444444-4444-4444-8444-444444444444');
  for (const d of [old, recent]) {
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'copy.sqlite'), 'x');
  }
  await savePull(engine, pull('44444444-4444-4444-8444-444444444444', { state: 'done', verdict: 'identical', completedAt: now - 1000 }));
  const r = await sweepPulls({ engine, node: 'central-1', dir: copies, log: silent, now: now + DAY, retentionDays: 2 });
  assert.equal(r.removed, ['22222222-2222-4222-8222-222222222222']);
  assert.not.ok(existsSync(old));
  assert.ok(existsSync(join(recent, 'copy.sqlite')));
});

test('one open pull per court: one in progress within its deadline blocks a new request; done, failed or overdue ones do not', async () => {
  const court = '601';
  assert.is(await openPullOf(engine, court, now), undefined);
  await savePull(engine, pull('55555555-5555-4555-8555-555555555555', { court, state: 'done', verdict: 'identical', completedAt: now - DAY }));
  await savePull(engine, pull('66666666-6666-4666-8666-666666666666', { court, state: 'failed' }));
  await savePull(engine, pull('77777777-7777-4777-8777-777777777777', { court, state: 'transferring' })); // past its deadline
  assert.is(await openPullOf(engine, court, now), undefined);
  await savePull(engine, pull('88888888-8888-4888-8888-888888888888', { court, state: 'verifying', dueAt: now + DAY }));
  assert.is((await openPullOf(engine, court, now))?.id, '88888888-8888-4888-8888-888888888888');
  assert.is(await openPullOf(engine, '602', now), undefined, 'another court is not blocked');
});

test('a copy larger than the cap is refused for good; one the disk cannot hold with its reserve waits for space', () => {
  const GiB = 1024 ** 3;
  assert.is(copyDoesNotFit(2 * GiB, { maxBytes: 64 * GiB, freeBytes: 100 * GiB }), undefined);
  const big = copyDoesNotFit(65 * GiB, { maxBytes: 64 * GiB, freeBytes: 1000 * GiB })!;
  assert.equal([big.fatal, /завелика/.test(big.reason)], [true, true]);
  const tight = copyDoesNotFit(10 * GiB, { maxBytes: 64 * GiB, freeBytes: 10 * GiB + FREE_SPACE_RESERVE_BYTES - 1 })!;
  assert.equal([tight.fatal, /замало місця/.test(tight.reason)], [false, true]);
});

test.run();
