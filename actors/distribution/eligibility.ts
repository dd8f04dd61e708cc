/**
 * Is a judge eligible for a case at the moment of a draw? (Засади 4.5–4.8,
 * 9; distribution-spec §2). Pure: all facts come in as arguments, and
 * every "no" carries its reasons (code + Ukrainian text + the order).
 */
import type { Absence, CaseToDistribute, DutyEntry } from '../../contracts/distribution/inputs.ts';
import type { JudgeConfig } from '../../contracts/distribution/zasady.ts';
import { absenceWindows, covers, powersEndWindows, type Window } from './absence.ts';
import { isWorkingDay, type Calendar } from './calendar.ts';
import type { IsoDate } from './dates.ts';
import { DrawInputInvalid } from './errors.ts';
import { reason, type Reason } from './reasons.ts';
import type { Zasady } from './zasady.ts';

export interface EligibilityContext {
  zasady: Zasady;
  calendar: Calendar;
  /** Court-local date of the draw. */
  date: IsoDate;
  case: CaseToDistribute;
  /** judge id → absences (orders, memos). Missing = none. */
  absences: Readonly<Record<string, readonly Absence[]>>;
  /** Duty schedule for days off (4.6). */
  duty?: readonly DutyEntry[];
}

export type Eligibility = { eligible: true } | { eligible: false; reasons: Reason[] };

export interface Excluded {
  judgeId: string;
  reasons: Reason[];
}

export interface Assessment {
  /** Eligible judge ids, sorted by stable id. */
  eligible: string[];
  /** Every ineligible judge with all reasons, sorted by id. */
  excluded: Excluded[];
}

/** Stable id order: UTF-16 code-unit comparison, locale-independent (spec §4). */
export function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The judge's non-distribution windows under THIS court's 4.5 (its Засади's lead windows, not a constant). */
function windowsOf(ctx: EligibilityContext, judge: JudgeConfig): Window[] {
  const rules = ctx.zasady.leadWindows;
  const windows: Window[] = [];
  if (judge.powersEnd !== undefined) {
    // An end of powers set by the chief judge's order (roster.ts) rests on that order, not on the Засади decision.
    const order = ctx.zasady.powersEndOrders?.get(judge.id);
    windows.push(...powersEndWindows(judge.powersEnd, undefined, rules).map((w) => (order ? { ...w, basis: order } : w)));
  }
  for (const a of ctx.absences[judge.id] ?? []) windows.push(...absenceWindows(ctx.calendar, a, rules));
  return windows;
}

function absenceReasons(ctx: EligibilityContext, judge: JudgeConfig): Reason[] {
  if (ctx.date < judge.appointedOn) return [reason('NOT_YET_APPOINTED', { detail: `з ${judge.appointedOn}` })];
  return windowsOf(ctx, judge)
    .filter((w) => covers(w, ctx.date))
    .map((w) => {
      const window = w.to === undefined ? { from: w.from } : { from: w.from, to: w.to };
      const basis = w.absence?.basis ?? w.basis;
      const r = basis ? reason(w.code, { detail: w.detail, basis, window }) : reason(w.code, { detail: w.detail, window });
      // The protocol cites this court's paragraph: another court's 4.5 (the list of non-distribution situations) may be its 3.6.
      if (w.rule) return { ...r, rule: w.rule };
      const own = ctx.zasady.leadWindows.rule;
      return own === '4.5' ? r : { ...r, rule: r.rule.replace('Засади 4.5', `Засади ${own}`) };
    });
}

function specialisationReasons(ctx: EligibilityContext, judge: JudgeConfig): Reason[] {
  const allowed = ctx.zasady.specialisationsFor.get(ctx.case.category) ?? [];
  // Засади 4.8, 9.1: specialisation (incl. juvenile criminal) decides who may hear the category.
  if (allowed.some((s) => judge.specialisations.includes(s))) return [];
  return [reason('NO_SPECIALISATION', { detail: `потрібна одна з: ${allowed.join(', ')}` })];
}

function caseReasons(ctx: EligibilityContext, judge: JudgeConfig): Reason[] {
  const out: Reason[] = [];
  // Засади 4.12: in a repeated distribution the replaced judge takes no part.
  if (ctx.case.replacingJudgeId === judge.id) {
    out.push(ctx.case.repeatedBasis ? reason('BEING_REPLACED', { basis: ctx.case.repeatedBasis }) : reason('BEING_REPLACED'));
  }
  for (const x of ctx.case.exclusions.filter((e) => e.judgeId === judge.id)) {
    out.push(x.basis ? reason('EXCLUDED_FOR_CASE', { detail: x.text, basis: x.basis }) : reason('EXCLUDED_FOR_CASE', { detail: x.text }));
  }
  return out;
}

function dutyReasons(ctx: EligibilityContext, judge: JudgeConfig): Reason[] {
  const category = ctx.zasady.categories.get(ctx.case.category);
  // Засади 4.6: on days off investigators' requests go only to the investigating judge on duty.
  if (!category?.dutyOnDaysOff || isWorkingDay(ctx.calendar, ctx.date)) return [];
  const entry = (ctx.duty ?? []).find((d) => d.date === ctx.date);
  if (entry?.judgeIds.includes(judge.id)) return [];
  return [entry ? reason('NOT_ON_DUTY', { basis: entry.basis }) : reason('NOT_ON_DUTY', { detail: `графік чергувань на ${ctx.date} відсутній` })];
}

/** Eligibility of one judge; every applicable reason is listed, not just the first. */
export function judgeEligibility(ctx: EligibilityContext, judgeId: string): Eligibility {
  const judge = ctx.zasady.judges.get(judgeId);
  if (!judge) throw new DrawInputInvalid(`unknown judge ${judgeId}`);
  if (!ctx.zasady.categories.has(ctx.case.category)) throw new DrawInputInvalid(`unknown category ${ctx.case.category}`);
  const reasons = [...absenceReasons(ctx, judge), ...specialisationReasons(ctx, judge), ...caseReasons(ctx, judge), ...dutyReasons(ctx, judge)];
  return reasons.length === 0 ? { eligible: true } : { eligible: false, reasons };
}

/** Assess every judge of the roster. */
export function assessJudges(ctx: EligibilityContext): Assessment {
  const eligible: string[] = [];
  const excluded: Excluded[] = [];
  for (const id of [...ctx.zasady.judges.keys()].sort(byId)) {
    const e = judgeEligibility(ctx, id);
    if (e.eligible) eligible.push(id);
    else excluded.push({ judgeId: id, reasons: e.reasons });
  }
  return { eligible, excluded };
}
