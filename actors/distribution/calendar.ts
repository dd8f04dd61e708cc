/**
 * Working-day arithmetic over a calendar held as data (distribution-spec §7).
 * Pure: every function takes the calendar explicitly.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { CalendarSchema, CALENDAR_SCHEMA_ID, type CalendarConfig } from '../../contracts/distribution/calendar.ts';
import { addDays, isIsoDate, isoWeekday, type IsoDate } from './dates.ts';
import { ConfigInvalid, type ConfigIssue } from './errors.ts';

/** A validated calendar with fast lookups. */
export interface Calendar {
  readonly config: CalendarConfig;
  readonly id: string;
  readonly weekend: ReadonlySet<number>;
  readonly holidays: ReadonlySet<IsoDate>;
  readonly extraWorking: ReadonlySet<IsoDate>;
  readonly extraNonWorking: ReadonlySet<IsoDate>;
}

const check = TypeCompiler.Compile(CalendarSchema);

/** Default: Mon–Fri, martial law since 2022-02-24 so holidays are worked; no holiday list needed. */
export function defaultCalendarConfig(): CalendarConfig {
  return {
    schema: CALENDAR_SCHEMA_ID,
    id: 'ua-martial-law',
    weekend: [6, 7],
    holidays: [],
    martialLaw: { since: '2022-02-24', holidaysAreWorkingDays: true },
    extraWorkingDays: [],
    extraNonWorkingDays: [],
  };
}

export function calendarIssues(input: unknown): ConfigIssue[] {
  if (!check.Check(input)) {
    return [...check.Errors(input)].map((e) => ({ path: e.path || '/', code: 'SCHEMA', message: e.message }));
  }
  const issues: ConfigIssue[] = [];
  const dates: [string, string][] = [
    ...input.holidays.map((h, i): [string, string] => [`/holidays/${i}/date`, h.date]),
    ...input.extraWorkingDays.map((d, i): [string, string] => [`/extraWorkingDays/${i}`, d]),
    ...input.extraNonWorkingDays.map((d, i): [string, string] => [`/extraNonWorkingDays/${i}`, d]),
  ];
  if (input.martialLaw) dates.push(['/martialLaw/since', input.martialLaw.since]);
  if (input.martialLaw?.until) dates.push(['/martialLaw/until', input.martialLaw.until]);
  for (const [path, d] of dates) {
    if (!isIsoDate(d)) issues.push({ path, code: 'INVALID_DATE', message: `${d} is not a calendar date` });
  }
  const both = input.extraWorkingDays.filter((d) => input.extraNonWorkingDays.includes(d));
  for (const d of both) {
    issues.push({ path: '/extraWorkingDays', code: 'CONTRADICTORY_OVERRIDE', message: `${d} is both an extra working and an extra non-working day` });
  }
  if (input.weekend.length === 7) issues.push({ path: '/weekend', code: 'NO_WORKING_DAYS', message: 'every weekday is a day off' });
  return issues;
}

/** Validate and index a calendar; throws ConfigInvalid listing every problem. */
export function loadCalendar(input: unknown): Calendar {
  const issues = calendarIssues(input);
  if (issues.length > 0) throw new ConfigInvalid('calendar', issues);
  const config = input as CalendarConfig;
  return {
    config,
    id: config.id,
    weekend: new Set(config.weekend),
    holidays: new Set(config.holidays.map((h) => h.date)),
    extraWorking: new Set(config.extraWorkingDays),
    extraNonWorking: new Set(config.extraNonWorkingDays),
  };
}

function martialLawOn(cal: Calendar, date: IsoDate): boolean {
  const ml = cal.config.martialLaw;
  if (!ml || !ml.holidaysAreWorkingDays) return false;
  return date >= ml.since && (ml.until === undefined || date <= ml.until);
}

export function isWorkingDay(cal: Calendar, date: IsoDate): boolean {
  if (cal.extraNonWorking.has(date)) return false;
  if (cal.extraWorking.has(date)) return true;
  if (cal.weekend.has(isoWeekday(date))) return false;
  // Spec §7: under martial law public holidays are working days.
  if (cal.holidays.has(date) && !martialLawOn(cal, date)) return false;
  return true;
}

/** Guard against a calendar with (almost) no working days looping forever. */
const MAX_SCAN_DAYS = 3660;

function step(cal: Calendar, date: IsoDate, dir: 1 | -1): IsoDate {
  let d = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d = addDays(d, dir);
    if (isWorkingDay(cal, d)) return d;
  }
  throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days of ${date}`);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(cal: Calendar, date: IsoDate): IsoDate {
  return step(cal, date, 1);
}

/** `date` itself if it is a working day, otherwise the next one. */
export function workingDayOnOrAfter(cal: Calendar, date: IsoDate): IsoDate {
  return isWorkingDay(cal, date) ? date : nextWorkingDay(cal, date);
}

/**
 * Move n working days forward (n > 0) or back (n < 0) from `date`, not
 * counting `date` itself. n = 0 returns `date`.
 */
export function addWorkingDays(cal: Calendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
  let d = date;
  const dir = n >= 0 ? 1 : -1;
  for (let i = 0; i < Math.abs(n); i++) d = step(cal, d, dir);
  return d;
}

/**
 * "N working days before X" (spec §7): count back over working days from X,
 * excluding X. workingDaysBefore(Monday, 1) is the previous Friday.
 */
export function workingDaysBefore(cal: Calendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  return addWorkingDays(cal, date, -n);
}
