/**
 * The journal of incoming correspondence directly (no HTTP; Засади 3.1–3.2):
 * one sequence per court and calendar year (Kyiv); a wall clock that goes
 * back over New Year never restarts or reuses a year's numbers; an item lost
 * between its number and its card (a crash) reaches the card by the durable
 * reminder; refusals take no number.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ActorSystem, AsdsError } from '../../runtime/index.ts';
import { courtBehaviors } from '../../actors/court/node.ts';
import { cleanup, tempDir } from '../support/servers.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: journal of incoming correspondence (numbers, years, clock, crash)');
test.after(cleanup);

const REGISTRAR = { meta: { author: 'registrar1', role: 'registrar' } };
/** 2026-12-31 23:30 Kyiv (UTC+2). */
const NEW_YEARS_EVE = Date.UTC(2026, 11, 31, 21, 30);
const HOUR = 3_600_000;

function court(clock: { now: number }, dir = tempDir(), o: { holdClock?: false; brokenCase?: boolean } = {}) {
  const sys = new ActorSystem({ node: 'court-537', journal: join(dir, 'journal.sqlite'), clock: () => clock.now, ...(o.holdClock === false ? { holdClock: false } : {}), backoffBaseMs: 1, maxAttempts: o.brokenCase ? 1 : 5 });
  for (const b of courtBehaviors()) sys.register(o.brokenCase && b.kind === 'case' ? { ...b, decide: (s: unknown, cmd: { type: string }, ctx: never) => (cmd.type === 'record-correspondence' ? (() => { throw new Error('power lost'); })() : b.decide(s, cmd, ctx)) } : b);
  return { sys: sys.start(), dir };
}

async function openCase(sys: ActorSystem, arrivalDate: string): Promise<{ ueun: string; proceedingNumber: string }> {
  const r = await sys.ref('registry', '537').ask<{ ueun: string; proceedingNumber: string }>(
    { type: 'register', registration: { index: '2', arrivalDate, document: { kind: 'позовна заява', title: 'про поділ майна', sender: 'Коваль О.' }, description: 'поділ майна', parties: [] } },
    REGISTRAR,
  );
  for (let i = 0; i < 200; i++) {
    const ok = await sys.ref('case', r.ueun).ask({ type: 'card' }).then(() => true, () => false);
    if (ok) return r;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error('the card never opened');
}

const item = (c: { ueun: string; proceedingNumber: string }, arrivalDate: string, extra: Record<string, unknown> = {}) => ({
  type: 'register',
  item: { ueun: c.ueun, proceedingNumber: c.proceedingNumber, covertCase: false, kind: 'letter', arrivalDate, sender: 'Лубенська міська рада', title: 'лист про надання інформації', ...extra },
});

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, AsdsError);
    return (e as AsdsError).code;
  }
  throw new Error('expected a refusal');
}

test('a sequence per Kyiv year; a clock set back over New Year neither restarts nor reuses the new year’s numbers', async () => {
  const clock = { now: NEW_YEARS_EVE };
  // Without the runtime's hold: the journal's own floor must keep the order.
  const { sys, dir } = court(clock, tempDir(), { holdClock: false });
  const j = sys.ref('correspondence', '537');
  const c = await openCase(sys, '2026-12-31');
  const a = await j.ask<{ number: string; registrationDate: string }>(item(c, '2026-12-31'), REGISTRAR);
  assert.equal([a.number, a.registrationDate], ['1/26', '2026-12-31']);
  clock.now = NEW_YEARS_EVE + HOUR; // 2027-01-01 00:30 Kyiv
  const b = await j.ask<{ number: string; registeredAt: number }>(item(c, '2027-01-01'), REGISTRAR);
  assert.is(b.number, '1/27');

  clock.now = NEW_YEARS_EVE + HOUR / 4; // the wall clock goes back to 2026-12-31 23:45
  const back = await j.ask<{ number: string; registrationDate: string; registeredAt: number }>(item(c, '2027-01-01'), REGISTRAR);
  assert.equal([back.number, back.registrationDate], ['2/27', '2027-01-01'], 'not 2/26: the year already turned');
  assert.ok(back.registeredAt >= b.registeredAt, 'never dated before the item before it');
  // The held day is 1 January: a document dated 31 December is a late one (Засади 3.1).
  assert.is(await refusal(j.ask(item(c, '2026-12-31'), REGISTRAR)), 'LATE_REGISTRATION_REQUIRES_ORDER');
  await sys.shutdown();

  // Restarted with the clock still behind (the runtime's hold now on): the sequence goes on.
  const again = court(clock, dir);
  const next = await again.sys.ref('correspondence', '537').ask<{ number: string }>(item(c, '2027-01-01'), REGISTRAR);
  assert.is(next.number, '3/27');
  const list26 = await again.sys.ref('correspondence', '537').ask<{ items: Array<{ number: string }> }>({ type: 'list', year: 2026, offset: 0, limit: 50 });
  const list27 = await again.sys.ref('correspondence', '537').ask<{ items: Array<{ number: string }> }>({ type: 'list', year: 2027, offset: 0, limit: 50 });
  assert.equal(list26.items.map((i) => i.number), ['1/26']);
  assert.equal(list27.items.map((i) => i.number), ['1/27', '2/27', '3/27']);
  await again.sys.shutdown();
});

test('refusals take no number: future arrival, outgoing date after arrival, late past the order’s term, a date that never was', async () => {
  const clock = { now: NEW_YEARS_EVE };
  const { sys } = court(clock);
  const j = sys.ref('correspondence', '537');
  const c = await openCase(sys, '2026-12-31');
  assert.is(await refusal(j.ask(item(c, '2027-01-01'), REGISTRAR)), 'ARRIVAL_IN_FUTURE');
  assert.is(await refusal(j.ask(item(c, '2026-12-30', { outgoingDate: '2026-12-31', late: { order: { number: '9-р', date: '2026-12-31' }, reason: 'r', termUntil: '2026-12-31' } }), REGISTRAR)), 'OUTGOING_AFTER_ARRIVAL');
  assert.is(await refusal(j.ask(item(c, '2026-12-29', { late: { order: { number: '9-р', date: '2026-12-29' }, reason: 'r', termUntil: '2026-12-30' } }), REGISTRAR)), 'LATE_REGISTRATION_PAST_TERM');
  assert.is(await refusal(j.ask(item(c, '2026-12-31', { late: { order: { number: '9-р', date: '2026-12-31' }, reason: 'r', termUntil: '2026-12-31' } }), REGISTRAR)), 'LATE_ORDER_NOT_NEEDED');
  assert.is(await refusal(j.ask(item(c, '2026-02-30'), REGISTRAR)), 'VALIDATION_FAILED');
  assert.equal((await j.ask<{ seq: Record<string, number> }>({ type: 'status' })).seq, {});
  const ok = await j.ask<{ number: string }>(item(c, '2026-12-31'), REGISTRAR);
  assert.is(ok.number, '1/26');
  await sys.shutdown();
});

test('a number whose card entry was lost in a crash reaches the card by the durable reminder, once', async () => {
  const clock = { now: NEW_YEARS_EVE };
  const dir = tempDir();
  const first = court(clock, dir);
  const c = await openCase(first.sys, '2026-12-31');
  await first.sys.shutdown();

  // Second life: the card cannot record (stands for a crash between the two writes).
  const broken = court(clock, dir, { brokenCase: true });
  const r = await broken.sys.ref('correspondence', '537').ask<{ number: string }>(item(c, '2026-12-31'), REGISTRAR);
  await new Promise((res) => setTimeout(res, 50));
  assert.is((await broken.sys.ref('correspondence', '537').ask<{ pending: number }>({ type: 'status' })).pending, 1);
  await broken.sys.shutdown();

  // Third life: the reminder written with the number re-sends it; the card shows it; the journal is confirmed.
  const { sys } = court(clock, dir);
  clock.now += 3000;
  assert.ok(sys.fireDueReminders() >= 1, 'the reconcile reminder was due');
  let entries: Array<{ number: string }> = [];
  for (let i = 0; i < 200 && entries.length === 0; i++) {
    entries = ((await sys.ref('case', c.ueun).ask<{ correspondence?: Array<{ number: string }> }>({ type: 'card' })).correspondence ?? []);
    if (entries.length === 0) await new Promise((res) => setTimeout(res, 10));
  }
  assert.equal(entries.map((e) => e.number), [r.number]);
  for (let i = 0; i < 200; i++) {
    const st = await sys.ref('correspondence', '537').ask<{ pending: number; waiting: number }>({ type: 'status' });
    if (st.pending === 0) break;
    await new Promise((res) => setTimeout(res, 10));
  }
  const st = await sys.ref('correspondence', '537').ask<{ pending: number; waiting: number }>({ type: 'status' });
  assert.equal([st.pending, st.waiting], [0, 1], 'confirmed; waits for a judge (this case has none)');
  // Re-sending changes nothing on the card.
  await sys.ref('correspondence', '537').ask({ type: 'reconcile' });
  const stored = sys.journal!.read(1, 10_000).find((e) => e.type === 'correspondence-registered')!;
  const dup = await sys.ref('case', c.ueun).ask<{ recorded: boolean }>({ type: 'record-correspondence', registered: JSON.parse(stored.data) }, REGISTRAR);
  assert.is(dup.recorded, false);
  const again = await sys.ref('case', c.ueun).ask<{ correspondence: unknown[] }>({ type: 'card' });
  assert.is(again.correspondence.length, 1);
  await sys.shutdown();
});

test.run();
