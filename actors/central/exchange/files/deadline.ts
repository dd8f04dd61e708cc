/**
 * Порядок II.5: parties inform each other of circumstances that make the exchange impossible «протягом двох
 * робочих днів, що настають за днем виникнення таких обставин» — by the end (24:00 Kyiv) of the second working
 * day after the day they arose, on the project's calendar (weekends, holidays, martial-law rule:
 * actors/distribution/calendar.ts; the file deploy/examples/lubny/calendar.yaml by default).
 *
 *   impossibilityDueAt('2026-03-13') // Friday → end of Tuesday 2026-03-17 (Kyiv)
 */
import { addDays, addWorkingDays, localDateOf, type Calendar, type IsoDate } from '../../../distribution/index.ts';
import { defaultPullCalendar, kyivMidnight, PULL_TIME_ZONE } from '../../pulls/deadline.ts';

export const NOTICE_WORKING_DAYS = 2;

export const kyivDay = (at: number): IsoDate => localDateOf(new Date(at).toISOString(), PULL_TIME_ZONE);

/** The first instant past the deadline to notify of an impossibility that arose on `day` (epoch ms). */
export function impossibilityDueAt(day: IsoDate, calendar: Calendar = defaultPullCalendar()): number {
  return kyivMidnight(addDays(addWorkingDays(calendar, day, NOTICE_WORKING_DAYS), 1));
}
