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
import type { Mismatch, Verification } from './verify.ts';

const check = TypeCompiler.Compile(JurorProtocolSchema);
type Push = (path: string, expected: unknown, actual: unknown) => void;

function same(push: Push, path: string, expected: unknown, actual: unknown): void {
  if (!Object.is(expected, actual) && JSON.stringify(expected) !== JSON.stringify(actual)) push(path, expected, actual);
}

/** Recompute and compare; `ok` iff there are no mismatches. */
export function verifyJurorProtocol(protocol: unknown): Verification {
  if (!check.Check(protocol)) {
    return { ok: false, mismatches: [...check.Errors(protocol)].map((e) => ({ path: e.path, expected: 'schema', actual: e.message })) };
  }
  const mismatches: Mismatch[] = [];
  const push: Push = (path, expected, actual) => mismatches.push({ path, expected, actual });
  if (protocol.kind === 'juror-impossibility') verifyImpossibility(push, protocol);
  else verifySelection(push, protocol);
  return { ok: mismatches.length === 0, mismatches };
}

function verifySelection(push: Push, p: JurorSelectionProtocol): void {
  const root = fromHex(p.randomBytes);
  const excluded = new Set(p.excluded.map((x) => x.jurorId));
  p.steps.forEach((s, k) => {
    const path = `/steps/${k}`;
    const bytes = stepBytes(root, k, s.label);
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
