/**
 * How long an outage lasted in working days (Засади 15.1: "тривають понад
 * п’ять робочих днів"). The act states the date AND time the circumstances
 * began and ended, so the length is measured in time, not in local dates: the
 * outage's overlap with the court's working hours on the court calendar's
 * working days, divided by the length of one working day. An outage from
 * Monday 17:00 to the next Monday 09:00 touches six working dates but takes
 * a little over four working days — it is not force majeure.
 *
 * Reading chosen (configurable): the working day is the court's working hours
 * (`WorkingHours`, default 08:00–17:00 court-local time); a court that counts
 * whole days sets 00:00–24:00.
 */
import { isWorkingDay, type Calendar } from '../../distribution/calendar.ts';
import { addDays, localDateOf, type IsoDate } from '../../distribution/dates.ts';
import { localTimeToEpoch } from '../distribution/time.ts';

/** Court-local working hours, "HH:MM" (to may be "24:00"). */
export interface WorkingHours {
  from: string;
  to: string;
}

/** Default working hours of a court (08:00–17:00). */
export const DEFAULT_WORKING_HOURS: WorkingHours = { from: '08:00', to: '17:00' };

function minutes(hhmm: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`working hours: ${hhmm} is not HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Validate once (options are checked at start, not at the first outage). */
export function checkWorkingHours(h: WorkingHours): void {
  if (minutes(h.to) <= minutes(h.from) || minutes(h.to) > 24 * 60) throw new RangeError(`working hours ${h.from}–${h.to}: the end must be after the start, at most 24:00`);
}

export interface WorkingTime {
  /** Working days, e.g. 4.11 (two decimals, for people and protocols). */
  workingDays: number;
  /** The exact figure the 15.1 threshold is compared with. */
  exactDays: number;
  /** Working hours inside the outage, two decimals. */
  workingHours: number;
}

/** The working time inside [startMs, endMs] on the court calendar, in court-local time. */
export function workingTimeOf(cal: Calendar, timeZone: string, hours: WorkingHours, startMs: number, endMs: number): WorkingTime {
  const fromMin = minutes(hours.from);
  const toMin = minutes(hours.to);
  const dayMs = (toMin - fromMin) * 60_000;
  const first = localDateOf(new Date(startMs).toISOString(), timeZone);
  const last = localDateOf(new Date(endMs).toISOString(), timeZone);
  let ms = 0;
  for (let d: IsoDate = first; d <= last; d = addDays(d, 1)) {
    if (!isWorkingDay(cal, d)) continue;
    const midnight = localTimeToEpoch(d, 0, timeZone);
    const open = midnight + fromMin * 60_000;
    const close = midnight + toMin * 60_000;
    ms += Math.max(0, Math.min(close, endMs) - Math.max(open, startMs));
  }
  const exactDays = ms / dayMs;
  return { exactDays, workingDays: Math.round(exactDays * 100) / 100, workingHours: Math.round((ms / 3_600_000) * 100) / 100 };
}
