/**
 * A clean court workload over a span of days, written as the court's
 * replicated journal (journal.ts): the Засади, judges' absences as courts
 * record them (vacations ordered a month ahead, business trips a week ahead,
 * sick leave on its first morning, some cut short), registrations of the
 * usual category mix with realistic parties and essence, a random draw for
 * each, and the few non-random transfers a court makes (5.1.1 returns after
 * appeal, 4.17.2 counterclaims). A `Planter` (manipulate.ts) hooks in to
 * plant one manipulation at a chosen time.
 *
 *   const { journal } = courtWorkload({ court: '537', seed: 1, from: '2025-06-01', days: 30, casesPerDay: 10 });
 */
import type { Absence } from '../../../contracts/distribution/inputs.ts';
import { isWorkingDay } from '../../distribution/calendar.ts';
import { addDays } from '../../distribution/dates.ts';
import { localTimeToEpoch } from '../distribution/time.ts';
import { CourtJournal, type DrawHooks, type DrawOutcome, type RegisteredCase } from './journal.ts';
import { MIX } from './index.ts';

/** Clean rates (per judge and day unless said otherwise); documented defaults of the synthetic court. */
export const CLEAN_RATES = {
  vacationStart: 1 / 180,
  tripStart: 1 / 40,
  sickStart: 1 / 200,
  /** Share of sick leaves that end early (an `absence-shortened` on the return day). */
  sickShortened: 0.2,
  /** Per registration: a return after annulment (5.1.1) and a counterclaim (4.17.2). */
  appeal: 0.01,
  counterclaim: 0.005,
};

const SURNAMES = ['Іваненко', 'Петренко', 'Коваленко', 'Бондар', 'Шевченко', 'Мельник', 'Ткаченко', 'Кравченко', 'Олійник', 'Лисенко', 'Савченко', 'Руденко', 'Марченко', 'Мороз', 'Павленко', 'Кузьменко', 'Гончаренко', 'Тимошенко', 'Литвиненко', 'Захарченко', 'Поліщук', 'Ковальчук', 'Гаврилюк', 'Юрченко', 'Мартинюк', 'Білик', 'Семенко', 'Дячук', 'Пономаренко', 'Яковенко'];
const NAMES = ['Олександр', 'Іван', 'Марія', 'Олена', 'Петро', 'Наталія', 'Андрій', 'Тетяна', 'Сергій', 'Оксана', 'Василь', 'Ірина', 'Микола', 'Світлана', 'Дмитро', 'Юлія'];
const PATRONYMICS = ['Олександрович', 'Іванович', 'Петрівна', 'Миколаївна', 'Сергійович', 'Василівна', 'Андрійович', 'Дмитрівна', 'Степанович', 'Григорівна'];
const ORGS = ['ТОВ «Агроінвест»', 'АТ «Ощадбанк»', 'ПАТ «Полтаваобленерго»', 'КП «Лубни-водоканал»', 'ТОВ «Кредит-Сервіс»', 'Лубенська міська рада', 'ГУ ПФУ в Полтавській області', 'ТОВ «Фінансова компанія «Доміно»'];
const ESSENCE: Record<string, string[]> = {
  'civil-claim': ['про стягнення заборгованості за договором позики', 'про відшкодування шкоди, завданої ДТП', 'про розірвання шлюбу', 'про стягнення аліментів', 'про визнання права власності на земельну ділянку'],
  'civil-writ': ['про видачу судового наказу щодо стягнення заборгованості за комунальні послуги', 'про видачу судового наказу щодо стягнення заборгованості за кредитом'],
  'civil-special': ['про встановлення факту проживання однією сім’єю', 'про визнання особи безвісно відсутньою', 'про встановлення факту родинних відносин'],
  'admin-offence': ['про притягнення до адміністративної відповідальності за ст. 130 КУпАП', 'про притягнення до адміністративної відповідальності за ст. 173 КУпАП', 'за ст. 124 КУпАП (ДТП)'],
  administrative: ['про визнання протиправним та скасування рішення', 'про зобов’язання вчинити дії щодо перерахунку пенсії'],
  criminal: ['обвинувальний акт за ч. 1 ст. 185 КК України', 'обвинувальний акт за ч. 2 ст. 125 КК України', 'обвинувальний акт за ч. 1 ст. 309 КК України'],
  'criminal-panel': ['обвинувальний акт за ч. 1 ст. 115 КК України (колегія)'],
  'investigator-request': ['клопотання слідчого про надання тимчасового доступу до речей і документів', 'клопотання про арешт майна', 'скарга на бездіяльність слідчого'],
  'enforcement-control': ['скарга на дії державного виконавця'],
  other: ['заява про перегляд заочного рішення (інші матеріали)', 'матеріали про виправлення описки'],
};

export interface DayContext {
  journal: CourtJournal;
  date: string;
  /** Day number within the span (0 = `from`). */
  day: number;
  /** Epoch ms of `hour`:`minute` court-local on this date. */
  at(hour: number, minute?: number): number;
  /** Run after the day's clean work (the journal's time only grows). */
  afterDay(fn: () => void): void;
}

/** What a planted manipulation hooks into (manipulate.ts). */
export interface Planter {
  /** Runs on every working day before the clean registrations (may register, draw, record absences itself). */
  onDay?(ctx: DayContext): void;
  /** Extra inputs of a clean draw on `date` (a tampered ledger, a re-roll). */
  drawHooks?(date: string, c: RegisteredCase): DrawHooks | undefined;
}

export interface WorkloadOptions {
  court: string;
  seed: number;
  /** First simulated day (the Засади example takes effect 2025-04-01). */
  from: string;
  days: number;
  casesPerDay: number;
  planter?: Planter;
  /** Reuse a journal (its Засади already loaded). */
  journal?: CourtJournal;
}

export interface Parties {
  parties: Array<{ role: string; name: string }>;
  description: string;
  docKind: string;
}

/** Parties and essence of a new filing: a person or company against another, the claim with its own details. */
export function filing(r: () => number, category: string): Parties {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const person = () => `${pick(SURNAMES)} ${pick(NAMES)} ${pick(PATRONYMICS)}`;
  const doc = MIX.find((m) => m[0] === category)?.[2] ?? 'заява';
  const essence = pick(ESSENCE[category] ?? ['заява']);
  const detail = `(вх. ${1 + Math.floor(r() * 99_999)}, сума ${1000 + Math.floor(r() * 500_000)} грн)`;
  const claimant = r() < 0.25 ? pick(ORGS) : person();
  let other = category === 'admin-offence' ? 'ГУНП в Полтавській області' : r() < 0.5 ? pick(ORGS) : person();
  while (other === claimant) other = person();
  return { parties: [{ role: 'позивач', name: claimant }, { role: 'відповідач', name: other }], description: `${essence} ${detail}`, docKind: doc };
}

export function pickCategory(r: () => number): string {
  const total = MIX.reduce((s, m) => s + m[1], 0);
  let x = r() * total;
  return (MIX.find((c) => (x -= c[1]) < 0) ?? MIX[0]!)[0];
}

/** Generate the span; returns the journal (rows = what the centre would hold). */
export function courtWorkload(o: WorkloadOptions): { journal: CourtJournal } {
  const j = o.journal ?? new CourtJournal(o.court, { seed: o.seed });
  const r = j.random;
  if (!o.journal) j.loadZasady(j.baseZasady, localTimeToEpoch(addDays(j.baseZasady.version.effectiveFrom, -1), 10, j.timeZone));
  const judges = j.baseZasady.judges.map((x) => x.id);
  const scheduled = new Map<string, Array<() => void>>();
  const later = (date: string, fn: () => void) => scheduled.set(date, [...(scheduled.get(date) ?? []), fn]);
  const drawn: Array<{ c: RegisteredCase; out: DrawOutcome }> = [];
  let order = 0;
  const basis = (date: string) => ({ kind: 'order' as const, number: `${++order}-в`, date });

  for (let day = 0; day < o.days; day++) {
    const date = addDays(o.from, day);
    const at = (hour: number, minute = 0) => localTimeToEpoch(date, hour, j.timeZone) + minute * 60_000;
    for (const fn of scheduled.get(date) ?? []) fn();
    scheduled.delete(date);
    if (!isWorkingDay(j.calendar, date)) continue;
    absences(j, r, judges, date, at, basis, later);
    const evening: Array<() => void> = [];
    o.planter?.onDay?.({ journal: j, date, day, at, afterDay: (fn) => evening.push(fn) });
    const count = Math.max(1, Math.round(o.casesPerDay * (0.8 + 0.4 * r())));
    const times = Array.from({ length: count }, () => at(9) + Math.floor(r() * 8 * 3_600_000)).sort((a, b) => a - b);
    for (const ts of times) {
      const x = r();
      const civil = drawn.filter((d) => d.c.category === 'civil-claim');
      if (x < CLEAN_RATES.appeal && drawn.length > 20) {
        const prev = drawn[Math.floor(r() * drawn.length)]!;
        const c = j.register({ category: prev.c.category, parties: prev.c.parties.map((name, i) => ({ role: i === 0 ? 'позивач' : 'відповідач', name })), description: 'справа надійшла з апеляційної інстанції після скасування рішення', docKind: 'справа після скасування рішення', ts, existingUeun: prev.c.ueun });
        j.transfer(c, '5.1.1', prev.out.presiding, prev.c.proceedingNumber, ts);
      } else if (x < CLEAN_RATES.appeal + CLEAN_RATES.counterclaim && civil.length > 5) {
        const prev = civil[Math.floor(r() * civil.length)]!;
        const c = j.register({ category: 'civil-claim', parties: [...prev.c.parties].reverse().map((name, i) => ({ role: i === 0 ? 'позивач' : 'відповідач', name })), description: `зустрічний позов у справі ${prev.c.proceedingNumber}`, docKind: 'зустрічна позовна заява', ts });
        j.transfer(c, '4.17.2', prev.out.presiding, prev.c.proceedingNumber, ts);
      } else {
        const category = pickCategory(r);
        const c = j.register({ category, ...filing(r, category), ts });
        const out = j.draw(c, ts, o.planter?.drawHooks?.(date, c));
        if (out) drawn.push({ c, out });
      }
    }
    for (const fn of evening) fn();
  }
  return { journal: j };
}

/** The day's new absence orders (Засади 4.5 lead times make courts record vacations and trips ahead). */
function absences(
  j: CourtJournal,
  r: () => number,
  judges: string[],
  date: string,
  at: (h: number, m?: number) => number,
  basis: (date: string) => Absence['basis'],
  later: (date: string, fn: () => void) => void,
): void {
  // sick leave is reported first thing in the morning, orders a little later: the journal's time only grows
  judges.forEach((judge, i) => {
    if (r() < CLEAN_RATES.sickStart && !(j.state.absences[judge] ?? []).some((a) => a.kind === 'sick-leave' && (a.to ?? '9999') >= date)) {
      const a: Absence = { kind: 'sick-leave', from: date, to: addDays(date, 4 + Math.floor(r() * 8)), basis: { kind: 'sick-note', number: `л-${judge}-${date}`, date } };
      j.recordAbsence(judge, a, at(7, 30 + i));
      if (r() < CLEAN_RATES.sickShortened) {
        const back = addDays(date, 2 + Math.floor(r() * 2));
        later(back, () => j.shortenAbsence(judge, a, addDays(back, -1), localTimeToEpoch(back, 7, j.timeZone)));
      }
    }
  });
  judges.forEach((judge, i) => {
    if (r() < CLEAN_RATES.vacationStart) {
      const from = addDays(date, 25 + Math.floor(r() * 15));
      j.recordAbsence(judge, { kind: 'vacation', from, to: addDays(from, 13 + Math.floor(r() * 10)), basis: basis(date) }, at(7, 40 + i));
    }
  });
  judges.forEach((judge, i) => {
    if (r() < CLEAN_RATES.tripStart) {
      const from = addDays(date, 6 + Math.floor(r() * 6));
      j.recordAbsence(judge, { kind: 'business-trip', from, to: addDays(from, Math.floor(r() * 4)), basis: basis(date) }, at(7, 50 + i));
    }
  });
}
