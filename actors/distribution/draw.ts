/**
 * One weighted random draw among judges (Засади 4.8; spec §4) and the
 * common protocol header. Pure: randomness comes in as bytes.
 */
import type { Absence, CaseToDistribute, DutyEntry } from '../../contracts/distribution/inputs.ts';
import { ALGORITHM_VERSION, type DrawStep, type Figures, type JudgeCandidate, type PolicyRef } from '../../contracts/distribution/protocol.ts';
import type { Calendar } from './calendar.ts';
import { localDateOf, type IsoDate } from './dates.ts';
import { byId, type EligibilityContext, type Excluded } from './eligibility.ts';
import type { LoadLedger } from './load.ts';
import { pickIndex, probabilities, weights } from './policy.ts';
import { stepBytes, toHex, uniformFrom } from './random.ts';
import type { Zasady } from './zasady.ts';

export interface DrawInput {
  zasady: Zasady;
  calendar: Calendar;
  case: CaseToDistribute;
  /** Instant of the draw, ISO 8601 with offset — recorded as is. */
  at: string;
  /** Court-local date of the draw; derived from `at` and the court's time zone when omitted. */
  date?: IsoDate;
  absences: Readonly<Record<string, readonly Absence[]>>;
  duty?: readonly DutyEntry[];
  ledger: LoadLedger;
  /** 32 bytes from a CSPRNG, supplied by the caller (crypto.randomBytes(32)). */
  randomBytes: Uint8Array;
  kind?: 'distribution' | 'repeated-distribution';
}

export function drawDate(input: Pick<DrawInput, 'zasady' | 'at' | 'date'>): IsoDate {
  return input.date ?? localDateOf(input.at, input.zasady.config.court.timeZone);
}

export function eligibilityContext(input: DrawInput): EligibilityContext {
  const ctx: EligibilityContext = { zasady: input.zasady, calendar: input.calendar, date: drawDate(input), case: input.case, absences: input.absences };
  if (input.duty) ctx.duty = input.duty;
  return ctx;
}

/** Fields every protocol carries. */
export function protocolHeader(input: Pick<DrawInput, 'zasady' | 'case' | 'at' | 'date'>, excluded: readonly Excluded[]) {
  const c = input.case;
  const kase: { caseId: string; category: string; uniqueNumber?: string; proceedingNumber?: string } = { caseId: c.caseId, category: c.category };
  if (c.uniqueNumber !== undefined) kase.uniqueNumber = c.uniqueNumber;
  if (c.proceedingNumber !== undefined) kase.proceedingNumber = c.proceedingNumber;
  const v = input.zasady.config.version;
  return {
    v: 1 as const,
    algorithm: ALGORITHM_VERSION as typeof ALGORITHM_VERSION,
    court: input.zasady.config.court.code,
    case: kase,
    at: input.at,
    date: drawDate(input),
    zasady: { id: v.id, decisionNumber: v.decisionNumber, effectiveFrom: v.effectiveFrom },
    excluded: excluded.map((e) => ({ judgeId: e.judgeId, reasons: e.reasons.map((r) => ({ ...r })) })),
  };
}

/** Judge candidates with weights and probabilities, sorted by stable id (never display order). */
export function judgeCandidates(policy: PolicyRef, figures: readonly Figures[]): JudgeCandidate[] {
  const sorted = [...figures].sort((a, b) => byId(a.judgeId, b.judgeId));
  const w = weights(policy, sorted.map((f) => f.N));
  const p = probabilities(w);
  return sorted.map((f, i) => ({ ...f, w: w[i]!, p: p[i]! }));
}

export interface StepSpec {
  root: Uint8Array;
  index: number;
  label: string;
  role: DrawStep['role'];
  caseId: string;
  policy: PolicyRef;
}

/** One recorded draw among judges. */
export function judgeStep(spec: StepSpec, figures: readonly Figures[]): DrawStep {
  const candidates = judgeCandidates(spec.policy, figures);
  const bytes = stepBytes(spec.root, spec.index, spec.label);
  const u = uniformFrom(bytes, spec.caseId);
  const chosen = candidates[pickIndex(candidates.map((c) => c.w), u)]!.judgeId;
  return { label: spec.label, role: spec.role, bytes: toHex(bytes), u, candidates, chosen };
}
