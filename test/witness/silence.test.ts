/**
 * A court that stops sealing checkpoints is alarmed (actors/central/witness/silence.ts), on a real chdb:
 * events arriving above the last checkpoint for longer than the silence → one `checkpoint-missing` alarm
 * however many sweeps; a court whose head is sealed, one silent for less, and one that never sealed
 * anything are not. And the witness's "overtaken in flight" exemption is judged by the centre's receive time.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { listAlarms } from '../../analytics/alarms.ts';
import { silentCourts, sweepSilence, DEFAULT_SILENCE_MS } from '../../actors/central/witness/silence.ts';
import { WitnessStore } from '../../actors/central/witness/store.ts';
import { IN_FLIGHT_MS, OVERTAKE_MS } from '../../actors/central/witness/findings.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('witness: a court that stops sealing checkpoints');
let engine: AnalyticsEngine;
const now = Date.parse('2026-12-07T10:00:00Z');
const MIN = 60_000;

const event = (court: string, seq: number, ingestedAt: number) => ({
  court, seq, actor: 'registry/' + court, kind: 'registry', aseq: seq, type: 'registered', ts: ingestedAt, author: 'system', hash: 'h'.repeat(64), prev_hash: 'p'.repeat(64), redacted: [], payload: '{}', ingested_at: ingestedAt,
});
const checkpoint = (court: string, gseq: number, receivedAt: number) => ({
  court, gseq, hash: 'c'.repeat(64), time: receivedAt, sealed_at: receivedAt, prev_gseq: -1, prev_hash: '', id: `cp-${court}-${gseq}`, received_at: receivedAt, received_by: 'central-1', witnessed: 'yes', ca_fingerprint: 'f', cms: '', chain: '',
});

test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-silence-'), 'analytics') });
  // 701: sealed up to 10 an hour ago, events 11–20 arriving for the last 50 minutes → silent
  // 702: sealed up to 20, nothing above → fine; 703: events above its checkpoint only 10 minutes old → not yet
  // 704: events but never a checkpoint → not judged (no checkpointer, or simulated data)
  await engine.insert('checkpoints', [checkpoint('701', 10, now - 60 * MIN), checkpoint('702', 20, now - 5 * MIN), checkpoint('703', 5, now - 40 * MIN)]);
  const events = [];
  for (let s = 1; s <= 20; s++) events.push(event('701', s, s <= 10 ? now - 70 * MIN : now - (60 - s) * MIN));
  for (let s = 1; s <= 20; s++) events.push(event('702', s, now - 30 * MIN));
  for (let s = 1; s <= 8; s++) events.push(event('703', s, s <= 5 ? now - 45 * MIN : now - 10 * MIN));
  for (let s = 1; s <= 3; s++) events.push(event('704', s, now - 300 * MIN));
  await engine.insert('events', events);
});
test.after(async () => {
  await engine?.close();
  await cleanup();
});

test('only the court whose new events stay unsealed longer than the silence is found', async () => {
  const silent = await silentCourts(engine, now, DEFAULT_SILENCE_MS);
  assert.equal(silent.map((s) => s.court), ['701']);
  assert.equal([silent[0]!.lastCheckpoint.gseq, silent[0]!.heldHead, silent[0]!.uncoveredSince], [10, 20, now - 49 * MIN]);
  assert.equal((await silentCourts(engine, now + 25 * MIN, DEFAULT_SILENCE_MS)).map((s) => s.court), ['701', '703'], '703 once its wait passes the silence');
});

test('one alarm per silence however many sweeps, in Ukrainian with the last checkpoint', async () => {
  await sweepSilence(engine, 'central-1', now);
  await sweepSilence(engine, 'central-2', now + 5 * MIN);
  const alarms = await listAlarms(engine, { kind: 'checkpoint-missing' });
  assert.is(alarms.length, 1);
  assert.is(alarms[0]!.court, '701');
  assert.match(alarms[0]!.summary, /^Суд 701 не засвідчує свій журнал: остання контрольна точка — подія 10 .*події до 20/);
});

test('a lower head is "overtaken in flight" only if it arrives soon after by the centre\'s clock, whatever sealedAt the court wrote', async () => {
  const store = new WitnessStore(() => engine);
  // court 705's checkpoint at 30, sealed at t and received at t + 1 s
  const t = now - 10 * MIN;
  await engine.insert('checkpoints', [{ ...checkpoint('705', 30, t + 1000), sealed_at: t }]);
  // a checkpoint at 25 claiming to be sealed 1 s before it: arriving 2 s after → overtaken, not a deleted tail
  assert.is(await store.above('705', 25, t - 1000, t - 1000 + OVERTAKE_MS, t + 3000 - IN_FLIGHT_MS), undefined);
  // the same claim arriving 5 minutes later: the court's clock cannot make it in flight
  assert.is((await store.above('705', 25, t - 1000, t - 1000 + OVERTAKE_MS, t + 5 * MIN - IN_FLIGHT_MS))?.gseq, 30);
});

test.run();
