/**
 * Load coefficient (distribution-spec §3; Засади 4.8, 6.4–6.6), kept
 * incrementally: `applyLoadEvent(ledger, event) → ledger` is pure, and a
 * query costs O(judges) — history is never rescanned.
 *
 * Per judge the ledger keeps running totals and per-month buckets; the
 * buckets exist only so a window roll-over can subtract what falls out of
 * the window (O(months), never O(cases)). Everything is plain JSON so the
 * runtime can snapshot it.
 *
 *   L_j  = Σ k_category × k_form over cases assigned in the window
 *   L′_j = L_j × D_window / max(1, D_available)   (if the Засади count non-distribution days, 6.6)
 *   N_j  = L′_j / (1 − r_j)                        (6.5, r_j ≤ 0.6)
 *
 * D_window and D_available are calendar days (both, so the ratio is
 * unit-free): D_window runs from the later of the window start and the
 * judge's appointment to the query date, inclusive.
 */
import type { AccountingWindow, ParticipationForm } from '../../contracts/distribution/zasady.ts';
import { addDays, addMonths, daysBetween, firstOfMonth, maxDate, minDate, monthKey, type IsoDate } from './dates.ts';
import { DrawInputInvalid } from './errors.ts';
import type { Zasady } from './zasady.ts';

export interface MonthBucket {
  load: number;
  unavailable: number;
}

export interface JudgeLedger {
  /** First day the judge counts (appointment to this court). */
  since: IsoDate;
  L: number;
  unavailable: number;
  months: Record<string, MonthBucket>;
}

export interface LoadLedger {
  window: AccountingWindow;
  /** Start of the current accounting window; null for since-appointment (per judge). */
  windowStart: IsoDate | null;
  judges: Record<string, JudgeLedger>;
}

export type LoadEvent =
  | { type: 'judge-joined'; judgeId: string; since: IsoDate }
  | {
      type: 'case-assigned';
      judgeId: string;
      caseId: string;
      category: string;
      form: ParticipationForm;
      date: IsoDate;
      /** Coefficients resolved when the event was made, so replay does not depend on later Засади. */
      kCategory: number;
      kForm: number;
    }
  | { type: 'judge-unavailable'; judgeId: string; from: IsoDate; days: number }
  | { type: 'window-rolled'; asOf: IsoDate };

export interface JudgeLoad {
  judgeId: string;
  L: number;
  Lp: number;
  r: number;
  N: number;
  dWindow: number;
  dAvailable: number;
}

/** Start of the accounting window that contains `asOf`. */
export function windowStartFor(window: AccountingWindow, asOf: IsoDate): IsoDate | null {
  switch (window.kind) {
    case 'since-appointment':
      return null;
    case 'calendar-year':
      return `${asOf.slice(0, 4)}-01-01`;
    case 'rolling-months':
      // Month-granular: the current month and the N−1 before it.
      return firstOfMonth(addMonths(asOf, -(window.months - 1)));
  }
}

export function emptyLedger(window: AccountingWindow, asOf: IsoDate): LoadLedger {
  return { window, windowStart: windowStartFor(window, asOf), judges: {} };
}

/** A ledger with every judge of a Засади version joined at appointment. */
export function ledgerForZasady(zasady: Zasady, asOf: IsoDate): LoadLedger {
  let ledger = emptyLedger(zasady.config.load.window, asOf);
  for (const j of zasady.config.judges) ledger = applyLoadEvent(ledger, { type: 'judge-joined', judgeId: j.id, since: j.appointedOn });
  return ledger;
}

/** Build a case-assigned event with the coefficients of the Засади in force (6.4). */
export function assignedEvent(zasady: Zasady, e: { judgeId: string; caseId: string; category: string; form: ParticipationForm; date: IsoDate }): LoadEvent {
  const category = zasady.categories.get(e.category);
  if (!category) throw new DrawInputInvalid(`unknown category ${e.category}`);
  return { type: 'case-assigned', ...e, kCategory: category.complexity, kForm: zasady.config.participation[e.form] };
}

function inWindow(ledger: LoadLedger, date: IsoDate): boolean {
  return ledger.windowStart === null || date >= ledger.windowStart;
}

function withJudge(ledger: LoadLedger, judgeId: string, update: (j: JudgeLedger) => JudgeLedger): LoadLedger {
  const j = ledger.judges[judgeId];
  if (!j) throw new DrawInputInvalid(`load ledger: unknown judge ${judgeId} (send judge-joined first)`);
  return { ...ledger, judges: { ...ledger.judges, [judgeId]: update(j) } };
}

function addToBucket(j: JudgeLedger, month: string, load: number, unavailable: number): JudgeLedger {
  const b = j.months[month] ?? { load: 0, unavailable: 0 };
  return {
    ...j,
    L: j.L + load,
    unavailable: j.unavailable + unavailable,
    months: { ...j.months, [month]: { load: b.load + load, unavailable: b.unavailable + unavailable } },
  };
}

/** Split [from, from+days) into per-month day counts, keeping only days inside the window. */
function unavailableByMonth(ledger: LoadLedger, from: IsoDate, days: number): [string, number][] {
  const out: [string, number][] = [];
  let d = ledger.windowStart === null ? from : maxDate(from, ledger.windowStart);
  const end = addDays(from, days); // exclusive
  while (d < end) {
    const nextMonth = addMonths(firstOfMonth(d), 1);
    const stop = minDate(nextMonth, end);
    out.push([monthKey(d), daysBetween(d, stop)]);
    d = stop;
  }
  return out;
}

function roll(ledger: LoadLedger, asOf: IsoDate): LoadLedger {
  const start = windowStartFor(ledger.window, asOf);
  if (start === null || start === ledger.windowStart) return ledger;
  const cut = monthKey(start);
  const judges: Record<string, JudgeLedger> = {};
  for (const [id, j] of Object.entries(ledger.judges)) {
    let { L, unavailable } = j;
    const months: Record<string, MonthBucket> = {};
    for (const [m, b] of Object.entries(j.months)) {
      if (m >= cut) months[m] = b;
      else {
        L -= b.load;
        unavailable -= b.unavailable;
      }
    }
    judges[id] = { ...j, L, unavailable, months };
  }
  return { ...ledger, windowStart: start, judges };
}

/** The pure update. */
export function applyLoadEvent(ledger: LoadLedger, event: LoadEvent): LoadLedger {
  switch (event.type) {
    case 'judge-joined':
      if (ledger.judges[event.judgeId]) return ledger;
      return { ...ledger, judges: { ...ledger.judges, [event.judgeId]: { since: event.since, L: 0, unavailable: 0, months: {} } } };
    case 'case-assigned':
      if (!inWindow(ledger, event.date)) return ledger;
      return withJudge(ledger, event.judgeId, (j) => addToBucket(j, monthKey(event.date), event.kCategory * event.kForm, 0));
    case 'judge-unavailable': {
      if (!Number.isInteger(event.days) || event.days < 0) throw new DrawInputInvalid(`unavailable days must be a non-negative integer, got ${event.days}`);
      const parts = unavailableByMonth(ledger, event.from, event.days);
      return withJudge(ledger, event.judgeId, (j) => parts.reduce((acc, [m, n]) => addToBucket(acc, m, 0, n), j));
    }
    case 'window-rolled':
      return roll(ledger, event.asOf);
  }
}

/** L′ and N from the raw figures — shared with the verifier so both compute identically. */
export function normalise(f: { L: number; dWindow: number; dAvailable: number; r: number }, countNonDistributionDays: boolean): { Lp: number; N: number } {
  // Засади 6.6: the assembly decides whether non-distribution days count.
  const Lp = countNonDistributionDays ? (f.L * f.dWindow) / Math.max(1, f.dAvailable) : f.L;
  // Засади 6.5: r_j reduces the share of load, at most 60 %.
  return { Lp, N: Lp / (1 - f.r) };
}

/**
 * L, L′, r, N for each listed judge on `asOf` — O(judges). Rolls the window
 * virtually if the ledger is behind `asOf`.
 */
export function loadSnapshot(ledger: LoadLedger, zasady: Zasady, asOf: IsoDate, judgeIds: readonly string[]): JudgeLoad[] {
  const current = roll(ledger, asOf);
  return judgeIds.map((id) => {
    const j = current.judges[id];
    if (!j) throw new DrawInputInvalid(`load ledger: unknown judge ${id}`);
    const start = current.windowStart === null ? j.since : maxDate(current.windowStart, j.since);
    const dWindow = Math.max(0, daysBetween(start, asOf) + 1);
    const dAvailable = Math.max(0, dWindow - j.unavailable);
    const r = zasady.reduction.get(id) ?? 0;
    const { Lp, N } = normalise({ L: j.L, dWindow, dAvailable, r }, zasady.config.load.countNonDistributionDays);
    return { judgeId: id, L: j.L, Lp, r, N, dWindow, dAvailable };
  });
}
