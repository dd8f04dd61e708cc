/**
 * Times and durations for people (Ukrainian, Kyiv time): what CLIs and
 * reports print instead of epoch milliseconds.
 *
 *   kyivTime(Date.parse('2026-12-06T19:03:00Z'))  // '6 грудня 2026 р. о 21:03'
 *   durationUk(3 * 3600_000 + 12 * 60_000)        // '3 год 12 хв'
 */
const TIME = new Intl.DateTimeFormat('uk-UA', { timeZone: 'Europe/Kyiv', dateStyle: 'long', timeStyle: 'short' });

export function kyivTime(ms: number): string {
  return TIME.format(ms);
}

export function durationUk(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  const parts = [d > 0 ? `${d} дн` : '', h > 0 ? `${h} год` : '', m > 0 || (d === 0 && h === 0) ? `${m} хв` : ''].filter(Boolean);
  return parts.join(' ');
}
