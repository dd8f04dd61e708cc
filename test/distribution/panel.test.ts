/** Panels (Засади 4.9, 6.2; spec §5) and member replacement (4.9 ¶2). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Absence } from '../../contracts/distribution/inputs.ts';
import type { DrawProtocol, JudgeCandidate, PanelCandidate } from '../../contracts/distribution/protocol.ts';
import { distribute, replaceMember, type DistributionResult } from '../../actors/distribution/distribute.ts';
import { sittingPanels } from '../../actors/distribution/panel.ts';
import { hmac, toHex } from '../../actors/distribution/random.ts';
import { verifyProtocol } from '../../actors/distribution/verify.ts';
import { baseZasady } from './support/fixtures.ts';
import { drawInput } from './support/draw-input.ts';

const test = suite('panels');

const sick = (from: string): Absence => ({ kind: 'sick-leave', from, basis: { kind: 'memo', number: '1', date: from } });

function asDraw(p: DistributionResult): DrawProtocol {
  if (p.kind === 'impossibility') throw new Error('unexpected impossibility');
  return JSON.parse(JSON.stringify(p)) as DrawProtocol;
}
const ids = (cands: DrawProtocol['steps'][number]['candidates']) => (cands as JudgeCandidate[]).map((c) => c.judgeId);

test('ad-hoc: presiding first, then members one by one from the remaining judges', () => {
  const p = asDraw(distribute(drawInput({}, 'criminal-panel', 1)));
  assert.equal(p.steps.map((s) => s.label), ['presiding', 'member-2', 'member-3']);
  assert.equal(ids(p.steps[0]!.candidates), ['J01', 'J02', 'J03', 'J04']); // J05 has no criminal specialisation
  for (let k = 1; k < 3; k++) {
    assert.equal(ids(p.steps[k]!.candidates), ids(p.steps[k - 1]!.candidates).filter((id) => id !== p.steps[k - 1]!.chosen));
    // Documented per-step bytes: HMAC-SHA-256(key = supplied bytes, message = label).
    assert.is(p.steps[k]!.bytes, toHex(hmac(Buffer.from(p.randomBytes!, 'hex'), p.steps[k]!.label)));
  }
  assert.is(p.steps[0]!.bytes, p.randomBytes);
  assert.is(new Set([p.chosen.presiding, ...p.chosen.members]).size, 3);
  assert.equal(verifyProtocol(p), { ok: true, mismatches: [] });
});

test('ad-hoc: weights are recomputed over the remaining judges (own N_min)', () => {
  const p = asDraw(distribute(drawInput({}, 'criminal-panel', 2)));
  for (const s of p.steps) {
    const c = s.candidates as JudgeCandidate[];
    const nMin = Math.min(...c.map((x) => x.N));
    assert.ok(c.some((x) => x.N === nMin && x.w === 1));
  }
});

test('ad-hoc: a tampered member step is detected', () => {
  const p = asDraw(distribute(drawInput({}, 'criminal-panel', 3)));
  const s = p.steps[2]!;
  const other = ids(s.candidates).find((id) => id !== s.chosen)!;
  s.chosen = other;
  p.chosen.members[1] = other;
  const paths = verifyProtocol(p).mismatches.map((m) => m.path);
  assert.ok(paths.includes('/steps/2/chosen'), paths.join(','));
});

const permanent = baseZasady((c) => {
  c.categories.find((x) => x.id === 'criminal-panel')!.composition = { size: 3, mode: 'permanent' };
  c.panels = [
    { id: 'P1', name: 'Колегія №1', specialisation: 'criminal', members: ['J01', 'J02', 'J03'], reserve: 'J04' },
    { id: 'P2', name: 'Колегія №2', specialisation: 'criminal', members: ['J02', 'J03', 'J04'] },
  ];
});

test('permanent (6.2): panel drawn by panel load, then the rapporteur within it', () => {
  const p = asDraw(distribute(drawInput({ zasady: permanent }, 'criminal-panel', 4)));
  assert.equal(p.steps.map((s) => [s.label, s.role]), [['panel', 'panel'], ['rapporteur', 'presiding']]);
  const panels = p.steps[0]!.candidates as PanelCandidate[];
  assert.equal(panels.map((c) => c.panelId), ['P1', 'P2']);
  // Panel load = mean N of sitting members: P1 (8 + 2 + 6)/3, P2 (2 + 6 + 1)/3.
  assert.equal(panels.map((c) => c.N), [16 / 3, 3]);
  const chosen = panels.find((c) => c.panelId === p.chosen.panelId)!;
  assert.ok(chosen.members.some((m) => m.judgeId === p.chosen.presiding));
  assert.is(p.chosen.members.length, 2);
  assert.ok(verifyProtocol(p).ok);
});

test('permanent: the reserve sits for one ineligible member and this is recorded', () => {
  const p = asDraw(distribute(drawInput({ zasady: permanent, absences: { J01: [sick('2025-06-09')] } }, 'criminal-panel', 5)));
  const panels = p.steps[0]!.candidates as PanelCandidate[];
  const p1 = panels.find((c) => c.panelId === 'P1')!;
  assert.equal(p1.reserveFor, { absent: 'J01', reserve: 'J04' });
  assert.equal(p1.members.map((m) => m.judgeId), ['J02', 'J03', 'J04']);
  assert.ok(verifyProtocol(p).ok);
});

test('permanent: a panel with two members away cannot sit → impossibility (4.10)', () => {
  const r = distribute(drawInput({ zasady: permanent, absences: { J02: [sick('2025-06-09')], J03: [sick('2025-06-09')] } }, 'criminal-panel', 6));
  assert.is(r.kind, 'impossibility');
  if (r.kind !== 'impossibility') return;
  assert.is(r.needed, 3);
  assert.equal(r.eligible, ['J01', 'J04']);
  assert.is(r.earliestEligible, null); // open-ended sick leave: no date within the horizon
});

test('permanent: reserve named when eligible and unused; not named when away', () => {
  const all = sittingPanels(permanent, 'criminal-panel', 3, { eligible: ['J01', 'J02', 'J03', 'J04', 'J05'], excluded: [] });
  assert.equal(all.map((x) => [x.panel.id, x.reserve]), [['P1', 'J04'], ['P2', undefined]]);
  const p = asDraw(distribute(drawInput({ zasady: permanent, absences: { J04: [sick('2025-06-09')] } }, 'criminal-panel', 7)));
  assert.equal((p.steps[0]!.candidates as PanelCandidate[]).map((c) => c.panelId), ['P1']);
  assert.is(p.chosen.panelId, 'P1');
  assert.is(p.chosen.reserve, undefined);
});

test('member replacement (4.9 ¶2): recorded draw among eligible judges not on the panel', () => {
  const basis = { kind: 'order', number: '21-р', date: '2025-06-10' } as const;
  const r = replaceMember({ ...drawInput({}, 'criminal-panel', 8), panel: { presiding: 'J01', members: ['J02', 'J03'] }, replacedJudgeId: 'J03', basis });
  const p = asDraw(r);
  assert.is(p.kind, 'member-replacement');
  assert.equal(ids(p.steps[0]!.candidates), ['J04']);
  assert.equal(p.excluded.map((e) => [e.judgeId, e.reasons.map((x) => x.code)]), [
    ['J01', ['ON_PANEL']],
    ['J02', ['ON_PANEL']],
    ['J03', ['BEING_REPLACED']],
    ['J05', ['NO_SPECIALISATION']],
  ]);
  assert.equal(p.chosen, { presiding: 'J01', members: ['J02', 'J04'] });
  assert.equal(p.panelBefore, ['J01', 'J02', 'J03']);
  assert.equal(p.replaced, { judgeId: 'J03', basis });
  assert.ok(verifyProtocol(p).ok);
  p.chosen.members = ['J02', 'J05'];
  assert.ok(verifyProtocol(p).mismatches.some((m) => m.path === '/chosen'));
});

test.run();
