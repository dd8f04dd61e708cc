/** Ukrainian dates and times in Kyiv time for the printed lists ("7 грудня 2026 р.", "09:05"). */
const MONTHS = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
const KYIV_PARTS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `2026-12-07` → `7 грудня 2026 р.` */
export function ukrainianDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y} р.`;
}

/** An instant → `7 грудня 2026 р., 09:05` in Kyiv time. */
export function ukrainianDateTime(instant: string | number): string {
  const parts = Object.fromEntries(KYIV_PARTS.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${ukrainianDate(`${parts.year}-${parts.month}-${parts.day}`)}, ${parts.hour}:${parts.minute}`;
}
