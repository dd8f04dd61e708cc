/**
 * Case and proceeding numbers in the order a clerk expects: each numeric part
 * compared as a number, so `537/2/26` comes before `537/10/26` and
 * `2/537/9/26` before `2/537/10/26` (a string sort would put 10 first).
 *
 *   ['537/10/26', '537/2/26'].sort(compareCaseNumbers)  // ['537/2/26', '537/10/26']
 */
const PART = /(\d+)|(\D+)/g;

/** Compares two numbers part by part: digit runs as numbers, other runs as text (Ukrainian collation). */
export function compareCaseNumbers(a: string, b: string): number {
  const pa = a.match(PART) ?? [];
  const pb = b.match(PART) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    const c = nx && ny ? Number(x) - Number(y) || x.length - y.length : nx !== ny ? (nx ? -1 : 1) : x.localeCompare(y, 'uk');
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

/** By ЄУН, then by proceeding number — the order of every list the court prints. */
export function compareByCaseNumber(a: { ueun: string; proceedingNumber?: string | null }, b: { ueun: string; proceedingNumber?: string | null }): number {
  return compareCaseNumbers(a.ueun, b.ueun) || compareCaseNumbers(a.proceedingNumber ?? '', b.proceedingNumber ?? '');
}
