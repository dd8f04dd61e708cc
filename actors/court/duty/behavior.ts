/**
 * Duty of investigating judges on days off (Засади 4.6, 8.2): kind `duty`,
 * one per court. Holds the assembly's decision on the investigating judges
 * (number and names) and the chief judge's approved schedules; assigns an
 * investigator's request on a day off to the judge on duty with a protocol
 * (pure core: actors/distribution/duty.ts). Each approved schedule is also
 * told to the distribution actor (`record-duty`), whose eligibility applies
 * 4.6 to requests it draws itself.
 */
import type { Behavior, DecideContext, Decision, Effect } from '../../../runtime/index.ts';
import { DomainRejected } from '../../../runtime/index.ts';
import { DUTY_KIND, DutyCommandSchema, type DutyCommand, type DutyDocument } from '../../../contracts/court/duty.ts';
import type { DocumentRef, DutyEntry } from '../../../contracts/distribution/inputs.ts';
import { defaultCalendarConfig, isWorkingDay, loadCalendar, type Calendar } from '../../distribution/calendar.ts';
import { isIsoDate, localDateOf } from '../../distribution/dates.ts';
import { assignToDuty, dutyEntryOn, type DutyInput } from '../../distribution/duty.ts';
import { VRF_SUITE_V2 } from '../../distribution/randomness.ts';
import { GENESIS_STREAM_HEAD, nextStreamHead } from '../distribution/stream-head.ts';
import { unavailableOn, type AbsenceSource } from './absences.ts';
import { isoWithOffset } from '../distribution/time.ts';
import type { Signer } from '../../pki/index.ts';
import { protocolDocumentId, protocolNumber, sealDocument } from '../seal/index.ts';

export interface DutyState {
  court: string;
  investigating: { count: number; judgeIds: string[]; decision: DocumentRef } | null;
  schedule: DutyEntry[];
  documents: Record<string, DutyDocument>;
  byCase: Record<string, string>;
  /**
   * Head of this actor's event stream (distribution/stream-head.ts), the `prev` of an asds-draw/2 duty draw
   * (docs/draw-spec.md §9.6). Absent only in a state from a snapshot older than the field: rebuilt from the journal.
   */
  head?: string;
}

export type DutyEvent =
  | { type: 'investigating-judges-set'; count: number; judgeIds: string[]; decision: DocumentRef }
  | { type: 'duty-schedule-approved'; order: DocumentRef; entries: DutyEntry[] }
  | { type: 'duty-assigned'; caseId: string; document: DutyDocument };

export interface DutyOptions {
  calendar?: Calendar;
  timeZone?: string;
  /** The court seal; every duty protocol is sealed with it (the court node always gives one). */
  signer?: Signer;
  /**
   * Judges' absences (Засади 4.2, 4.5) — the distribution actor's record, read
   * from the journal (`journalAbsences`; the court node always gives it). A
   * judge on duty who is absent that day is left out and named (review 7).
   */
  absences?: AbsenceSource;
}

/** Type part of the duty protocols' unique id (spec §1): one gapless sequence, criminal jurisdiction (КПК). */
export const DUTY_DOCUMENT_TYPE = 'протокол-чергування';

export const DUTY_TITLES = {
  'duty-assignment': 'Протокол автоматизованого розподілу клопотання черговому слідчому судді',
  'duty-impossibility': 'Протокол щодо неможливості розподілу клопотання черговому слідчому судді',
} as const;

function reject(code: string, message: string, details?: unknown): never {
  throw new DomainRejected(code, message, details);
}

function evolve(s: DutyState, e: DutyEvent): DutyState {
  const next = apply(s, e);
  return s.head !== undefined ? { ...next, head: nextStreamHead(s.head, e) } : next;
}

function apply(s: DutyState, e: DutyEvent): DutyState {
  switch (e.type) {
    case 'investigating-judges-set':
      return { ...s, investigating: { count: e.count, judgeIds: e.judgeIds, decision: e.decision } };
    case 'duty-schedule-approved': {
      const dates = new Set(e.entries.map((x) => x.date));
      return { ...s, schedule: [...s.schedule.filter((x) => !dates.has(x.date)), ...e.entries].sort((a, b) => (a.date < b.date ? -1 : 1)) };
    }
    case 'duty-assigned':
      // A document id already kept is never replaced (review 11: a journal written by the count-based numbering may repeat one).
      if (s.documents[e.document.documentId]) return { ...s, byCase: { ...s.byCase, [e.caseId]: e.document.documentId } };
      return { ...s, documents: { ...s.documents, [e.document.documentId]: e.document }, byCase: { ...s.byCase, [e.caseId]: e.document.documentId } };
  }
}

export function dutyBehavior(opts: DutyOptions = {}): Behavior<DutyState, DutyCommand, DutyEvent, unknown> {
  const cal = opts.calendar ?? loadCalendar(defaultCalendarConfig());
  const tz = opts.timeZone ?? 'Europe/Kyiv';

  /** asds-draw/2 with the seal's VRF (an RSA seal key) over the stream head before this attempt; else v1 CSPRNG bytes. */
  function randomness(s: DutyState, ctx: DecideContext): Pick<DutyInput, 'randomBytes' | 'vrf'> {
    const vrf = opts.signer?.vrf;
    if (!vrf) return { randomBytes: ctx.randomBytes(32) };
    const prev = s.head;
    if (prev === undefined) reject('STREAM_HEAD_UNKNOWN', 'the stream head of the duty actor is unknown (a state from before asds-draw/2)');
    return { vrf: { suite: VRF_SUITE_V2, keyId: vrf.keyId, prev, prove: vrf.prove } };
  }

  function decide(s: DutyState, cmd: DutyCommand, ctx: DecideContext): Decision<DutyEvent, unknown> {
    switch (cmd.type) {
      case 'set-investigating-judges': {
        // 8.2: the number is the assembly's — a decision, not an order.
        if (cmd.decision.kind !== 'decision') reject('DECISION_REQUIRED', 'the number of investigating judges is set by the assembly of judges’ decision (Засади 8.2)');
        const ids = [...new Set(cmd.judgeIds)];
        if (ids.length !== cmd.count) reject('COUNT_MISMATCH', `the decision sets ${cmd.count} investigating judge(s) but names ${ids.length}`);
        return { events: [{ type: 'investigating-judges-set', count: cmd.count, judgeIds: ids, decision: cmd.decision }], reply: { set: true } };
      }
      case 'approve-schedule': {
        if (!s.investigating) reject('NO_INVESTIGATING_JUDGES', 'enter the assembly’s decision on investigating judges first (Засади 8.2)');
        // 4.6: the chief judge approves the schedule by an order (наказ).
        if (cmd.order.kind !== 'order') reject('ORDER_REQUIRED', 'the duty schedule is approved by the chief judge’s order (Засади 4.6)');
        const problems: Array<{ date: string; code: string; judgeId?: string }> = [];
        const seen = new Set<string>();
        for (const e of cmd.entries) {
          if (!isIsoDate(e.date)) problems.push({ date: e.date, code: 'BAD_DATE' });
          else if (isWorkingDay(cal, e.date)) problems.push({ date: e.date, code: 'NOT_A_DAY_OFF' });
          if (seen.has(e.date)) problems.push({ date: e.date, code: 'DUPLICATE_DATE' });
          seen.add(e.date);
          for (const j of e.judgeIds) if (!s.investigating.judgeIds.includes(j)) problems.push({ date: e.date, code: 'NOT_INVESTIGATING_JUDGE', judgeId: j });
        }
        if (problems.length > 0) reject('SCHEDULE_INVALID', `the schedule has ${problems.length} problem(s); nothing was recorded`, { problems });
        const entries: DutyEntry[] = cmd.entries.map((e) => ({ date: e.date, judgeIds: [...e.judgeIds], basis: cmd.order }));
        const effects: Effect[] = entries.map((entry) => ({ type: 'tell', to: { node: ctx.self.node, kind: 'distribution', id: s.court }, message: { type: 'record-duty', entry } }));
        return { events: [{ type: 'duty-schedule-approved', order: cmd.order, entries }], effects, reply: { approved: entries.length } };
      }
      case 'assign-request': {
        const existing = s.byCase[cmd.case.caseId];
        if (existing) reject('ALREADY_ASSIGNED', `request ${cmd.case.caseId} was already assigned by ${existing}`, { documentId: existing });
        const date = localDateOf(new Date(ctx.now).toISOString(), tz);
        if (isWorkingDay(cal, date)) reject('NOT_A_DAY_OFF', `${date} is a working day: the request goes through automated distribution (Засади 4.6 covers days off)`);
        // 4.6 with 4.5: a judge on duty on sick leave, vacation, a trip… that day cannot take the request.
        const onDuty = dutyEntryOn(s.schedule, date)?.judgeIds ?? [];
        const unavailable = unavailableOn(cal, opts.absences?.(s.court) ?? {}, onDuty, date);
        const protocol = assignToDuty({ court: s.court, case: cmd.case, at: isoWithOffset(ctx.now, tz), date, calendar: cal, schedule: s.schedule, unavailable, ...randomness(s, ctx) });
        const seq = ctx.seq + 1;
        // Its own gapless sequence of duty protocols (not the actor's event seq: schedules take seqs too).
        const number = protocolNumber(s.documents);
        const documentId = protocolDocumentId(s.court, number, DUTY_DOCUMENT_TYPE, 'к');
        // Never replace a document already kept under this id (review 11); max + 1 makes this unreachable.
        if (s.documents[documentId]) reject('DOCUMENT_ID_TAKEN', `protocol id ${documentId} is already in use`);
        const unsealed: DutyDocument = {
          schema: 'asds.duty-document/v1',
          documentId,
          kind: protocol.kind,
          title: DUTY_TITLES[protocol.kind],
          number,
          attempt: { actor: `${DUTY_KIND}/${s.court}`, seq },
          createdAt: protocol.at,
          createdBy: typeof ctx.meta.author === 'string' ? ctx.meta.author : 'system',
          protocol,
        };
        const document = opts.signer ? sealDocument(unsealed, opts.signer, new Date(ctx.now)) : unsealed;
        return { events: [{ type: 'duty-assigned', caseId: cmd.case.caseId, document }], reply: { documentId: document.documentId, judgeId: protocol.kind === 'duty-assignment' ? protocol.chosen : null, document } };
      }
      case 'read-schedule':
        return { reply: { investigating: s.investigating, schedule: s.schedule.filter((e) => (!cmd.from || e.date >= cmd.from) && (!cmd.to || e.date <= cmd.to)) } };
      case 'read-document': {
        const d = s.documents[cmd.documentId];
        if (!d) reject('DOCUMENT_NOT_FOUND', `no duty protocol ${cmd.documentId}`);
        return { reply: d };
      }
    }
  }

  return {
    kind: DUTY_KIND,
    commandSchema: DutyCommandSchema,
    initialState: (court) => ({ court, investigating: null, schedule: [], documents: {}, byCase: {}, head: GENESIS_STREAM_HEAD }),
    decide,
    evolve,
    // a snapshot from before the stream head (asds-draw/2) is set aside: the whole stream rebuilds it
    snapshotUsable: (s: DutyState) => s.head !== undefined,
  };
}
