/**
 * The case actor's legal-force decisions, driven directly through `decide` /
 * `evolve` with a chosen clock (the order of arrival that a real node produces
 * only around a crash or a late entry):
 * - lateness comes from the appeal's DATE against the term's last day, not from
 *   whether the reminder already fired (review item 1);
 * - a timely appeal entered after automatic legal force withdraws it, with a
 *   ЄДРСР withdrawal item; the next legal force gets its own key;
 * - a late appeal entered before a delayed reminder does not stop it;
 * - the full text recorded later re-arms the reminder (item 5a); per-category
 *   start of the term (5b); a судовий наказ waits for its service (item 6);
 * - legal force after a higher instance not before its decision (item 12).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AsdsError, type DecideContext } from '../../runtime/index.ts';
import { caseBehaviorWith, type CaseState, type CaseEvent } from '../../actors/court/case/behavior.ts';
import { DEFAULT_LEGAL_FORCE, kyivMidnight, type LegalForceRules } from '../../actors/court/legal-force/config.ts';
import { defaultCalendarConfig, loadCalendar } from '../../actors/distribution/calendar.ts';

const test = suite('court: appeals and legal force (case actor)');

// 2025-08-24 Sun, 25 Mon (holiday here), 26 Tue, 27 Wed.
const calendar = loadCalendar({ ...defaultCalendarConfig(), id: 'test-peace', martialLaw: undefined, holidays: [{ date: '2025-08-24', name: 'День Незалежності' }, { date: '2025-08-25', name: 'тест' }] });
const rules: LegalForceRules = { config: DEFAULT_LEGAL_FORCE, calendar };
const behavior = caseBehaviorWith(rules);
const UEUN = '537/100/25';
const JUDGE = 'judge.petrenko';
const noon = (date: string) => kyivMidnight(date) + 12 * 3600_000;

function card(proceedingNumber: string, registrationDate = '2025-07-01'): CaseState {
  const stamp = { login: 'reg', role: 'registrar' };
  const req = { arrivalDate: registrationDate, description: 'x', parties: [] } as never;
  return {
    ueun: UEUN,
    proceedings: [{ proceedingNumber, ordinal: 1, registeredAt: 0, registrationDate, registeredBy: stamp, original: req, current: req, corrections: [], assignment: { judge: JUDGE, protocol: 'п', at: 0, by: stamp } }],
    movements: [],
    attachments: [],
  };
}

/** One command at `now` by `who`; the events are applied to `state.s`. */
function run(state: { s: CaseState }, cmd: unknown, now: number, who = { author: JUDGE, role: 'judge' }) {
  const ctx: DecideContext = { self: { node: 'court-537', kind: 'case', id: UEUN }, now, meta: who, randomBytes: (n) => new Uint8Array(n), seq: 0 };
  const d = behavior.decide(state.s, cmd as never, ctx) as { events?: CaseEvent[]; effects?: Array<{ type: string; name: string; dueAt?: number }>; reply: any };
  for (const e of d.events ?? []) state.s = behavior.evolve(state.s, e);
  return { events: d.events ?? [], effects: d.effects ?? [], reply: d.reply };
}
const REG = { author: 'reg', role: 'registrar' };

function refused(f: () => unknown, code: string) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof AsdsError, String(e));
    assert.is((e as AsdsError).code, code);
    return;
  }
  assert.unreachable(`expected ${code}`);
}

/** A civil decision of Fri 2025-07-25: 30 days → Sun 24 → holiday 25 → last day Tue 26, legal force Wed 27. */
function decided(pn = '2/537/100/25') {
  const st = { s: card(pn) };
  const d = run(st, { type: 'decide', decision: { outcome: 'decision', date: '2025-07-25' } }, noon('2025-07-25'));
  assert.equal([d.reply.appealTerm.lastDay, d.reply.appealTerm.legalForceDate], ['2025-08-26', '2025-08-27']);
  assert.equal(d.effects, [{ type: 'schedule', name: `legal-force:${pn}`, dueAt: kyivMidnight('2025-08-27'), message: { type: 'term-expired', proceedingNumber: pn } }] as never);
  return st;
}
const fire = (st: { s: CaseState }, at: number) => run(st, { type: 'term-expired', proceedingNumber: st.s.proceedings[0]!.proceedingNumber }, at, { author: 'system:reminder', role: 'system' });

test('an appeal dated on the last day, entered after the reminder fired: timely — legal force withdrawn, ЄДРСР withdrawal item (item 1)', () => {
  const st = decided();
  const f = fire(st, kyivMidnight('2025-08-27') + 1000);
  assert.is(f.reply.recorded, true);
  const key = st.s.proceedings[0]!.legalForce!.edrsr.key;
  assert.is(key, '537-2/537/100/25-legal-force');
  // Posted on Tue 26 (the last day), entered Wed 27 at 09:00.
  const a = run(st, { type: 'file-appeal', appeal: { date: '2025-08-26', appellant: 'відповідач' } }, kyivMidnight('2025-08-27') + 9 * 3600_000, REG);
  assert.is(a.reply.late, false);
  assert.is(a.reply.legalForceRevoked, true);
  const revoked = a.events.find((e) => e.type === 'legal-force-revoked') as Extract<CaseEvent, { type: 'legal-force-revoked' }>;
  assert.ok(revoked, 'a revoke event');
  assert.equal(revoked.item.withdraws, { key, legalForceDate: '2025-08-27', reason: 'timely-appeal', appeal: { date: '2025-08-26', appellant: 'відповідач' } });
  assert.is(revoked.item.key, `${key}~withdrawal-1`);
  assert.is(revoked.item.kind, 'withdrawal');
  assert.is(revoked.item.rule, 'withdrawal');
  assert.is(revoked.item.deadline, '2025-08-28', 'the next working day after the withdrawal');
  const p = st.s.proceedings[0]!;
  assert.is(p.legalForce, undefined);
  assert.equal(p.revokedLegalForce!.map((r) => [r.date, r.basis, r.appealDate, r.edrsrKey]), [['2025-08-27', 'term-expired', '2025-08-26', key]]);
  // The reminder does not record it again; the higher instance's legal force is a new ЄДРСР item.
  assert.is(fire(st, kyivMidnight('2025-08-28')).reply.recorded, false);
  const lf = run(st, { type: 'record-legal-force', legalForce: { date: '2025-10-01', higherInstance: { court: 'Полтавський апеляційний суд', caseNumber: '22-ц/814/1', date: '2025-10-01', outcome: 'без змін' } } }, noon('2025-10-02'));
  assert.is(lf.reply.edrsr.key, `${key}~2`);
  assert.is(lf.reply.edrsr.deadline, '2025-10-02');
});

test('an appeal dated after the last day, entered before a delayed reminder: late — the reminder still records legal force (item 1, reverse)', () => {
  const st = decided();
  // The node was down over midnight; the registry enters on Wed 27 an appeal received that day, then the reminder fires.
  const a = run(st, { type: 'file-appeal', appeal: { date: '2025-08-27', appellant: 'позивач' } }, kyivMidnight('2025-08-27') + 8 * 3600_000, REG);
  assert.is(a.reply.late, true);
  assert.equal(a.effects, [], 'the reminder is not cancelled');
  const f = fire(st, kyivMidnight('2025-08-27') + 8 * 3600_000 + 5000);
  assert.is(f.reply.recorded, true);
  assert.is(st.s.proceedings[0]!.legalForce!.date, '2025-08-27');
  // A cassation never stops the first-instance term.
  const c = run(st, { type: 'file-appeal', appeal: { date: '2025-08-27', appellant: 'позивач', kind: 'cassation' } }, noon('2025-08-27'), REG);
  assert.equal([c.reply.late, c.reply.legalForceRevoked, st.s.proceedings[0]!.legalForce?.date], [false, undefined, '2025-08-27']);
});

test('an appeal on the last day entered in time cancels the reminder; a late one does not withdraw legal force', () => {
  const st = decided();
  const a = run(st, { type: 'file-appeal', appeal: { date: '2025-08-26', appellant: 'позивач' } }, noon('2025-08-26'), REG);
  assert.equal([a.reply.late, a.effects], [false, [{ type: 'cancel', name: 'legal-force:2/537/100/25' }]]);
  assert.is(fire(st, kyivMidnight('2025-08-27') + 1000).reply.recorded, false);
  const st2 = decided();
  fire(st2, kyivMidnight('2025-08-27') + 1000);
  const late = run(st2, { type: 'file-appeal', appeal: { date: '2025-08-28', appellant: 'позивач' } }, noon('2025-08-28'), REG);
  assert.equal([late.reply.late, late.reply.legalForceRevoked, st2.s.proceedings[0]!.legalForce?.basis], [true, undefined, 'term-expired']);
});

test('the full text recorded later: the term runs from it and the reminder is re-armed in the same write (ЦПК ст. 354 ч. 1; item 5a)', () => {
  const st = { s: card('2/537/101/25') };
  const d = run(st, { type: 'decide', decision: { outcome: 'decision', date: '2025-07-15' } }, noon('2025-07-15'));
  assert.is(d.reply.appealTerm.lastDay, '2025-08-14');
  refused(() => run(st, { type: 'full-text', fullText: { fullTextDate: '2025-07-14' } }, noon('2025-07-25')), 'FULL_TEXT_DATE_INVALID');
  refused(() => run(st, { type: 'full-text', fullText: { fullTextDate: '2025-07-26' } }, noon('2025-07-25')), 'FULL_TEXT_DATE_INVALID');
  refused(() => run(st, { type: 'full-text', fullText: {} }, noon('2025-07-25')), 'NO_CHANGE');
  const f = run(st, { type: 'full-text', fullText: { fullTextDate: '2025-07-25' } }, noon('2025-07-25'));
  assert.equal(f.events.map((e) => e.type), ['decision-completed', 'appeal-term-started']);
  assert.equal([f.reply.appealTerm.from, f.reply.appealTerm.lastDay, f.reply.appealTerm.legalForceDate], ['2025-07-25', '2025-08-26', '2025-08-27']);
  assert.equal(f.effects, [{ type: 'schedule', name: 'legal-force:2/537/101/25', dueAt: kyivMidnight('2025-08-27'), message: { type: 'term-expired', proceedingNumber: '2/537/101/25' } }] as never);
  assert.is(st.s.proceedings[0]!.decision!.fullTextDate, '2025-07-25');
  refused(() => run(st, { type: 'full-text', fullText: { fullTextDate: '2025-07-26' } }, noon('2025-07-27')), 'FULL_TEXT_ALREADY');
  // The old reminder's day (Aug 15) records nothing: the term now ends on Aug 26.
  assert.equal(fire(st, kyivMidnight('2025-08-15') + 1000).reply, { recorded: false, notBefore: '2025-08-27' });
  assert.is(fire(st, kyivMidnight('2025-08-27') + 1000).reply.recorded, true);
  refused(() => run(st, { type: 'full-text', fullText: { servedDate: '2025-08-27' } }, noon('2025-08-27')), 'LEGAL_FORCE_ALREADY');
});

test('criminal and КУпАП terms run from the proclamation: a full text changes nothing (КПК ст. 395, КУпАП ст. 294; item 5b)', () => {
  const kp = { s: card('1-кп/537/1/25') };
  const d = run(kp, { type: 'decide', decision: { outcome: 'sentence', date: '2025-07-01', fullTextDate: '2025-07-04' } }, noon('2025-07-04'));
  assert.equal([d.reply.appealTerm.start, d.reply.appealTerm.from, d.reply.appealTerm.lastDay, d.reply.appealTerm.source], ['decision', '2025-07-01', '2025-07-31', 'КПК ст. 395 ч. 2 п. 1']);
  const ap = { s: card('3/537/1/25') };
  run(ap, { type: 'decide', decision: { outcome: 'decision', date: '2025-07-01' } }, noon('2025-07-01'));
  const f = run(ap, { type: 'full-text', fullText: { fullTextDate: '2025-07-03' } }, noon('2025-07-03'));
  assert.equal([f.events.map((e) => e.type), f.effects], [['decision-completed'], []]);
  assert.is(ap.s.proceedings[0]!.appealTerm!.lastDay, '2025-07-11');
});

test('a судовий наказ waits for its service, then 15 days (ЦПК ст. 170 ч. 1, 174; item 6)', () => {
  const st = { s: card('2-н/537/1/25') };
  const d = run(st, { type: 'decide', decision: { outcome: 'decision', date: '2025-07-01' } }, noon('2025-07-01'));
  assert.equal([d.reply.appealTerm, d.reply.termAwaiting, d.effects], [undefined, 'service', []]);
  // An objection before service is in time (the term has not started).
  const f = run(st, { type: 'full-text', fullText: { servedDate: '2025-07-07' } }, noon('2025-07-08'));
  assert.equal([f.reply.appealTerm.days, f.reply.appealTerm.from, f.reply.appealTerm.lastDay, f.reply.appealTerm.legalForceDate], [15, '2025-07-07', '2025-07-22', '2025-07-23']);
  assert.is(f.effects[0]!.dueAt, kyivMidnight('2025-07-23'));
  assert.is(st.s.proceedings[0]!.termAwaiting, undefined);
});

test('a term category named by the decision (КАС ст. 286 under 2-а); unknown → refused', () => {
  const st = { s: card('2-а/537/1/25') };
  refused(() => run(st, { type: 'decide', decision: { outcome: 'decision', date: '2025-07-01', termCategory: 'nope' } }, noon('2025-07-01')), 'TERM_CATEGORY_UNKNOWN');
  const d = run(st, { type: 'decide', decision: { outcome: 'decision', date: '2025-07-01', termCategory: 'administrative-286' } }, noon('2025-07-01'));
  assert.equal([d.reply.appealTerm.category, d.reply.appealTerm.days, d.reply.appealTerm.lastDay], ['administrative-286', 10, '2025-07-11']);
  const plain = { s: card('2-а/537/2/25') };
  assert.is(run(plain, { type: 'decide', decision: { outcome: 'decision', date: '2025-07-01' } }, noon('2025-07-01')).reply.appealTerm.days, 30);
});

test('legal force after a higher instance cannot precede that decision (item 12)', () => {
  const st = decided();
  run(st, { type: 'file-appeal', appeal: { date: '2025-08-01', appellant: 'позивач' } }, noon('2025-08-01'), REG);
  const hi = (date: string, hiDate: string) => ({ type: 'record-legal-force', legalForce: { date, higherInstance: { court: 'ПАС', caseNumber: '22-ц/1', date: hiDate, outcome: 'без змін' } } });
  refused(() => run(st, hi('2025-10-01', '2025-10-05'), noon('2025-10-06')), 'LEGAL_FORCE_DATE_INVALID');
  assert.is(st.s.proceedings[0]!.legalForce, undefined);
  assert.is(run(st, hi('2025-10-05', '2025-10-05'), noon('2025-10-06')).reply.date, '2025-10-05');
});

test.run();
