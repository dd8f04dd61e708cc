/**
 * One weighted random draw among judges (Засади 4.8; spec §4) and the
 * common protocol header. Pure: randomness comes in as bytes.
 */
import { createHash } from 'node:crypto';
import type { Absence, CaseToDistribute, DocumentRef, DutyEntry } from '../../contracts/distribution/inputs.ts';
import type { DrawStep, Figures, JudgeCandidate, PolicyRef } from '../../contracts/distribution/protocol.ts';
import { canonicalJson } from './canonical.ts';
import type { Calendar } from './calendar.ts';
import { localDateOf, type IsoDate } from './dates.ts';
import { byId, type EligibilityContext, type Excluded } from './eligibility.ts';
import type { LoadLedger } from './load.ts';
import { pickIndex, probabilities, weights } from './policy.ts';
import { toHex, uniformFrom } from './random.ts';
import { csprngRandomness, DRAW_V1, DRAW_V2, vrfRandomness, type DrawAlgorithm, type Randomness, type VrfInput } from './randomness.ts';
import { DrawInputInvalid } from './errors.ts';
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
  /** asds-draw/1: 32 bytes from a CSPRNG, supplied by the caller (crypto.randomBytes(32)). */
  randomBytes?: Uint8Array;
  /** asds-draw/2: the court seal's VRF and the actor's stream head (randomness.ts); wins over randomBytes. */
  vrf?: VrfInput;
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

export function algorithmOf(input: Pick<DrawInput, 'randomBytes' | 'vrf'>): DrawAlgorithm {
  return input.vrf ? DRAW_V2 : DRAW_V1;
}

/** The step randomness of an attempt: the VRF (asds-draw/2) when given, else the CSPRNG bytes (asds-draw/1). */
export function randomnessOf(input: DrawInput): Randomness {
  if (input.vrf) {
    const c = input.case;
    const attempt = { court: input.zasady.config.court.code, caseId: c.caseId, category: c.category, date: drawDate(input), zasady: input.zasady.versionId, prev: input.vrf.prev };
    return vrfRandomness(attempt, input.vrf.prove);
  }
  if (!input.randomBytes) throw new DrawInputInvalid('a draw needs either 32 random bytes (asds-draw/1) or the court seal VRF (asds-draw/2)');
  return csprngRandomness(input.randomBytes);
}

/** SHA-256 (hex) of the canonical JSON of the roster (the Засади's judges in file order, then those appointed by order). */
export function rosterDigest(zasady: Zasady): string {
  return createHash('sha256').update(canonicalJson(zasady.config.judges), 'utf8').digest('hex');
}

/**
 * Fields every protocol carries. asds-draw/2 protocols also name the roster and give every exclusion its
 * basis document: a fact without an order or ruling of its own (specialisation, term of office, duty by the
 * schedule) rests on the Засади decision that set the roster.
 */
export function protocolHeader(input: Pick<DrawInput, 'zasady' | 'case' | 'at' | 'date' | 'randomBytes' | 'vrf'>, excluded: readonly Excluded[]) {
  const c = input.case;
  const kase: { caseId: string; category: string; uniqueNumber?: string; proceedingNumber?: string } = { caseId: c.caseId, category: c.category };
  if (c.uniqueNumber !== undefined) kase.uniqueNumber = c.uniqueNumber;
  if (c.proceedingNumber !== undefined) kase.proceedingNumber = c.proceedingNumber;
  const v = input.zasady.config.version;
  const algorithm = algorithmOf(input);
  const decision: DocumentRef = { kind: 'decision', number: v.decisionNumber, date: v.decisionDate, issuer: 'збори суддів' };
  const withBasis = algorithm === DRAW_V2;
  return {
    v: 1 as const,
    algorithm,
    court: input.zasady.config.court.code,
    case: kase,
    at: input.at,
    date: drawDate(input),
    zasady: { id: v.id, decisionNumber: v.decisionNumber, effectiveFrom: v.effectiveFrom },
    // The roster version: the Засади version plus the last roster order applied (roster.ts), so a change by order shows.
    ...(withBasis ? { roster: { version: input.zasady.rosterVersion ?? v.id, judges: input.zasady.config.judges.length, digest: rosterDigest(input.zasady) } } : {}),
    excluded: excluded.map((e) => ({ judgeId: e.judgeId, reasons: e.reasons.map((r) => (withBasis && !r.basis ? { ...r, basis: decision } : { ...r })) })),
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
  source: Randomness;
  index: number;
  label: string;
  role: DrawStep['role'];
  caseId: string;
  policy: PolicyRef;
}

/** One recorded draw among judges. */
export function judgeStep(spec: StepSpec, figures: readonly Figures[]): DrawStep {
  const candidates = judgeCandidates(spec.policy, figures);
  const { bytes, proof } = spec.source.step(spec.index, spec.label, candidates.map((c) => [c.judgeId, c.w] as const));
  const u = uniformFrom(bytes, spec.caseId);
  const chosen = candidates[pickIndex(candidates.map((c) => c.w), u)]!.judgeId;
  return { label: spec.label, role: spec.role, bytes: toHex(bytes), ...(proof !== undefined ? { proof } : {}), u, candidates, chosen };
}
