/**
 * State and events of the distribution actor. State is plain JSON (the
 * runtime snapshots it); protocols themselves are NOT kept here — they live
 * in the journal events and are read from there by id (store.ts), so a
 * snapshot stays small however many cases the court has distributed.
 */
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import type { RecordedRosterChange, RosterChange, RosterOrder } from '../../../contracts/distribution/roster.ts';
import type { Absence, CaseExclusion, CaseToDistribute, DutyEntry, DocumentRef } from '../../../contracts/distribution/inputs.ts';
import type { AssignmentRow, DocumentKind, ProtocolDocument, RouteRequest } from '../../../contracts/court/distribution.ts';
import { applyLoadEvent, emptyLedger, type LoadEvent, type LoadLedger } from '../../distribution/load.ts';
import type { IsoDate } from '../../distribution/dates.ts';
import { GENESIS_STREAM_HEAD, nextStreamHead } from './stream-head.ts';

/** Who holds a case now (for transfers, returns, repeated distribution). */
export interface CaseRecord {
  /** The case as registered (exclusions by law stay in force for a repeated distribution). */
  case: CaseToDistribute;
  category: string;
  presiding: string;
  members: string[];
  /** Document id of the protocol that gave the current composition. */
  protocol: string;
  seq: number;
  erdr?: string;
  /** 5.1.11: the keyed identifiers of the person the registration named (registry/person.ts). */
  personKeys?: string[];
}

/** A case waiting: impossibility (4.10), a transfer waiting for its judge (5.4), or a route held for a person's decision. */
export interface PendingCase {
  case: CaseToDistribute;
  route?: RouteRequest;
  why: 'impossible' | 'waiting' | 'held';
  /** Kept for the distribution that ends the wait (5.1.11 index). */
  personKeys?: string[];
  /** `held`: why the route stated at registration could not be followed (code, and the reason in Ukrainian), since when. */
  held?: { code: string; reason: string; since: IsoDate };
  /** Latest attempt's seq and, for impossibility, its protocol. */
  seq: number;
  protocol?: string;
  runOn: IsoDate | null;
  /** Set when the wait follows a repeated-distribution order (retried as such). */
  repeated?: RepeatedContext;
  /** A 5.4 / 4.11 wait: the judge waited for, the ground and rule, since when, and the day a known departure takes effect. */
  waitingFor?: { judgeId: string; ground: string; rule: string; since?: IsoDate; recheckOn?: IsoDate };
}

export interface RepeatedContext {
  order: DocumentRef;
  reason: string;
  reasonText: string;
  rule: string;
  replace: string[];
  /** 4.9 ¶2: the rapporteur's memo the order follows. */
  memo?: DocumentRef;
}

export interface ProtocolRef {
  id: string;
  seq: number;
  kind: DocumentKind;
  /** A transfer is a non-random assignment (its ground's code); a draw is random. Absent for an impossibility. */
  assignmentMode?: AssignmentMode;
  ground?: string;
}

/** How the judge was determined — queried by central monitoring (Засади 4.7–4.9 vs 4.11, 4.17, 5.1–5.2). */
export type AssignmentMode = 'random' | 'non-random';

/** Who recorded a fact: set by the node from the authenticated user (ctx.meta), never from a request body. */
export interface RecordedBy {
  author: string;
  role: string;
}

/** A recusal or self-recusal (відвід / самовідвід) recorded with its ruling: excludes the judge from this case's draws. */
export interface Recusal {
  judgeId: string;
  kind: 'recusal' | 'self-recusal';
  ruling: DocumentRef;
  by: RecordedBy;
}

export interface DistributionState {
  court: string;
  zasady: ZasadyConfig[];
  ledger: LoadLedger | null;
  /** Days before this date are already accounted as unavailable (6.6) in the ledger. */
  accruedThrough: IsoDate | null;
  absences: Record<string, Absence[]>;
  /** Case id → recusals and self-recusals recorded with their rulings: the only case exclusions besides the law's own (4.12). Absent in states from before them. */
  recusals?: Record<string, Recusal[]>;
  duty: DutyEntry[];
  cases: Record<string, CaseRecord>;
  pending: Record<string, PendingCase>;
  /** 5.2: ЄРДР number → investigating judge already assigned in it. */
  erdr: Record<string, string>;
  /** 5.1.11: person key → the cases distributed with it, in order (absent in states from before it: no such events then). */
  persons?: Record<string, string[]>;
  protocols: Record<string, ProtocolRef[]>;
  /**
   * Засади 10: every judge's part in every case distributed or transferred
   * here, in seq order — exactly the `case-assigned` load the ledger counted
   * (imported history is in the ledger only). Appended in place like the
   * per-case maps. Absent only in a state recovered from a snapshot taken
   * before the field existed: then it stays absent (never "[] + later
   * events", which silently undercounts — review 9) until the behavior
   * rebuilds it by replaying the whole stream (the behavior's `snapshotUsable`).
   */
  assignments?: AssignmentRow[];
  attempts: number;
  /** Roster changes by order (appointment, end of powers, reductions), in recorded order. Absent in states from before them. */
  roster?: RecordedRosterChange[];
  /**
   * Head of this actor's event stream (stream-head.ts): what an asds-draw/2 alpha binds as `prev`. Absent only
   * in a state recovered from a snapshot taken before the field existed — then rebuilt from the journal
   * by replaying the whole stream (the behavior's `snapshotUsable`), never restarted from genesis mid-stream.
   */
  head?: string;
}

export type DistributionEvent =
  | { type: 'zasady-loaded'; config: ZasadyConfig }
  | { type: 'absence-recorded'; judgeId: string; absence: Absence }
  | { type: 'absence-cancelled'; judgeId: string; kind: Absence['kind']; from: IsoDate; basis: DocumentRef; by?: RecordedBy }
  | { type: 'absence-shortened'; judgeId: string; kind: Absence['kind']; from: IsoDate; to: IsoDate; previousTo: IsoDate | null; basis: DocumentRef; by: RecordedBy }
  | { type: 'recusal-recorded'; caseId: string; judgeId: string; kind: Recusal['kind']; ruling: DocumentRef; by: RecordedBy }
  | { type: 'duty-recorded'; entry: DutyEntry }
  /** The roster changed by the chief judge's order; `seq` is this event's own seq (it names the roster version). */
  | { type: 'roster-changed'; change: RosterChange; order: RosterOrder; by: RecordedBy; seq: number }
  | { type: 'load-history-imported'; ledger: LoadLedger; cases: number; source: string; through: IsoDate }
  | { type: 'load-accrued'; through: IsoDate; load: LoadEvent[] }
  /** A successful draw or a transfer: the document plus the load it adds. */
  | { type: 'case-distributed'; caseId: string; case: CaseToDistribute; document: ProtocolDocument; composition: { presiding: string; members: string[] }; load: LoadEvent[]; erdr?: string; personKeys?: string[]; assignmentMode?: AssignmentMode; ground?: string }
  | { type: 'distribution-impossible'; caseId: string; document: ProtocolDocument; item: { case: CaseToDistribute; route?: RouteRequest }; repeated?: RepeatedContext }
  | { type: 'transfer-waiting'; caseId: string; seq: number; judgeId: string; ground: string; rule: string; until: IsoDate | null; on?: IsoDate; recheckOn?: IsoDate; item: { case: CaseToDistribute; route?: RouteRequest }; personKeys?: string[] }
  /** The 4.1 hand-off's route could not be followed: not drawn, held for a person's decision (code, Ukrainian reason). */
  | { type: 'route-held'; caseId: string; seq: number; code: string; message: string; reason: string; on: IsoDate; item: { case: CaseToDistribute; route?: RouteRequest }; personKeys?: string[] }
  | { type: 'distribution-failed'; caseId: string; seq: number; code: string; message: string };

export function initialState(court: string): DistributionState {
  return { court, zasady: [], ledger: null, accruedThrough: null, absences: {}, duty: [], cases: {}, pending: {}, erdr: {}, protocols: {}, assignments: [], attempts: 0, head: GENESIS_STREAM_HEAD };
}

/**
 * The per-case maps (cases, pending, erdr, protocols) are updated IN PLACE:
 * copying them per event would make every draw O(cases). This is safe with
 * the runtime's contract because (0) every in-place update is idempotent
 * (decide() applies its events to see its own effects, the runtime applies
 * them again), (1) the events that touch them are the last
 * thing a decision emits — nothing after them can refuse and discard the
 * decision — and (2) if persisting fails the runtime rebuilds the state from
 * the journal (recover) before deciding anything else. Everything else is
 * copied, so a refusal after e.g. `load-accrued` leaves the state untouched.
 */
function addProtocol(s: DistributionState, caseId: string, doc: ProtocolDocument, mode?: { assignmentMode: AssignmentMode; ground?: string }): Record<string, ProtocolRef[]> {
  const list = (s.protocols[caseId] ??= []);
  // Idempotent: decide() evolves its events once to see its own effects, the runtime applies them again.
  if (!list.some((p) => p.seq === doc.attempt.seq)) list.push({ id: doc.documentId, seq: doc.attempt.seq, kind: doc.kind, ...(mode ?? {}) });
  return s.protocols;
}

/** Append the load rows of a protocol once (idempotent by seq: seqs only grow in the stream). */
function addAssignments(s: DistributionState, doc: ProtocolDocument, load: readonly LoadEvent[]): AssignmentRow[] | undefined {
  const list = s.assignments;
  if (!list) return undefined; // rows unknown until rebuilt from the journal (see DistributionState.assignments)
  const seq = doc.attempt.seq;
  if (list.length > 0 && list[list.length - 1]!.seq >= seq) return list;
  for (const x of load) {
    if (x.type === 'case-assigned') list.push({ seq, caseId: x.caseId, judgeId: x.judgeId, category: x.category, form: x.form, date: x.date, documentId: doc.documentId });
  }
  return list;
}

/** Index a case under each of its person keys once (idempotent, in place like the other per-case maps). */
function addPerson(persons: Record<string, string[]>, keys: readonly string[], caseId: string): Record<string, string[]> {
  for (const k of keys) {
    const list = (persons[k] ??= []);
    if (!list.includes(caseId)) list.push(caseId);
  }
  return persons;
}

function without<T>(rec: Record<string, T>, key: string): Record<string, T> {
  delete rec[key];
  return rec;
}

function joinJudges(ledger: LoadLedger, config: ZasadyConfig): LoadLedger {
  return config.judges.reduce((l, j) => applyLoadEvent(l, { type: 'judge-joined', judgeId: j.id, since: j.appointedOn }), ledger);
}

export function evolve(s: DistributionState, e: DistributionEvent): DistributionState {
  const next = apply(s, e);
  return { ...next, ...(s.head !== undefined ? { head: nextStreamHead(s.head, e) } : {}) };
}

function apply(s: DistributionState, e: DistributionEvent): DistributionState {
  switch (e.type) {
    case 'zasady-loaded': {
      const base = s.ledger ?? emptyLedger(e.config.load.window, e.config.version.effectiveFrom);
      return { ...s, zasady: [...s.zasady, e.config], ledger: joinJudges(base, e.config), accruedThrough: s.accruedThrough ?? e.config.version.effectiveFrom };
    }
    case 'absence-recorded':
      return { ...s, absences: { ...s.absences, [e.judgeId]: [...(s.absences[e.judgeId] ?? []), e.absence] } };
    case 'absence-cancelled':
      return { ...s, absences: { ...s.absences, [e.judgeId]: (s.absences[e.judgeId] ?? []).filter((a) => !(a.kind === e.kind && a.from === e.from)) } };
    case 'absence-shortened':
      return { ...s, absences: { ...s.absences, [e.judgeId]: (s.absences[e.judgeId] ?? []).map((a) => (a.kind === e.kind && a.from === e.from ? { ...a, to: e.to } : a)) } };
    case 'recusal-recorded': {
      const { type: _t, caseId, ...r } = e;
      const list = s.recusals?.[caseId] ?? [];
      if (list.some((x) => x.judgeId === r.judgeId)) return s;
      return { ...s, recusals: { ...(s.recusals ?? {}), [caseId]: [...list, r] } };
    }
    case 'duty-recorded':
      return { ...s, duty: [...s.duty.filter((d) => d.date !== e.entry.date), e.entry] };
    case 'roster-changed': {
      const list = s.roster ?? [];
      if (list.some((x) => x.seq === e.seq)) return s;
      const rc: RecordedRosterChange = { change: e.change, order: e.order, by: e.by, seq: e.seq };
      // A judge appointed by order counts in the load from the appointment (6.4), like one of the Засади roster.
      const ledger = e.change.kind === 'appoint' && s.ledger ? applyLoadEvent(s.ledger, { type: 'judge-joined', judgeId: e.change.judge.id, since: e.change.effectiveFrom }) : s.ledger;
      return { ...s, roster: [...list, rc], ledger };
    }
    case 'load-history-imported': {
      // Judges of the loaded Засади missing from the imported history join with nothing.
      const ledger = s.zasady.reduce((l, c) => joinJudges(l, c), e.ledger);
      return { ...s, ledger, accruedThrough: e.through };
    }
    case 'load-accrued':
      return { ...s, ledger: e.load.reduce((l, x) => applyLoadEvent(l, x), s.ledger!), accruedThrough: e.through };
    case 'case-distributed': {
      const d = e.document;
      const rec: CaseRecord = { case: e.case, category: e.case.category, presiding: e.composition.presiding, members: e.composition.members, protocol: d.documentId, seq: d.attempt.seq };
      if (e.erdr !== undefined) rec.erdr = e.erdr;
      if (e.personKeys !== undefined) rec.personKeys = e.personKeys;
      return {
        ...s,
        ledger: e.load.reduce((l, x) => applyLoadEvent(l, x), s.ledger!),
        cases: Object.assign(s.cases, { [e.caseId]: rec }),
        pending: without(s.pending, e.caseId),
        erdr: e.erdr !== undefined ? Object.assign(s.erdr, { [e.erdr]: e.composition.presiding }) : s.erdr,
        ...(e.personKeys !== undefined ? { persons: addPerson(s.persons ?? {}, e.personKeys, e.caseId) } : {}),
        protocols: addProtocol(s, e.caseId, d, modeOf(e)),
        ...(s.assignments ? { assignments: addAssignments(s, d, e.load) } : {}),
        attempts: s.attempts + 1,
      };
    }
    case 'distribution-impossible': {
      const p: PendingCase = { case: e.item.case, why: 'impossible', seq: e.document.attempt.seq, protocol: e.document.documentId, runOn: e.document.protocol.kind === 'impossibility' ? e.document.protocol.runOn : null };
      if (e.item.route) p.route = e.item.route;
      if (e.repeated) p.repeated = e.repeated;
      return { ...s, pending: Object.assign(s.pending, { [e.caseId]: p }), protocols: addProtocol(s, e.caseId, e.document), attempts: s.attempts + 1 };
    }
    case 'transfer-waiting': {
      const p: PendingCase = { case: e.item.case, why: 'waiting', seq: e.seq, runOn: e.until };
      if (e.item.route) p.route = e.item.route;
      // "Since" is the first wait of the case (a retry that waits again keeps it).
      const since = s.pending[e.caseId]?.waitingFor?.since ?? e.on;
      p.waitingFor = { judgeId: e.judgeId, ground: e.ground, rule: e.rule, ...(since ? { since } : {}), ...(e.recheckOn ? { recheckOn: e.recheckOn } : {}) };
      if (e.personKeys) p.personKeys = e.personKeys;
      return { ...s, pending: Object.assign(s.pending, { [e.caseId]: p }), attempts: s.attempts + 1 };
    }
    case 'route-held': {
      const p: PendingCase = { case: e.item.case, why: 'held', seq: e.seq, runOn: null, held: { code: e.code, reason: e.reason, since: s.pending[e.caseId]?.held?.since ?? e.on } };
      if (e.item.route) p.route = e.item.route;
      if (e.personKeys) p.personKeys = e.personKeys;
      return { ...s, pending: Object.assign(s.pending, { [e.caseId]: p }), attempts: s.attempts + 1 };
    }
    case 'distribution-failed':
      return { ...s, attempts: s.attempts + 1 };
  }
}

/** The mode of a distribution event; events from before the field: a transfer document is non-random. */
export function modeOf(e: Extract<DistributionEvent, { type: 'case-distributed' }>): { assignmentMode: AssignmentMode; ground?: string } {
  const p = e.document.protocol;
  if (p.kind === 'transfer') return { assignmentMode: 'non-random', ground: e.ground ?? p.ground.code };
  return { assignmentMode: e.assignmentMode ?? 'random' };
}

/** The exclusions a draw of this case honours: the law's own on the case (4.12) plus the recorded recusals with their rulings. */
export function exclusionsOf(s: DistributionState, c: CaseToDistribute): CaseExclusion[] {
  const recused = (s.recusals?.[c.caseId] ?? []).filter((r) => !c.exclusions.some((x) => x.judgeId === r.judgeId));
  return [...c.exclusions, ...recused.map((r) => ({ judgeId: r.judgeId, text: r.kind === 'self-recusal' ? 'Самовідвід судді (ухвала)' : 'Відвід судді (ухвала)', basis: r.ruling }))];
}
