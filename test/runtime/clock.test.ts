/**
 * The actors' clock never runs backwards (runtime/clock.ts): held at the last
 * time with one alarm per jump, and floored at the journal's last event at start.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ActorSystem } from '../../runtime/index.ts';
import { HeldClock, type ClockAlarm } from '../../runtime/clock.ts';
import { cleanup, tempDir } from '../support/servers.ts';
import { ledger } from '../support/ledger.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('runtime: a clock that jumps backwards is held');
test.after(cleanup);

test('held at the last time while behind, one alarm per jump, free again once past it', () => {
  let wall = 1000;
  const alarms: ClockAlarm[] = [];
  const c = new HeldClock(() => wall, 0, (a) => alarms.push(a));
  assert.is(c.now(), 1000);
  wall = 400;
  assert.is(c.now(), 1000);
  wall = 500;
  assert.is(c.now(), 1000);
  assert.equal(alarms, [{ wall: 400, held: 1000 }]);
  wall = 1200;
  assert.is(c.now(), 1200);
  wall = 1100;
  assert.is(c.now(), 1200);
  assert.is(c.alarms, 2);
});

test("at start the floor is the journal's last event: a clock set back while the node was down is caught", async () => {
  const path = join(tempDir(), 'journal.sqlite');
  let wall = Date.UTC(2026, 5, 1);
  const first = new ActorSystem({ node: 'court-8', journal: path, clock: () => wall }).register(ledger).start();
  await first.ref('ledger', 'x').ask({ type: 'append', value: 1 });
  await first.shutdown();

  wall = Date.UTC(2026, 4, 1); // a month back
  const alarms: ClockAlarm[] = [];
  const second = new ActorSystem({ node: 'court-8', journal: path, clock: () => wall, onClockAlarm: (a) => alarms.push(a) }).register(ledger).start();
  await second.ref('ledger', 'x').ask({ type: 'append', value: 2 });
  const ts = (second.journal!.database.prepare('SELECT ts FROM events ORDER BY gseq').all() as Array<{ ts: number }>).map((r) => r.ts);
  await second.shutdown();
  assert.equal(ts, [Date.UTC(2026, 5, 1), Date.UTC(2026, 5, 1)]);
  assert.is(second.clock.alarms, 1);
  await new Promise((r) => setImmediate(r));
  assert.equal(alarms, [{ wall: Date.UTC(2026, 4, 1), held: Date.UTC(2026, 5, 1) }]);
});

test.run();
