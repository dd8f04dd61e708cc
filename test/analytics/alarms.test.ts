import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { openEngine, type AnalyticsEngine } from '../../analytics/engine.ts';
import { acknowledgeAlarm, alarmId, listAlarms, raiseAlarms } from '../../analytics/alarms.ts';
import { cleanup, tempDir } from '../support/servers.ts';

const test = suite('integrity alarms: one per finding, first seen kept, acknowledgements beside them');
let engine: AnalyticsEngine;
test.before(async () => {
  engine = await openEngine({ dataDir: join(tempDir('asds-alarms-'), 'analytics') });
});
test.after(async () => {
  await engine.close();
  cleanup();
});

test('a finding raised twice (two workers, a redelivery) is one alarm with the first time it was seen', async () => {
  const a = { court: '537', kind: 'conflicting-version' as const, key: 'seq:12', summary: 'Подія 12 надійшла у двох версіях', evidence: { seq: 12, held: 'aa', received: 'bb' } };
  await raiseAlarms(engine, [{ ...a, at: 1000 }], 'central-1');
  await raiseAlarms(engine, [{ ...a, at: 5000, evidence: { seq: 12, again: true } }], 'central-2');
  await raiseAlarms(engine, [{ court: '538', kind: 'detector:absence-before-draw', key: 'case:x', summary: 'Відсутність перед розподілом', evidence: { caseId: 'x' }, at: 2000 }], 'central-1');
  const all = await listAlarms(engine);
  assert.is(all.length, 2);
  const one = all.find((x) => x.court === '537')!;
  assert.is(one.id, alarmId('conflicting-version', '537', 'seq:12'));
  assert.is(one.firstSeen, 1000);
  assert.is(one.raisedBy, 'central-1');
  assert.equal(one.evidence, { seq: 12, held: 'aa', received: 'bb' });
  assert.equal(one.latest?.evidence, { seq: 12, again: true }, 'the latest evidence beside the first');
  assert.ok(one.lastRaised >= one.firstSeen);
  assert.is(one.acknowledged, null);
  assert.is(one.reopened, false);
  assert.equal((await listAlarms(engine, { kind: 'detector:' })).map((x) => x.court), ['538']);
  assert.equal((await listAlarms(engine, { court: '537' })).map((x) => x.kind), ['conflicting-version']);
});

test('an acknowledgement names who and why; unacknowledged filter hides it, the alarm stays', async () => {
  const id = alarmId('conflicting-version', '537', 'seq:12');
  await acknowledgeAlarm(engine, id, 'Адміністратор Петренко', 'перевірено, суд відновив резервну копію');
  const open = await listAlarms(engine, { unacknowledged: true });
  assert.equal(open.map((x) => x.court), ['538']);
  const acked = (await listAlarms(engine, { court: '537' }))[0]!;
  assert.is(acked.acknowledged?.by, 'Адміністратор Петренко');
  assert.match(await failure(() => acknowledgeAlarm(engine, 'nope', 'x', 'y')), /no alarm nope/);
  assert.match(await failure(() => acknowledgeAlarm(engine, id, ' ', 'y')), /names who/);
});

test('an acknowledged finding raised again unchanged stays acknowledged; raised with new evidence it re-opens until acknowledged again', async () => {
  const f = { court: '539', kind: 'detector:refiling' as const, key: 'parties:abc', summary: 'Повторні подання: 2 справи', evidence: { cases: ['a', 'b'] } };
  const id = alarmId(f.kind, f.court, f.key);
  await raiseAlarms(engine, [f], 'central-1');
  await acknowledgeAlarm(engine, id, 'Адміністратор Коваль', 'перевірено: різні позови');
  await new Promise((r) => setTimeout(r, 5));
  await raiseAlarms(engine, [f], 'central-1'); // the next nightly run finds the same
  const openIds = async () => (await listAlarms(engine, { unacknowledged: true })).map((x) => x.id);
  assert.not.ok((await openIds()).includes(id), 'same evidence: still acknowledged');
  await raiseAlarms(engine, [{ ...f, summary: 'Повторні подання: 3 справи', evidence: { cases: ['a', 'b', 'c'] } }], 'central-2'); // it grew
  assert.ok((await openIds()).includes(id), 'grown: open again');
  const grown = (await listAlarms(engine, { court: '539' }))[0]!;
  assert.equal([grown.reopened, grown.acknowledged?.by, grown.latest?.summary], [true, 'Адміністратор Коваль', 'Повторні подання: 3 справи']);
  assert.equal(grown.evidence, { cases: ['a', 'b'] }, 'what was first seen stays');
  await new Promise((r) => setTimeout(r, 5));
  await acknowledgeAlarm(engine, id, 'Адміністратор Коваль', 'третя справа — апеляція, не повторне подання');
  assert.not.ok((await openIds()).includes(id), 'acknowledged again');
});

async function failure(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'did not fail';
}

test.run();
