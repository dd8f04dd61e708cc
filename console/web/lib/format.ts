/**
 * Ukrainian dates and numbers for people: 07.12.2026, «7 грудня 2026 р.», 07.12.2026 09:10 (Kyiv time).
 *
 *   dateUk('2026-12-07') // '07.12.2026'
 */
const MONTHS = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
const ZONE = 'Europe/Kyiv';

/** 'YYYY-MM-DD' (or an instant) → 'ДД.ММ.РРРР'. */
export function dateUk(d: string | null | undefined): string {
  if (!d) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (m) return `${m[3]}.${m[2]}.${m[1]}`;
  const t = new Date(d);
  if (Number.isNaN(t.getTime())) return d;
  return t.toLocaleDateString('uk-UA', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** 'YYYY-MM-DD' → '7 грудня 2026 р.' */
export function longDateUk(d: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return dateUk(d);
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]} р.`;
}

/** An instant (ISO or epoch ms) → 'ДД.ММ.РРРР ГГ:ХХ' in Kyiv time. */
export function dateTimeUk(t: string | number | null | undefined): string {
  if (t === null || t === undefined || t === '') return '';
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  const date = d.toLocaleDateString('uk-UA', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
  const time = d.toLocaleTimeString('uk-UA', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' });
  return `${date} ${time}`;
}

/** Today in Kyiv as 'YYYY-MM-DD' (what the court's registers call "today"). */
export function todayKyiv(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: ZONE });
}

/** 1234567 → '1 234 567'; 0.756 with digits=1 → '0,8'. */
export function numberUk(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return n.toLocaleString('uk-UA', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The Ukrainian plural form for n: one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…). */
export function pluralUk(n: number, one: string, few: string, many: string): string {
  const d = n % 10;
  const dd = n % 100;
  if (d === 1 && dd !== 11) return one;
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return few;
  return many;
}

/** A duration in ms for people: 'менше хвилини', '45 хв', '3 год 5 хв', '2 доби 3 год', '5 діб 0 год'. */
export function durationUk(ms: number): string {
  if (ms < 60_000) return 'менше хвилини';
  const min = Math.floor(ms / 60_000);
  if (min < 60) return `${min} хв`;
  const hours = Math.floor(min / 60);
  if (hours < 48) return `${hours} год ${min % 60} хв`;
  const days = Math.floor(hours / 24);
  return `${days} ${pluralUk(days, 'доба', 'доби', 'діб')} ${hours % 24} год`;
}
