/**
 * Case and proceeding numbers in the order a clerk expects: each numeric part
 * compared as a number, so `537/2/26` comes before `537/10/26` and
 * `2/537/9/26` before `2/537/10/26` (a string sort would put 10 first), and
 * a year's cases before the next year's. One comparator for every list the
 * court prints (public lists, control lists, printouts).
 *
 *   ['537/10/26', '537/2/26'].sort(compareCaseNumbers)  // ['537/2/26', '537/10/26']
 */
/** Sort key of a ЄУН `court/seq/yy`, or of a proceeding number ending with one: [court, year, sequence]. */
function ueunKey(s: string): [number, number, number] | null {
  const m = /(?:^|\/)(\d{1,4})\/(\d{1,9})\/(\d{2})$/.exec(s);
  return m ? [Number(m[1]), Number(m[3]), Number(m[2])] : null;
}

/** Digit runs compare as numbers, other runs as text (Ukrainian collation). */
function natural(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
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

/**
 * Court, then year, then sequence (537/900/25 before 537/1/26: last year's cases first), then the rest of the
 * number (a proceeding's index, `1-кп` before `1-кс`) part by part.
 */
export function compareCaseNumbers(a: string, b: string): number {
  const ka = ueunKey(a);
  const kb = ueunKey(b);
  if (ka && kb) for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  return natural(a, b);
}

/** By ЄУН, then by proceeding number — the order of every list the court prints. */
export function compareByCaseNumber(a: { ueun: string; proceedingNumber?: string | null }, b: { ueun: string; proceedingNumber?: string | null }): number {
  return compareCaseNumbers(a.ueun, b.ueun) || compareCaseNumbers(a.proceedingNumber ?? '', b.proceedingNumber ?? '');
}
