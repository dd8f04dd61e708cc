/**
 * asds — pure core of automated case distribution (Засади 4–6, 8–9;
 * distribution-spec §2–§5, §7). No I/O: the runtime supplies facts,
 * CSPRNG bytes and the load ledger; this returns protocols.
 *
 * Usage (runnable with `node --import tsx`):
 *
 *   import { readFileSync } from 'node:fs';
 *   import { randomBytes } from 'node:crypto';
 *   import { loadZasadyYaml, loadCalendarYaml, ledgerForZasady, distribute, verifyProtocol } from './actors/distribution/index.ts';
 *
 *   const zasady = loadZasadyYaml(readFileSync('deploy/examples/lubny/zasady.yaml', 'utf8'));
 *   const calendar = loadCalendarYaml(readFileSync('deploy/examples/lubny/calendar.yaml', 'utf8'));
 *   const ledger = ledgerForZasady(zasady, '2025-06-10');
 *   const protocol = distribute({
 *     zasady, calendar, ledger, absences: {},
 *     case: { caseId: '537/1234/25', category: 'civil-claim', exclusions: [] },
 *     at: '2025-06-10T09:15:00+03:00',
 *     randomBytes: randomBytes(32),
 *   });
 *   if (protocol.kind !== 'impossibility') console.log(protocol.chosen.presiding);
 *   console.log(verifyProtocol(JSON.parse(JSON.stringify(protocol))).ok); // true
 *
 * `asds-draw/2` (docs/draw-spec.md §9): pass `vrf` instead of `randomBytes` — the court seal's
 * RSA-FDH-VRF (`vrfProver(key)` from actors/pki) and the actor's stream head — and verify with
 * `verifyProtocol(p, { vrf: { keyId, check: (alpha, pi) => vrfVerify(publicKey, alpha, pi) } })`.
 *
 * The court's rules are its Засади (any court: deploy/examples/lubny, deploy/examples/reshetylivka): the 4.5
 * lead windows (`leadWindows`), the 15.3 urgent list (`outage`), the jurisdiction letters
 * (`proceedingIndexes[].jurisdiction`); a version without them gets the Lubny values. The roster in force
 * is the version's judges with the roster changes by order applied: `applyRoster(version, changes, date)`.
 *
 * After a draw the runtime appends the protocol to the journal, then feeds
 * `assignedEvent(zasady, …)` for each chosen judge into `applyLoadEvent`.
 */
export { type IsoDate, addDays, addMonths, dayNumber, isoWeekday, localDateOf } from './dates.ts';
export {
  type Calendar,
  loadCalendar,
  defaultCalendarConfig,
  isWorkingDay,
  addWorkingDays,
  workingDaysBefore,
  nextWorkingDay,
  workingDayOnOrAfter,
} from './calendar.ts';
export { loadCalendarYaml } from './calendar-yaml.ts';
export { type Zasady, ZasadyHistory, loadZasady, loadZasadyYaml, zasadyIssues, MAX_REDUCTION, LUBNY_LEAD_WINDOWS, LUBNY_OUTAGE_RULES, defaultJurisdiction } from './zasady.ts';
export { applyRoster, appliesFrom, applicableChanges, rosterChangeIssues, rosterVersionOf } from './roster.ts';
export { type Eligibility, type EligibilityContext, type Assessment, type Excluded, judgeEligibility, assessJudges, byId } from './eligibility.ts';
export { vacationLeadDays, tripLeadDays, absenceWindows } from './absence.ts';
export { type Reason, type ReasonCode, REASONS } from './reasons.ts';
export {
  type LoadLedger,
  type LoadEvent,
  type JudgeLoad,
  emptyLedger,
  ledgerForZasady,
  applyLoadEvent,
  assignedEvent,
  loadSnapshot,
  normalise,
  windowStartFor,
} from './load.ts';
export { type DrawInput } from './draw.ts';
export { type DistributionResult, type ReplacementInput, type JudgesReplacementInput, distribute, replaceMember, replaceJudges } from './distribute.ts';
export { uniformFrom, stepBytes, RANDOM_BYTES } from './random.ts';
export { weights, probabilities, pickIndex, policyRef } from './policy.ts';
export { type Verification, type Mismatch, type VerifyOptions, type ProofCheck, verifyProtocol } from './verify.ts';
export { DRAW_V1, DRAW_V2, VRF_SUITE_V2, vrfAlpha, uniformVrfAlpha, f64hex, proofToBytes, type VrfInput, type Randomness, type UniformVrfAttempt } from './randomness.ts';
export { canonicalJson } from './canonical.ts';
export { ConfigInvalid, InvalidDate, NoZasadyInForce, DrawInputInvalid, type ConfigIssue } from './errors.ts';
export type { DrawProtocol, ImpossibilityProtocol, Protocol } from '../../contracts/distribution/protocol.ts';
export type { Absence, CaseToDistribute, DutyEntry } from '../../contracts/distribution/inputs.ts';
export { type RouteDecision, type RoutingInput, type RoutingLookups, type Composition, type Ground, routeCase, judgeAbsentOn, judgeReturnsOn } from './routing.ts';
export {
  type JurorRecord,
  type JurorAbsence,
  type JurorAbsenceKind,
  type ProceedingExclusion,
  type JurorDrawInput,
  DEFAULT_JUROR_POLICY,
  assessJurors,
  selectCandidates,
  composeCriminal,
  selectCivil,
  replaceMainJuror,
  replaceCivilJuror,
} from './jurors.ts';
export { verifyJurorProtocol } from './verify-jurors.ts';
