/** Small helpers for benchmark figures. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Closed-loop load: `workers` loops each awaiting `op(worker, i)` until `total`
 * operations are done. Returns ops/s and latency percentiles (ms).
 */
export async function closedLoop(
  workers: number,
  total: number,
  op: (worker: number, i: number) => Promise<unknown>,
): Promise<{ perSec: number; p50: number; p99: number; ops: number }> {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const s = performance.now();
        await op(w, i);
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { perSec: total / secs, p50: percentile(lat, 50), p99: percentile(lat, 99), ops: total };
}
