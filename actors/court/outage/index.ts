/**
 * Force-majeure mode of a court (Засади 15), actor `outage/<court>`:
 *
 *   system.register(outageBehavior({ calendar, workingHours: { from: '08:00', to: '17:00' } }));
 *   const o = system.ref('outage', '537');
 *   const { outageId } = await o.ask({ type: 'open-outage', startedAt: '2025-06-03T10:00:00+03:00' });
 *   await o.ask({ type: 'close-without-act', outageId, endedAt: '2025-06-04T16:00:00+03:00', reason: 'Відновлено живлення' });
 */
export { outageBehavior, workingDaysBetween, type OutageOptions } from './behavior.ts';
export { workingTimeOf, DEFAULT_WORKING_HOURS, type WorkingHours, type WorkingTime } from './working-time.ts';
export type { OutageState, OutageEvent, Outage, OutageAct, OutageClosure, BacklogItem, UrgentAssignment } from './state.ts';
export { OUTAGE_KIND, URGENT_CATEGORIES } from '../../../contracts/court/outage.ts';
