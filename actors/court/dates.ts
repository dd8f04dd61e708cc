/**
 * Court-local dates. Ukrainian courts keep Kyiv time; "the day it arrives"
 * (Засади 3.1) is a Kyiv calendar day, not a UTC one.
 */
const KYIV = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYY-MM-DD` in Kyiv for an epoch-ms instant. */
export function kyivDate(epochMs: number): string {
  return KYIV.format(new Date(epochMs));
}

/** True when `YYYY-MM-DD` names a real calendar day (the schema only checks the shape). */
export function isCalendarDate(d: string): boolean {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
}

/** Two-digit year of a court-local date. */
export function yy(date: string): string {
  return date.slice(2, 4);
}

const MONTHS_GENITIVE = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
const KYIV_CLOCK = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * A court-local `YYYY-MM-DD` as printed in court documents: `5 січня 2026 року`
 * (the month in the genitive, "року" in full — the form of Ukrainian procedural
 * documents, not Intl's abbreviated "р."). Anything that is not a date is returned as is.
 */
export function longDateUk(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS_GENITIVE[Number(m[2]) - 1]} ${m[1]} року`;
}

/** An instant (ISO or epoch ms) in Kyiv time: `5 січня 2026 року о 14:03`. */
export function kyivDateTimeUk(at: string | number): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) return String(at);
  return `${longDateUk(kyivDate(ms))} о ${KYIV_CLOCK.format(ms)}`;
}

/** A court-local `YYYY-MM-DD` in a table cell: `05.01.2026` (the Ukrainian numeric form). */
export function shortDateUk(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : date;
}
