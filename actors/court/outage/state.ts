/** State and events of the outage actor (Засади 15). Plain JSON. */
import type { DocumentRef } from '../../../contracts/distribution/inputs.ts';
import type { DistributeItem } from '../../../contracts/court/distribution.ts';
import type { UrgentCategory } from '../../../contracts/court/outage.ts';
import type { IsoDate } from '../../distribution/dates.ts';

export interface OutageAct {
  number: string;
  startedAt: string;
  endedAt: string;
  causes: string[];
  measures: string[];
  commission: Array<{ fullName: string; position: string; chair?: boolean }>;
  /** Working days the circumstances lasted (15.1: "понад п'ять робочих днів"), by the court's working hours. */
  workingDays: number;
  enteredOn: IsoDate;
  /** Last day the act could be entered without an order (15.1 ¶2). */
  dueBy: IsoDate;
  late?: { order: DocumentRef; reason: string };
}

/** 15.1: a stop of five working days or less, closed without an act — recorded with its reason and author. */
export interface OutageClosure {
  endedAt: string;
  reason: string;
  /** Working days it lasted (≤ 5), by the court's working hours (working-time.ts). */
  workingDays: number;
  closedBy: string;
  closedOn: IsoDate;
  /** Next working day after the end: the backlog is due by then (15.4 applied to every stop). */
  dueBy: IsoDate;
}

export interface UrgentAssignment {
  seq: number;
  at: string;
  /** An urgent category id of the court's 15.3 (its Засади's `outage.urgentCategories`; Lubny's by default). */
  category: UrgentCategory | (string & {});
  case: { caseId: string; uniqueNumber?: string; proceedingNumber?: string; arrivalNumber?: string };
  judges: string[];
  decision: DocumentRef;
  enteredBy: string;
}

export interface BacklogItem {
  seq: number;
  arrivalNumber: number;
  arrivedAt: string;
  description: string;
  distribute?: DistributeItem;
  enteredOn: IsoDate;
  /** Entered after the 15.4 deadline (accepted: correspondence is never refused, the delay is recorded). */
  late: boolean;
  handedOverAt?: string;
}

export interface Outage {
  outageId: string;
  startedAt: string;
  note?: string;
  act?: OutageAct;
  closure?: OutageClosure;
  urgent: UrgentAssignment[];
  backlog: BacklogItem[];
  handovers: Array<{ at: string; arrivalNumbers: number[]; trigger: 'now' | 'reminder' }>;
  /** What distribution made of the handed-over cases (15.4 "інформація про її розподіл"), in arrival order. */
  distributed?: Array<{ caseId: string; status: string; documentId?: string; code?: string }>;
  handoverDue?: string;
}

export interface OutageState {
  court: string;
  next: number;
  outages: Record<string, Outage>;
}

export type OutageEvent =
  | { type: 'outage-opened'; outageId: string; startedAt: string; note?: string }
  | { type: 'urgent-assignment-recorded'; outageId: string; assignment: UrgentAssignment }
  | { type: 'outage-act-entered'; outageId: string; act: OutageAct; handoverDue: string }
  | { type: 'outage-closed'; outageId: string; closure: OutageClosure; handoverDue: string }
  | { type: 'backlog-entered'; outageId: string; item: BacklogItem }
  | { type: 'handover-scheduled'; outageId: string; dueAt: string }
  | { type: 'backlog-handed-over'; outageId: string; at: string; arrivalNumbers: number[]; trigger: 'now' | 'reminder' }
  | { type: 'backlog-distributed'; outageId: string; outcomes: Array<{ caseId: string; status: string; documentId?: string; code?: string }> };

export function initialState(court: string): OutageState {
  return { court, next: 1, outages: {} };
}

function put(s: OutageState, o: Outage): OutageState {
  return { ...s, outages: { ...s.outages, [o.outageId]: o } };
}

export function evolve(s: OutageState, e: OutageEvent): OutageState {
  if (e.type === 'outage-opened') {
    const o: Outage = { outageId: e.outageId, startedAt: e.startedAt, urgent: [], backlog: [], handovers: [] };
    if (e.note !== undefined) o.note = e.note;
    return { ...put(s, o), next: s.next + 1 };
  }
  const o = s.outages[e.outageId]!;
  switch (e.type) {
    case 'urgent-assignment-recorded':
      return put(s, { ...o, urgent: [...o.urgent, e.assignment] });
    case 'outage-act-entered':
      return put(s, { ...o, act: e.act, handoverDue: e.handoverDue });
    case 'outage-closed':
      return put(s, { ...o, closure: e.closure, handoverDue: e.handoverDue });
    case 'backlog-entered':
      return put(s, { ...o, backlog: [...o.backlog, e.item] });
    case 'handover-scheduled':
      return put(s, { ...o, handoverDue: e.dueAt });
    case 'backlog-distributed':
      return put(s, { ...o, distributed: [...(o.distributed ?? []), ...e.outcomes] });
    case 'backlog-handed-over': {
      const set = new Set(e.arrivalNumbers);
      const backlog = o.backlog.map((b) => (set.has(b.arrivalNumber) ? { ...b, handedOverAt: e.at } : b));
      const { handoverDue: _d, ...rest } = o;
      return put(s, { ...rest, backlog, handovers: [...o.handovers, { at: e.at, arrivalNumbers: e.arrivalNumbers, trigger: e.trigger }] });
    }
  }
}
