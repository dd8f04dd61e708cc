/**
 * Jurors of a court (Засади 7): the list and the selections.
 *
 *   system.register(jurorsBehavior());
 *   const { jurorId } = await system.ref('jurors', '537').ask({ type: 'add-juror', fullName: '…', addedOn: '2025-01-01', basis });
 *   await system.ref('jurors', '537').ask({ type: 'select', case: { caseId: '537/10/25' }, proceeding: 'criminal' });
 */
export { jurorsBehavior, JUROR_TITLES, daysPerYear, type JurorsOptions } from './behavior.ts';
export type { JurorsState, JurorsEvent, JurorCase, JurorEntry } from './state.ts';
export { JUROR_KIND } from '../../../contracts/court/jurors.ts';
