/**
 * Planted manipulations (`asds simulate --manipulate <scenario>`, issue 11
 * item 4): one pattern per detector, planted at a random time of a clean
 * workload (workload.ts), with the ground truth of what was planted so
 * recall can be measured (`detectedBy`).
 *
 *   const p = plant('draw-frequency', '537', rng(5), { from: '2025-06-01', days: 92 });
 *   const { journal } = courtWorkload({ court: '537', seed: 5, from: '2025-06-01', days: 92, casesPerDay: 10, planter: p.planter });
 *   p.truth; // [{ scenario: 'draw-frequency', court: '537', judge: 'LUB-03', from: '2025-07-01', to: '2025-07-31', … }]
 *
 * The scenarios, as they are done (integrity-and-statistics.md §4):
 * - absence-before-draw: all eligible judges but one are put on sick leave / a trip minutes before a case's
 *   draw, the draw leaves the wanted judge alone, the absences are mostly cancelled the same evening;
 * - non-random-rate: over a month one judge gets 8–12 cases by transfer on one ground (4.17.2, 5.1.x);
 * - zasady-concentration: a new Засади version takes a specialisation from all but the wanted judge (one other
 *   keeps it with a head's reduction), reverted 30 days later;
 * - refiling: a party withdraws and re-files the same claim until the wanted judge is drawn (at most 6 filings);
 * - draw-frequency: for a calendar month 40 % of the draws where the wanted judge stands are secretly
 *   repeated until that judge wins (at most 50 times) — every protocol is still internally valid;
 * - load-inputs: for 20 days the draws read a ledger in which one judge's load L is 40 % lower.
 */
import type { Absence } from '../../../contracts/distribution/inputs.ts';
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import type { Alarm } from '../../../analytics/alarms.ts';
import { isWorkingDay } from '../../distribution/calendar.ts';
import { addDays, firstOfMonth, addMonths, monthKey } from '../../distribution/dates.ts';
import { assessJudges } from '../../distribution/eligibility.ts';
import type { DistributionResult } from '../../distribution/distribute.ts';
import type { LoadLedger } from '../../distribution/load.ts';
import { localTimeToEpoch } from '../distribution/time.ts';
import type { EventRow, RegisteredCase } from './journal.ts';
import { courtWorkload, filing, type DayContext, type Planter } from './workload.ts';
import { rng } from './index.ts';

export const SCENARIOS = ['absence-before-draw', 'non-random-rate', 'zasady-concentration', 'refiling', 'draw-frequency', 'load-inputs'] as const;
export type Scenario = (typeof SCENARIOS)[number];
/** The letters a–f for the same scenarios. */
export const SCENARIO_LETTERS: Record<string, Scenario> = { a: 'absence-before-draw', b: 'non-random-rate', c: 'zasady-concentration', d: 'refiling', e: 'draw-frequency', f: 'load-inputs' };

export interface Planted {
  scenario: Scenario;
  court: string;
  /** The judge the manipulation favours. */
  judge: string;
  from: string;
  to: string;
  documentIds?: string[];
  ueuns?: string[];
  ground?: string;
  version?: string;
  period?: string;
}

export interface Plant {
  planter: Planter;
  truth: Planted[];
}

interface Span {
  from: string;
  days: number;
}

/** A planter for `scenario` at a random time of the span (the truth fills in as the plant happens). */
export function plant(scenario: Scenario, court: string, r: () => number, span: Span): Plant {
  switch (scenario) {
    case 'absence-before-draw':
      return absenceBeforeDraw(court, r, span);
    case 'non-random-rate':
      return nonRandomRate(court, r, span);
    case 'zasady-concentration':
      return zasadyConcentration(court, r, span);
    case 'refiling':
      return refiling(court, r, span);
    case 'draw-frequency':
      return drawFrequency(court, r, span);
    case 'load-inputs':
      return loadInputs(court, r, span);
  }
}

/** Whether `alarms` found the planted pattern. */
export function detectedBy(t: Planted, alarms: readonly Pick<Alarm, 'court' | 'kind' | 'evidence'>[]): boolean {
  return alarms.some((a) => {
    if (a.court !== t.court || a.kind !== `detector:${t.scenario}`) return false;
    const e = a.evidence as Record<string, unknown>;
    switch (t.scenario) {
      case 'absence-before-draw':
        return (t.documentIds ?? []).includes(String(e.documentId));
      case 'refiling':
        return ((e.filings as Array<{ ueun: string }>) ?? []).some((f) => (t.ueuns ?? []).includes(f.ueun));
      case 'zasady-concentration':
        return e.judge === t.judge && e.version === t.version;
      case 'draw-frequency':
        return e.judge === t.judge && e.period === t.period;
      default:
        return e.judge === t.judge;
    }
  });
}

/** Judges who can be drawn through the next three months (Засади 4.5: none in the two months before powers end). */
function activeJudges(config: ZasadyConfig, date: string): ZasadyConfig['judges'] {
  return config.judges.filter((x) => x.appointedOn <= date && (!x.powersEnd || x.powersEnd > addDays(date, 92)));
}

/** A judge who can be drawn and is not known to be away in [from, to]. */
function presentJudge(ctx: DayContext, from: string, to: string, r: () => number): string {
  const j = ctx.journal;
  const away = (id: string) => (j.state.absences[id] ?? []).some((a) => a.from <= to && (a.to ?? '9999-12-31') >= from);
  const active = activeJudges(j.zasadyOn(ctx.date).config, ctx.date).map((x) => x.id);
  const present = active.filter((x) => !away(x));
  return pickOf(r)(present.length > 0 ? present : active);
}

const pickOf = (r: () => number) => <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** A day at least `before` days into the span and `after` days before its end. */
function dayIn(r: () => number, span: Span, before: number, after: number): string {
  return addDays(span.from, before + Math.floor(r() * Math.max(1, span.days - before - after)));
}

function absenceBeforeDraw(court: string, r: () => number, span: Span): Plant {
  const truth: Planted[] = [];
  let day = dayIn(r, span, 3, 3);
  const pick = pickOf(r);
  const planter: Planter = {
    onDay(ctx) {
      if (truth.length > 0 || ctx.date < day) return;
      const j = ctx.journal;
      const category = pick(['civil-claim', 'admin-offence', 'criminal', 'administrative', 'investigator-request']);
      const z = j.zasadyOn(ctx.date);
      const probe = { caseId: 'probe', category, exclusions: [] };
      const eligible = assessJudges({ zasady: z, calendar: j.calendar, date: ctx.date, case: probe, absences: j.state.absences }).eligible;
      if (eligible.length < 3) {
        day = addDays(ctx.date, 1);
        return;
      }
      const wanted = pick(eligible);
      const drawAt = ctx.at(8, 50);
      const recorded: Array<[string, Absence]> = [];
      for (const judge of eligible.filter((x) => x !== wanted)) {
        const kind = pick(['sick-leave', 'business-trip'] as const);
        const a: Absence = { kind, from: ctx.date, to: addDays(ctx.date, 1 + Math.floor(r() * 3)), basis: { kind: kind === 'sick-leave' ? 'sick-note' : 'order', number: `т-${judge}-${ctx.date}`, date: ctx.date } };
        j.recordAbsence(judge, a, drawAt - (5 + Math.floor(r() * 40)) * 60_000);
        recorded.push([judge, a]);
      }
      const c = j.register({ category, ...filing(r, category), ts: drawAt - 60_000 });
      const out = j.draw(c, drawAt);
      if (!out) return;
      // most of the "absences" vanish after the draw (after the day's other work: the journal's time only grows)
      ctx.afterDay(() => {
        for (const [judge, a] of recorded) if (r() < 0.7) j.cancelAbsence(judge, a, localTimeToEpoch(ctx.date, 18, j.timeZone));
      });
      truth.push({ scenario: 'absence-before-draw', court, judge: wanted, from: ctx.date, to: ctx.date, documentIds: [out.documentId] });
    },
  };
  return { planter, truth };
}

function nonRandomRate(court: string, r: () => number, span: Span): Plant {
  const from = dayIn(r, span, 5, 32);
  const to = addDays(from, 29);
  const pick = pickOf(r);
  const ground = pick(['4.17.2', '5.1.7', '5.1.9', '5.1.2']);
  const n = 8 + Math.floor(r() * 5);
  const t: Planted = { scenario: 'non-random-rate', court, judge: '', from, to, ground, documentIds: [] };
  let done = 0;
  let related: RegisteredCase | undefined;
  const planter: Planter = {
    onDay(ctx) {
      if (ctx.date < from || ctx.date > to || done >= n) return;
      const j = ctx.journal;
      if (!t.judge) t.judge = pick(activeJudges(j.zasadyOn(ctx.date).config, ctx.date).filter((x) => x.specialisations.includes('civil')).map((x) => x.id));
      // spread n transfers over the month's working days
      if (r() > (n - done) / Math.max(1, remainingWorkingDays(ctx, to))) return;
      const ts = ctx.at(8, 45);
      const c = j.register({ category: 'civil-claim', ...filing(r, 'civil-claim'), ts });
      const out = j.transfer(c, ground, t.judge, related?.proceedingNumber ?? c.proceedingNumber, ts + 30_000);
      related = c;
      t.documentIds!.push(out.documentId);
      done++;
    },
  };
  return { planter, truth: [t] };
}

function remainingWorkingDays(ctx: DayContext, to: string): number {
  let n = 0;
  for (let d = ctx.date; d <= to; d = addDays(d, 1)) if (isWorkingDay(ctx.journal.calendar, d)) n++;
  return n;
}

function zasadyConcentration(court: string, r: () => number, span: Span): Plant {
  const effective = dayIn(r, span, 35, 35);
  const pick = pickOf(r);
  const specialisation = pick(['civil', 'administrative']);
  const t: Planted = { scenario: 'zasady-concentration', court, judge: '', from: effective, to: addDays(effective, 29) };
  let stage = 0;
  const planter: Planter = {
    onDay(ctx) {
      const j = ctx.journal;
      if (stage === 0 && ctx.date >= addDays(effective, -3)) {
        const base = j.zasadyOn(ctx.date).config;
        const holders = activeJudges(base, ctx.date).filter((x) => x.specialisations.includes(specialisation)).map((x) => x.id);
        // the favoured judge is one not known to be away in the month that follows
        const away = (id: string) => (j.state.absences[id] ?? []).some((a) => a.from <= addDays(effective, 30) && (a.to ?? '9999-12-31') >= effective);
        t.judge = pick(holders.filter((x) => !away(x)).length > 0 ? holders.filter((x) => !away(x)) : holders);
        const keep = pick(holders.filter((x) => x !== t.judge));
        const judges = base.judges.map((x) => {
          if (x.id === t.judge) return x;
          if (x.id === keep) return { ...x, reductions: ['chief'] };
          const specs = x.specialisations.filter((s) => s !== specialisation);
          return { ...x, specialisations: specs.length > 0 ? specs : x.specialisations };
        });
        const v = version(base, `${base.version.id}-m-${effective}`, ctx.date, effective);
        t.version = v.version.id;
        j.loadZasady({ ...v, judges }, ctx.at(8, 10));
        stage = 1;
      } else if (stage === 1 && ctx.date >= addDays(effective, 27)) {
        const first = j.state.zasady[0]!;
        j.loadZasady(version(first, `${first.version.id}-r-${effective}`, ctx.date, addDays(effective, 30)), ctx.at(8, 10));
        stage = 2;
      }
    },
  };
  return { planter, truth: [t] };
}

function version(c: ZasadyConfig, id: string, decided: string, effectiveFrom: string): ZasadyConfig {
  return { ...c, version: { ...c.version, id, decisionNumber: `№${id.length}`, decisionDate: decided, effectiveFrom } };
}

function refiling(court: string, r: () => number, span: Span): Plant {
  const start = dayIn(r, span, 3, 40);
  const pick = pickOf(r);
  const category = pick(['civil-claim', 'administrative']);
  const t: Planted = { scenario: 'refiling', court, judge: '', from: start, to: start, ueuns: [] };
  let claim = filing(r, category);
  let last: { c: RegisteredCase; judge: string } | undefined;
  let next = start;
  let finished = false;
  const planter: Planter = {
    onDay(ctx) {
      if (finished || ctx.date < next) return;
      const j = ctx.journal;
      if (!t.judge) t.judge = pick(activeJudges(j.zasadyOn(ctx.date).config, ctx.date).filter((x) => x.specialisations.includes(category === 'civil-claim' ? 'civil' : 'administrative')).map((x) => x.id));
      // the earlier filing is withdrawn (left without consideration at the claimant's request), then filed again
      if (last) j.decide(last.c, last.judge, 'left-without-consideration', ctx.at(8, 40));
      const c = j.register({ category, ...claim, ts: ctx.at(8, 50) });
      const out = j.draw(c, ctx.at(8, 51));
      if (!out) return;
      if (!last && out.presiding === t.judge) {
        claim = filing(r, category); // drawn the wanted judge at once: nothing to plant, another party tries
        next = addDays(ctx.date, 1);
        return;
      }
      t.ueuns!.push(c.ueun);
      t.to = ctx.date;
      last = { c, judge: out.presiding };
      if (out.presiding === t.judge || t.ueuns!.length >= 6) finished = true;
      next = addDays(ctx.date, 2 + Math.floor(r() * 4));
    },
  };
  return { planter, truth: [t] };
}

function drawFrequency(court: string, r: () => number, span: Span): Plant {
  // a calendar month wholly inside the span, not the first
  const months: string[] = [];
  for (let m = firstOfMonth(addMonths(span.from, 1)); addDays(addMonths(m, 1), -1) <= addDays(span.from, span.days - 1); m = addMonths(m, 1)) months.push(m);
  const from = months.length > 0 ? pickOf(r)(months) : span.from;
  const to = addDays(addMonths(from, 1), -1);
  const t: Planted = { scenario: 'draw-frequency', court, judge: '', from, to, period: monthKey(from) };
  const planter: Planter = {
    onDay(ctx) {
      // the favoured judge is chosen as the month starts
      if (!t.judge && ctx.date >= from) t.judge = presentJudge(ctx, from, to, r);
    },
    drawHooks(date) {
      if (date < from || date > to || r() >= 0.4) return undefined;
      const judge = t.judge;
      return { reroll: { tries: 50, accept: (res: DistributionResult) => res.kind === 'impossibility' || !standsIn(res, judge) || res.chosen.presiding === judge || res.chosen.members.includes(judge) } };
    },
  };
  return { planter, truth: [t] };
}

function standsIn(res: DistributionResult, judge: string): boolean {
  if (res.kind === 'impossibility') return false;
  return res.steps.some((s) => s.candidates.some((c) => ('judgeId' in c ? c.judgeId === judge : c.members.some((m) => m.judgeId === judge))));
}

function loadInputs(court: string, r: () => number, span: Span): Plant {
  const from = dayIn(r, span, 5, 25);
  const to = addDays(from, 19);
  const t: Planted = { scenario: 'load-inputs', court, judge: '', from, to };
  const planter: Planter = {
    onDay(ctx) {
      // the judge whose load is falsified is chosen as the window starts (one away all along would show nothing)
      if (!t.judge && ctx.date >= from) t.judge = presentJudge(ctx, from, to, r);
    },
    drawHooks(date) {
      if (date < from || date > to) return undefined;
      const judge = t.judge;
      return {
        ledger: (honest: LoadLedger) => {
          const x = honest.judges[judge];
          if (!x || x.L === 0) return honest;
          return { ...honest, judges: { ...honest.judges, [judge]: { ...x, L: x.L * 0.6 } } };
        },
      };
    },
  };
  return { planter, truth: [t] };
}

export interface PlantedRun {
  /** Court codes, first `first`, one journal each. */
  courts: string[];
  truth: Planted[];
}

/**
 * Generate `courts` courts (codes from `first`) over [from, from + days) with a
 * clean workload; with a scenario, plant it once in `planted` of them (chosen at
 * random), at a random time after `warmUpDays`. Each court's journal rows go to `sink`.
 */
export async function plantedCourts(
  o: { first: number; courts: number; seed: number; from: string; days: number; warmUpDays: number; casesPerDay: number; scenario?: Scenario; planted?: number },
  sink: (rows: EventRow[], court: string) => Promise<void>,
): Promise<PlantedRun> {
  const r = rng(o.seed);
  const codes = Array.from({ length: o.courts }, (_, i) => String(o.first + i));
  const chosen = new Set(o.scenario ? shuffled(codes, r).slice(0, o.planted ?? codes.length) : []);
  const truth: Planted[] = [];
  for (const [i, court] of codes.entries()) {
    const seed = (o.seed * 7919 + i * 104729) >>> 0;
    const p = o.scenario && chosen.has(court) ? plant(o.scenario, court, rng(seed ^ 0x5bd1e995), { from: addDays(o.from, o.warmUpDays), days: o.days - o.warmUpDays }) : undefined;
    const { journal } = courtWorkload({ court, seed, from: o.from, days: o.days, casesPerDay: o.casesPerDay, ...(p ? { planter: p.planter } : {}) });
    if (p) truth.push(...p.truth.filter((t) => t.judge !== '' && (t.scenario !== 'refiling' || (t.ueuns ?? []).length >= 2)));
    await sink(journal.rows, court);
  }
  return { courts: codes, truth };
}

/** Fisher–Yates with the run's generator. */
function shuffled<T>(xs: readonly T[], r: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const k = Math.floor(r() * (i + 1));
    [out[i], out[k]] = [out[k]!, out[i]!];
  }
  return out;
}
