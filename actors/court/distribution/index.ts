/**
 * Court distribution actor (Засади 4–5; distribution-spec §2–§5, §7).
 *
 *   const behavior = distributionForCourt({ dataDir, court: '537' });   // Lubny example Засади by default
 *   system.register(behavior);
 *   await system.ref('distribution', '537').ask({ type: 'distribute', case: { caseId: '537/1/25', category: 'civil-claim', exclusions: [] } });
 *
 * Protocols: read by id with `new ProtocolStore(journalPath).get(id)`; PDF with `protocolPdf(doc)`.
 */
import type { Behavior } from '../../../runtime/index.ts';
import { distributionBehavior } from './behavior.ts';
import { DEFAULT_ZASADY, loadRulesFiles, type LoadedRules } from './config.ts';
import { ensureCourtSeal } from './seal.ts';

export { distributionBehavior, DISTRIBUTION_KIND, type DistributionOptions } from './behavior.ts';
export { ProtocolStore, streamHeadProblems, type StoredProtocol } from './store.ts';
export { ensureCourtSeal, courtPkiDir } from './seal.ts';
export { loadRulesFiles, DEFAULT_ZASADY, type LoadedRules } from './config.ts';
export { canonicalJson, signedContent, parseDocumentId, formatDocumentId } from './documents.ts';
export { protocolPdf } from './pdf.ts';
export { checkProtocolDocument, type ProtocolCheck } from './check.ts';
export type { DistributionState, DistributionEvent } from './state.ts';

export interface CourtDistributionOptions {
  dataDir: string;
  court: string;
  /** Засади file (YAML/JSON); the calendar is `calendar.yaml` beside it. Default: the Lubny example. */
  zasadyFile?: string;
  calendarFile?: string;
  /** Opens the court seal key (encrypted at rest; actors/court/seal). */
  keyPassphrase?: string;
}

/**
 * The behavior for a court node, or undefined when the default (example)
 * Засади belong to another court — an explicit `--zasady` of another court is an error.
 */
export function distributionForCourt(o: CourtDistributionOptions): Behavior | undefined {
  const rules = courtRules(o);
  if (!rules) return undefined;
  const signer = ensureCourtSeal(o.dataDir, rules.court.code, rules.court.name, o.keyPassphrase);
  return distributionBehavior({ zasady: rules.zasady, calendar: rules.calendar, signer });
}

/**
 * This court's rules (Засади, calendar, legal-force — every error of every file listed), or undefined when
 * no Засади of this court are given (the default example belongs to another court). An explicit
 * `zasadyFile` of another court is an error.
 */
export function courtRules(o: { court: string; zasadyFile?: string; calendarFile?: string }): LoadedRules | undefined {
  const rules = loadRulesFiles(o.zasadyFile ?? DEFAULT_ZASADY, o.calendarFile);
  if (rules.court.code === o.court) return rules;
  if (o.zasadyFile) throw new Error(`Засади ${o.zasadyFile} are of court ${rules.court.code}, this node is court ${o.court}`);
  return undefined;
}

/** For `courtBehaviors()`: the distribution behavior when the node's options are known and its Засади are this court's. */
export function courtDistributionBehaviors(o?: { court: string; dataDir: string; zasadyFile?: string; keyPassphrase?: string }): Behavior[] {
  if (!o) return [];
  const b = distributionForCourt({ court: o.court, dataDir: o.dataDir, ...(o.zasadyFile ? { zasadyFile: o.zasadyFile } : {}), ...(o.keyPassphrase ? { keyPassphrase: o.keyPassphrase } : {}) });
  return b ? [b] : [];
}
