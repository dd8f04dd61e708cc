/**
 * Protocol of impossibility of distribution (Засади 4.10).
 *
 * ¶2: when the obstacle goes, distribution runs — we report the first
 * working day on which enough judges are eligible on the facts known now.
 * ¶3: if all judges are absent at once (trips, vacations, sickness, other
 * cases where a judge cannot administer justice), distribution runs "у
 * робочий день, наступний за днем, коли відпали відповідні обставини".
 * We read "the day the circumstances fell away" as the last day of the
 * obstacle, i.e. the first working day on or after the first day a judge
 * is back (this matches the digest's "the working day after the obstacle
 * ends"). Both are forecasts: new orders can change them.
 */
import type { ImpossibilityProtocol } from '../../contracts/distribution/protocol.ts';
import { isWorkingDay } from './calendar.ts';
import { addDays, type IsoDate } from './dates.ts';
import { protocolHeader, type DrawInput } from './draw.ts';
import { assessJudges, type Assessment, type EligibilityContext } from './eligibility.ts';
import type { ReasonCode } from './reasons.ts';

/** Reasons that mean the judge is away or cannot administer justice (4.10 ¶3), as opposed to case-specific ones. */
const ABSENT: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'VACATION',
  'TRIP',
  'SICK_LEAVE',
  'TRAINING',
  'SUSPENDED',
  'APPOINTED_VKKS_VRP',
  'DISMISSED',
  'POWERS_ENDED',
  'NOT_YET_APPOINTED',
]);

export const DEFAULT_HORIZON_DAYS = 366;

export function allAbsent(a: Assessment): boolean {
  return a.eligible.length === 0 && a.excluded.every((x) => x.reasons.some((r) => ABSENT.has(r.code)));
}

function firstDay(ctx: EligibilityContext, enough: (a: Assessment) => boolean, horizon: number, workingOnly: boolean): IsoDate | null {
  for (let i = 1; i <= horizon; i++) {
    const date = addDays(ctx.date, i);
    if (workingOnly && !isWorkingDay(ctx.calendar, date)) continue;
    if (enough(assessJudges({ ...ctx, date }))) return date;
  }
  return null;
}

export function impossibilityProtocol(
  input: DrawInput,
  ctx: EligibilityContext,
  assessment: Assessment,
  needed: number,
  enough: (a: Assessment) => boolean,
  horizonDays = DEFAULT_HORIZON_DAYS,
): ImpossibilityProtocol {
  const earliest = firstDay(ctx, enough, horizonDays, false);
  const runOn = earliest === null ? null : firstDay({ ...ctx, date: addDays(earliest, -1) }, enough, horizonDays, true);
  return {
    ...protocolHeader(input, assessment.excluded),
    kind: 'impossibility',
    needed,
    eligible: [...assessment.eligible],
    earliestEligible: earliest,
    runOn,
    rule: allAbsent(assessment) ? '4.10 ¶3' : '4.10 ¶2',
    horizonDays,
  };
}
