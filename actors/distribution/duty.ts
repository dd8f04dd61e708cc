/**
 * Investigating judge on duty (Засади 4.6; 8): on days off, investigators'
 * requests go to the judge named in the chief judge's duty schedule. Pure —
 * the distribution actor may call `assignToDuty` for such requests as well.
 *
 * Several judges on duty the same day: one is drawn with equal probability
 * (same construction as every draw, step label `duty`). Judges on duty who
 * are absent that day (sick leave…) are left out and named; nobody left, or
 * no schedule for the day → a protocol of impossibility.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { DutyEntry } from '../../contracts/distribution/inputs.ts';
import { DutyProtocolSchema, type DutyProtocol } from '../../contracts/distribution/duty-protocol.ts';
import { ALGORITHM_VERSION } from '../../contracts/distribution/protocol.ts';
import { csprngUniform, DRAW_V2, vrfUniform, type UniformRandomness, type UniformVrfAttempt, type VrfInput } from './randomness.ts';
import { uniformSource } from './verify-jurors.ts';
import { isWorkingDay, type Calendar } from './calendar.ts';
import type { IsoDate } from './dates.ts';
import { byId } from './eligibility.ts';
import { DrawInputInvalid } from './errors.ts';
import { pickIndex } from './policy.ts';
import { toHex, uniformFrom } from './random.ts';
import type { Mismatch, Verification, VerifyOptions } from './verify.ts';

export interface DutyInput {
  court: string;
  case: { caseId: string; uniqueNumber?: string; proceedingNumber?: string; category: string };
  at: string;
  date: IsoDate;
  calendar: Calendar;
  schedule: readonly DutyEntry[];
  /** Judges on duty who cannot act that day, with the reason (from absences). */
  unavailable?: ReadonlyMap<string, string>;
  /** asds-draw/1: 32 CSPRNG bytes. Exactly one of `randomBytes` and `vrf`. */
  randomBytes?: Uint8Array;
  /** asds-draw/2: the seal's VRF and the duty actor's stream head before the attempt (docs/draw-spec.md §9.6). */
  vrf?: VrfInput;
}

function dutyAttempt(p: { court: string; case: { caseId: string; category: string }; calendar: string; date: string }, prev: string): UniformVrfAttempt {
  return { draw: 'duty', court: p.court, caseId: p.case.caseId, category: p.case.category, calendar: p.calendar, date: p.date, prev };
}

export function dutyEntryOn(schedule: readonly DutyEntry[], date: IsoDate): DutyEntry | undefined {
  // The latest approval for a date wins (a new order replaces the schedule of that day).
  return [...schedule].reverse().find((d) => d.date === date);
}

export function assignToDuty(input: DutyInput): DutyProtocol {
  if ((input.randomBytes === undefined) === (input.vrf === undefined)) throw new DrawInputInvalid('exactly one of randomBytes (asds-draw/1) and vrf (asds-draw/2) is required');
  if (input.randomBytes) csprngUniform(input.randomBytes); // checks the length
  // 4.6 is about days off; on a working day the general distribution applies.
  if (isWorkingDay(input.calendar, input.date)) throw new DrawInputInvalid(`${input.date} is a working day: the duty schedule (Засади 4.6) applies only to days off`);
  const c: DutyProtocol['case'] = { caseId: input.case.caseId, category: input.case.category };
  if (input.case.uniqueNumber !== undefined) c.uniqueNumber = input.case.uniqueNumber;
  if (input.case.proceedingNumber !== undefined) c.proceedingNumber = input.case.proceedingNumber;
  const head = { v: 1 as const, algorithm: input.vrf ? DRAW_V2 : ALGORITHM_VERSION, court: input.court, case: c, rule: 'Засади 4.6' as const, at: input.at, date: input.date, calendar: input.calendar.id };
  const entry = dutyEntryOn(input.schedule, input.date);
  if (!entry) return { ...head, kind: 'duty-impossibility', schedule: null, excluded: [], text: `Графік чергувань слідчих суддів на ${input.date} не затверджено` };
  const excluded = entry.judgeIds.filter((j) => input.unavailable?.has(j)).map((judgeId) => ({ judgeId, reason: input.unavailable!.get(judgeId)! }));
  const candidates = entry.judgeIds.filter((j) => !input.unavailable?.has(j)).sort(byId);
  const schedule = { judgeIds: [...entry.judgeIds], basis: entry.basis };
  if (candidates.length === 0) return { ...head, kind: 'duty-impossibility', schedule, excluded, text: 'Жоден черговий слідчий суддя не може розглянути клопотання' };
  const source = input.vrf ? { vrf: { suite: input.vrf.suite, key: input.vrf.keyId, prev: input.vrf.prev } } : { randomBytes: toHex(input.randomBytes!) };
  const base = { ...head, kind: 'duty-assignment' as const, schedule, excluded, ...source };
  if (candidates.length === 1) return { ...base, chosen: candidates[0]! };
  const random: UniformRandomness = input.vrf ? vrfUniform(dutyAttempt(head, input.vrf.prev), input.vrf.prove) : csprngUniform(input.randomBytes!);
  const r = random.step(0, 'duty', candidates);
  const u = uniformFrom(r.bytes, input.case.caseId);
  const chosen = candidates[pickIndex(candidates.map(() => 1), u)]!;
  return { ...base, step: { label: 'duty', bytes: toHex(r.bytes), ...(r.proof ? { proof: r.proof } : {}), u, candidates, chosen }, chosen };
}

const check = TypeCompiler.Compile(DutyProtocolSchema);

/** Recompute a duty protocol from itself; an asds-draw/2 one needs `opts.vrf` (the seal key). */
export function verifyDutyProtocol(p: unknown, opts: VerifyOptions = {}): Verification {
  if (!check.Check(p)) return { ok: false, mismatches: [...check.Errors(p)].map((e) => ({ path: e.path, expected: 'schema', actual: e.message })) };
  const m: Mismatch[] = [];
  const push = (path: string, expected: unknown, actual: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) m.push({ path, expected, actual });
  };
  const out = new Set(p.excluded.map((x) => x.judgeId));
  if (p.kind === 'duty-impossibility') {
    if (p.schedule) push('/excluded', [...p.schedule.judgeIds].sort(byId), [...out].sort(byId));
    return { ok: m.length === 0, mismatches: m };
  }
  const candidates = p.schedule.judgeIds.filter((j) => !out.has(j)).sort(byId);
  const source = uniformSource(push, p, (prev) => dutyAttempt(p, prev), opts);
  if (!source) return { ok: false, mismatches: m };
  if (candidates.length === 0) push('/chosen', 'a judge on duty not excluded', p.chosen);
  else if (candidates.length === 1) {
    push('/step', undefined, p.step);
    push('/chosen', candidates[0], p.chosen);
  } else {
    const bytes = source(0, 'duty', candidates, p.step?.proof, '/step');
    const u = uniformFrom(bytes, p.case.caseId);
    push('/step/bytes', toHex(bytes), p.step?.bytes);
    push('/step/u', u, p.step?.u);
    push('/step/candidates', candidates, p.step?.candidates);
    push('/chosen', candidates[pickIndex(candidates.map(() => 1), u)], p.chosen);
    push('/step/chosen', p.chosen, p.step?.chosen);
  }
  return { ok: m.length === 0, mismatches: m };
}
