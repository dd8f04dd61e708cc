/**
 * Non-distribution windows of a judge's absences (Засади 4.5), computed on
 * the court calendar. Each absence yields one or two windows: the days
 * *before* it (counted in working days) and the days *of* it.
 */
import type { Absence, DocumentRef } from '../../contracts/distribution/inputs.ts';
import type { LeadRule, LeadWindows } from '../../contracts/distribution/zasady.ts';
import { workingDaysBefore, type Calendar } from './calendar.ts';
import { addDays, addMonths, inclusiveLength, type IsoDate } from './dates.ts';
import { DrawInputInvalid } from './errors.ts';
import type { ReasonCode } from './reasons.ts';
import { LUBNY_LEAD_WINDOWS } from './zasady.ts';

export interface Window {
  code: ReasonCode;
  from: IsoDate;
  /** Inclusive; undefined = open-ended. */
  to?: IsoDate;
  /** The absence record; undefined for powers end taken from the Засади roster. */
  absence?: Absence;
  detail: string;
  /** The document behind a window that is not an absence record (an end of powers set by the chief judge's order). */
  basis?: DocumentRef;
  /** The paragraph of the court's Засади behind a lead window (its `leadWindows.rule`), when it is not the reason's default. */
  rule?: string;
}

/** The band of a lead rule for an absence of `lengthDays`: the greatest `fromDays` ≤ length (validated: one starts at 1). */
function bandOf(r: LeadRule, lengthDays: number): { workingDays: number; lowest: boolean } {
  const sorted = [...r.bands].sort((a, b) => a.fromDays - b.fromDays);
  let at = 0;
  sorted.forEach((b, i) => {
    if (b.fromDays <= lengthDays) at = i;
  });
  return { workingDays: sorted[at]!.workingDays, lowest: at === 0 };
}

/** Засади 4.5: working days before a vacation, by its length in calendar days (Lubny: 14+ → 7, 5–13 → 5, under 5 → 1). */
export function vacationLeadDays(lengthDays: number, rules: LeadWindows = LUBNY_LEAD_WINDOWS): number {
  return bandOf(rules.vacation, lengthDays).workingDays;
}

/** Засади 4.5: working days before a trip by its calendar days (Lubny: 1–5 short → 1, longer → 3). */
export function tripLeadDays(lengthDays: number, rules: LeadWindows = LUBNY_LEAD_WINDOWS): number {
  return bandOf(rules.businessTrip, lengthDays).workingDays;
}

function requireEnd(a: Absence): IsoDate {
  if (a.to === undefined) throw new DrawInputInvalid(`${a.kind} from ${a.from} needs an end date (to) — its length decides the rule`);
  if (a.to < a.from) throw new DrawInputInvalid(`${a.kind}: to ${a.to} is before from ${a.from}`);
  return a.to;
}

/**
 * Lubny 4.5 attaches the lead-time rules for vacations, trips and training
 * to "за наявності наказу голови суду": without an order only the absence
 * itself (the judge is physically away) excludes the judge. Whether a
 * court's lead window needs the order is its `requiresOrder`.
 */
function leadApplies(rule: LeadRule, a: Absence): boolean {
  return !rule.requiresOrder || a.basis.kind === 'order';
}

function leadAndDuring(cal: Calendar, a: Absence, rule: LeadRule, rules: LeadWindows, before: ReasonCode, during: ReasonCode, detail: string): Window[] {
  const to = requireEnd(a);
  const lead = bandOf(rule, inclusiveLength(a.from, to)).workingDays;
  const windows: Window[] = [];
  if (lead > 0 && leadApplies(rule, a)) {
    const w: Window = { code: before, from: workingDaysBefore(cal, a.from, lead), to: addDays(a.from, -1), absence: a, detail: `${detail}; ${lead} робоч. дн. до початку` };
    if (rules.rule !== LUBNY_LEAD_WINDOWS.rule) w.rule = `Засади ${rules.rule}`;
    windows.push(w);
  }
  windows.push({ code: during, from: a.from, to, absence: a, detail });
  return windows;
}

function openWindow(code: ReasonCode, a: Absence, detail: string): Window {
  const w: Window = { code, from: a.from, absence: a, detail };
  if (a.to !== undefined) w.to = a.to;
  return w;
}

/**
 * All windows one absence produces, under the court's lead-window rules
 * (its Засади's `leadWindows`; default the Lubny 4.5 values).
 */
export function absenceWindows(cal: Calendar, a: Absence, rules: LeadWindows = LUBNY_LEAD_WINDOWS): Window[] {
  switch (a.kind) {
    case 'vacation': {
      const len = inclusiveLength(a.from, requireEnd(a));
      // "During" is not in 4.5's text (which speaks only of the days before);
      // it follows from 4.10 ¶3 and Положення 2.3.3 — a judge on vacation cannot hear cases.
      return leadAndDuring(cal, a, rules.vacation, rules, 'VACATION_BEFORE', 'VACATION', `${a.from}–${a.to}, ${len} календ. дн.`);
    }
    case 'business-trip': {
      const len = inclusiveLength(a.from, requireEnd(a));
      // 4.5: the lowest band is the "short" trip (Lubny: 1–5 calendar days), the others "long".
      const kind = bandOf(rules.businessTrip, len).lowest ? 'коротке' : 'тривале';
      return leadAndDuring(cal, a, rules.businessTrip, rules, 'TRIP_BEFORE', 'TRIP', `${kind} відрядження ${a.from}–${a.to}, ${len} календ. дн.`);
    }
    case 'training':
      // Засади 4.5: 1 working day before (Lubny); the days of training themselves follow from 4.13 (release from duties).
      return leadAndDuring(cal, a, rules.training, rules, 'TRAINING_BEFORE', 'TRAINING', `${a.from}–${a.to}`);
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
      return powersEndWindows(a.from, a, rules);
  }
}

/**
 * Засади 4.5: no cases "за два місяці до закінчення повноважень" — from the
 * same day-of-month `powersEndMonths` (Lubny: two) calendar months before the
 * first day without powers; 0 = only from that day.
 */
export function powersEndWindows(powersEnd: IsoDate, absence?: Absence, rules: LeadWindows = LUBNY_LEAD_WINDOWS): Window[] {
  const windows: Window[] = [];
  if (rules.powersEndMonths > 0) {
    const soon: Window = { code: 'POWERS_END_SOON', from: addMonths(powersEnd, -rules.powersEndMonths), to: addDays(powersEnd, -1), detail: `повноваження закінчуються ${powersEnd}` };
    if (rules.rule !== LUBNY_LEAD_WINDOWS.rule || rules.powersEndMonths !== LUBNY_LEAD_WINDOWS.powersEndMonths) {
      soon.rule = `Засади ${rules.rule}`;
      soon.detail += ` (${rules.powersEndMonths} міс. до закінчення)`;
    }
    windows.push(soon);
  }
  windows.push({ code: 'POWERS_ENDED', from: powersEnd, detail: `з ${powersEnd}` });
  if (absence) for (const w of windows) w.absence = absence;
  return windows;
}

export function covers(w: { from: IsoDate; to?: IsoDate }, date: IsoDate): boolean {
  return date >= w.from && (w.to === undefined || date <= w.to);
}
