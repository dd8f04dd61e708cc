/**
 * Juror selection (Засади 7.1–7.9; spec §6), pure: exclusions, the criminal
 * 7 → 3 + 2 path with КПК 387 releases and top-up, civil 2 with the
 * one-month rule, replacements, impossibility, and recomputation.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  assessJurors,
  composeCriminal,
  DEFAULT_JUROR_POLICY,
  replaceCivilJuror,
  replaceMainJuror,
  selectCandidates,
  selectCivil,
  type JurorRecord,
} from '../../actors/distribution/jurors.ts';
import { verifyJurorProtocol } from '../../actors/distribution/verify-jurors.ts';
import type { JurorProtocol, JurorSelectionProtocol } from '../../contracts/distribution/juror-protocol.ts';
import { ORDER, RULING, jurorInput, jurorList } from './support/jurors.ts';
import { testBytes } from './support/fixtures.ts';

const test = suite('jurors: selection');

function sel(p: JurorProtocol): JurorSelectionProtocol {
  if (p.kind !== 'juror-selection') throw new Error(`expected a selection, got ${p.kind}`);
  return p;
}
const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

test('7.2: absent jurors (order of the head of staff) and jurors off the list take no part', () => {
  const jurors: JurorRecord[] = jurorList(10);
  jurors[0] = { ...jurors[0]!, absences: [{ kind: 'vacation', from: '2025-06-01', to: '2025-06-20', basis: ORDER }] };
  jurors[1] = { ...jurors[1]!, absences: [{ kind: 'sickness', from: '2025-06-10', basis: ORDER }] };
  jurors[2] = { ...jurors[2]!, absences: [{ kind: 'trip', from: '2025-05-01', to: '2025-06-09', basis: ORDER }] }; // over yesterday
  jurors[3] = { ...jurors[3]!, removedOn: '2025-06-01' };
  jurors[4] = { ...jurors[4]!, addedOn: '2025-07-01' };
  const a = assessJurors(jurors, { date: '2025-06-10', proceeding: 'criminal', exclusions: [], policy: DEFAULT_JUROR_POLICY });
  assert.equal(a.eligible, ['P03', 'P06', 'P07', 'P08', 'P09', 'P10']);
  assert.equal(a.excluded.map((x) => [x.jurorId, x.reasons.map((r) => r.code)]), [['P01', ['VACATION']], ['P02', ['SICKNESS']]]);
  assert.equal(a.excluded[0]!.reasons[0]!.basis, ORDER);
  assert.is(a.excluded[0]!.reasons[0]!.rule, 'Засади 7.2');
});

test('7.4 ¶1: seven distinct candidates, none excluded, protocol recomputes', () => {
  const p = sel(selectCandidates(jurorInput()));
  assert.is(p.stage, 'candidates');
  assert.is(p.rule, '7.4 ¶1');
  assert.is(p.chosen.jurors.length, 7);
  assert.is(new Set(p.chosen.jurors).size, 7);
  assert.equal(p.steps.map((s) => s.label), ['candidate-1', 'candidate-2', 'candidate-3', 'candidate-4', 'candidate-5', 'candidate-6', 'candidate-7']);
  assert.is(p.steps[0]!.candidates.length, 12);
  assert.is(p.steps[6]!.candidates.length, 6);
  assert.equal(verifyJurorProtocol(roundTrip(p)), { ok: true, mismatches: [] });
});

test('7.4 ¶2: after КПК 387 releases/recusals, 3 main + 2 reserve from the remaining candidates only', () => {
  const cands = sel(selectCandidates(jurorInput())).chosen.jurors;
  const exclusions = [
    { jurorId: cands[0]!, ground: 'released' as const, basis: RULING },
    { jurorId: cands[1]!, ground: 'recused' as const, basis: RULING, text: 'родич потерпілого' },
  ];
  const p = sel(composeCriminal({ ...jurorInput({ exclusions, randomBytes: testBytes('compose', 1) }), candidates: cands }));
  assert.is(p.stage, 'composition');
  assert.is(p.chosen.main!.length, 3);
  assert.is(p.chosen.reserve!.length, 2);
  const remaining = cands.slice(2);
  for (const id of p.chosen.jurors) assert.ok(remaining.includes(id), `${id} must be a remaining candidate`);
  assert.equal([...p.steps[0]!.candidates].sort(), [...remaining].sort());
  assert.equal(p.excluded.map((x) => x.reasons[0]!.code).sort(), ['RECUSED', 'RELEASED']);
  assert.ok(verifyJurorProtocol(roundTrip(p)).ok);
});

test('7.4 ¶3: too few candidates remain → top-up from the list, never a previous candidate; then composition', () => {
  const cands = sel(selectCandidates(jurorInput())).chosen.jurors;
  const exclusions = cands.slice(0, 4).map((jurorId) => ({ jurorId, ground: 'released' as const, basis: RULING }));
  const top = sel(composeCriminal({ ...jurorInput({ exclusions, randomBytes: testBytes('top', 1) }), candidates: cands }));
  assert.is(top.stage, 'top-up');
  assert.is(top.chosen.jurors.length, 2); // 3 remain, 5 needed
  for (const id of top.chosen.jurors) assert.not.ok(cands.includes(id));
  assert.equal(top.steps[0]!.candidates.length, 12 - 7);
  assert.ok(verifyJurorProtocol(roundTrip(top)).ok);
  const all = [...cands, ...top.chosen.jurors];
  const comp = sel(composeCriminal({ ...jurorInput({ exclusions, randomBytes: testBytes('top', 2) }), candidates: all }));
  assert.is(comp.stage, 'composition');
  assert.equal([...comp.chosen.jurors].sort(), [...cands.slice(4), ...top.chosen.jurors].sort());
});

test('7.9: impossibility when the list is too short, with the earliest date once an absence ends', () => {
  const jurors = jurorList(7);
  jurors[6] = { ...jurors[6]!, absences: [{ kind: 'trip', from: '2025-06-05', to: '2025-06-13', basis: ORDER }] };
  const p = selectCandidates(jurorInput({ jurors }));
  assert.is(p.kind, 'juror-impossibility');
  if (p.kind !== 'juror-impossibility') return;
  assert.is(p.needed, 7);
  assert.is(p.eligible.length, 6);
  assert.is(p.earliestEligible, '2025-06-14');
  assert.ok(verifyJurorProtocol(roundTrip(p)).ok);
  const never = selectCandidates(jurorInput({ jurors: jurorList(3) }));
  assert.is(never.kind === 'juror-impossibility' && never.earliestEligible, null);
});

test('7.5: civil — two jurors, excluding those who served more than a month this year and those excluded by ruling', () => {
  const jurors = jurorList(5);
  jurors[0] = { ...jurors[0]!, serviceDays: { '2025': 32 } };
  jurors[1] = { ...jurors[1]!, serviceDays: { '2025': 31, '2024': 90 } }; // exactly a month: still eligible
  const exclusions = [{ jurorId: 'P03', ground: 'ruling' as const, basis: RULING }];
  const input = jurorInput({ proceeding: 'civil-special', jurors, exclusions, case: { caseId: '537/77/25', proceedingNumber: '2-о/537/77/25' } });
  const p = sel(selectCivil(input));
  assert.is(p.chosen.jurors.length, 2);
  assert.equal(p.steps[0]!.candidates, ['P02', 'P04', 'P05']);
  assert.equal(p.excluded.map((x) => [x.jurorId, x.reasons[0]!.code]), [['P01', 'SERVICE_LIMIT'], ['P03', 'EXCLUDED_BY_RULING']]);
  assert.ok(verifyJurorProtocol(roundTrip(p)).ok);
  // The same service record does not exclude in a criminal selection under the default policy (7.5 speaks of civil cases).
  const crim = assessJurors(jurors, { date: '2025-06-10', proceeding: 'criminal', exclusions: [], policy: DEFAULT_JUROR_POLICY });
  assert.ok(crim.eligible.includes('P01'));
  // …but does when the policy applies it to criminal proceedings too.
  const strict = assessJurors(jurors, { date: '2025-06-10', proceeding: 'criminal', exclusions: [], policy: { ...DEFAULT_JUROR_POLICY, serviceLimitAppliesTo: ['criminal', 'civil-special'] } });
  assert.not.ok(strict.eligible.includes('P01'));
});

test('7.7: a main juror is replaced from this case reserves; an absent reserve takes no part', () => {
  const jurors = jurorList(12);
  jurors[10] = { ...jurors[10]!, absences: [{ kind: 'other', from: '2025-06-10', basis: ORDER }] };
  const input = { ...jurorInput({ jurors }), main: ['P01', 'P02', 'P03'], reserve: ['P04', 'P11'], replacedJurorId: 'P02', basis: RULING };
  const p = sel(replaceMainJuror(input));
  assert.is(p.stage, 'reserve-to-main');
  assert.equal(p.steps[0]!.candidates, ['P04']);
  assert.equal(p.chosen.main, ['P01', 'P04', 'P03']);
  assert.equal(p.chosen.reserve, ['P11']);
  assert.ok(verifyJurorProtocol(roundTrip(p)).ok);
});

test('7.7: no reserve left → a new draw from the list by the general rules, composition not redrawn', () => {
  const input = { ...jurorInput(), main: ['P01', 'P02', 'P03'], reserve: [], replacedJurorId: 'P03', basis: RULING, exclusions: [{ jurorId: 'P05', ground: 'recused' as const, basis: RULING }] };
  const p = sel(replaceMainJuror(input));
  assert.is(p.stage, 'main-redraw');
  assert.equal(p.steps[0]!.candidates, ['P04', 'P06', 'P07', 'P08', 'P09', 'P10', 'P11', 'P12']);
  assert.equal(p.chosen.main!.slice(0, 2), ['P01', 'P02']);
  assert.ok(verifyJurorProtocol(roundTrip(p)).ok);
});

test('7.8: civil replacement is a new draw among jurors not in the composition', () => {
  const input = { ...jurorInput({ proceeding: 'civil-special', jurors: jurorList(4) }), main: ['P01', 'P02'], reserve: [], replacedJurorId: 'P01' };
  const p = sel(replaceCivilJuror(input));
  assert.equal(p.steps[0]!.candidates, ['P03', 'P04']);
  assert.is(p.chosen.main![1], 'P02');
  assert.ok(verifyJurorProtocol(roundTrip(p)).ok);
  const none = replaceCivilJuror({ ...input, jurors: jurorList(2) });
  assert.is(none.kind, 'juror-impossibility');
});

test('verifier: any change to bytes, pool or choice is reported', () => {
  const p = sel(selectCandidates(jurorInput()));
  const swapped = roundTrip(p);
  swapped.steps[2]!.chosen = swapped.steps[2]!.candidates.find((id) => id !== p.steps[2]!.chosen)!;
  assert.ok(verifyJurorProtocol(swapped).mismatches.some((m) => m.path === '/steps/2/chosen'));
  const bytes = roundTrip(p);
  bytes.randomBytes = '00'.repeat(32);
  assert.not.ok(verifyJurorProtocol(bytes).ok);
  const pool = roundTrip(p);
  pool.excluded.push({ jurorId: pool.steps[0]!.candidates[0]!, reasons: [{ code: 'VACATION', rule: 'Засади 7.2', text: 'x' }] });
  assert.ok(verifyJurorProtocol(pool).mismatches.some((m) => m.expected === 'no excluded juror'));
  const comp = sel(composeCriminal({ ...jurorInput(), candidates: p.chosen.jurors }));
  const stranger = roundTrip(comp);
  stranger.before!.candidates = stranger.before!.candidates!.slice(1);
  assert.not.ok(verifyJurorProtocol(stranger).ok);
  assert.not.ok(verifyJurorProtocol({ kind: 'juror-selection' }).ok);
});

test('selection input is checked: wrong proceeding, replaced juror not in the composition', () => {
  assert.throws(() => selectCivil(jurorInput()), /civil-special/);
  assert.throws(() => replaceMainJuror({ ...jurorInput(), main: ['P01'], reserve: [], replacedJurorId: 'P09' }), /not a main juror/);
});

test.run();
