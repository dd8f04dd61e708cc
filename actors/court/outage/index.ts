/** Force-majeure mode of a court (Засади 15): `system.register(outageBehavior())`, actor `outage/<court>`. */
export { outageBehavior, workingDaysBetween, type OutageOptions } from './behavior.ts';
export type { OutageState, OutageEvent, Outage, OutageAct, BacklogItem, UrgentAssignment } from './state.ts';
export { OUTAGE_KIND, URGENT_CATEGORIES } from '../../../contracts/court/outage.ts';
