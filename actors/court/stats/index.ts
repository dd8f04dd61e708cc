/**
 * Court statistics (Засади 16): cards derived from the court's own journal,
 * entered fields under input logical control, reports formed offline, signed
 * into "Original" and sent to the centre.
 *
 *   const cards = statCardIndexOf(system);                  // projection over the journal
 *   await system.ref('stats', '537').ask({ type: 'enter', proceedingNumber, base: (await cards.card(proceedingNumber))!, fields: { result: 'satisfied' } });
 *   const report = formReport(loadStatsForms(), '537', await cards.all(), { form: '1-мзс-example', from, to, kind: 'quarter' });
 */
import type { ActorSystem } from '../../../runtime/index.ts';
import { StatCardIndex } from './cards.ts';

export { statsBehavior, statDocumentId, sha256Hex, unsent, STATS_KIND, type KeptReport, type StatsState, type StatsEvent } from './behavior.ts';
export { checkCard, holds, loadStatsControlFile, statsControlIssues, STATS_CONTROL_FILE } from './control.ts';
export { StatCardIndex } from './cards.ts';
export { formReport, loadStatsForms, reportContent, DEFAULT_FORMS_DIR } from './reports.ts';
export { StatsSender, sendProblemOf, submissionOf, wakeStatsSender } from './sender.ts';
export { STATS_ERRORS } from './errors.ts';

const indexes = new WeakMap<ActorSystem, StatCardIndex>();

/** The card index of a court node's actor system (one per node, built from its journal on first use). */
export function statCardIndexOf(system: ActorSystem, court: string): StatCardIndex {
  let i = indexes.get(system);
  if (!i) {
    if (!system.journal) throw new Error('statistical cards need the node journal');
    indexes.set(system, (i = new StatCardIndex(court, system.journal)));
  }
  return i;
}
