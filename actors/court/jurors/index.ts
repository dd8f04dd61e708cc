/**
 * Jurors of a court (Засади 7): the list and the selections.
 *
 *   system.register(jurorsBehavior());
 *   const { jurorId } = await system.ref('jurors', '537').ask({ type: 'add-juror', fullName: '…', addedOn: '2025-01-01', basis });
 *   await system.ref('jurors', '537').ask({ type: 'select', case: { caseId: '537/10/25' }, proceeding: 'criminal' });
 *
 * Protocols are sealed with the court seal when a signer is given (the
 * court node gives one: `sealedRecordBehaviors`) and numbered in their own
 * gapless sequence; `checkJurorOrDutyRecord` / `asds verify-protocol` check them.
 */
export { jurorsBehavior, JUROR_TITLES, daysPerYear, type JurorsOptions } from './behavior.ts';
export type { JurorsState, JurorsEvent, JurorCase, JurorEntry } from './state.ts';
export { JUROR_KIND } from '../../../contracts/court/jurors.ts';
export { checkJurorOrDutyRecord, isJurorOrDutyRecord, type RecordCheck } from './check.ts';
export { readRecord, recordSource, type StoredRecord } from './store.ts';
export { recordStreamHeadProblems, streamHeadOf } from './stream-head.ts';

import type { Behavior } from '../../../runtime/index.ts';
import { ensureCourtSeal } from '../seal/index.ts';
import { sealCourtName } from '../seal/court-name.ts';
import { dutyBehavior } from '../duty/behavior.ts';
import { journalAbsences } from '../duty/absences.ts';
import { join } from 'node:path';
import type { Calendar } from '../../distribution/calendar.ts';
import { jurorsBehavior } from './behavior.ts';

/**
 * For `courtBehaviors()`: the jurors and duty actors with the court seal of
 * `<data>/pki` (Засади 7.6, 4.6 protocols are originals under the seal).
 * Whichever actor opens the seal first creates the CA: `courtName` is the
 * court's full name (seal/court-name.ts), the same for every caller. Without
 * node options (unit use) the protocols stay unsealed. `calendar`: the
 * court's (4.6 "days off" are its days off); default the built-in one.
 */
export function sealedRecordBehaviors(o?: { court: string; dataDir: string; keyPassphrase?: string; calendar?: Calendar; courtName?: string }): Behavior[] {
  if (!o) return [jurorsBehavior(), dutyBehavior()];
  const signer = ensureCourtSeal(o.dataDir, o.court, o.courtName ?? sealCourtName(o.court), o.keyPassphrase);
  // The duty draw reads the judges' absences from the distribution actor's journaled record (4.6, 4.5).
  const journalPath = join(o.dataDir, 'journal.sqlite');
  return [jurorsBehavior({ signer }), dutyBehavior({ signer, absences: journalAbsences(journalPath), ...(o.calendar ? { calendar: o.calendar } : {}) })];
}
