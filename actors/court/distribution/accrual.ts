/**
 * Non-distribution days into the load ledger (Засади 6.6; spec §3): once
 * per court-local day, the days since the last accrual on which a judge
 * received no cases are added as `judge-unavailable`. O(judges × days
 * elapsed) per day — never per case, never over the case history.
 *
 * Days are counted as they pass, so a future vacation does not lower
 * today's D_available. A memo entered late (after the days it covers were
 * accrued) is not counted back — 4.2/4.3 put the duty to report on time on
 * the judge.
 */
import type { Absence } from '../../../contracts/distribution/inputs.ts';
import { absenceWindows, covers, powersEndWindows, type Window } from '../../distribution/absence.ts';
import type { Calendar } from '../../distribution/calendar.ts';
import { addDays, maxDate, type IsoDate } from '../../distribution/dates.ts';
import { windowStartFor, type LoadEvent, type LoadLedger } from '../../distribution/load.ts';
import type { Zasady } from '../../distribution/zasady.ts';

/** Longest look-back in one accrual (a node down for longer accrues the last year only). */
const MAX_LOOKBACK_DAYS = 400;

export function accrualEvents(
  ledger: LoadLedger,
  zasady: Zasady,
  calendar: Calendar,
  absences: Readonly<Record<string, readonly Absence[]>>,
  accruedThrough: IsoDate,
  date: IsoDate,
): LoadEvent[] {
  const load: LoadEvent[] = [];
  if (windowStartFor(ledger.window, date) !== ledger.windowStart) load.push({ type: 'window-rolled', asOf: date });
  if (accruedThrough >= date) return load;
  const start = maxDate(accruedThrough, addDays(date, -MAX_LOOKBACK_DAYS));
  for (const judge of zasady.config.judges) {
    if (!ledger.judges[judge.id]) continue;
    // 6.6 counts the days of this court's 4.5 windows (its Засади's lead windows).
    const rules = zasady.leadWindows;
    const windows: Window[] = [...(judge.powersEnd ? powersEndWindows(judge.powersEnd, undefined, rules) : []), ...(absences[judge.id] ?? []).flatMap((a) => absenceWindows(calendar, a, rules))];
    if (windows.length === 0) continue;
    let runStart: IsoDate | null = null;
    let run = 0;
    const flush = () => {
      if (runStart !== null) load.push({ type: 'judge-unavailable', judgeId: judge.id, from: runStart, days: run });
      runStart = null;
      run = 0;
    };
    for (let d = maxDate(start, judge.appointedOn); d < date; d = addDays(d, 1)) {
      if (windows.some((w) => covers(w, d))) {
        if (runStart === null) runStart = d;
        run++;
      } else flush();
    }
    flush();
  }
  return load;
}
