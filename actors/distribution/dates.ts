/**
 * Court-local calendar dates as ISO `YYYY-MM-DD` strings.
 *
 * Why not `Date`: a court date is a civil date in Kyiv, not an instant. All
 * arithmetic here goes through a day number (days since 1970-01-01 in the
 * proleptic Gregorian calendar, computed with Date.UTC), so no local
 * timezone or DST transition can shift a date.
 */
import { InvalidDate } from './errors.ts';

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Day number of an ISO date; throws InvalidDate on malformed or impossible dates (2025-02-30). */
export function dayNumber(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new InvalidDate(date);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  if (fromDayNumber(ms / MS_PER_DAY) !== date) throw new InvalidDate(date);
  return ms / MS_PER_DAY;
}

/** Inverse of dayNumber (H. Hinnant's civil_from_days; integer arithmetic only, hot in draws). */
export function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isIsoDate(s: string): boolean {
  try {
    dayNumber(s);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(dayNumber(date) + n);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Inclusive length in calendar days of [from, to]. */
export function inclusiveLength(from: IsoDate, to: IsoDate): number {
  return daysBetween(from, to) + 1;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const utcDay = new Date(dayNumber(date) * MS_PER_DAY).getUTCDay();
  return utcDay === 0 ? 7 : utcDay;
}

/**
 * Calendar-month arithmetic, clamping to the month's last day
 * (2026-03-31 minus one month → 2026-02-28), the usual civil-law reading of
 * "N months before".
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  dayNumber(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const lastDay = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `YYYY-MM` of a date — the ledger's bucket key. */
export function monthKey(date: IsoDate): string {
  dayNumber(date);
  return date.slice(0, 7);
}

export function firstOfMonth(date: IsoDate): IsoDate {
  return `${monthKey(date)}-01`;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

// Building an Intl formatter is costly; one per zone is enough (they are immutable).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The court-local date of an instant (e.g. "2025-04-01T21:30:00Z" is
 * 2025-04-02 in Kyiv). Intl with an explicit zone is deterministic and does
 * not depend on the host's TZ.
 */
export function localDateOf(instant: string, timeZone = 'Europe/Kyiv'): IsoDate {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new InvalidDate(instant);
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
