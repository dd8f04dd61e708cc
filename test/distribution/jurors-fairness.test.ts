/**
 * Equal probability of juror selection (Засади 7.2 "рівна ймовірність"):
 * Pearson χ² over ≥ 50,000 selections per stage, p > 0.001. Bytes are
 * sha256 of a counter — deterministic, so the test cannot flake.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { composeCriminal, replaceMainJuror, selectCandidates } from '../../actors/distribution/jurors.ts';
import type { JurorProtocol, JurorSelectionProtocol } from '../../contracts/distribution/juror-protocol.ts';
import { chiSquareStatistic, chiSquareSurvival } from './support/chi-square.ts';
import { testBytes } from './support/fixtures.ts';
import { jurorInput, jurorList } from './support/jurors.ts';

const test = suite('jurors: fairness');
const N = 50_000;

function sel(p: JurorProtocol): JurorSelectionProtocol {
  if (p.kind !== 'juror-selection') throw new Error('unexpected impossibility');
  return p;
}

function pValue(observed: number[], expectedEach: number): number {
  return chiSquareSurvival(chiSquareStatistic(observed, observed.map(() => expectedEach)), observed.length - 1);
}

test(`7.4 ¶1: ${N} candidate selections of 7 from 15 — every juror equally likely, at every step`, () => {
  const jurors = jurorList(15);
  const ids = jurors.map((j) => j.jurorId);
  const anyStep = ids.map(() => 0);
  const firstStep = ids.map(() => 0);
  for (let i = 0; i < N; i++) {
    const p = sel(selectCandidates(jurorInput({ jurors, case: { caseId: `537/${i}/25` }, randomBytes: testBytes('jf-cand', i) })));
    for (const id of p.chosen.jurors) anyStep[ids.indexOf(id)]! += 1;
    firstStep[ids.indexOf(p.chosen.jurors[0]!)]! += 1;
  }
  assert.is(anyStep.reduce((a, b) => a + b, 0), N * 7);
  const pAny = pValue(anyStep, (N * 7) / 15);
  const pFirst = pValue(firstStep, N / 15);
  assert.ok(pAny > 0.001, `χ² p = ${pAny}, observed ${anyStep}`);
  assert.ok(pFirst > 0.001, `χ² p = ${pFirst}, observed ${firstStep}`);
});

test(`7.4 ¶2: ${N} compositions from 7 candidates — main 3/7 and reserve 2/7 for each`, () => {
  const candidates = ['P01', 'P02', 'P03', 'P04', 'P05', 'P06', 'P07'];
  const main = candidates.map(() => 0);
  const reserve = candidates.map(() => 0);
  for (let i = 0; i < N; i++) {
    const p = sel(composeCriminal({ ...jurorInput({ case: { caseId: `537/${i}/25` }, randomBytes: testBytes('jf-comp', i) }), candidates }));
    for (const id of p.chosen.main!) main[candidates.indexOf(id)]! += 1;
    for (const id of p.chosen.reserve!) reserve[candidates.indexOf(id)]! += 1;
  }
  const pm = pValue(main, (N * 3) / 7);
  const pr = pValue(reserve, (N * 2) / 7);
  assert.ok(pm > 0.001, `main χ² p = ${pm}, observed ${main}`);
  assert.ok(pr > 0.001, `reserve χ² p = ${pr}, observed ${reserve}`);
});

test(`7.7: ${N} replacements from two reserves — each reserve 1/2`, () => {
  const counts = [0, 0];
  for (let i = 0; i < N; i++) {
    const p = sel(replaceMainJuror({ ...jurorInput({ case: { caseId: `537/${i}/25` }, randomBytes: testBytes('jf-repl', i) }), main: ['P01', 'P02', 'P03'], reserve: ['P04', 'P05'], replacedJurorId: 'P01' }));
    counts[p.chosen.jurors[0] === 'P04' ? 0 : 1]! += 1;
  }
  const p = pValue(counts, N / 2);
  assert.ok(p > 0.001, `χ² p = ${p}, observed ${counts}`);
});

test.run();
