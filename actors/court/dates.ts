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
