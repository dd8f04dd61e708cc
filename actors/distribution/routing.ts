/**
 * Routing before the draw (Засади 4.11, 4.17, 5.1–5.4). Pure: the caller
 * supplies lookups into its own records (who holds which case, which
 * investigating judge holds which ЄРДР number).
 *
 * Outcomes:
 *  - `draw`: ordinary automated distribution (possibly as the 5.4 fallback);
 *  - `transfer`: to the previously assigned judge / panel — no draw (5.1, 5.3);
 *  - `wait`: the judge is absent and the ground is a 5.4 exception (or 4.11,
 *    which knows no draw) — the case waits for the judge's return;
 *  - `refuse`: the ground needs an earlier judge the court has no record of.
 *
 * Interpretations (see README):
 *  - "Absent" (5.4 «відсутність») is physical absence: vacation, trip,
 *    sickness, training, suspension, appointment to ВККС/ВРП, end of powers,
 *    dismissal. The lead windows *before* an absence only stop new drawn
 *    cases (4.5); they do not block a transfer to a judge who is at work.
 *  - Which grounds wait for an absent judge is data (the court's Засади):
 *    `distributeIfJudgeAbsent: false` on a 4.17 or 5.1–5.2 ground, or
 *    `waitsIfJudgeAbsentWhen` for a ground only part of which is a 5.4
 *    exception (Lubny 5.1.4: only sentence execution in a case this court
 *    decided). Default: drawn (5.4 "підлягають автоматизованому розподілу").
 *  - What each ground follows (an earlier case, the ЄРДР index, the person's
 *    pending case) and whether it is never drawn (4.11: "не підлягає
 *    автоматизованому розподілу … передається судді, яким ухвалено рішення"
 *    — it waits) is the court's data too: the grounds' rules (grounds.ts).
 *  - A waiting item waits for the judge however long the absence: an open
 *    sick leave (no end date) is waited out, listed and handed over when the
 *    judge's return is recorded. Only a judge who "will not be back" — the
 *    Засади's `judgeWillNotReturn` absences (default dismissal, end of
 *    powers) or no longer on the roster in force (transferred) — makes it
 *    drawn (4.14; Положення 2.3.3).
 */
import type { CaseToDistribute, Absence } from '../../contracts/distribution/inputs.ts';
import type { RouteRequest } from '../../contracts/court/distribution.ts';
import { absenceWindows, covers, powersEndWindows } from './absence.ts';
import { workingDayOnOrAfter, type Calendar } from './calendar.ts';
import { addDays, type IsoDate } from './dates.ts';
import { groundFollowing, groundRule, type GroundRule } from './grounds.ts';
import type { ReasonCode } from './reasons.ts';
import type { Zasady } from './zasady.ts';

export interface Composition {
  presiding: string;
  members: readonly string[];
}

export interface RoutingLookups {
  /** The composition that holds an earlier case of this court, if any. */
  byCase(caseId: string): Composition | undefined;
  /** The investigating judge already assigned in a ЄРДР proceeding (5.2). */
  byErdr(erdr: string): string | undefined;
}

export interface RoutingInput {
  zasady: Zasady;
  calendar: Calendar;
  date: IsoDate;
  case: CaseToDistribute;
  route?: RouteRequest | undefined;
  absences: Readonly<Record<string, readonly Absence[]>>;
  lookups: RoutingLookups;
  horizonDays?: number;
}

export interface Ground {
  code: string;
  text: string;
}

export type RouteDecision =
  | { action: 'draw'; rule?: string; note?: string }
  | { action: 'transfer'; ground: Ground; to: Composition; previous: { source: PreviousSource; caseId?: string; erdr?: string } }
  /** until: the judge's first working day back, null when unknown (open-ended absence); recheckOn: when the judge's known departure takes effect. */
  | { action: 'wait'; ground: Ground; rule: string; judgeId: string; until: IsoDate | null; recheckOn?: IsoDate }
  | { action: 'refuse'; code: string; message: string };

/** Reasons meaning the judge is physically away or cannot administer justice (5.4 «відсутність»). */
const ABSENT: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['VACATION', 'TRIP', 'SICK_LEAVE', 'TRAINING', 'SUSPENDED', 'APPOINTED_VKKS_VRP', 'DISMISSED', 'POWERS_ENDED']);

/** How the earlier judge was found: the named earlier case, the ЄРДР index (5.2), the person's pending case (5.1.11). */
export type PreviousSource = 'related-case' | 'erdr' | 'person' | 'named-judge';

/** Is the judge physically absent on `date`? Unknown to the Засади in force (left the court) counts as absent. */
export function judgeAbsentOn(zasady: Zasady, calendar: Calendar, absences: RoutingInput['absences'], judgeId: string, date: IsoDate): boolean {
  const judge = zasady.judges.get(judgeId);
  if (!judge) return true;
  if (date < judge.appointedOn) return true;
  // the court's own lead windows (Засади 4.5 as data); only the days of absence count here, not the windows before
  const rules = zasady.leadWindows;
  const windows = [...(judge.powersEnd ? powersEndWindows(judge.powersEnd, undefined, rules) : []), ...(absences[judgeId] ?? []).flatMap((a) => absenceWindows(calendar, a, rules))];
  return windows.some((w) => ABSENT.has(w.code) && covers(w, date));
}

/** Absence kinds after which a judge "will not be back" when the Засади say nothing (5.4, 4.14). */
export const DEFAULT_WILL_NOT_RETURN: readonly NonNullable<Zasady['config']['judgeWillNotReturn']>[number][] = ['dismissal', 'powers-end'];

/**
 * The day from which the judge will not be back (5.4, 4.14), or undefined: not on the roster in force
 * (transferred, or not yet appointed — then `date`), the roster's end of powers, or a recorded absence of a
 * `judgeWillNotReturn` kind. The date may lie ahead of `date` (a dismissal from next month).
 */
export function judgeGoneFrom(input: Pick<RoutingInput, 'zasady' | 'absences' | 'date'>, judgeId: string): IsoDate | undefined {
  const judge = input.zasady.judges.get(judgeId);
  if (!judge) return input.date;
  const kinds = new Set<string>(input.zasady.config.judgeWillNotReturn ?? DEFAULT_WILL_NOT_RETURN);
  const dates = (input.absences[judgeId] ?? []).filter((a) => kinds.has(a.kind)).map((a) => a.from);
  if (judge.powersEnd && kinds.has('powers-end')) dates.push(judge.powersEnd);
  return dates.sort()[0];
}

/** First working day on or after `date` the judge is back, or null if not within the horizon. */
export function judgeReturnsOn(input: RoutingInput, judgeId: string): IsoDate | null {
  const horizon = input.horizonDays ?? 366;
  for (let i = 1; i <= horizon; i++) {
    const d = addDays(input.date, i);
    if (!judgeAbsentOn(input.zasady, input.calendar, input.absences, judgeId, d)) {
      const w = workingDayOnOrAfter(input.calendar, d);
      // The working day may itself fall in a new absence; keep looking from there.
      if (!judgeAbsentOn(input.zasady, input.calendar, input.absences, judgeId, w)) return w;
    }
  }
  return null;
}

/** Does this ground, with the judge absent, wait for the judge (true) or go to a draw (false)? The court's Засади say (5.4). */
function waitsForJudge(g: GroundRule, route: RouteRequest): boolean {
  // 4.11: a split case is not subject to distribution at all — only the judge who split it.
  if (g.neverDrawn) return true;
  // 5.4: a ground only part of which is an exception (Lubny 5.1.4 → sentence execution) names the qualifier.
  if (g.waitsIfJudgeAbsentWhen?.some((q) => route[q] === true)) return true;
  // 5.4: default is a draw; `distributeIfJudgeAbsent: false` names the exceptions.
  return g.distributeIfJudgeAbsent === false;
}

/** Find the earlier composition: the related case record, then the ЄРДР index (5.2). */
function previous(input: RoutingInput, route: RouteRequest, g: GroundRule): { to: Composition; source: PreviousSource; caseId?: string; erdr?: string } | undefined {
  if (route.relatedCaseId) {
    const c = input.lookups.byCase(route.relatedCaseId);
    // 5.1.11: the node found the person's pending case in its index; the protocol says so.
    if (c) return { to: c, source: g.follows === 'person' ? 'person' : 'related-case', caseId: route.relatedCaseId };
  }
  if (route.erdr) {
    const j = input.lookups.byErdr(route.erdr);
    if (j) return { to: { presiding: j, members: [] }, source: 'erdr', erdr: route.erdr };
  }
  // No "named judge" path: a judge other than a drawn one comes only from the court's records (links.ts).
  return undefined;
}

export function routeCase(input: RoutingInput): RouteDecision {
  const route = input.route ?? {};
  const category = input.case.category;
  let code = route.ground as string | undefined;
  // 5.2: a further request in a ЄРДР proceeding already before an investigating judge goes to that judge, ground or not.
  if (code === undefined && route.erdr && input.lookups.byErdr(route.erdr)) code = groundFollowing(input.zasady, 'erdr', category)?.code;
  if (code === undefined) return { action: 'draw' };

  const rule = groundRule(input.zasady, code);
  if (!rule) return { action: 'refuse', code: 'UNKNOWN_GROUND', message: `Засади ${input.zasady.versionId} do not list ground ${code}` };
  const ground: Ground = { code: rule.code, text: rule.text };
  const prev = previous(input, route, rule);
  if (!prev) {
    // 5.2: the first request in a ЄРДР proceeding is drawn; later ones follow its judge.
    if (rule.follows === 'erdr') return { action: 'draw', rule: code, note: `перше клопотання у кримінальному провадженні ${route.erdr ?? ''}`.trim() };
    return { action: 'refuse', code: 'NO_PREVIOUS_JUDGE', message: `ground ${code} needs the earlier judge: give relatedCaseId of a case distributed in this court` };
  }
  const prevRef: { source: typeof prev.source; caseId?: string; erdr?: string } = { source: prev.source };
  if (prev.caseId !== undefined) prevRef.caseId = prev.caseId;
  if (prev.erdr !== undefined) prevRef.erdr = prev.erdr;

  // 5.4 speaks of the absence of the presiding judge: that is who decides transfer vs draw.
  const judgeId = prev.to.presiding;
  if (!judgeAbsentOn(input.zasady, input.calendar, input.absences, judgeId, input.date)) {
    return { action: 'transfer', ground, to: prev.to, previous: prevRef };
  }
  const gone = judgeGoneFrom(input, judgeId);
  if (gone !== undefined && gone <= input.date) {
    // 4.14: the judge will not be back (dismissed, powers ended, transferred) — the case is drawn.
    return { action: 'draw', rule: '4.14', note: `суддя ${judgeId}, раніше визначений у справі (підстава ${code}), не може її прийняти — автоматизований розподіл` };
  }
  if (waitsForJudge(rule, route)) {
    // 5.4 exceptions wait for the judge — also through an absence with no known end (an open sick leave).
    const until = judgeReturnsOn(input, judgeId);
    const wait: RouteDecision = { action: 'wait', ground, rule: rule.neverDrawn ? code : '5.4', judgeId, until };
    // A departure already known (dismissal or end of powers ahead): looked at again that day — then drawn (4.14).
    if (gone !== undefined && (until === null || gone <= until)) return { ...wait, until: null, recheckOn: gone };
    return wait;
  }
  return { action: 'draw', rule: '5.4', note: `раніше визначений суддя ${judgeId} відсутній (підстава ${code}) — автоматизований розподіл за 5.4` };
}
