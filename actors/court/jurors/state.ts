/**
 * State and events of the jurors actor. Plain JSON (snapshotted). The
 * protocol documents live in the events and, for reading by id, in state
 * (a court selects jurors for tens of cases a year, not thousands).
 */
import type { DocumentRef } from '../../../contracts/distribution/inputs.ts';
import type { JurorProceeding } from '../../../contracts/distribution/juror-protocol.ts';
import type { JurorDocument } from '../../../contracts/court/jurors.ts';
import type { JurorAbsence, JurorCaseRef, ProceedingExclusion } from '../../distribution/jurors.ts';
import type { IsoDate } from '../../distribution/dates.ts';
import { GENESIS_STREAM_HEAD, nextStreamHead } from '../distribution/stream-head.ts';

export interface JurorEntry {
  jurorId: string;
  fullName: string;
  addedOn: IsoDate;
  basis: DocumentRef;
  removedOn?: IsoDate;
  removalBasis?: DocumentRef;
  absences: JurorAbsence[];
  /** Days of service per calendar year (7.5). */
  serviceDays: Record<string, number>;
  service: Array<{ caseId: string; from: IsoDate; to: IsoDate }>;
}

/** What an impossible selection was trying to do, so `retry` can run it again (7.9 ¶3). */
export type PendingOp = { op: 'select' } | { op: 'compose' } | { op: 'replace'; jurorId: string; basis?: DocumentRef };

export interface JurorCase {
  case: JurorCaseRef;
  proceeding: JurorProceeding;
  /** Criminal: everyone drawn as a candidate (7.4 ¶1 and top-ups). */
  candidates: string[];
  main: string[];
  reserve: string[];
  exclusions: ProceedingExclusion[];
  documents: string[];
  pending?: PendingOp;
}

export interface JurorsState {
  court: string;
  nextJuror: number;
  jurors: Record<string, JurorEntry>;
  cases: Record<string, JurorCase>;
  documents: Record<string, JurorDocument>;
  /**
   * Head of this actor's event stream (distribution/stream-head.ts): what an asds-draw/2 alpha binds as `prev`
   * (docs/draw-spec.md §9.6). Absent only in a state from a snapshot taken before the field existed — then
   * rebuilt by replaying the whole stream (the behavior's `snapshotUsable`), never restarted from genesis mid-stream.
   */
  head?: string;
}

export type JurorsEvent =
  | { type: 'juror-added'; juror: JurorEntry }
  | { type: 'juror-removed'; jurorId: string; removedOn: IsoDate; basis: DocumentRef }
  | { type: 'juror-unavailability-recorded'; jurorId: string; absence: JurorAbsence }
  | { type: 'juror-unavailability-cancelled'; jurorId: string; kind: JurorAbsence['kind']; from: IsoDate; basis: DocumentRef }
  | { type: 'juror-service-recorded'; jurorId: string; caseId: string; from: IsoDate; to: IsoDate; days: Record<string, number> }
  | { type: 'juror-excluded'; caseId: string; exclusion: ProceedingExclusion }
  /** A selection or impossibility; `after` is the case's juror composition the protocol leaves. */
  | {
      type: 'juror-protocol';
      caseId: string;
      case: JurorCaseRef;
      proceeding: JurorProceeding;
      document: JurorDocument;
      after: { candidates: string[]; main: string[]; reserve: string[] };
      pending?: PendingOp;
    };

export function initialState(court: string): JurorsState {
  return { court, nextJuror: 1, jurors: {}, cases: {}, documents: {}, head: GENESIS_STREAM_HEAD };
}

function withJuror(s: JurorsState, id: string, f: (j: JurorEntry) => JurorEntry): JurorsState {
  return { ...s, jurors: { ...s.jurors, [id]: f(s.jurors[id]!) } };
}

export function emptyCase(c: JurorCaseRef, proceeding: JurorProceeding): JurorCase {
  return { case: c, proceeding, candidates: [], main: [], reserve: [], exclusions: [], documents: [] };
}

export function evolve(s: JurorsState, e: JurorsEvent): JurorsState {
  const next = apply(s, e);
  return s.head !== undefined ? { ...next, head: nextStreamHead(s.head, e) } : next;
}

function apply(s: JurorsState, e: JurorsEvent): JurorsState {
  switch (e.type) {
    case 'juror-added':
      return { ...s, nextJuror: s.nextJuror + 1, jurors: { ...s.jurors, [e.juror.jurorId]: e.juror } };
    case 'juror-removed':
      return withJuror(s, e.jurorId, (j) => ({ ...j, removedOn: e.removedOn, removalBasis: e.basis }));
    case 'juror-unavailability-recorded':
      return withJuror(s, e.jurorId, (j) => ({ ...j, absences: [...j.absences, e.absence] }));
    case 'juror-unavailability-cancelled':
      return withJuror(s, e.jurorId, (j) => ({ ...j, absences: j.absences.filter((a) => !(a.kind === e.kind && a.from === e.from)) }));
    case 'juror-service-recorded':
      return withJuror(s, e.jurorId, (j) => {
        const serviceDays = { ...j.serviceDays };
        for (const [y, n] of Object.entries(e.days)) serviceDays[y] = (serviceDays[y] ?? 0) + n;
        return { ...j, serviceDays, service: [...j.service, { caseId: e.caseId, from: e.from, to: e.to }] };
      });
    case 'juror-excluded': {
      const c = s.cases[e.caseId]!;
      return { ...s, cases: { ...s.cases, [e.caseId]: { ...c, exclusions: [...c.exclusions, e.exclusion] } } };
    }
    case 'juror-protocol': {
      const prev = s.cases[e.caseId] ?? emptyCase(e.case, e.proceeding);
      const next: JurorCase = { ...prev, ...e.after, documents: [...prev.documents, e.document.documentId] };
      if (e.pending) next.pending = e.pending;
      else delete next.pending;
      // A document id already kept is never replaced (review 11: a journal written by the count-based numbering may repeat one).
      const documents = s.documents[e.document.documentId] ? s.documents : { ...s.documents, [e.document.documentId]: e.document };
      return { ...s, cases: { ...s.cases, [e.caseId]: next }, documents };
    }
  }
}
