/**
 * Selection policies (Засади 4.8; spec §4 — configurable, every protocol
 * names the policy and its version) and the cumulative pick.
 * Candidates arrive sorted by stable id; order matters for the pick.
 */
import type { PolicyRef } from '../../contracts/distribution/protocol.ts';
import type { SelectionConfig } from '../../contracts/distribution/zasady.ts';

export function policyRef(selection: SelectionConfig): PolicyRef {
  return selection.policy === 'min-window-v1'
    ? { id: 'min-window-v1', version: 1, params: { delta: selection.params.delta } }
    : { id: 'inverse-load-v1', version: 1, params: {} };
}

/** Weights for normalised loads N (same order). */
export function weights(policy: PolicyRef, N: readonly number[]): number[] {
  const nMin = Math.min(...N);
  if (policy.id === 'min-window-v1') {
    // Uniform among judges with N ≤ N_min + Δ.
    const delta = policy.params.delta ?? 0;
    return N.map((n) => (n <= nMin + delta ? 1 : 0));
  }
  // inverse-load-v1: w = 1 / (1 + N − N_min); least loaded most likely, everyone has a chance.
  return N.map((n) => 1 / (1 + n - nMin));
}

export function probabilities(w: readonly number[]): number[] {
  const total = sum(w);
  return w.map((x) => x / total);
}

/** Left-to-right sum, so every implementation adds in the same order. */
export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/**
 * Index picked by u ∈ [0,1): the first i with u·Σw < w_0 + … + w_i.
 * If rounding leaves u·Σw at the very top, the last positive weight wins.
 */
export function pickIndex(w: readonly number[], u: number): number {
  const target = u * sum(w);
  let cum = 0;
  for (let i = 0; i < w.length; i++) {
    cum += w[i]!;
    if (w[i]! > 0 && target < cum) return i;
  }
  for (let i = w.length - 1; i >= 0; i--) if (w[i]! > 0) return i;
  throw new RangeError('no positive weight');
}
