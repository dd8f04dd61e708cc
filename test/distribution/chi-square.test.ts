import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chiSquareStatistic, chiSquareSurvival, gammaQ, logGamma } from './support/chi-square.ts';

const test = suite('chi-square survival');
const near = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

test('log Γ on known values', () => {
  near(logGamma(1), 0, 1e-13);
  near(logGamma(5), Math.log(24), 1e-12);
  near(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-12);
});

test('closed forms: k = 2 → e^(−x/2); Q(1, x) = e^(−x)', () => {
  near(chiSquareSurvival(2, 2), Math.exp(-1), 1e-14);
  near(chiSquareSurvival(10, 2), Math.exp(-5), 1e-14);
  near(gammaQ(1, 3), Math.exp(-3), 1e-14);
});

test('table critical values', () => {
  near(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-9);
  near(chiSquareSurvival(6.634896601021214, 1), 0.01, 1e-9);
  near(chiSquareSurvival(9.487729036781154, 4), 0.05, 1e-9);
  near(chiSquareSurvival(18.307038053275146, 10), 0.05, 1e-9);
  near(chiSquareSurvival(29.588298445074418, 10), 0.001, 1e-9); // both branches (x < a+1 and ≥) exercised across these
  near(chiSquareSurvival(0.5, 4), 0.9735009788392561, 1e-12);
});

test('statistic', () => {
  assert.is(chiSquareStatistic([10, 20], [15, 15]), 25 / 15 + 25 / 15);
});

test.run();
