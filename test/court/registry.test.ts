/**
 * The registry actor directly (no HTTP): numbers (Засади 3.3–3.4, spec §1),
 * late registration (3.1), cases keeping their ЄУН, and the card opening.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ActorSystem, AsdsError } from '../../runtime/index.ts';
import { courtBehaviors } from '../../actors/court/node.ts';
import { DistributionHandoff } from '../../actors/court/registry/handoff.ts';
import { cleanup, tempDir } from '../support/servers.ts';

process.env.ASDS_LOG ??= 'silent';
const test = suite('court: registry numbers and registration rules');
test.after(cleanup);

const REGISTRAR = { meta: { author: 'registrar1', role: 'registrar' } };
// 2025-03-10 10:00 Kyiv (UTC+2)
const T0 = Date.UTC(2025, 2, 10, 8, 0, 0);

function court(clock: { now: number }, dir = tempDir()) {
  const sys = new ActorSystem({ node: 'court-537', journal: join(dir, 'journal.sqlite'), clock: () => clock.now });
  for (const b of courtBehaviors()) sys.register(b);
  return { sys: sys.start(), dir };
}

const reg = (extra: Record<string, unknown> = {}) => ({
  type: 'register',
  registration: {
    index: '2',
    arrivalDate: '2025-03-10',
    document: { kind: 'позовна заява', title: 'про розірвання шлюбу', sender: 'Коваль О.' },
    description: 'розірвання шлюбу',
    parties: [{ role: 'позивач', name: 'Коваль О.' }],
    ...extra,
  },
});

async function refusal(p: Promise<unknown>): Promise<AsdsError> {
  try {
    await p;
  } catch (e) {
    assert.instance(e, AsdsError);
    return e as AsdsError;
  }
  throw new Error('expected a refusal');
}

test('ЄУН <court>/<seq>/<yy> and proceeding <index>/<court>/<seq in index>/<yy>, in order, from 1', async () => {
  const clock = { now: T0 };
  const { sys } = court(clock);
  const r = sys.ref('registry', '537');
  const a = (await r.ask(reg(), REGISTRAR)) as any;
  const b = (await r.ask(reg({ index: '1-кп' }), REGISTRAR)) as any;
  const c = (await r.ask(reg(), REGISTRAR)) as any;
  assert.equal([a.ueun, a.proceedingNumber], ['537/1/25', '2/537/1/25']);
  assert.equal([b.ueun, b.proceedingNumber], ['537/2/25', '1-кп/537/1/25']);
  assert.equal([c.ueun, c.proceedingNumber], ['537/3/25', '2/537/2/25']);
  // A new year starts both sequences again (Kyiv New Year: 2025-12-31 22:00 UTC).
  clock.now = Date.UTC(2025, 11, 31, 22, 30);
  const d = (await r.ask(reg({ arrivalDate: '2026-01-01' }), REGISTRAR)) as any;
  assert.equal([d.ueun, d.proceedingNumber, d.registrationDate], ['537/1/26', '2/537/1/26', '2026-01-01']);
  await sys.shutdown();
});

test('a case with a ЄУН keeps it and gets a new proceeding number here (3.3); an ЄУН this court never issued is refused', async () => {
  const clock = { now: T0 };
  const { sys } = court(clock);
  const r = sys.ref('registry', '537');
  await r.ask(reg(), REGISTRAR);
  const foreign = (await r.ask(reg({ existingUeun: '528/4411/24' }), REGISTRAR)) as any;
  assert.equal([foreign.ueun, foreign.proceedingNumber], ['528/4411/24', '2/537/2/25']);
  // back from appeal: the same case, a new proceeding under the same ЄУН
  const again = (await r.ask(reg({ existingUeun: '537/1/25', index: '2-о' }), REGISTRAR)) as any;
  assert.equal([again.ueun, again.proceedingNumber], ['537/1/25', '2-о/537/1/25']);
  const forged = await refusal(r.ask(reg({ existingUeun: '537/99/25' }), REGISTRAR));
  assert.is(forged.code, 'UNKNOWN_UEUN');
  // the next new case continues the ЄУН sequence: foreign and kept numbers took none of it
  const next = (await r.ask(reg(), REGISTRAR)) as any;
  assert.is(next.ueun, '537/2/25');
  // the card has both proceedings
  const card = (await sys.ref('case', '537/1/25').ask({ type: 'card' })) as any;
  assert.equal(card.proceedings.map((p: any) => p.proceedingNumber), ['2/537/1/25', '2-о/537/1/25']);
  await sys.shutdown();
});

test('Засади 3.1: registering after the arrival day needs the order, its reason, and the order’s term', async () => {
  const clock = { now: T0 };
  const { sys } = court(clock);
  const r = sys.ref('registry', '537');
  const late = { order: { number: '15-р', date: '2025-03-07' }, reason: 'відключення електроенергії', termUntil: '2025-03-11' };
  assert.is((await refusal(r.ask(reg({ arrivalDate: '2025-03-07' }), REGISTRAR))).code, 'LATE_REGISTRATION_REQUIRES_ORDER');
  assert.is((await refusal(r.ask(reg({ arrivalDate: '2025-03-07', late: { ...late, termUntil: '2025-03-09' } }), REGISTRAR))).code, 'LATE_REGISTRATION_PAST_TERM');
  assert.is((await refusal(r.ask(reg({ arrivalDate: '2025-03-11' }), REGISTRAR))).code, 'ARRIVAL_IN_FUTURE');
  assert.is((await refusal(r.ask(reg({ late }), REGISTRAR))).code, 'LATE_ORDER_NOT_NEEDED');
  // A day that never existed fails the contract itself (DateV1 format 'date'), before the registry decides anything.
  assert.is((await refusal(r.ask(reg({ arrivalDate: '2025-02-30' }), REGISTRAR))).code, 'VALIDATION_FAILED');
  // missing reason: schema refusal before the mailbox
  const noReason = await refusal(r.ask(reg({ arrivalDate: '2025-03-07', late: { order: late.order, termUntil: late.termUntil } }), REGISTRAR));
  assert.is(noReason.code, 'VALIDATION_FAILED');
  const ok = (await r.ask(reg({ arrivalDate: '2025-03-07', late }), REGISTRAR)) as any;
  assert.equal([ok.ueun, ok.late, ok.arrivalDate, ok.registrationDate], ['537/1/25', true, '2025-03-07', '2025-03-10']);
  // Refusals took no number.
  const st = (await r.ask({ type: 'status' })) as any;
  assert.equal(st.ueunSeq, { '25': 1 });
  await sys.shutdown();
});

test('the card opens with the registration; an open lost in a crash is re-sent by the durable reminder', async () => {
  const clock = { now: T0 };
  const dir = tempDir();
  // First life: the case actor cannot open (stands for a crash between the two writes).
  const broken = new ActorSystem({ node: 'court-537', journal: join(dir, 'journal.sqlite'), clock: () => clock.now, backoffBaseMs: 1, maxAttempts: 1 });
  for (const b of courtBehaviors()) {
    broken.register(b.kind === 'case' ? { ...b, decide: () => { throw new Error('power lost'); } } : b);
  }
  broken.start();
  const a = (await broken.ref('registry', '537').ask(reg(), REGISTRAR)) as any;
  await new Promise((r) => setTimeout(r, 50));
  assert.is(((await broken.ref('registry', '537').ask({ type: 'status' })) as any).pending, 1);
  await broken.shutdown();

  // Second life: the reminder (written with the registration) fires and the card opens.
  const { sys } = court(clock, dir);
  clock.now += 3000;
  assert.ok(sys.fireDueReminders() >= 1, 'the reconcile reminder was due');
  let card: any;
  for (let i = 0; i < 100 && !card; i++) {
    card = await sys.ref('case', a.ueun).ask({ type: 'card' }).catch(() => undefined);
    if (!card) await new Promise((r) => setTimeout(r, 10));
  }
  assert.ok(card, 'the card exists after the reminder');
  assert.is(card.proceedings[0].proceedingNumber, a.proceedingNumber);
  assert.is(card.proceedings[0].registeredBy.login, 'registrar1');
  for (let i = 0; i < 100; i++) {
    if (((await sys.ref('registry', '537').ask({ type: 'status' })) as any).pending === 0) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.is(((await sys.ref('registry', '537').ask({ type: 'status' })) as any).pending, 0, 'the case confirmed');
  // Opening again changes nothing.
  await sys.ref('registry', '537').ask({ type: 'reconcile' });
  const again = (await sys.ref('case', a.ueun).ask({ type: 'card' })) as any;
  assert.is(again.proceedings.length, 1);
  await sys.shutdown();
});

test('Засади 4.1 hand-off: resumes from the durable mark after a restart; the mark never passes the registry', async () => {
  const clock = { now: T0 };
  const { sys, dir } = court(clock);
  const registry = sys.ref('registry', '537');
  const numbers: string[] = [];
  for (let i = 0; i < 3; i++) numbers.push((await registry.ask<{ proceedingNumber: string }>(reg(), REGISTRAR)).proceedingNumber);
  let st = await registry.ask<{ handoffMark: number }>({ type: 'status' });
  assert.is(st.handoffMark, 0, 'no hand-off ran yet (as after a crash right after the registrations)');
  await sys.shutdown();

  // The restarted node hands over what awaited it (this court has no Засади: each is skipped, with the reason).
  const again = court(clock, dir);
  const handoff = new DistributionHandoff({ court: '537', system: again.sys, journal: again.sys.journal!, log: again.sys.log }).start();
  const outcomes = await Promise.all(numbers.map((n) => handoff.outcomeOf(n, 5000)));
  for (const o of outcomes) {
    assert.equal(o, {
      status: 'skipped',
      code: 'no-zasady',
      reason: 'no Засади loaded for this court',
      reasonUk: 'Засади використання АСДС цього суду не завантажено: справу не розподілено автоматично',
    });
  }
  const reg2 = again.sys.ref('registry', '537');
  await handoff.stop();
  // Only skipped registrations: re-examining them writes nothing, so the mark did not need to move.
  st = await reg2.ask<{ handoffMark: number }>({ type: 'status' });
  assert.is(st.handoffMark, 0);
  assert.is(again.sys.journal!.read(1, 10_000).filter((e) => e.type === 'handoff-advanced').length, 0);
  const seq = again.sys.journal!.actorSeq('registry/537');

  // The internal command refuses a mark past the registry's stream; an old mark writes nothing.
  const e = await refusal(reg2.ask({ type: 'handoff-advanced', upTo: seq + 5 }));
  assert.is(e.code, 'HANDOFF_BEYOND_REGISTRY');
  assert.equal(await reg2.ask({ type: 'handoff-advanced', upTo: 2 }), { handoffMark: 2 });
  assert.is((await reg2.ask<{ handoffMark: number }>({ type: 'status' })).handoffMark, 2);
  const before = again.sys.journal!.actorSeq('registry/537');
  assert.equal(await reg2.ask({ type: 'handoff-advanced', upTo: 1 }), { handoffMark: 2 });
  assert.is(again.sys.journal!.actorSeq('registry/537'), before, 'an older mark writes nothing');
  await again.sys.shutdown();
});

test.run();
