/**
 * Recompute a protocol from the protocol alone (spec §4; architecture
 * "Auditability"): step bytes, u, every candidate's L′, N, w, p, the pick,
 * and the composition. Returns every mismatch, not just the first.
 *
 * Comparison is exact: JSON round-trips IEEE doubles exactly and the
 * verifier uses the same functions, in the same (stable-id) order, as the
 * draw — so any difference is a change to the record.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { ProtocolSchema, type DrawProtocol, type ImpossibilityProtocol, type DrawStep, type Figures, type JudgeCandidate, type PanelCandidate } from '../../contracts/distribution/protocol.ts';
import { byId } from './eligibility.ts';
import { normalise } from './load.ts';
import { panelLoad } from './panel.ts';
import { pickIndex, probabilities, weights } from './policy.ts';
import { fromHex, stepBytes, toHex, uniformFrom } from './random.ts';
import { DRAW_V2, proofToBytes, vrfAlpha, type VrfAttempt, type WeightedId } from './randomness.ts';

/**
 * asds-draw/2: checks a step's proof for its alpha under the court seal's public key and returns the
 * VRF output (beta), or undefined when the proof is not THE proof of alpha (actors/pki vrfVerify).
 */
export type ProofCheck = (alpha: Uint8Array, pi: Uint8Array) => Uint8Array | undefined;

export interface VerifyOptions {
  /** The seal key's VRF check and the key's id (SHA-256 of its SPKI); without it a v2 protocol cannot be verified. */
  vrf?: { keyId: string; check: ProofCheck };
}

export interface Mismatch {
  path: string;
  expected: unknown;
  actual: unknown;
}

export interface Verification {
  ok: boolean;
  mismatches: Mismatch[];
}

const check = TypeCompiler.Compile(ProtocolSchema);

type Push = (path: string, expected: unknown, actual: unknown) => void;

function same(push: Push, path: string, expected: unknown, actual: unknown): void {
  if (!Object.is(expected, actual) && JSON.stringify(expected) !== JSON.stringify(actual)) push(path, expected, actual);
}

function isPanelStep(step: DrawStep): step is DrawStep & { candidates: PanelCandidate[] } {
  return step.role === 'panel';
}

function verifyFigures(push: Push, path: string, f: Figures, countDays: boolean): number {
  const { Lp, N } = normalise(f, countDays);
  same(push, `${path}/Lp`, Lp, f.Lp);
  same(push, `${path}/N`, N, f.N);
  return N;
}

function verifySorted(push: Push, path: string, ids: readonly string[]): void {
  same(push, `${path} (order by stable id)`, [...ids].sort(byId), ids);
}

function verifyWeights(push: Push, path: string, p: DrawProtocol, N: number[], cands: readonly { w: number; p: number }[]): number[] {
  const w = weights(p.policy, N);
  const pr = probabilities(w);
  cands.forEach((c, i) => {
    same(push, `${path}/${i}/w`, w[i], c.w);
    same(push, `${path}/${i}/p`, pr[i], c.p);
  });
  return w;
}

/** Step k's bytes: asds-draw/1 from the attempt's bytes; asds-draw/2 from the step's VRF proof, checked against its alpha. */
type StepSource = (step: DrawStep, k: number) => Uint8Array;

function v1Source(push: Push, p: DrawProtocol): StepSource | undefined {
  if (p.randomBytes === undefined || p.vrf !== undefined) {
    push('/randomBytes', 'asds-draw/1: randomBytes and no vrf block', { randomBytes: p.randomBytes ?? null, vrf: p.vrf ?? null });
    return undefined;
  }
  const root = fromHex(p.randomBytes);
  return (step, k) => {
    if (step.proof !== undefined) push(`/steps/${k}/proof`, 'absent in asds-draw/1', 'present');
    return stepBytes(root, k, step.label);
  };
}

function stepCandidates(step: DrawStep): WeightedId[] {
  return isPanelStep(step) ? step.candidates.map((c) => [c.panelId, c.w] as const) : (step.candidates as JudgeCandidate[]).map((c) => [c.judgeId, c.w] as const);
}

function v2Source(push: Push, p: DrawProtocol, opts: VerifyOptions): StepSource | undefined {
  if (p.vrf === undefined || p.randomBytes !== undefined) {
    push('/vrf', 'asds-draw/2: a vrf block and no randomBytes', { randomBytes: p.randomBytes ?? null, vrf: p.vrf ?? null });
    return undefined;
  }
  if (!opts.vrf) {
    push('/vrf', 'the court seal certificate to verify the VRF proofs', 'none given');
    return undefined;
  }
  same(push, '/vrf/key (the seal key that verifies)', opts.vrf.keyId, p.vrf.key);
  const attempt: VrfAttempt = { court: p.court, caseId: p.case.caseId, category: p.case.category, date: p.date, zasady: p.zasady.id, prev: p.vrf.prev };
  const check = opts.vrf.check;
  return (step, k) => {
    const pi = step.proof !== undefined && /^([0-9a-f]{2})+$/.test(step.proof) ? fromHex(step.proof) : undefined;
    const beta = pi && check(vrfAlpha(attempt, k, step.label, stepCandidates(step)), pi);
    if (!beta) {
      push(`/steps/${k}/proof`, 'the VRF proof of this step (its court, case, date, Засади, prev, label and candidates with weights)', step.proof ?? null);
      return pi ? proofToBytes(pi) : new Uint8Array(32);
    }
    return beta;
  };
}

function verifyStep(push: Push, p: DrawProtocol, step: DrawStep, k: number, source: StepSource): void {
  const path = `/steps/${k}`;
  const bytes = source(step, k);
  same(push, `${path}/bytes`, toHex(bytes), step.bytes);
  const u = uniformFrom(bytes, p.case.caseId);
  same(push, `${path}/u`, u, step.u);
  let ids: string[];
  let N: number[];
  if (isPanelStep(step)) {
    ids = step.candidates.map((c) => c.panelId);
    N = step.candidates.map((c, i) => {
      c.members.forEach((m, j) => verifyFigures(push, `${path}/candidates/${i}/members/${j}`, m, p.countNonDistributionDays));
      const n = panelLoad(c.members.map((m) => ({ ...m, N: normalise(m, p.countNonDistributionDays).N })));
      same(push, `${path}/candidates/${i}/N`, n, c.N);
      return n;
    });
  } else {
    const cands = step.candidates as JudgeCandidate[];
    ids = cands.map((c) => c.judgeId);
    N = cands.map((c, i) => verifyFigures(push, `${path}/candidates/${i}`, c, p.countNonDistributionDays));
  }
  verifySorted(push, `${path}/candidates`, ids);
  const w = verifyWeights(push, `${path}/candidates`, p, N, step.candidates);
  same(push, `${path}/chosen`, ids[pickIndex(w, u)], step.chosen);
}

function judgeIds(step: DrawStep): string[] {
  return isPanelStep(step) ? [] : (step.candidates as JudgeCandidate[]).map((c) => c.judgeId);
}

function verifyComposition(push: Push, p: DrawProtocol): void {
  const steps = p.steps;
  const excluded = new Set(p.excluded.map((e) => e.judgeId));
  steps.forEach((s, k) => {
    for (const id of judgeIds(s)) if (excluded.has(id)) push(`/steps/${k}/candidates`, `no excluded judge`, id);
  });
  same(push, '/steps (labels unique)', new Set(steps.map((s) => s.label)).size, steps.length);
  if (p.kind === 'member-replacement') return verifyReplacement(push, p);
  if (p.composition.mode === 'permanent') return verifyPermanent(push, p);
  // Single / ad-hoc: presiding first, then members from the remaining judges (4.9).
  same(push, '/steps (count)', p.composition.size, steps.length);
  steps.forEach((s, k) => {
    if (k === 0) return;
    const prev = steps[k - 1]!;
    same(push, `/steps/${k}/candidates (previous minus chosen)`, judgeIds(prev).filter((id) => id !== prev.chosen), judgeIds(s));
  });
  same(push, '/chosen/presiding', steps[0]?.chosen, p.chosen.presiding);
  same(push, '/chosen/members', steps.slice(1).map((s) => s.chosen), p.chosen.members);
}

function verifyPermanent(push: Push, p: DrawProtocol): void {
  const [panelStep, rapporteur] = p.steps;
  if (!panelStep || !rapporteur || !isPanelStep(panelStep)) return push('/steps', 'panel step then rapporteur step', p.steps.map((s) => s.label));
  const panel = panelStep.candidates.find((c) => c.panelId === panelStep.chosen);
  const members = panel ? panel.members.map((m) => m.judgeId) : [];
  same(push, '/steps/1/candidates (chosen panel)', members, judgeIds(rapporteur));
  same(push, '/chosen/panelId', panelStep.chosen, p.chosen.panelId);
  same(push, '/chosen/presiding', rapporteur.chosen, p.chosen.presiding);
  same(push, '/chosen/members', members.filter((id) => id !== rapporteur.chosen), p.chosen.members);
}

function verifyReplacement(push: Push, p: DrawProtocol): void {
  const before = p.panelBefore ?? [];
  // 4.12: several judges replaced (presiding first) — one step each; one member (4.9 ¶2) — `replaced` alone.
  const replaced = p.replacedJudges ?? (p.replaced?.judgeId !== undefined ? [p.replaced.judgeId] : []);
  if (p.steps.length === 0 || replaced.length === 0) return push('/replaced', 'replacement step and replaced judge', null);
  same(push, '/steps (one per replaced judge)', replaced.length, p.steps.length);
  same(push, '/replaced/judgeId (the first replaced)', replaced[0], p.replaced?.judgeId);
  same(push, '/replacedJudges (in seat order)', before.filter((id) => replaced.includes(id)), replaced);
  p.steps.forEach((step, k) => {
    for (const id of judgeIds(step)) if (before.includes(id)) push(`/steps/${k}/candidates`, 'no judge already on the panel', id);
    if (k > 0) {
      const prev = p.steps[k - 1]!;
      same(push, `/steps/${k}/candidates (previous minus chosen)`, judgeIds(prev).filter((id) => id !== prev.chosen), judgeIds(step));
    }
  });
  const after = before.map((id) => (replaced.includes(id) ? (p.steps[replaced.indexOf(id)]?.chosen ?? id) : id));
  same(push, '/chosen', after, [p.chosen.presiding, ...p.chosen.members]);
}

/** Recompute and compare; `ok` iff there are no mismatches. asds-draw/2 needs `opts.vrf` (the seal's public key). */
export function verifyProtocol(protocol: unknown, opts: VerifyOptions = {}): Verification {
  if (!check.Check(protocol)) {
    return { ok: false, mismatches: [...check.Errors(protocol)].map((e) => ({ path: e.path, expected: 'schema', actual: e.message })) };
  }
  if (protocol.kind === 'impossibility') return verifyImpossibility(protocol);
  const mismatches: Mismatch[] = [];
  const push: Push = (path, expected, actual) => mismatches.push({ path, expected, actual });
  const source = protocol.algorithm === DRAW_V2 ? v2Source(push, protocol, opts) : v1Source(push, protocol);
  if (source) protocol.steps.forEach((s, k) => verifyStep(push, protocol, s, k, source));
  verifyComposition(push, protocol);
  return { ok: mismatches.length === 0, mismatches };
}

/** An impossibility protocol has no draw to recompute; check its internal consistency. */
function verifyImpossibility(p: ImpossibilityProtocol): Verification {
  const mismatches: Mismatch[] = [];
  for (const id of p.eligible) if (p.excluded.some((e) => e.judgeId === id)) mismatches.push({ path: '/eligible', expected: 'not excluded', actual: id });
  if (p.runOn !== null && p.earliestEligible !== null && p.runOn < p.earliestEligible) mismatches.push({ path: '/runOn', expected: `≥ ${p.earliestEligible}`, actual: p.runOn });
  return { ok: mismatches.length === 0, mismatches };
}
