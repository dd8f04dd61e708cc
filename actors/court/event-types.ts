/**
 * Every event type a court node can write, per actor kind — the list the redaction policy is checked against
 * (contracts/ingest/redaction.ts; test/replication/redaction-coverage.test.ts fails when a type has no rule).
 *
 * Why a list and not a scan of events seen in tests: a type that no test happens to emit would slip through.
 * Each list is checked by the compiler against the kind's event union (the `Behavior<S, C, Event>` its decide and
 * evolve are typed with): a type missing from a list, or a list entry the union does not have, fails
 * `npx tsc`. A new kind is caught at run time: the test compares these kinds with `courtBehaviors()`.
 *
 *   import { COURT_EVENT_TYPES } from './event-types.ts';
 *   for (const [kind, types] of Object.entries(COURT_EVENT_TYPES)) for (const t of types) console.log(`${kind}/${t}`);
 */
import type { NodeEvent } from '../../runtime/node-log.ts';
import { SNAPSHOT_RECORDED } from '../../runtime/journal/integrity.ts';
import type { RegistryEvent } from './registry/behavior.ts';
import type { JournalEvent as CorrespondenceJournalEvent } from './correspondence/journal.ts';
import type { CaseEvent } from './case/behavior.ts';
import type { EdrsrEvent } from './edrsr/behavior.ts';
import type { UsersEvent } from './users/behavior.ts';
import type { JudgeEvent } from './judge/behavior.ts';
import type { DistributionEvent } from './distribution/state.ts';
import type { JurorsEvent } from './jurors/state.ts';
import type { DutyEvent } from './duty/behavior.ts';
import type { OutageEvent } from './outage/state.ts';
import type { PublicListsEvent } from './public/behavior.ts';
import type { DatabasePullEvent } from './pull/behavior.ts';
import type { DocumentsEvent } from './documents/behavior.ts';
import type { StatsEvent } from './stats/behavior.ts';
import type { ArchiveEvent } from './archive/behavior.ts';
import type { InboxEvent as ExchangeInboxEvent } from './exchange/inbox.ts';
import type { OutgoingEvent as ExchangeOutgoingEvent } from './exchange/outgoing.ts';

/**
 * `all<E>()(list)` compiles only when `list` names every `type` of union `E` and nothing else.
 * (A missing one shows as `{ missing: 'the-type' }` in the error.)
 */
export function all<E extends { type: string }>() {
  return <const L extends readonly E['type'][]>(list: L & ([Exclude<E['type'], L[number]>] extends [never] ? unknown : { missing: Exclude<E['type'], L[number]> })): readonly string[] => list;
}

/** Kind → every event type its actors write. */
export const COURT_EVENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  // written by the runtime on every node: the run log and the chained snapshot records
  node: all<NodeEvent>()(['node-started', 'node-stopped', 'clock-held']),
  journal: [SNAPSHOT_RECORDED],
  registry: all<RegistryEvent>()(['case-registered', 'open-confirmed', 'handoff-advanced']),
  correspondence: all<CorrespondenceJournalEvent>()(['correspondence-registered', 'correspondence-recorded', 'correspondence-handed']),
  case: all<CaseEvent>()([
    'card-opened',
    'card-moved',
    'card-corrected',
    'scan-attached',
    'judge-assigned',
    'case-decided',
    'appeal-term-started',
    'appeal-term-awaiting',
    'decision-completed',
    'legal-force-revoked',
    'appeal-filed',
    'appeal-case-sent',
    'legal-force-recorded',
    'correspondence-received',
    'correspondence-handed-over',
    'archive-transferred',
    'archive-recalled',
  ]),
  'edrsr-export': all<EdrsrEvent>()(['item-enqueued', 'cursor-advanced', 'item-conflict', 'delivery-failed', 'item-delivered']),
  users: all<UsersEvent>()(['user-created', 'password-set', 'user-disabled', 'role-changed', 'tokens-revoked', 'token-issued', 'token-revoked']),
  judge: all<JudgeEvent>()(['absence-recorded']),
  distribution: all<DistributionEvent>()([
    'zasady-loaded',
    'absence-recorded',
    'absence-cancelled',
    'absence-shortened',
    'recusal-recorded',
    'duty-recorded',
    'roster-changed',
    'load-history-imported',
    'load-accrued',
    'case-distributed',
    'distribution-impossible',
    'transfer-waiting',
    'route-held',
    'distribution-failed',
  ]),
  jurors: all<JurorsEvent>()(['juror-added', 'juror-removed', 'juror-unavailability-recorded', 'juror-unavailability-cancelled', 'juror-service-recorded', 'juror-excluded', 'juror-protocol']),
  duty: all<DutyEvent>()(['investigating-judges-set', 'duty-schedule-approved', 'duty-assigned']),
  outage: all<OutageEvent>()(['outage-opened', 'urgent-assignment-recorded', 'outage-act-entered', 'outage-closed', 'backlog-entered', 'handover-scheduled', 'backlog-handed-over', 'backlog-distributed']),
  'public-lists': all<PublicListsEvent>()(['armed', 'restriction-recorded', 'hearing-recorded', 'announcement-recorded', 'run-started', 'run-names', 'run-page', 'run-cards', 'list-published']),
  'database-pull': all<DatabasePullEvent>()(['pull-requested', 'pull-prepared']),
  documents: all<DocumentsEvent>()(['document-created', 'document-edited', 'document-signed', 'document-original', 'document-linked', 'reference-pending', 'reference-resolved']),
  stats: all<StatsEvent>()(['stat-card-entered', 'stat-report-kept', 'stat-report-signed', 'stat-report-send-attempted', 'stat-report-status']),
  'exchange-inbox': all<ExchangeInboxEvent>()(['exchange-filing-arrived', 'exchange-filing-registered', 'exchange-filing-refused', 'exchange-filing-rejected']),
  'exchange-outgoing': all<ExchangeOutgoingEvent>()(['exchange-outgoing-queued', 'exchange-outgoing-sent', 'exchange-outgoing-refused']),
  archive: all<ArchiveEvent>()([
    'archive-armed',
    'archive-case-noted',
    'archive-fed',
    'archive-due-listed',
    'archive-confirmed',
    'execution-recorded',
    'package-built',
    'package-failed',
    'archive-transferred',
    'archive-refused',
    'archive-card-marked',
    'archive-recalled',
  ]),
};
