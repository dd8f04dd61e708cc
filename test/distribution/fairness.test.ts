/**
 * Fairness: over 100,000 draws with unequal loads the observed frequencies
 * match the policy's probabilities (Pearson χ², p > 0.001), and the roster's
 * display order changes nothing (same bytes → same choice).
 * Bytes are sha256 of a counter — deterministic, so the test cannot flake.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { DrawProtocol, JudgeCandidate } from '../../contracts/distribution/protocol.ts';
import { distribute } from '../../actors/distribution/distribute.ts';
import type { DrawInput } from '../../actors/distribution/draw.ts';
import { loadZasady } from '../../actors/distribution/zasady.ts';
import { chiSquareStatistic, chiSquareSurvival } from './support/chi-square.ts';
import { baseConfig, baseZasady, testBytes } from './support/fixtures.ts';
import { drawInput } from './support/draw-input.ts';

const test = suite('fairness');

const DRAWS = 100_000;

function run(input: DrawInput, i: number): DrawProtocol {
  // `date` given explicitly: deriving it from `at` via Intl on every one of 100k draws would dominate the run time.
  const p = distribute({ ...input, date: '2025-06-10', case: { ...input.case, caseId: `537/${i}/25` }, randomBytes: testBytes('fairness', i) });
  if (p.kind === 'impossibility') throw new Error('unexpected impossibility');
  return p;
}

function frequencies(input: DrawInput, n: number): { ids: string[]; p: number[]; observed: number[] } {
  const first = run(input, 0).steps[0]!.candidates as JudgeCandidate[];
  const ids = first.map((c) => c.judgeId);
  const observed = ids.map(() => 0);
  for (let i = 0; i < n; i++) observed[ids.indexOf(run(input, i).chosen.presiding)]! += 1;
  return { ids, p: first.map((c) => c.p), observed };
}

test(`inverse-load-v1: ${DRAWS} draws match the probabilities (χ², p > 0.001)`, () => {
  const { ids, p, observed } = frequencies(drawInput(), DRAWS);
  assert.equal(ids, ['J01', 'J02', 'J03', 'J04', 'J05']);
  // Unequal loads really give unequal chances: J05 (N = 0) is most likely, J01 (N = 8) least.
  assert.ok(p[4]! > p[3]! && p[3]! > p[1]! && p[1]! > p[2]! && p[2]! > p[0]!, String(p));
  const stat = chiSquareStatistic(observed, p.map((x) => x * DRAWS));
  const pValue = chiSquareSurvival(stat, ids.length - 1);
  assert.ok(pValue > 0.001, `χ² = ${stat}, p = ${pValue}, observed ${observed}`);
});

test('min-window-v1: judges outside the window never chosen, uniform inside (χ²)', () => {
  const zasady = baseZasady((c) => {
    c.selection = { policy: 'min-window-v1', params: { delta: 2 } };
  });
  const n = 20_000;
  const { p, observed } = frequencies(drawInput({ zasady }), n);
  assert.equal(p.map((x) => x * 3), [0, 1, 0, 1, 1]);
  assert.is(observed[0], 0);
  assert.is(observed[2], 0);
  const inside = [observed[1]!, observed[3]!, observed[4]!];
  const pValue = chiSquareSurvival(chiSquareStatistic(inside, [n / 3, n / 3, n / 3]), 2);
  assert.ok(pValue > 0.001, `observed ${observed}`);
});

test('display order is irrelevant: permuted roster, same bytes → same choice and same protocol steps', () => {
  const reordered = baseConfig();
  reordered.judges.reverse();
  reordered.judges.forEach((j, k) => {
    j.displayOrder = 100 - k * 7;
  });
  const a = drawInput();
  const b = drawInput({ zasady: loadZasady(reordered) });
  for (let i = 0; i < 3000; i++) {
    const pa = run(a, i);
    const pb = run(b, i);
    assert.is(pb.chosen.presiding, pa.chosen.presiding);
    if (i < 50) assert.equal(pb.steps, pa.steps);
  }
});

test.run();
