/** Retry delay of the ЄДРСР sender: base · 2^(attempts−1), capped; 0 before the first attempt. Shared by the actor and the sender. */
export function backoffDelay(attempts: number, base: number, max: number): number {
  return attempts <= 0 ? 0 : Math.min(max, base * 2 ** Math.min(attempts - 1, 30));
}
