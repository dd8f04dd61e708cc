/**
 * Where the centre leans on the court's statistics engine (analytics/stats):
 * the period check of a form and the report logical control (16.1.4), so a
 * report formed at the centre is refused and controlled by the same rules as
 * at the court.
 */
import type { FormDefinitionV1, PeriodV1, StatReportV1 } from '../../../contracts/stats/index.ts';
import { checkPeriod, controlReport, StatsFormInvalid, StatsPeriodInvalid, StatsReportMismatch, StatsUnknownCell } from '../../../analytics/stats/index.ts';
import { AsdsError } from '../../../runtime/index.ts';

export function checkReportPeriod(def: FormDefinitionV1, period: PeriodV1): void {
  checkPeriod(def, period);
}

export function controlled(def: FormDefinitionV1, report: StatReportV1): StatReportV1 {
  return { ...report, failures: controlReport(def, report) };
}

/** A refusal for people (bad input, a period the form is not made for…) rather than a failure: it has a stable code. */
export function isRefusal(e: unknown): e is Error & { code: string } {
  return e instanceof AsdsError || e instanceof StatsPeriodInvalid || e instanceof StatsFormInvalid || e instanceof StatsReportMismatch || e instanceof StatsUnknownCell;
}
