/**
 * Court-local time for the distribution actor: the instant of a draw as ISO
 * 8601 with the court's offset (recorded as is in the protocol), and the
 * epoch ms of a court-local wall-clock time (when a reminder is due).
 */
import type { IsoDate } from '../../distribution/dates.ts';

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timeZone` at `epochMs`, minutes east of UTC. */
export function offsetMinutes(epochMs: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, f);
  }
  const name = f.formatToParts(new Date(epochMs)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** `2025-06-10T09:15:00.000+03:00` for an instant in the court's zone. */
export function isoWithOffset(epochMs: number, timeZone: string): string {
  const off = offsetMinutes(epochMs, timeZone);
  const local = new Date(epochMs + off * 60_000).toISOString().slice(0, 23);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Epoch ms of `date` at `hour`:00 court-local time (two passes settle a DST change). */
export function localTimeToEpoch(date: IsoDate, hour: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, hour);
  let t = naive - offsetMinutes(naive, timeZone) * 60_000;
  t = naive - offsetMinutes(t, timeZone) * 60_000;
  return t;
}
