/**
 * Numeric order of case numbers (issue 13 item 12): 537/2/26 before 537/10/26,
 * and a year before the next one (537/900/25 before 537/1/26). A ЄУН is
 * `court/seq/yy`; a proceeding number ends with one (`2/537/10/26`,
 * `1-кп/537/3/26`). Anything else sorts by its digit runs as numbers.
 */

/** Sort key of a ЄУН: [court, year, sequence]; null when it is not one. */
function ueunKey(s: string): [number, number, number] | null {
  const m = /(?:^|\/)(\d{1,4})\/(\d{1,9})\/(\d{2})$/.exec(s);
  return m ? [Number(m[1]), Number(m[3]), Number(m[2])] : null;
}

/** Natural comparison: digit runs compare as numbers, the rest as text. */
function natural(a: string, b: string): number {
  const ta = a.match(/\d+|\D+/g) ?? [];
  const tb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    const d = /^\d/.test(x) && /^\d/.test(y) ? Number(x) - Number(y) : x.localeCompare(y, 'uk');
    if (d !== 0) return d;
  }
  return ta.length - tb.length;
}

export function compareCaseNumbers(a: string, b: string): number {
  const ka = ueunKey(a);
  const kb = ueunKey(b);
  if (ka && kb) for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  return natural(a, b);
}

/** Rows by ЄУН, then by proceeding number, both numerically. */
export function byCaseNumber<R extends { ueun: string | null; proceedingNumber?: string; caseId?: string }>(rows: R[]): R[] {
  const num = (r: R) => r.proceedingNumber ?? r.caseId ?? '';
  return rows.sort((a, b) => compareCaseNumbers(a.ueun ?? num(a), b.ueun ?? num(b)) || compareCaseNumbers(num(a), num(b)));
}
