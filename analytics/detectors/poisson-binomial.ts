/**
 * Exact tests for the draw-frequency detector: the number of draws a judge
 * wins among draws with their own probabilities p_1…p_n follows the
 * Poisson-binomial distribution; its pmf by the O(n²) recurrence
 * f_k ← f_k·(1 − p_i) + f_{k−1}·p_i (exact up to floating point, no normal
 * approximation), and Benjamini–Hochberg for a family of such tests.
 *
 *   poissonBinomialPmf([0.5, 0.2, 0.1]); // [0.36, 0.49, 0.14, 0.01]
 *   twoSidedPValue([0.5, 0.2, 0.1], 3);  // 2 · P(X ≥ 3) = 0.02
 */

export function poissonBinomialPmf(ps: readonly number[]): number[] {
  const f = new Float64Array(ps.length + 1);
  f[0] = 1;
  ps.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probability ${p} outside [0, 1]`);
    for (let k = i + 1; k >= 1; k--) f[k] = f[k]! * (1 - p) + f[k - 1]! * p;
    f[0] = f[0]! * (1 - p);
  });
  return Array.from(f);
}

/** P(X ≥ x) and P(X ≤ x). */
export function tails(ps: readonly number[], x: number): { upper: number; lower: number } {
  const f = poissonBinomialPmf(ps);
  let upper = 0;
  let lower = 0;
  for (let k = 0; k < f.length; k++) {
    if (k >= x) upper += f[k]!;
    if (k <= x) lower += f[k]!;
  }
  return { upper: Math.min(1, upper), lower: Math.min(1, lower) };
}

/** Two-sided exact p-value: twice the smaller tail, at most 1 (a judge drawn too often or too rarely). */
export function twoSidedPValue(ps: readonly number[], x: number): number {
  const t = tails(ps, x);
  return Math.min(1, 2 * Math.min(t.upper, t.lower));
}

/** Indexes of the hypotheses Benjamini–Hochberg rejects at false discovery rate q. */
export function benjaminiHochberg(pValues: readonly number[], q: number): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  let k = -1;
  order.forEach(([p], rank) => {
    if (p <= ((rank + 1) * q) / m) k = rank;
  });
  return order.slice(0, k + 1).map(([, i]) => i);
}
