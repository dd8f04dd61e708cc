/**
 * Dates of the exchange: the Kyiv calendar date of an instant, and "within N working days" deadlines on the
 * project's court calendar (weekends, public holidays, transferred days: actors/distribution/calendar.ts) — the
 * 2024 order п. 13 ("впродовж двох робочих днів" for a new head's certificate) and the 2021 MVS order (an
 * impossibility of exchange notified within two working days; E3 uses the same helper).
 *
 *   workingDaysDeadline(Date.parse('2026-12-04T09:00:00Z'), 2)   // Friday → { dueDate: '2026-12-08', dueAt: Wed 00:00 Kyiv }
 */
import { addDays, addWorkingDays, localDateOf, type Calendar, type IsoDate } from '../../distribution/index.ts';
import { defaultPullCalendar, kyivMidnight } from '../pulls/deadline.ts';

export const EXCHANGE_TIME_ZONE = 'Europe/Kyiv';

/** The calendar date in Kyiv of an instant (epoch ms). */
export const kyivDate = (ms: number): IsoDate => localDateOf(new Date(ms).toISOString(), EXCHANGE_TIME_ZONE);

export interface WorkingDaysDeadline {
  /** The last working day of the term. */
  dueDate: IsoDate;
  /** The first instant past the term: 00:00 Kyiv after dueDate (epoch ms). */
  dueAt: number;
}

/**
 * The end of the n-th working day after the day of `from` (that day not counted, as procedural terms run from
 * the next day): a change on Friday with n = 2 is due by the end of Tuesday.
 */
export function workingDaysDeadline(from: number, n: number, calendar: Calendar = defaultPullCalendar()): WorkingDaysDeadline {
  const dueDate = addWorkingDays(calendar, kyivDate(from), n);
  return { dueDate, dueAt: kyivMidnight(addDays(dueDate, 1)) };
}

/** дд.мм.рррр of an ISO date, for people. */
export const ukDate = (d: IsoDate): string => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
