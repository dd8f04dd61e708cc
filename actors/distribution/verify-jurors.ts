/**
 * Recompute a juror protocol (Засади 7.6, 7.9; spec §6) from the protocol
 * alone: every step's bytes, u and pick with uniform weights, the shrinking
 * of the pool step by step, the composition each stage must produce.
 * Returns every mismatch (same shape as `verifyProtocol` for judges).
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { JurorProtocolSchema, type JurorImpossibilityProtocol, type JurorSelectionProtocol } from '../../contracts/distribution/juror-protocol.ts';
import { byId } from './eligibility.ts';
import { CIVIL_JURORS, CRIMINAL_CANDIDATES, CRIMINAL_MAIN, CRIMINAL_RESERVE } from './jurors.ts';
import { pickIndex } from './policy.ts';
import { fromHex, stepBytes, toHex, uniformFrom } from './random.ts';
import { proofToBytes, uniformVrfAlpha, type UniformVrfAttempt } from './randomness.ts';
import type { Mismatch, Verification, VerifyOptions } from './verify.ts';

const check = TypeCompiler.Compile(JurorProtocolSchema);
type Push = (path: string, expected: unknown, actual: unknown) => void;

function same(push: Push, path: string, expected: unknown, actual: unknown): void {
  if (!Object.is(expected, actual) && JSON.stringify(expected) !== JSON.stringify(actual)) push(path, expected, actual);
}

/**
 * Where a uniform (juror, duty) step's bytes come from: asds-draw/1 — the attempt's CSPRNG bytes; asds-draw/2 —
 * the step's VRF proof, checked against its alpha under the seal key (docs/draw-spec.md §9.6). Undefined when the
 * protocol's source fields contradict its algorithm (pushed as a mismatch).
 */
export type UniformSource = (k: number, label: string, candidates: readonly string[], proof: string | undefined, path: string) => Uint8Array;

export function uniformSource(
  push: Push,
  p: { algorithm: string; randomBytes?: string; vrf?: { key: string; prev: string } },
  attempt: (prev: string) => UniformVrfAttempt,
  opts: VerifyOptions,
): UniformSource | undefined {
  if (p.algorithm !== 'asds-draw/2') {
    if (p.randomBytes === undefined || p.vrf !== undefined) return void push('/randomBytes', 'asds-draw/1: randomBytes and no vrf block', { randomBytes: p.randomBytes ?? null, vrf: p.vrf ?? null });
    const root = fromHex(p.randomBytes);
    return (k, label, _c, proof, path) => {
      if (proof !== undefined) push(`${path}/proof`, 'absent in asds-draw/1', 'present');
      return stepBytes(root, k, label);
    };
  }
  if (p.vrf === undefined || p.randomBytes !== undefined) return void push('/vrf', 'asds-draw/2: a vrf block and no randomBytes', { randomBytes: p.randomBytes ?? null, vrf: p.vrf ?? null });
  if (!opts.vrf) return void push('/vrf', 'the court seal certificate to verify the VRF proofs', 'none given');
  if (opts.vrf.keyId !== p.vrf.key) push('/vrf/key (the seal key that verifies)', opts.vrf.keyId, p.vrf.key);
  const a = attempt(p.vrf.prev);
  const checkProof = opts.vrf.check;
  return (k, label, candidates, proof, path) => {
    const pi = proof !== undefined && /^([0-9a-f]{2})+$/.test(proof) ? fromHex(proof) : undefined;
    const beta = pi && checkProof(uniformVrfAlpha(a, k, label, candidates), pi);
    if (!beta) {
      push(`${path}/proof`, 'the VRF proof of this step (its court, case, date, prev, label and candidates)', proof ?? null);
      return pi ? proofToBytes(pi) : new Uint8Array(32);
    }
    return beta;
  };
}

/** Recompute and compare; `ok` iff there are no mismatches. An asds-draw/2 protocol needs `opts.vrf` (the seal key). */
export function verifyJurorProtocol(protocol: unknown, opts: VerifyOptions = {}): Verification {
  if (!check.Check(protocol)) {
    return { ok: false, mismatches: [...check.Errors(protocol)].map((e) => ({ path: e.path, expected: 'schema', actual: e.message })) };
  }
  const mismatches: Mismatch[] = [];
  const push: Push = (path, expected, actual) => mismatches.push({ path, expected, actual });
  if (protocol.kind === 'juror-impossibility') verifyImpossibility(push, protocol);
  else verifySelection(push, protocol, opts);
  return { ok: mismatches.length === 0, mismatches };
}

function verifySelection(push: Push, p: JurorSelectionProtocol, opts: VerifyOptions): void {
  const attempt = (prev: string): UniformVrfAttempt => ({ draw: 'jurors', court: p.court, caseId: p.case.caseId, proceeding: p.proceeding, stage: p.stage, date: p.date, prev });
  const source = uniformSource(push, p, attempt, opts);
  if (!source) return;
  const excluded = new Set(p.excluded.map((x) => x.jurorId));
  p.steps.forEach((s, k) => {
    const path = `/steps/${k}`;
    const bytes = source(k, s.label, s.candidates, s.proof, path);
    same(push, `${path}/bytes`, toHex(bytes), s.bytes);
    const u = uniformFrom(bytes, p.case.caseId);
    same(push, `${path}/u`, u, s.u);
    same(push, `${path}/candidates (order by stable id)`, [...s.candidates].sort(byId), s.candidates);
    same(push, `${path}/chosen`, s.candidates[pickIndex(s.candidates.map(() => 1), u)], s.chosen);
    for (const id of s.candidates) if (excluded.has(id)) push(`${path}/candidates`, 'no excluded juror', id);
    if (k > 0) {
      const prev = p.steps[k - 1]!;
      same(push, `${path}/candidates (previous minus chosen)`, prev.candidates.filter((id) => id !== prev.chosen), s.candidates);
    }
  });
  same(push, '/steps (labels unique)', p.steps.length, new Set(p.steps.map((s) => s.label)).size);
  const chosen = p.steps.map((s) => s.chosen);
  same(push, '/chosen/jurors', chosen, p.chosen.jurors);
  const count = (n: number) => same(push, '/steps (count)', n, p.steps.length);
  const before = p.before ?? { main: [], reserve: [] };
  const first = p.steps[0]?.candidates ?? [];
  switch (p.stage) {
    case 'candidates':
      count(CRIMINAL_CANDIDATES);
      break;
    case 'civil':
      count(CIVIL_JURORS);
      break;
    case 'top-up':
      // Nobody who already was a candidate is drawn again.
      for (const id of first) if ((before.candidates ?? []).includes(id)) push('/steps/0/candidates', 'not already a candidate', id);
      break;
    case 'composition': {
      count(CRIMINAL_MAIN + CRIMINAL_RESERVE);
      // 7.4 ¶2: only from candidates (not released or recused).
      for (const id of first) if (!(before.candidates ?? []).includes(id)) push('/steps/0/candidates', 'a candidate of this proceeding', id);
      same(push, '/chosen/main', chosen.slice(0, CRIMINAL_MAIN), p.chosen.main);
      same(push, '/chosen/reserve', chosen.slice(CRIMINAL_MAIN), p.chosen.reserve);
      break;
    }
    case 'reserve-to-main':
    case 'main-redraw':
    case 'civil-replacement': {
      count(1);
      const replaced = p.replaced?.jurorId;
      if (!replaced || !before.main.includes(replaced)) return push('/replaced', 'a main juror of the composition before', replaced ?? null);
      const c = chosen[0]!;
      if (p.stage === 'reserve-to-main') {
        // 7.7: only this case's reserves take part.
        for (const id of first) if (!before.reserve.includes(id)) push('/steps/0/candidates', 'a reserve juror of this case', id);
        same(push, '/chosen/reserve', before.reserve.filter((id) => id !== c), p.chosen.reserve);
      } else {
        for (const id of first) if (before.main.includes(id) || before.reserve.includes(id)) push('/steps/0/candidates', 'not already in the composition', id);
        same(push, '/chosen/reserve', before.reserve, p.chosen.reserve);
      }
      same(push, '/chosen/main', before.main.map((id) => (id === replaced ? c : id)), p.chosen.main);
      break;
    }
  }
}

function verifyImpossibility(push: Push, p: JurorImpossibilityProtocol): void {
  for (const id of p.eligible) if (p.excluded.some((x) => x.jurorId === id)) push('/eligible', 'not excluded', id);
  // Impossible means too few: a protocol with enough eligible jurors is not an impossibility.
  if (p.eligible.length >= p.needed) push('/eligible', `fewer than ${p.needed}`, p.eligible.length);
  if (p.earliestEligible !== null && p.earliestEligible <= p.date) push('/earliestEligible', `after ${p.date}`, p.earliestEligible);
}
