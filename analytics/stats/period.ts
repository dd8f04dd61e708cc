/**
 * Report periods (Засади 16.2: forms and periods are set by ДСА orders):
 * whether a period is a real month / quarter / half-year / year, and how it
 * is said on a printed form ("за І півріччя 2026 року").
 */
import type { FormDefinitionV1 } from '../../contracts/stats/form.ts';
import type { PeriodV1 } from '../../contracts/stats/report.ts';
import { StatsPeriodInvalid } from './errors.ts';

const MONTHS_GEN = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
const MONTHS_NOM = ['січень', 'лютий', 'березень', 'квітень', 'травень', 'червень', 'липень', 'серпень', 'вересень', 'жовтень', 'листопад', 'грудень'];
const ROMAN = ['І', 'ІІ', 'ІІІ', 'IV'];

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The canonical bounds of a calendar period of `kind` that starts on `from`, or null when `from` cannot start one. */
function boundsFrom(kind: PeriodV1['kind'], from: string): string | null {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  if (kind === 'any' || d !== 1) return null;
  const months = { month: 1, quarter: 3, 'half-year': 6, year: 12 }[kind];
  if ((m - 1) % months !== 0) return null;
  const endMonth = m + months - 1;
  return `${y}-${pad(endMonth)}-${pad(lastDay(y, endMonth))}`;
}

/** Refuses a period the form is not made for, or bounds that are not a period of that kind. */
export function checkPeriod(def: FormDefinitionV1, p: PeriodV1): void {
  if (!def.periods.includes(p.kind)) throw new StatsPeriodInvalid(`форма «${def.name}» не складається за період виду «${p.kind}» (допустимі: ${def.periods.join(', ')})`);
  if (p.from > p.to) throw new StatsPeriodInvalid(`початок періоду ${p.from} пізніше за його кінець ${p.to}`);
  if (p.kind !== 'any' && boundsFrom(p.kind, p.from) !== p.to) throw new StatsPeriodInvalid(`${p.from} — ${p.to} не є періодом виду «${p.kind}»`);
}

export function dateUk(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS_GEN[m - 1]} ${y} р.`;
}

/** "за І півріччя 2026 року", "за 2026 рік", "за березень 2026 року", "за період з 1 січня 2026 р. по 15 березня 2026 р.". */
export function periodUk(p: PeriodV1): string {
  const [y, m] = p.from.split('-').map(Number) as [number, number];
  switch (p.kind) {
    case 'year':
      return `за ${y} рік`;
    case 'half-year':
      return `за ${ROMAN[(m - 1) / 6]} півріччя ${y} року`;
    case 'quarter':
      return `за ${ROMAN[(m - 1) / 3]} квартал ${y} року`;
    case 'month':
      return `за ${MONTHS_NOM[m - 1]} ${y} року`;
    default:
      return `за період з ${dateUk(p.from)} по ${dateUk(p.to)}`;
  }
}
