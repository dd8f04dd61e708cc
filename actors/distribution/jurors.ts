/**
 * Automated selection of jurors (Засади 7.1–7.9; distribution-spec §6) —
 * pure: facts and the randomness in, a protocol out.
 *
 * Same construction as a judge draw with uniform weights: step k draws among
 * the jurors still in play, sorted by stable id, with u = HMAC(bytes, caseId);
 * the pick is `pickIndex(all ones, u)`, i.e. each has probability 1/n (7.2).
 * The step bytes: `asds-draw/2` (a `vrf` input) — the court seal's VRF over
 * the step's alpha, bound to the jurors actor's stream head, so nobody can
 * choose them (issue 13 item 13); `asds-draw/1` (`randomBytes`) —
 * stepBytes(root, k, label), kept for unsealed use and old protocols.
 *
 * Entry points: `selectCandidates` (7.4 ¶1), `composeCriminal` (7.4 ¶2–3),
 * `selectCivil` (7.5), `replaceMainJuror` (7.7), `replaceCivilJuror` (7.8).
 * Each returns a selection protocol or a protocol of impossibility (7.9).
 */
import type { DocumentRef } from '../../contracts/distribution/inputs.ts';
import type {
  JurorExcluded,
  JurorImpossibilityProtocol,
  JurorPolicy,
  JurorProceeding,
  JurorProtocol,
  JurorReason,
  JurorSelectionProtocol,
  JurorStage,
  JurorStep,
} from '../../contracts/distribution/juror-protocol.ts';
import { ALGORITHM_VERSION } from '../../contracts/distribution/protocol.ts';
import { addDays, type IsoDate } from './dates.ts';
import { byId } from './eligibility.ts';
import { DrawInputInvalid } from './errors.ts';
import { pickIndex } from './policy.ts';
import { toHex, uniformFrom } from './random.ts';
import { csprngUniform, DRAW_V2, vrfUniform, type UniformRandomness, type VrfInput } from './randomness.ts';

/** Criminal: candidates drawn first (7.4 ¶1), then 3 main + 2 reserve (7.4 ¶2). */
export const CRIMINAL_CANDIDATES = 7;
export const CRIMINAL_MAIN = 3;
export const CRIMINAL_RESERVE = 2;
/** Civil special proceedings: two jurors (7.5). */
export const CIVIL_JURORS = 2;
/** How far ahead an impossibility protocol looks for the earliest date with enough jurors. */
export const JUROR_HORIZON_DAYS = 366;

export type JurorAbsenceKind = 'vacation' | 'sickness' | 'trip' | 'other';

/** Unavailability on the head of staff's order (розпорядження, 7.2). */
export interface JurorAbsence {
  kind: JurorAbsenceKind;
  from: IsoDate;
  /** Inclusive; absent = until further order. */
  to?: IsoDate;
  basis: DocumentRef;
  note?: string;
}

/** A juror of the court's list as the jurors actor knows them. */
export interface JurorRecord {
  jurorId: string;
  /** On the list from this date (inclusive). */
  addedOn: IsoDate;
  /** Off the list from this date (inclusive). */
  removedOn?: IsoDate;
  absences: readonly JurorAbsence[];
  /** Days of service per calendar year, e.g. { "2025": 12 } (7.5). */
  serviceDays: Readonly<Record<string, number>>;
}

/** A juror excluded from THIS proceeding: КПК 387 release/recusal or another ruling (7.4, 7.5 ¶2). */
export interface ProceedingExclusion {
  jurorId: string;
  ground: 'released' | 'recused' | 'ruling';
  basis: DocumentRef;
  text?: string;
}

export interface JurorCaseRef {
  caseId: string;
  uniqueNumber?: string;
  proceedingNumber?: string;
}

export interface JurorDrawInput {
  court: string;
  case: JurorCaseRef;
  proceeding: JurorProceeding;
  /** Instant (ISO 8601 with offset) and court-local date of the selection. */
  at: string;
  date: IsoDate;
  jurors: readonly JurorRecord[];
  exclusions: readonly ProceedingExclusion[];
  policy?: JurorPolicy;
  /** asds-draw/1: 32 CSPRNG bytes. Exactly one of `randomBytes` and `vrf`. */
  randomBytes?: Uint8Array;
  /** asds-draw/2: the seal's VRF and the jurors actor's stream head before the attempt. */
  vrf?: VrfInput;
}

/** Default policy: 7.5's "more than one calendar month" as more than 31 days of service; applied to civil only (the seed's text). */
export const DEFAULT_JUROR_POLICY: JurorPolicy = { id: 'uniform-v1', version: 1, serviceLimitDays: 31, serviceLimitAppliesTo: ['civil-special'] };

const ABSENCE_REASON: Record<JurorAbsenceKind, { code: string; text: string }> = {
  vacation: { code: 'VACATION', text: 'Присяжний у відпустці' },
  sickness: { code: 'SICKNESS', text: 'Тимчасова непрацездатність присяжного' },
  trip: { code: 'TRIP', text: 'Присяжний у відрядженні' },
  other: { code: 'UNAVAILABLE', text: 'Присяжний не може взяти участь у розгляді справи у визначений законом строк' },
};

const GROUND_REASON: Record<ProceedingExclusion['ground'], { code: string; rule: string; text: string }> = {
  released: { code: 'RELEASED', rule: 'Засади 7.4; КПК ст. 387', text: 'Присяжного звільнено від участі у судовому провадженні' },
  recused: { code: 'RECUSED', rule: 'Засади 7.4; КПК ст. 387', text: 'Присяжному заявлено відвід (відвід задоволено)' },
  ruling: { code: 'EXCLUDED_BY_RULING', rule: 'Засади 7.5 ¶2', text: 'Присяжного виключено ухвалою суду в цьому судовому провадженні' },
};

export function isOnList(j: JurorRecord, date: IsoDate): boolean {
  return j.addedOn <= date && (j.removedOn === undefined || date < j.removedOn);
}

function covers(a: { from: IsoDate; to?: IsoDate }, date: IsoDate): boolean {
  return a.from <= date && (a.to === undefined || date <= a.to);
}

export interface JurorAssessment {
  eligible: string[];
  excluded: JurorExcluded[];
}

export interface AssessOptions {
  date: IsoDate;
  proceeding: JurorProceeding;
  exclusions: readonly ProceedingExclusion[];
  policy: JurorPolicy;
  /** Jurors already holding a seat in this case (not drawn again), with why. */
  seated?: ReadonlyMap<string, string>;
}

/**
 * Who of the list takes part in a selection on `date` (7.2, 7.5; spec §6).
 * Jurors not on the list that day are not mentioned at all; everyone else
 * is either eligible or excluded with every reason that applies.
 */
export function assessJurors(jurors: readonly JurorRecord[], o: AssessOptions): JurorAssessment {
  const eligible: string[] = [];
  const excluded: JurorExcluded[] = [];
  const year = o.date.slice(0, 4);
  for (const j of [...jurors].sort((a, b) => byId(a.jurorId, b.jurorId))) {
    if (!isOnList(j, o.date)) continue;
    const reasons: JurorReason[] = [];
    // 7.2: vacation, sickness, trip, other — on the head of staff's order.
    for (const a of j.absences) {
      if (!covers(a, o.date)) continue;
      const r = ABSENCE_REASON[a.kind];
      reasons.push({ code: r.code, rule: 'Засади 7.2', text: a.note ? `${r.text}: ${a.note}` : r.text, basis: a.basis });
    }
    // 7.5 ¶2: served more than one calendar month this year (policy says for which proceedings).
    const served = j.serviceDays[year] ?? 0;
    if (o.policy.serviceLimitAppliesTo.includes(o.proceeding) && served > o.policy.serviceLimitDays) {
      reasons.push({ code: 'SERVICE_LIMIT', rule: 'Засади 7.5 ¶2', text: `Присяжний у ${year} році брав участь у розгляді справ більше ніж один календарний місяць (${served} дн.)` });
    }
    // 7.4, 7.5 ¶2: released, recused or excluded by a ruling in this proceeding.
    for (const x of o.exclusions) {
      if (x.jurorId !== j.jurorId) continue;
      const g = GROUND_REASON[x.ground];
      reasons.push({ code: g.code, rule: g.rule, text: x.text ? `${g.text}: ${x.text}` : g.text, basis: x.basis });
    }
    const seat = o.seated?.get(j.jurorId);
    if (seat) reasons.push({ code: 'ALREADY_SELECTED', rule: 'Засади 7.4; 7.7', text: seat });
    if (reasons.length > 0) excluded.push({ jurorId: j.jurorId, reasons });
    else eligible.push(j.jurorId);
  }
  return { eligible, excluded };
}

interface StepPlan {
  label: string;
  role: JurorStep['role'];
}

/** Uniform draws without replacement: step k among those still in play (7.2 рівна ймовірність). */
export function drawUniform(random: UniformRandomness, caseId: string, pool: readonly string[], plan: readonly StepPlan[], firstIndex = 0): JurorStep[] {
  let inPlay = [...pool].sort(byId);
  return plan.map((s, i) => {
    const r = random.step(firstIndex + i, s.label, inPlay);
    const u = uniformFrom(r.bytes, caseId);
    const chosen = inPlay[pickIndex(inPlay.map(() => 1), u)]!;
    const step: JurorStep = { label: s.label, role: s.role, bytes: toHex(r.bytes), ...(r.proof ? { proof: r.proof } : {}), u, candidates: inPlay, chosen };
    inPlay = inPlay.filter((id) => id !== chosen);
    return step;
  });
}

const plan = (n: number, prefix: string, role: JurorStep['role']): StepPlan[] => Array.from({ length: n }, (_, i) => ({ label: `${prefix}-${i + 1}`, role }));

const RULES: Record<JurorStage, string> = {
  candidates: '7.4 ¶1',
  composition: '7.4 ¶2',
  'top-up': '7.4 ¶3',
  civil: '7.5',
  'reserve-to-main': '7.7 ¶1',
  'main-redraw': '7.7 ¶1',
  'civil-replacement': '7.8',
};

function header(input: JurorDrawInput, stage: JurorStage, excluded: JurorExcluded[]) {
  const c: JurorCaseRef = { caseId: input.case.caseId };
  if (input.case.uniqueNumber !== undefined) c.uniqueNumber = input.case.uniqueNumber;
  if (input.case.proceedingNumber !== undefined) c.proceedingNumber = input.case.proceedingNumber;
  return {
    v: 1 as const,
    algorithm: input.vrf ? DRAW_V2 : ALGORITHM_VERSION,
    court: input.court,
    case: c,
    proceeding: input.proceeding,
    stage,
    rule: RULES[stage],
    at: input.at,
    date: input.date,
    policy: input.policy ?? DEFAULT_JUROR_POLICY,
    excluded,
  };
}

function policyOf(input: JurorDrawInput): JurorPolicy {
  return input.policy ?? DEFAULT_JUROR_POLICY;
}

function assess(input: JurorDrawInput, date: IsoDate, seated?: ReadonlyMap<string, string>): JurorAssessment {
  const o: AssessOptions = { date, proceeding: input.proceeding, exclusions: input.exclusions, policy: policyOf(input) };
  if (seated) o.seated = seated;
  return assessJurors(input.jurors, o);
}

/** 7.9: not enough jurors — the protocol names the earliest date with enough on the facts known now. */
function impossibility(input: JurorDrawInput, stage: JurorStage, a: JurorAssessment, needed: number, seated?: ReadonlyMap<string, string>, restrict?: readonly string[]): JurorImpossibilityProtocol {
  let earliest: IsoDate | null = null;
  for (let d = 1; d <= JUROR_HORIZON_DAYS; d++) {
    const date = addDays(input.date, d);
    const later = assess(input, date, seated).eligible.filter((id) => !restrict || restrict.includes(id));
    if (later.length >= needed) {
      earliest = date;
      break;
    }
  }
  return { ...header(input, stage, a.excluded), kind: 'juror-impossibility', needed, eligible: a.eligible, earliestEligible: earliest, horizonDays: JUROR_HORIZON_DAYS };
}

function selection(input: JurorDrawInput, stage: JurorStage, a: JurorAssessment, steps: JurorStep[], chosen: JurorSelectionProtocol['chosen']): JurorSelectionProtocol {
  const source = input.vrf ? { vrf: { suite: input.vrf.suite, key: input.vrf.keyId, prev: input.vrf.prev } } : { randomBytes: toHex(input.randomBytes!) };
  return { ...header(input, stage, a.excluded), kind: 'juror-selection', ...source, steps, chosen };
}

/** The step randomness of this selection (docs/draw-spec.md §9.6: the alpha names the stage). */
function randomnessOf(input: JurorDrawInput, stage: JurorStage): UniformRandomness {
  if (!input.vrf) return csprngUniform(input.randomBytes!);
  const { prev, prove } = input.vrf;
  return vrfUniform({ draw: 'jurors', court: input.court, caseId: input.case.caseId, proceeding: input.proceeding, stage, date: input.date, prev }, prove);
}

function check(input: JurorDrawInput, proceeding: JurorProceeding): void {
  if ((input.randomBytes === undefined) === (input.vrf === undefined)) throw new DrawInputInvalid('exactly one of randomBytes (asds-draw/1) and vrf (asds-draw/2) is required');
  if (input.randomBytes) csprngUniform(input.randomBytes); // checks the length
  if (input.proceeding !== proceeding) throw new DrawInputInvalid(`this selection is for ${proceeding} proceedings, got ${input.proceeding}`);
}

/** 7.4 ¶1: seven candidates from the list (the preliminary selection of 7.3). */
export function selectCandidates(input: JurorDrawInput): JurorProtocol {
  check(input, 'criminal');
  const a = assess(input, input.date);
  if (a.eligible.length < CRIMINAL_CANDIDATES) return impossibility(input, 'candidates', a, CRIMINAL_CANDIDATES);
  const steps = drawUniform(randomnessOf(input, 'candidates'), input.case.caseId, a.eligible, plan(CRIMINAL_CANDIDATES, 'candidate', 'candidate'));
  return selection(input, 'candidates', a, steps, { jurors: steps.map((s) => s.chosen) });
}

export interface ComposeInput extends JurorDrawInput {
  /** Every candidate selected so far in this proceeding (7.4 ¶1 and any top-ups). */
  candidates: readonly string[];
}

/**
 * 7.4 ¶2–3, after КПК 387 ч. 1–5 (releases and recusals are `exclusions`):
 * enough candidates remain → 3 main + 2 reserve among them; too few → a
 * top-up draw of the shortfall from the list (the new candidates then go
 * through КПК 387 in their turn, and composition is asked for again).
 */
export function composeCriminal(input: ComposeInput): JurorProtocol {
  check(input, 'criminal');
  const needed = CRIMINAL_MAIN + CRIMINAL_RESERVE;
  const candidateSet = new Set(input.candidates);
  const all = assess(input, input.date);
  const remaining = all.eligible.filter((id) => candidateSet.has(id));
  if (remaining.length >= needed) {
    // Candidates only: everyone else of the list is "not a candidate", listed for the record.
    const excluded = [
      ...all.excluded.filter((x) => candidateSet.has(x.jurorId)),
    ];
    const a: JurorAssessment = { eligible: remaining, excluded };
    const steps = drawUniform(randomnessOf(input, 'composition'), input.case.caseId, remaining, [...plan(CRIMINAL_MAIN, 'main', 'main'), ...plan(CRIMINAL_RESERVE, 'reserve', 'reserve')]);
    const p = selection(input, 'composition', a, steps, {
      jurors: steps.map((s) => s.chosen),
      main: steps.slice(0, CRIMINAL_MAIN).map((s) => s.chosen),
      reserve: steps.slice(CRIMINAL_MAIN).map((s) => s.chosen),
    });
    p.before = { main: [], reserve: [], candidates: [...input.candidates].sort(byId) };
    return p;
  }
  // 7.4 ¶3: draw the shortfall from the list among those not yet candidates.
  const shortfall = needed - remaining.length;
  const seated = new Map(input.candidates.map((id) => [id, 'Уже визначений кандидатом у цьому провадженні'] as const));
  const a = assess(input, input.date, seated);
  if (a.eligible.length < shortfall) return impossibility(input, 'top-up', a, shortfall, seated);
  const steps = drawUniform(randomnessOf(input, 'top-up'), input.case.caseId, a.eligible, plan(shortfall, 'top-up', 'candidate'));
  const p = selection(input, 'top-up', a, steps, { jurors: steps.map((s) => s.chosen) });
  p.before = { main: [], reserve: [], candidates: [...input.candidates].sort(byId) };
  return p;
}

/** 7.5: two jurors for a civil special proceeding. */
export function selectCivil(input: JurorDrawInput): JurorProtocol {
  check(input, 'civil-special');
  const a = assess(input, input.date);
  if (a.eligible.length < CIVIL_JURORS) return impossibility(input, 'civil', a, CIVIL_JURORS);
  const steps = drawUniform(randomnessOf(input, 'civil'), input.case.caseId, a.eligible, plan(CIVIL_JURORS, 'juror', 'juror'));
  return selection(input, 'civil', a, steps, { jurors: steps.map((s) => s.chosen) });
}

export interface ReplaceInput extends JurorDrawInput {
  main: readonly string[];
  reserve: readonly string[];
  replacedJurorId: string;
  /** The ruling or record of the juror leaving (вибуття). */
  basis?: DocumentRef;
}

function seatedMap(main: readonly string[], reserve: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const id of main) m.set(id, 'Основний присяжний у цьому провадженні');
  for (const id of reserve) m.set(id, 'Запасний присяжний у цьому провадженні');
  return m;
}

function withReplaced(p: JurorSelectionProtocol, input: ReplaceInput): JurorSelectionProtocol {
  p.replaced = input.basis ? { jurorId: input.replacedJurorId, basis: input.basis } : { jurorId: input.replacedJurorId };
  p.before = { main: [...input.main], reserve: [...input.reserve] };
  return p;
}

/**
 * 7.7: a main juror who left is replaced by one of this case's reserves
 * with equal probability; when no reserve can take part, a new draw from
 * the list by the general rules for criminal proceedings.
 */
export function replaceMainJuror(input: ReplaceInput): JurorProtocol {
  check(input, 'criminal');
  if (!input.main.includes(input.replacedJurorId)) throw new DrawInputInvalid(`${input.replacedJurorId} is not a main juror of ${input.case.caseId}`);
  // Reserves who can still take part: on the list, available, not excluded in this proceeding.
  const all = assess(input, input.date);
  const reserves = all.eligible.filter((id) => input.reserve.includes(id));
  if (reserves.length > 0) {
    const excluded = all.excluded.filter((x) => input.reserve.includes(x.jurorId));
    const steps = drawUniform(randomnessOf(input, 'reserve-to-main'), input.case.caseId, reserves, [{ label: 'replacement', role: 'replacement' }]);
    const chosen = steps[0]!.chosen;
    const main = input.main.map((id) => (id === input.replacedJurorId ? chosen : id));
    const reserve = input.reserve.filter((id) => id !== chosen);
    return withReplaced(selection(input, 'reserve-to-main', { eligible: reserves, excluded }, steps, { jurors: [chosen], main, reserve }), input);
  }
  const seated = seatedMap(input.main, input.reserve);
  const a = assess(input, input.date, seated);
  if (a.eligible.length === 0) return impossibility(input, 'main-redraw', a, 1, seated);
  const steps = drawUniform(randomnessOf(input, 'main-redraw'), input.case.caseId, a.eligible, [{ label: 'replacement', role: 'replacement' }]);
  const chosen = steps[0]!.chosen;
  const main = input.main.map((id) => (id === input.replacedJurorId ? chosen : id));
  return withReplaced(selection(input, 'main-redraw', a, steps, { jurors: [chosen], main, reserve: [...input.reserve] }), input);
}

/** 7.8: a civil juror who left is replaced by a new draw from the list (general rules of 7.5). */
export function replaceCivilJuror(input: ReplaceInput): JurorProtocol {
  check(input, 'civil-special');
  if (!input.main.includes(input.replacedJurorId)) throw new DrawInputInvalid(`${input.replacedJurorId} is not a juror of ${input.case.caseId}`);
  const seated = seatedMap(input.main, []);
  const a = assess(input, input.date, seated);
  if (a.eligible.length === 0) return impossibility(input, 'civil-replacement', a, 1, seated);
  const steps = drawUniform(randomnessOf(input, 'civil-replacement'), input.case.caseId, a.eligible, [{ label: 'replacement', role: 'replacement' }]);
  const chosen = steps[0]!.chosen;
  const main = input.main.map((id) => (id === input.replacedJurorId ? chosen : id));
  return withReplaced(selection(input, 'civil-replacement', a, steps, { jurors: [chosen], main, reserve: [] }), input);
}
