/**
 * The production calendar the centre assumes for a court: courts do not
 * replicate theirs, so the deployment's (deploy/examples/lubny/calendar.yaml,
 * Ukraine-wide working days and holidays) unless a detector run is given
 * `calendarFor(court)`.
 */
import type { Calendar } from '../../actors/distribution/calendar.ts';
import { loadRulesFiles } from '../../actors/court/distribution/config.ts';

let calendar: Calendar | undefined;

export function deploymentCalendar(): Calendar {
  return (calendar ??= loadRulesFiles().calendar);
}
