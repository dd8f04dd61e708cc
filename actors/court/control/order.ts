/** Control-list rows in case-number order (the court's one comparator: ../case-numbers.ts). */
import { compareCaseNumbers } from '../case-numbers.ts';

export { compareCaseNumbers };

/** Rows by ЄУН, then by proceeding number, both numerically. */
export function byCaseNumber<R extends { ueun: string | null; proceedingNumber?: string; caseId?: string }>(rows: R[]): R[] {
  const num = (r: R) => r.proceedingNumber ?? r.caseId ?? '';
  return rows.sort((a, b) => compareCaseNumbers(a.ueun ?? num(a), b.ueun ?? num(b)) || compareCaseNumbers(num(a), num(b)));
}
