/**
 * String formats the contracts use, registered with TypeBox once on import.
 * `date`: a real calendar day `YYYY-MM-DD` — the pattern alone lets
 * `2026-02-30` through (a registration dated on a day that never existed).
 */
import { FormatRegistry } from '@sinclair/typebox';

/** True when `YYYY-MM-DD` names a real calendar day (leap years included). */
export function isCalendarDay(d: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return false;
  const [y, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, day));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === day;
}

/** `YYYY-MM-DDTHH:MM[:SS[.mmm]](Z|±HH:MM)` on a real day, hours < 24, minutes and seconds < 60, offset ≤ 14:00. */
export function isInstant(s: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/.exec(s);
  if (!m || !isCalendarDay(m[1]!)) return false;
  const [h, mi, sec, oh, om] = [m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number];
  return h < 24 && mi < 60 && sec < 60 && (oh < 14 || (oh === 14 && om === 0)) && om < 60;
}

if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', isCalendarDay);
if (!FormatRegistry.Has('instant')) FormatRegistry.Set('instant', isInstant);
