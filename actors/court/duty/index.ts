/** Investigating judges' duty on days off (Засади 4.6, 8.2): `system.register(dutyBehavior())`, actor `duty/<court>`. */
export { dutyBehavior, DUTY_TITLES, type DutyOptions, type DutyState, type DutyEvent } from './behavior.ts';
export { journalAbsences, unavailableOn, type AbsenceSource } from './absences.ts';
export { DUTY_KIND } from '../../../contracts/court/duty.ts';
