/**
 * A case's card (kind `case`, id = ЄУН): the registrations (proceedings) the
 * registry opened on it, and their later life — movements (3.2), corrections
 * (3.5), attached scans (3.2), the assigned judge (from distribution), the
 * incoming correspondence filed in its proceedings and its hand-over to the
 * presiding judge (3.1–3.2, ../correspondence/card.ts).
 *
 * Nothing is ever overwritten (3.5): the original requisites stay as
 * registered, each correction is an appended event with reason, basis and
 * author, and the card shows all of them.
 */
import type { Behavior, DecideContext } from '../../../runtime/index.ts';
import type {
  ActorStampV1,
  AssignmentBodyV1,
  AttachmentMetaV1,
  CardV1,
  CaseCommandV1,
  CaseRegisteredV1,
  CorrectionBodyV1,
  DecisionBodyV1,
  DocRefV1,
  MovementBodyV1,
  SealedV1,
} from '../../../contracts/court/index.ts';
import { CaseCommandV1 as CaseCommandSchema } from '../../../contracts/court/index.ts';
import { CourtRejected } from '../errors.ts';
import { isCalendarDate, kyivDate } from '../dates.ts';
import { stampOf } from '../stamp.ts';
import { getField, requisitesOf, sameValue, withField, type Requisites } from './requisites.ts';
import { afterDecision, appealSent, checkDecisionDetails, completeDecision, evolveLegalForce, fileAppeal, legalForceCard, recordLegalForce, termExpired, type DecisionDetails, type LegalForceEvent, type LegalForcePart } from './legal-force.ts';
import { defaultLegalForceRules, type LegalForceRules } from '../legal-force/config.ts';
import { cardArchive, evolveArchive, markRecalled, markTransferred, refuseIfArchived, type CaseArchive, type CaseArchiveEvent } from './archive.ts';
import { cardCorrespondence, evolveCorrespondence, handOverWaiting, mayReadCorrespondence, readCorrespondence, recordCorrespondence, type CorrespondenceEntry, type CorrespondenceEvent } from '../correspondence/card.ts';

export const CASE_KIND = 'case';

interface Correction {
  at: number;
  field: string;
  from: unknown;
  to: unknown;
  reason: string;
  basis: DocRefV1;
  by: ActorStampV1;
}

interface Proceeding extends LegalForcePart {
  proceedingNumber: string;
  ordinal: number;
  registeredAt: number;
  registrationDate: string;
  registeredBy: ActorStampV1;
  late?: CaseRegisteredV1['registration']['late'];
  original: Requisites;
  current: Requisites;
  corrections: Correction[];
  /** Ciphertext only (3.1 ¶2); decrypted by the node for the assigned judge. */
  covert?: SealedV1;
  assignment?: CardAssignment;
}

/** The judge a protocol gave the proceeding, and whether it was drawn (`random`) or followed a ground of the Засади (`non-random`). */
interface CardAssignment {
  judge: string;
  protocol: string;
  at: number;
  by: ActorStampV1;
  assignmentMode?: AssignmentBodyV1['mode'];
  ground?: { code: string; text: string };
  basis?: AssignmentBodyV1['basis'];
}

export interface CaseState {
  ueun: string;
  proceedings: Proceeding[];
  movements: Array<{ at: number; proceedingNumber: string; kind: MovementBodyV1['kind']; to: string; note?: string; by: ActorStampV1 }>;
  attachments: Array<AttachmentMetaV1 & { at: number; by: ActorStampV1 }>;
  /** Incoming correspondence in journal order (absent in snapshots older than it). */
  correspondence?: CorrespondenceEntry[];
  /** In the electronic archive (Засади 17.1), or recalled from it; absent for a case never transferred. */
  archive?: CaseArchive;
}

export type CaseEvent =
  | { type: 'card-opened'; registered: CaseRegisteredV1 }
  | { type: 'card-moved'; at: number; by: ActorStampV1; proceedingNumber: string; movement: MovementBodyV1 }
  | { type: 'card-corrected'; at: number; by: ActorStampV1; proceedingNumber: string; field: string; from: unknown; to: unknown; reason: string; basis: DocRefV1 }
  | { type: 'scan-attached'; at: number; by: ActorStampV1; attachment: AttachmentMetaV1 }
  /** `assignmentMode` is what central monitoring queries for non-random assignments (ground + basis document). */
  | { type: 'judge-assigned'; at: number; by: ActorStampV1; proceedingNumber: string; judge: string; members?: string[]; protocol: string; assignmentMode?: AssignmentBodyV1['mode']; ground?: { code: string; text: string }; basis?: AssignmentBodyV1['basis'] }
  /** Read by the workload report (analytics/README.md): `caseId` is the proceeding number — the id the distribution drew under. */
  | { type: 'case-decided'; at: number; by: ActorStampV1; caseId: string; ueun: string; proceedingNumber: string; judgeId: string; outcome: DecisionBodyV1['outcome']; date: string; details?: DecisionDetails }
  | LegalForceEvent
  | CorrespondenceEvent
  | CaseArchiveEvent;

export const caseBehavior: Behavior<CaseState, CaseCommandV1, CaseEvent> = {
  kind: CASE_KIND,
  commandSchema: CaseCommandSchema,
  initialState: (ueun) => ({ ueun, proceedings: [], movements: [], attachments: [] }),

  decide(state, cmd, ctx) {
    if (cmd.type === 'open') return open(state, cmd.registered, ctx);
    if (state.proceedings.length === 0) throw new CourtRejected('CASE_NOT_FOUND', { ueun: state.ueun });
    refuseIfArchived(state.archive, cmd.type, state.ueun);
    switch (cmd.type) {
      case 'move': {
        const p = proceeding(state, cmd.movement.proceedingNumber);
        return { events: [{ type: 'card-moved', at: ctx.now, by: stampOf(ctx), proceedingNumber: p.proceedingNumber, movement: cmd.movement }], reply: { recorded: true } };
      }
      case 'correct':
        return correct(state, cmd.correction, ctx);
      case 'attach':
        return attach(state, cmd.attachment, ctx);
      case 'assign':
        return assign(state, cmd.assignment, ctx);
      case 'decide':
      case 'file-appeal':
      case 'appeal-sent':
      case 'record-legal-force':
      case 'term-expired':
      case 'full-text':
        return legalForceCommand(DEFAULT_RULES, state, cmd, ctx);
      case 'card': {
        const card = cardOf(state);
        // A judge sees the correspondence of his own cases only (the rest of the card is as before).
        if (!mayReadCorrespondence(state.proceedings, stampOf(ctx))) delete card.correspondence;
        return { reply: card };
      }
      case 'record-correspondence':
        return recordCorrespondence(state.ueun, state.proceedings, state.correspondence ?? [], cmd.registered, ctx);
      case 'correspondence':
        return { reply: readCorrespondence(state.ueun, state.proceedings, state.correspondence ?? [], stampOf(ctx)) };
      case 'archive-mark':
        return markTransferred(state.archive, cmd.mark, ctx);
      case 'archive-recall':
        return markRecalled(state.archive, cmd.recall, ctx);
      case 'covert':
        return { reply: covertFor(state, stampOf(ctx)) };
      case 'attachment': {
        const a = state.attachments.find((x) => x.sha256 === cmd.sha256);
        if (!a) throw new CourtRejected('ATTACHMENT_NOT_FOUND', { sha256: cmd.sha256 });
        // A scan of a covert request shows what the card hides: only the assigned judge downloads it (3.1 ¶2).
        if (state.proceedings.some((p) => p.covert)) covertFor(state, stampOf(ctx));
        const { at: _at, by: _by, ...meta } = a;
        return { reply: meta };
      }
    }
  },

  evolve(state, e) {
    switch (e.type) {
      case 'card-opened': {
        const r = e.registered;
        const original = requisitesOf(r);
        const p: Proceeding = {
          proceedingNumber: r.proceedingNumber,
          ordinal: r.ordinal,
          registeredAt: r.registeredAt,
          registrationDate: r.registrationDate,
          registeredBy: r.by,
          original,
          current: original,
          corrections: [],
        };
        if (r.registration.late) p.late = r.registration.late;
        if (r.registration.covert) p.covert = r.registration.covert;
        return { ...state, proceedings: [...state.proceedings, p] };
      }
      case 'card-moved': {
        const m = e.movement;
        const entry: CaseState['movements'][number] = { at: e.at, proceedingNumber: e.proceedingNumber, kind: m.kind, to: m.to, by: e.by };
        if (m.note !== undefined) entry.note = m.note;
        return { ...state, movements: [...state.movements, entry] };
      }
      case 'card-corrected':
        return mapProceeding(state, e.proceedingNumber, (p) => ({
          ...p,
          current: withField(p.current, e.field as CorrectionBodyV1['field'], e.to),
          corrections: [...p.corrections, { at: e.at, field: e.field, from: e.from, to: e.to, reason: e.reason, basis: e.basis, by: e.by }],
        }));
      case 'scan-attached':
        return { ...state, attachments: [...state.attachments, { ...e.attachment, at: e.at, by: e.by }] };
      case 'case-decided':
        return mapProceeding(state, e.proceedingNumber, (p) => ({ ...p, decision: { outcome: e.outcome, date: e.date, judge: e.judgeId, ...e.details } }));
      case 'appeal-term-started':
      case 'appeal-term-awaiting':
      case 'decision-completed':
      case 'legal-force-revoked':
      case 'appeal-filed':
      case 'appeal-case-sent':
      case 'legal-force-recorded':
        return mapProceeding(state, e.proceedingNumber, (p) => evolveLegalForce(p, e));
      case 'correspondence-received':
      case 'correspondence-handed-over':
        return { ...state, correspondence: evolveCorrespondence(state.correspondence ?? [], e) };
      case 'archive-transferred':
      case 'archive-recalled':
        return { ...state, archive: evolveArchive(state.archive, e) };
      case 'judge-assigned':
        return mapProceeding(state, e.proceedingNumber, (p) => ({
          ...p,
          assignment: { judge: e.judge, ...(e.members && e.members.length > 0 ? { members: e.members } : {}), protocol: e.protocol, at: e.at, by: e.by, ...(e.assignmentMode ? { assignmentMode: e.assignmentMode } : {}), ...(e.ground ? { ground: e.ground } : {}), ...(e.basis ? { basis: e.basis } : {}) },
        }));
    }
  },
};

function open(state: CaseState, r: CaseRegisteredV1, ctx: DecideContext) {
  if (r.ueun !== state.ueun) throw new CourtRejected('CASE_NOT_FOUND', { ueun: state.ueun, got: r.ueun });
  // The registry re-sends opens until confirmed (crash between the two writes): opening twice changes nothing.
  const confirm = {
    type: 'tell' as const,
    // The registry of this court (id = court code; node name `court-<code>`), not of the court that issued the ЄУН.
    to: { node: ctx.self.node, kind: 'registry', id: ctx.self.node.replace(/^court-/, '') },
    message: { type: 'opened', ueun: r.ueun, proceedingNumber: r.proceedingNumber },
  };
  if (state.proceedings.some((p) => p.proceedingNumber === r.proceedingNumber)) return { reply: { opened: false }, effects: [confirm] };
  return { events: [{ type: 'card-opened' as const, registered: r }], reply: { opened: true }, effects: [confirm] };
}

function correct(state: CaseState, c: CorrectionBodyV1, ctx: DecideContext) {
  const p = proceeding(state, c.proceedingNumber);
  if (typeof c.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.value) && c.field.endsWith('Date') && !isCalendarDate(c.value)) {
    throw new CourtRejected('BAD_DATE', { date: c.value });
  }
  if (c.field === 'arrivalDate' && (c.value as string) > p.registrationDate) {
    throw new CourtRejected('ARRIVAL_IN_FUTURE', { arrivalDate: c.value, registrationDate: p.registrationDate });
  }
  if (c.basis.date && !isCalendarDate(c.basis.date)) throw new CourtRejected('BAD_DATE', { date: c.basis.date });
  const from = getField(p.current, c.field);
  if (sameValue(from, c.value)) throw new CourtRejected('NO_CHANGE', { field: c.field });
  // Засади 3.5: no overwrite — the correction is appended with its reason, the case material it rests on, and its author.
  return {
    events: [
      {
        type: 'card-corrected' as const,
        at: ctx.now,
        by: stampOf(ctx),
        proceedingNumber: p.proceedingNumber,
        field: c.field,
        from: from ?? null,
        to: c.value,
        reason: c.reason,
        basis: c.basis,
      },
    ],
    reply: { corrected: true, field: c.field },
  };
}

function attach(state: CaseState, a: AttachmentMetaV1, ctx: DecideContext) {
  // The same file twice is one attachment (content-addressed store).
  if (state.attachments.some((x) => x.sha256 === a.sha256)) return { reply: { attached: false, sha256: a.sha256 } };
  return { events: [{ type: 'scan-attached' as const, at: ctx.now, by: stampOf(ctx), attachment: a }], reply: { attached: true, sha256: a.sha256 } };
}

/**
 * The judge of a protocol, written by the node (hand-off, distribution
 * handlers) from the protocol itself — no HTTP body reaches here (Засади
 * 4.7–4.9). A non-random assignment names its ground (4.11, 4.17, 5.1–5.2, 15.3).
 */
function assign(state: CaseState, a: AssignmentBodyV1, ctx: DecideContext) {
  const p = proceeding(state, a.proceedingNumber);
  if (a.mode === 'non-random' && !a.ground) throw new CourtRejected('GROUND_REQUIRED', { proceedingNumber: p.proceedingNumber });
  // The same protocol twice (a hand-off redone after a crash) writes nothing.
  if (p.assignment?.protocol === a.protocol && p.assignment.judge === a.judge) return { reply: { assigned: false } };
  const e = {
    type: 'judge-assigned' as const,
    at: ctx.now,
    by: stampOf(ctx),
    proceedingNumber: p.proceedingNumber,
    judge: a.judge,
    ...(a.members && a.members.length > 0 ? { members: a.members } : {}),
    protocol: a.protocol,
    assignmentMode: a.mode,
    ...(a.ground ? { ground: a.ground } : {}),
    ...(a.basis ? { basis: a.basis } : {}),
  };
  // Correspondence that waited for a judge goes to the one assigned now, in the same write (Засади 3.2, 4.17).
  const waiting = handOverWaiting(state.correspondence ?? [], p.proceedingNumber, a.judge, ctx);
  return { events: [e, ...waiting.events], reply: { assigned: true }, effects: waiting.effects };
}

const DEFAULT_RULES = defaultLegalForceRules();
type LegalForceCommand = Extract<CaseCommandV1, { type: 'decide' | 'file-appeal' | 'appeal-sent' | 'record-legal-force' | 'term-expired' | 'full-text' }>;
const LEGAL_FORCE_COMMANDS: ReadonlySet<string> = new Set(['decide', 'file-appeal', 'appeal-sent', 'record-legal-force', 'term-expired', 'full-text']);

/** The case kind with the court's appeal terms and calendar (Засади 11); `caseBehavior` uses the built-in defaults. */
export function caseBehaviorWith(rules: LegalForceRules): Behavior<CaseState, CaseCommandV1, CaseEvent> {
  return {
    ...caseBehavior,
    decide: (state, cmd, ctx) => {
      if (!LEGAL_FORCE_COMMANDS.has(cmd.type) || state.proceedings.length === 0) return caseBehavior.decide(state, cmd, ctx);
      refuseIfArchived(state.archive, cmd.type, state.ueun);
      return legalForceCommand(rules, state, cmd as LegalForceCommand, ctx);
    },
  };
}

function legalForceCommand(rules: LegalForceRules, state: CaseState, cmd: LegalForceCommand, ctx: DecideContext) {
  switch (cmd.type) {
    case 'decide':
      return decide(rules, state, cmd.decision, ctx);
    case 'file-appeal':
      return fileAppeal(rules, state.ueun, proceeding(state, cmd.appeal.proceedingNumber), cmd.appeal, ctx);
    case 'appeal-sent':
      return appealSent(proceeding(state, cmd.sent.proceedingNumber), cmd.sent, ctx);
    case 'record-legal-force':
      return recordLegalForce(rules, state.ueun, proceeding(state, cmd.legalForce.proceedingNumber), cmd.legalForce, ctx);
    case 'term-expired':
      return termExpired(rules, state.ueun, proceeding(state, cmd.proceedingNumber), ctx);
    case 'full-text':
      return completeDecision(rules, proceeding(state, cmd.fullText.proceedingNumber), cmd.fullText, ctx);
  }
}

/** A decision: by the judge assigned in the proceeding or the head of staff; once; dated between registration and today. */
function decide(rules: LegalForceRules, state: CaseState, d: DecisionBodyV1, ctx: DecideContext) {
  const p = proceeding(state, d.proceedingNumber);
  const by = stampOf(ctx);
  if (!p.assignment) throw new CourtRejected('NOT_DISTRIBUTED', { proceedingNumber: p.proceedingNumber });
  if (!(by.role === 'head_of_staff' || (by.role === 'judge' && by.login === p.assignment.judge))) {
    throw new CourtRejected('DECISION_FORBIDDEN', { proceedingNumber: p.proceedingNumber });
  }
  if (p.decision) throw new CourtRejected('ALREADY_DECIDED', { proceedingNumber: p.proceedingNumber, date: p.decision.date });
  const today = kyivDate(ctx.now);
  if (!isCalendarDate(d.date) || d.date > today || d.date < p.registrationDate) {
    throw new CourtRejected('DECISION_DATE_INVALID', { date: d.date, registrationDate: p.registrationDate, today });
  }
  const details = checkDecisionDetails(rules, d, today);
  const e = {
    type: 'case-decided' as const,
    at: ctx.now,
    by,
    caseId: p.proceedingNumber,
    ueun: state.ueun,
    proceedingNumber: p.proceedingNumber,
    judgeId: p.assignment.judge,
    outcome: d.outcome,
    date: d.date,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
  // Legal force or the appeal term with its durable reminder: in the same write as the decision (Засади 11.1).
  const next = afterDecision(rules, state.ueun, p, d, details, ctx);
  const lf = next.events.find((x) => x.type === 'legal-force-recorded');
  return {
    events: [e, ...next.events],
    effects: next.effects,
    reply: { decided: true, proceedingNumber: p.proceedingNumber, date: d.date, ...(lf ? { legalForce: lf.item.legalForce.date } : {}), ...(next.events[0]?.type === 'appeal-term-started' ? { appealTerm: next.events[0].term } : {}), ...(next.events[0]?.type === 'appeal-term-awaiting' ? { termAwaiting: next.events[0].start } : {}) },
  };
}

/** The covert proceedings' ciphertexts — only for the investigating judge assigned to them (3.1 ¶2). */
function covertFor(state: CaseState, viewer: ActorStampV1): Array<{ proceedingNumber: string; judge: string; sealed: SealedV1 }> {
  const covert = state.proceedings.filter((p) => p.covert);
  if (covert.length === 0) throw new CourtRejected('NOT_FOUND', { ueun: state.ueun });
  const mine = covert.filter((p) => viewer.role === 'judge' && p.assignment?.judge === viewer.login);
  if (mine.length === 0) {
    if (viewer.role === 'judge' && covert.every((p) => !p.assignment)) throw new CourtRejected('NOT_ASSIGNED');
    throw new CourtRejected('COVERT_FORBIDDEN');
  }
  return mine.map((p) => ({ proceedingNumber: p.proceedingNumber, judge: p.assignment!.judge, sealed: p.covert! }));
}

function proceeding(state: CaseState, number: string | undefined): Proceeding {
  // Without a number: the latest proceeding of the case.
  const p = number === undefined ? state.proceedings[state.proceedings.length - 1] : state.proceedings.find((x) => x.proceedingNumber === number);
  if (!p) throw new CourtRejected('PROCEEDING_NOT_FOUND', { proceedingNumber: number });
  return p;
}

function mapProceeding(state: CaseState, number: string, f: (p: Proceeding) => Proceeding): CaseState {
  return { ...state, proceedings: state.proceedings.map((p) => (p.proceedingNumber === number ? f(p) : p)) };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The card as staff see it: never a covert field, not even its ciphertext. */
export function cardOf(state: CaseState): CardV1 {
  return {
    ueun: state.ueun,
    covert: state.proceedings.some((p) => p.covert !== undefined),
    proceedings: state.proceedings.map((p) => ({
      proceedingNumber: p.proceedingNumber,
      ordinal: p.ordinal,
      registeredAt: iso(p.registeredAt),
      registrationDate: p.registrationDate,
      registeredBy: p.registeredBy,
      ...(p.late ? { late: p.late } : {}),
      original: p.original,
      current: p.current,
      corrections: p.corrections.map((c) => ({ ...c, at: iso(c.at) })),
      ...(p.assignment ? { assignment: { ...p.assignment, at: iso(p.assignment.at) } } : {}),
      ...legalForceCard(p),
    })),
    movements: state.movements.map((m) => ({ ...m, at: iso(m.at) })),
    attachments: state.attachments.map((a) => ({ ...a, at: iso(a.at) })),
    correspondence: cardCorrespondence(state.correspondence ?? []),
    ...cardArchive(state.archive),
  };
}
