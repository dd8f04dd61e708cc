/**
 * The deadline of a database pull (Засади 18.3): "не пізніше наступного
 * робочого дня після отримання … запиту" — the end (24:00, Kyiv time) of the
 * first working day after the day the request was made, on the court's own
 * calendar (weekends, holidays, transferred days: actors/distribution/calendar.ts).
 * A Friday request is due at the end of Monday; one made on the eve of a
 * holiday is due at the end of the working day after it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addDays, localDateOf, nextWorkingDay, loadCalendarYaml, type Calendar, type IsoDate } from '../../distribution/index.ts';

export const PULL_TIME_ZONE = 'Europe/Kyiv';

/** The project's calendar file (deploy/examples/lubny/calendar.yaml): Ukrainian weekends and public holidays. */
export const DEFAULT_CALENDAR_FILE = fileURLToPath(new URL('../../../deploy/examples/lubny/calendar.yaml', import.meta.url));

let defaultCalendar: Calendar | undefined;
export function defaultPullCalendar(): Calendar {
  defaultCalendar ??= loadCalendarYaml(readFileSync(DEFAULT_CALENDAR_FILE, 'utf8'));
  return defaultCalendar;
}

/** Epoch ms of 00:00 Kyiv time on `date`. */
export function kyivMidnight(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  // the offset at that instant (+2 or +3 h); evaluated twice so a DST change on that day is respected
  let guess = utc - offsetMs(utc);
  guess = utc - offsetMs(guess);
  return guess;
}

function offsetMs(at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: PULL_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(at));
  const g = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(g('year'), g('month') - 1, g('day'), g('hour'), g('minute'), g('second')) - Math.floor(at / 1000) * 1000;
}

export interface PullDeadline {
  /** The working day by whose end the court must have sent its database. */
  dueDate: IsoDate;
  /** Its end: the first instant past the deadline (epoch ms, exclusive). */
  dueAt: number;
}

export function pullDeadline(requestedAt: number, calendar: Calendar = defaultPullCalendar()): PullDeadline {
  const day = localDateOf(new Date(requestedAt).toISOString(), PULL_TIME_ZONE);
  const dueDate = nextWorkingDay(calendar, day);
  return { dueDate, dueAt: kyivMidnight(addDays(dueDate, 1)) };
}
