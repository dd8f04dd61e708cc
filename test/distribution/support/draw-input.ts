/** A ready-made DrawInput over the test fixtures. */
import type { DrawInput } from '../../../actors/distribution/draw.ts';
import { applyLoadEvent, assignedEvent, ledgerForZasady, type LoadLedger } from '../../../actors/distribution/load.ts';
import type { Zasady } from '../../../actors/distribution/zasady.ts';
import { baseZasady, martialCalendar, testBytes } from './fixtures.ts';

/** Unequal loads: J01 chief (r 0.5) with 4 claims, J02 2, J03 6, J04 1, J05 none. */
export function unequalLedger(zasady: Zasady, date = '2025-06-10'): LoadLedger {
  const counts: Record<string, number> = { J01: 4, J02: 2, J03: 6, J04: 1, J05: 0 };
  let l = ledgerForZasady(zasady, date);
  for (const [judgeId, n] of Object.entries(counts)) {
    if (!zasady.judges.has(judgeId)) continue;
    for (let i = 0; i < n; i++) l = applyLoadEvent(l, assignedEvent(zasady, { judgeId, caseId: `${judgeId}-${i}`, category: 'civil-claim', form: 'presiding', date: '2025-03-03' }));
  }
  return l;
}

export function drawInput(over: Partial<DrawInput> = {}, category = 'civil-claim', i = 1): DrawInput {
  const zasady = over.zasady ?? baseZasady();
  return {
    zasady,
    calendar: martialCalendar,
    case: { caseId: `537/${i}/25`, category, exclusions: [] },
    at: '2025-06-10T09:00:00+03:00',
    absences: {},
    ledger: unequalLedger(zasady),
    randomBytes: testBytes('draw', i),
    ...over,
  };
}
