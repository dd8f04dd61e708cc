/**
 * Non-distribution windows of a judge's absences (Засади 4.5), computed on
 * the court calendar. Each absence yields one or two windows: the days
 * *before* it (counted in working days) and the days *of* it.
 */
import type { Absence } from '../../contracts/distribution/inputs.ts';
import { workingDaysBefore, type Calendar } from './calendar.ts';
import { addDays, addMonths, inclusiveLength, type IsoDate } from './dates.ts';
import { DrawInputInvalid } from './errors.ts';
import type { ReasonCode } from './reasons.ts';

export interface Window {
  code: ReasonCode;
  from: IsoDate;
  /** Inclusive; undefined = open-ended. */
  to?: IsoDate;
  /** The absence record; undefined for powers end taken from the Засади roster. */
  absence?: Absence;
  detail: string;
}

/** Засади 4.5: working days before a vacation, by its length in calendar days. */
export function vacationLeadDays(lengthDays: number): number {
  if (lengthDays >= 14) return 7; // Засади 4.5: 7 working days before a vacation of 14+ days
  if (lengthDays >= 5) return 5; // Засади 4.5: 5 working days before a vacation of 5–13 days
  return 1; // Засади 4.5: 1 working day before a vacation shorter than 5 days
}

/** Засади 4.5: trips of 1–5 calendar days are short (1 working day before), longer ones long (3). */
export function tripLeadDays(lengthDays: number): number {
  return lengthDays > 5 ? 3 : 1;
}

function requireEnd(a: Absence): IsoDate {
  if (a.to === undefined) throw new DrawInputInvalid(`${a.kind} from ${a.from} needs an end date (to) — its length decides the rule`);
  if (a.to < a.from) throw new DrawInputInvalid(`${a.kind}: to ${a.to} is before from ${a.from}`);
  return a.to;
}

/**
 * Засади 4.5 attaches the lead-time rules for vacations, trips and training
 * to "за наявності наказу голови суду": without an order only the absence
 * itself (the judge is physically away) excludes the judge.
 */
function hasChiefOrder(a: Absence): boolean {
  return a.basis.kind === 'order';
}

function leadAndDuring(cal: Calendar, a: Absence, lead: number, before: ReasonCode, during: ReasonCode, detail: string): Window[] {
  const to = requireEnd(a);
  const windows: Window[] = [];
  if (hasChiefOrder(a)) {
    windows.push({ code: before, from: workingDaysBefore(cal, a.from, lead), to: addDays(a.from, -1), absence: a, detail: `${detail}; ${lead} робоч. дн. до початку` });
  }
  windows.push({ code: during, from: a.from, to, absence: a, detail });
  return windows;
}

function openWindow(code: ReasonCode, a: Absence, detail: string): Window {
  const w: Window = { code, from: a.from, absence: a, detail };
  if (a.to !== undefined) w.to = a.to;
  return w;
}

/** All windows one absence produces. */
export function absenceWindows(cal: Calendar, a: Absence): Window[] {
  switch (a.kind) {
    case 'vacation': {
      const len = inclusiveLength(a.from, requireEnd(a));
      // "During" is not in 4.5's text (which speaks only of the days before);
      // it follows from 4.10 ¶3 and Положення 2.3.3 — a judge on vacation cannot hear cases.
      return leadAndDuring(cal, a, vacationLeadDays(len), 'VACATION_BEFORE', 'VACATION', `${a.from}–${a.to}, ${len} календ. дн.`);
    }
    case 'business-trip': {
      const len = inclusiveLength(a.from, requireEnd(a));
      const kind = len > 5 ? 'тривале' : 'коротке';
      return leadAndDuring(cal, a, tripLeadDays(len), 'TRIP_BEFORE', 'TRIP', `${kind} відрядження ${a.from}–${a.to}, ${len} календ. дн.`);
    }
    case 'training':
      // Засади 4.5: 1 working day before; the days of training themselves follow from 4.13 (release from duties).
      return leadAndDuring(cal, a, 1, 'TRAINING_BEFORE', 'TRAINING', `${a.from}–${a.to}`);
    case 'sick-leave':
      return [openWindow('SICK_LEAVE', a, a.to ? `${a.from}–${a.to}` : `з ${a.from}`)];
    case 'appointment-vkks-vrp':
      // Засади 4.5: from the moment of the decision, with no end.
      return [{ code: 'APPOINTED_VKKS_VRP', from: a.from, absence: a, detail: `рішення від ${a.from}` }];
    case 'suspension':
      return [openWindow('SUSPENDED', a, a.to ? `${a.from}–${a.to}` : `з ${a.from}`)];
    case 'dismissal':
      return [{ code: 'DISMISSED', from: a.from, absence: a, detail: `з ${a.from}` }];
    case 'powers-end':
      return powersEndWindows(a.from, a);
  }
}

/**
 * Засади 4.5: no cases "за два місяці до закінчення повноважень" — from the
 * same day-of-month two calendar months before the first day without powers.
 */
export function powersEndWindows(powersEnd: IsoDate, absence?: Absence): Window[] {
  const soon = addMonths(powersEnd, -2);
  const windows: Window[] = [
    { code: 'POWERS_END_SOON', from: soon, to: addDays(powersEnd, -1), detail: `повноваження закінчуються ${powersEnd}` },
    { code: 'POWERS_ENDED', from: powersEnd, detail: `з ${powersEnd}` },
  ];
  if (absence) for (const w of windows) w.absence = absence;
  return windows;
}

export function covers(w: { from: IsoDate; to?: IsoDate }, date: IsoDate): boolean {
  return date >= w.from && (w.to === undefined || date <= w.to);
}
