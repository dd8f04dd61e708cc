/** Juror fixtures for the pure selection tests. */
import type { JurorDrawInput, JurorRecord } from '../../../actors/distribution/jurors.ts';
import { testBytes } from './fixtures.ts';

export const ORDER = { kind: 'order' as const, number: '12-р', date: '2025-06-01', issuer: 'керівник апарату суду' };
export const RULING = { kind: 'other' as const, number: 'ухвала 537/10/25', date: '2025-06-09' };

/** P01…Pnn on the list since 2025-01-01, nothing else known. */
export function jurorList(n: number): JurorRecord[] {
  return Array.from({ length: n }, (_, i) => ({ jurorId: `P${String(i + 1).padStart(2, '0')}`, addedOn: '2025-01-01', absences: [], serviceDays: {} }));
}

export function jurorInput(over: Partial<JurorDrawInput> = {}, i = 1): JurorDrawInput {
  return {
    court: '537',
    case: { caseId: `537/${i}/25`, uniqueNumber: `537/${i}/25`, proceedingNumber: `1-кп/537/${i}/25` },
    proceeding: 'criminal',
    at: '2025-06-10T09:00:00.000+03:00',
    date: '2025-06-10',
    jurors: jurorList(12),
    exclusions: [],
    randomBytes: testBytes('jurors', i),
    ...over,
  };
}
