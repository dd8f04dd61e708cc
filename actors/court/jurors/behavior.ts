/**
 * The jurors actor: kind `jurors`, one per court (id = court code).
 * Keeps the jurors' list (7.2), exclusions in a proceeding (КПК 387; 7.5 ¶2)
 * and service days (7.5), and runs every selection through the pure core
 * (actors/distribution/jurors.ts), journaling each protocol — success or
 * impossibility — as one event with its own sequence number. An impossible
 * selection waits with a durable reminder for the earliest date enough
 * jurors are known to be eligible, and is retried at once when the list or
 * an order changes (7.9 ¶3).
 */
import type { Behavior, DecideContext, Decision, Effect } from '../../../runtime/index.ts';
import { DomainRejected } from '../../../runtime/index.ts';
import { JUROR_KIND, JurorCommandSchema, type JurorCommand, type JurorDocument } from '../../../contracts/court/jurors.ts';
import type { JurorPolicy, JurorProtocol } from '../../../contracts/distribution/juror-protocol.ts';
import { addDays, dayNumber, localDateOf, type IsoDate } from '../../distribution/dates.ts';
import { isIsoDate } from '../../distribution/dates.ts';
import {
  composeCriminal,
  DEFAULT_JUROR_POLICY,
  isOnList,
  replaceCivilJuror,
  replaceMainJuror,
  selectCandidates,
  selectCivil,
  type JurorCaseRef,
  type JurorDrawInput,
  type JurorRecord,
} from '../../distribution/jurors.ts';
import { isoWithOffset, localTimeToEpoch } from '../distribution/time.ts';
import type { Signer } from '../../pki/index.ts';
import { protocolDocumentId, protocolNumber, sealDocument } from '../seal/index.ts';
import { VRF_SUITE_V2 } from '../../distribution/randomness.ts';
import { emptyCase, evolve, initialState, type JurorCase, type JurorsEvent, type JurorsState, type PendingOp } from './state.ts';

export interface JurorsOptions {
  timeZone?: string;
  policy?: JurorPolicy;
  /** Court-local hour at which an impossible selection is retried (default 8). */
  retryHour?: number;
  /**
   * The court seal; every protocol is sealed with it (the court node always gives one). With an RSA seal key
   * the draws are asds-draw/2 — the seal's VRF, nobody can choose the bytes (issue 13 item 13); without a
   * signer (unit use) asds-draw/1 from the runtime's CSPRNG.
   */
  signer?: Signer;
}

/** Type part of the juror protocols' unique id (spec §1); their numbers form one gapless sequence. */
export const JUROR_DOCUMENT_TYPE = 'протокол-присяжних';

const reminderName = (caseId: string) => `jurors:${caseId}`;

export const JUROR_TITLES = {
  candidates: 'Протокол попереднього відбору присяжних', // 7.3
  selection: 'Протокол автоматизованого визначення присяжних', // 7.6, 7.7 ¶2
  impossibility: 'Протокол щодо неможливості автоматизованого визначення присяжних', // 7.9
} as const;

function reject(code: string, message: string, details?: unknown): never {
  throw new DomainRejected(code, message, details);
}

function checkDate(d: string, field: string): void {
  if (!isIsoDate(d)) reject('BAD_DATE', `${field}: no such calendar date ${d}`);
}

/** Days of [from, to] per calendar year. */
export function daysPerYear(from: IsoDate, to: IsoDate): Record<string, number> {
  const out: Record<string, number> = {};
  for (let d = from; d <= to; d = addDays(d, 1)) out[d.slice(0, 4)] = (out[d.slice(0, 4)] ?? 0) + 1;
  return out;
}

export function jurorsBehavior(opts: JurorsOptions = {}): Behavior<JurorsState, JurorCommand, JurorsEvent, unknown> {
  const tz = opts.timeZone ?? 'Europe/Kyiv';
  const policy = opts.policy ?? DEFAULT_JUROR_POLICY;
  const retryHour = opts.retryHour ?? 8;
  const today = (ctx: DecideContext) => localDateOf(new Date(ctx.now).toISOString(), tz);

  function records(s: JurorsState): JurorRecord[] {
    return Object.values(s.jurors).map((j) => {
      const r: JurorRecord = { jurorId: j.jurorId, addedOn: j.addedOn, absences: j.absences, serviceDays: j.serviceDays };
      if (j.removedOn !== undefined) r.removedOn = j.removedOn;
      return r;
    });
  }

  function juror(s: JurorsState, id: string) {
    return s.jurors[id] ?? reject('JUROR_NOT_FOUND', `no juror ${id} in the list of court ${s.court}`);
  }

  function kase(s: JurorsState, caseId: string): JurorCase {
    return s.cases[caseId] ?? reject('NO_JUROR_SELECTION', `no juror selection was made in case ${caseId}`);
  }

  function document(s: JurorsState, ctx: DecideContext, p: JurorProtocol): JurorDocument {
    const seq = ctx.seq + 1;
    const title = p.kind === 'juror-impossibility' ? JUROR_TITLES.impossibility : p.stage === 'candidates' || p.stage === 'top-up' ? JUROR_TITLES.candidates : JUROR_TITLES.selection;
    // Numbering: its own gapless sequence (every juror protocol is kept in `documents`), not the actor's event seq.
    const number = protocolNumber(s.documents);
    const documentId = protocolDocumentId(s.court, number, JUROR_DOCUMENT_TYPE, p.proceeding === 'criminal' ? 'к' : 'ц');
    // Never replace a document already kept under this id (review 11); max + 1 makes this unreachable.
    if (s.documents[documentId]) reject('DOCUMENT_ID_TAKEN', `protocol id ${documentId} is already in use`);
    const doc: JurorDocument = {
      schema: 'asds.juror-document/v1',
      documentId,
      kind: p.kind,
      title,
      number,
      attempt: { actor: `${JUROR_KIND}/${s.court}`, seq },
      createdAt: p.at,
      createdBy: typeof ctx.meta.author === 'string' ? ctx.meta.author : 'system',
      protocol: p,
    };
    // Засади 7.6 / 13: the protocol is an original under the court seal, like the distribution protocols.
    return opts.signer ? sealDocument(doc, opts.signer, new Date(ctx.now)) : doc;
  }

  /** asds-draw/2 with the seal's VRF over the stream head before this attempt (docs/draw-spec.md §9.6); else v1. */
  function randomness(s: JurorsState, ctx: DecideContext): Pick<JurorDrawInput, 'randomBytes' | 'vrf'> {
    const vrf = opts.signer?.vrf;
    if (!vrf) return { randomBytes: ctx.randomBytes(32) };
    const prev = s.head;
    if (prev === undefined) reject('STREAM_HEAD_UNKNOWN', 'the stream head of the jurors actor is unknown (a state from before asds-draw/2)');
    return { vrf: { suite: VRF_SUITE_V2, keyId: vrf.keyId, prev, prove: vrf.prove } };
  }

  /** Run one selection operation for a case and journal its protocol. */
  function run(s: JurorsState, ctx: DecideContext, c: JurorCase, op: PendingOp): Decision<JurorsEvent, unknown> {
    const input: JurorDrawInput = {
      court: s.court,
      case: c.case,
      proceeding: c.proceeding,
      at: isoWithOffset(ctx.now, tz),
      date: today(ctx),
      jurors: records(s),
      exclusions: c.exclusions,
      policy,
      ...randomness(s, ctx),
    };
    let p: JurorProtocol;
    const after = { candidates: [...c.candidates], main: [...c.main], reserve: [...c.reserve] };
    if (op.op === 'select') p = c.proceeding === 'criminal' ? selectCandidates(input) : selectCivil(input);
    else if (op.op === 'compose') p = composeCriminal({ ...input, candidates: c.candidates });
    else {
      const r = { ...input, main: c.main, reserve: c.reserve, replacedJurorId: op.jurorId, ...(op.basis ? { basis: op.basis } : {}) };
      p = c.proceeding === 'criminal' ? replaceMainJuror(r) : replaceCivilJuror(r);
    }
    const effects: Effect[] = [];
    const ev: Extract<JurorsEvent, { type: 'juror-protocol' }> = { type: 'juror-protocol', caseId: c.case.caseId, case: c.case, proceeding: c.proceeding, document: document(s, ctx, p), after };
    if (p.kind === 'juror-impossibility') {
      ev.pending = op;
      // 7.9 ¶3: selection runs again once the obstacle is removed — at the earliest date known now.
      if (p.earliestEligible !== null) {
        effects.push({ type: 'schedule', name: reminderName(c.case.caseId), dueAt: Math.max(ctx.now, localTimeToEpoch(p.earliestEligible, retryHour, tz)), message: { type: 'retry', caseId: c.case.caseId } });
      }
    } else {
      if (p.stage === 'candidates' || p.stage === 'top-up') after.candidates = [...after.candidates, ...p.chosen.jurors];
      else if (p.stage === 'civil') after.main = [...p.chosen.jurors];
      else {
        after.main = [...p.chosen.main!];
        after.reserve = [...p.chosen.reserve!];
      }
      effects.push({ type: 'cancel', name: reminderName(c.case.caseId) });
    }
    return { events: [ev], effects, reply: { documentId: ev.document.documentId, seq: ev.document.attempt.seq, document: ev.document, composition: after } };
  }

  /** New facts (a juror added, an order cancelled): every waiting selection is tried again now. */
  function retryAllNow(s: JurorsState, ctx: DecideContext): Effect[] {
    return Object.entries(s.cases)
      .filter(([, c]) => c.pending)
      .map(([caseId]) => ({ type: 'schedule' as const, name: reminderName(caseId), dueAt: ctx.now, message: { type: 'retry', caseId } }));
  }

  function decide(s: JurorsState, cmd: JurorCommand, ctx: DecideContext): Decision<JurorsEvent, unknown> {
    switch (cmd.type) {
      case 'add-juror': {
        checkDate(cmd.addedOn, 'addedOn');
        if (!cmd.fullName.trim()) reject('VALIDATION_FAILED', 'fullName is empty');
        const jurorId = `P${String(s.nextJuror).padStart(4, '0')}`;
        const e: JurorsEvent = { type: 'juror-added', juror: { jurorId, fullName: cmd.fullName.trim(), addedOn: cmd.addedOn, basis: cmd.basis, absences: [], serviceDays: {}, service: [] } };
        return { events: [e], effects: retryAllNow(s, ctx), reply: { jurorId } };
      }
      case 'remove-juror': {
        const j = juror(s, cmd.jurorId);
        checkDate(cmd.removedOn, 'removedOn');
        if (j.removedOn !== undefined) reject('JUROR_ALREADY_REMOVED', `juror ${cmd.jurorId} was removed from the list on ${j.removedOn}`);
        if (cmd.removedOn < j.addedOn) reject('BAD_PERIOD', `removal ${cmd.removedOn} precedes the juror's addition ${j.addedOn}`);
        return { events: [{ type: 'juror-removed', jurorId: cmd.jurorId, removedOn: cmd.removedOn, basis: cmd.basis }], reply: { removed: true } };
      }
      case 'record-unavailability': {
        juror(s, cmd.jurorId);
        const a = cmd.absence;
        checkDate(a.from, 'from');
        if (a.to !== undefined) checkDate(a.to, 'to');
        // 7.2: a juror is left out of the draw "за розпорядженням керівника апарату суду" — an order, not a memo.
        if (a.basis.kind !== 'order') reject('ORDER_REQUIRED', "a juror's unavailability is recorded on the head of staff's order (Засади 7.2), not a " + a.basis.kind);
        if (a.to !== undefined && a.to < a.from) reject('BAD_PERIOD', `period ends (${a.to}) before it starts (${a.from})`);
        return { events: [{ type: 'juror-unavailability-recorded', jurorId: cmd.jurorId, absence: a }], reply: { recorded: true } };
      }
      case 'cancel-unavailability': {
        const j = juror(s, cmd.jurorId);
        if (!j.absences.some((a) => a.kind === cmd.kind && a.from === cmd.from)) reject('NO_SUCH_UNAVAILABILITY', `juror ${cmd.jurorId} has no ${cmd.kind} from ${cmd.from}`);
        return { events: [{ type: 'juror-unavailability-cancelled', jurorId: cmd.jurorId, kind: cmd.kind, from: cmd.from, basis: cmd.basis }], effects: retryAllNow(s, ctx), reply: { cancelled: true } };
      }
      case 'record-service': {
        juror(s, cmd.jurorId);
        checkDate(cmd.from, 'from');
        checkDate(cmd.to, 'to');
        if (cmd.to < cmd.from) reject('BAD_PERIOD', `period ends (${cmd.to}) before it starts (${cmd.from})`);
        if (dayNumber(cmd.to) - dayNumber(cmd.from) > 366) reject('BAD_PERIOD', 'a service record spans more than a year');
        const days = daysPerYear(cmd.from, cmd.to);
        return { events: [{ type: 'juror-service-recorded', jurorId: cmd.jurorId, caseId: cmd.caseId, from: cmd.from, to: cmd.to, days }], reply: { days } };
      }
      case 'exclude-juror': {
        juror(s, cmd.jurorId);
        const c = kase(s, cmd.caseId);
        if (c.exclusions.some((x) => x.jurorId === cmd.jurorId)) reject('ALREADY_EXCLUDED', `juror ${cmd.jurorId} is already excluded in case ${cmd.caseId}`);
        // КПК 387 ч. 1–5 apply to the candidates called to the hearing; a release/recusal of anyone else is a mistake.
        const seated = [...c.candidates, ...c.main, ...c.reserve];
        if (cmd.ground !== 'ruling' && !seated.includes(cmd.jurorId)) reject('NOT_A_CANDIDATE', `juror ${cmd.jurorId} is not a candidate or juror in case ${cmd.caseId}`);
        const exclusion = { jurorId: cmd.jurorId, ground: cmd.ground, basis: cmd.ruling, ...(cmd.text ? { text: cmd.text } : {}) };
        return { events: [{ type: 'juror-excluded', caseId: cmd.caseId, exclusion }], reply: { excluded: true } };
      }
      case 'select': {
        const existing = s.cases[cmd.case.caseId];
        if (existing?.pending) reject('SELECTION_PENDING', `selection in case ${cmd.case.caseId} is waiting (impossibility); it is retried automatically`);
        if (existing && existing.documents.length > 0) {
          reject('ALREADY_SELECTED', `jurors of case ${cmd.case.caseId} were already selected (${existing.documents.at(-1)}); use compose or replace`, { documents: existing.documents });
        }
        return run(s, ctx, emptyCase(cmd.case as JurorCaseRef, cmd.proceeding), { op: 'select' });
      }
      case 'compose': {
        const c = kase(s, cmd.caseId);
        if (c.proceeding !== 'criminal') reject('NOT_CRIMINAL', 'main and reserve jurors are composed only in criminal proceedings (Засади 7.4)');
        if (c.pending) reject('SELECTION_PENDING', `selection in case ${cmd.caseId} is waiting (impossibility)`);
        if (c.candidates.length === 0) reject('NO_CANDIDATES', 'select the seven candidates first (Засади 7.4 ¶1)');
        if (c.main.length > 0) reject('ALREADY_COMPOSED', `the jurors of case ${cmd.caseId} are already composed; a juror who leaves is replaced (Засади 7.7)`);
        return run(s, ctx, c, { op: 'compose' });
      }
      case 'replace': {
        const c = kase(s, cmd.caseId);
        if (c.pending) reject('SELECTION_PENDING', `selection in case ${cmd.caseId} is waiting (impossibility)`);
        // 7.7 speaks of a main juror; a reserve who leaves is simply no longer a reserve.
        if (!c.main.includes(cmd.jurorId)) reject('NOT_A_MAIN_JUROR', `juror ${cmd.jurorId} is not a ${c.proceeding === 'criminal' ? 'main ' : ''}juror in case ${cmd.caseId}`, { main: c.main });
        return run(s, ctx, c, cmd.basis ? { op: 'replace', jurorId: cmd.jurorId, basis: cmd.basis } : { op: 'replace', jurorId: cmd.jurorId });
      }
      case 'retry': {
        const c = s.cases[cmd.caseId];
        // A reminder that lost its race with a manual retry is a no-op, not an error.
        if (!c?.pending) {
          if (ctx.reminder) return { reply: { retried: false } };
          reject('NOT_PENDING', `no waiting juror selection in case ${cmd.caseId}`);
        }
        return run(s, ctx, c, c.pending);
      }
      case 'read-list': {
        const date = cmd.date ?? today(ctx);
        const jurors = Object.values(s.jurors).map((j) => ({ ...j, onList: isOnList({ ...j }, date) }));
        return { reply: { date, jurors } };
      }
      case 'read-case': {
        const c = s.cases[cmd.caseId];
        if (!c) reject('NO_JUROR_SELECTION', `no juror selection was made in case ${cmd.caseId}`);
        return { reply: c };
      }
      case 'read-document': {
        const d = s.documents[cmd.documentId];
        if (!d) reject('DOCUMENT_NOT_FOUND', `no juror protocol ${cmd.documentId}`);
        return { reply: d };
      }
    }
  }

  // a snapshot from before the stream head (asds-draw/2) is set aside: the whole stream rebuilds it
  return { kind: JUROR_KIND, commandSchema: JurorCommandSchema, initialState, decide, evolve, snapshotUsable: (s: JurorsState) => s.head !== undefined };
}
