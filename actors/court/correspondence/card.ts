/**
 * Incoming correspondence on the card (Засади 3.1–3.2): an item the journal
 * numbered joins the proceeding it was filed in — no new proceeding, no new
 * ЄУН (3.3–3.4) — and goes to that proceeding's presiding judge in the same
 * write. A proceeding without a judge keeps it waiting; the judge's
 * assignment hands every waiting item over in the assignment's own write
 * (4.17: a counterclaim in an open case goes to the judge already assigned;
 * 5.4: it waits for that judge, never for another).
 *
 * The hand-over is an attributed event of its own, never a `to-judge`
 * movement: the movement is the case file's hand-over that 4.18 controls.
 */
import type { DecideContext, Effect } from '../../../runtime/index.ts';
import { CORRESPONDENCE_KIND_NAMES, type CardCorrespondenceV1, type CorrespondenceRegisteredV1 } from '../../../contracts/court/correspondence.ts';
import type { ActorStampV1, SealedV1 } from '../../../contracts/court/index.ts';
import { CourtRejected } from '../errors.ts';
import { stampOf } from '../stamp.ts';
import { CORRESPONDENCE_KIND } from './journal.ts';

export interface CorrespondenceEntry {
  registered: CorrespondenceRegisteredV1;
  handedOver?: { judge: string; at: number; by: ActorStampV1 };
}

export type CorrespondenceEvent =
  | { type: 'correspondence-received'; registered: CorrespondenceRegisteredV1 }
  | { type: 'correspondence-handed-over'; at: number; by: ActorStampV1; proceedingNumber: string; judge: string; numbers: string[] };

/** The part of a proceeding this module reads. */
interface ProceedingView {
  proceedingNumber: string;
  assignment?: { judge: string; members?: string[] };
}

const journalOf = (ctx: DecideContext) => ({ node: ctx.self.node, kind: CORRESPONDENCE_KIND, id: ctx.self.node.replace(/^court-/, '') });

/** The journal's item onto the card; handed at once to the presiding judge when the proceeding has one. */
export function recordCorrespondence(ueun: string, proceedings: readonly ProceedingView[], entries: readonly CorrespondenceEntry[], r: CorrespondenceRegisteredV1, ctx: DecideContext) {
  if (r.item.ueun !== ueun) throw new CourtRejected('CASE_NOT_FOUND', { ueun, got: r.item.ueun });
  const known = entries.find((e) => e.registered.number === r.number);
  // The journal re-sends until confirmed (crash between the two writes): recording twice changes nothing.
  if (known) {
    const handedTo = known.handedOver?.judge ?? null;
    return { reply: { recorded: false, handedTo }, effects: [confirm(ctx, r.number, handedTo)] };
  }
  const p = proceedings.find((x) => x.proceedingNumber === r.item.proceedingNumber);
  if (!p) throw new CourtRejected('PROCEEDING_NOT_FOUND', { proceedingNumber: r.item.proceedingNumber });
  const events: CorrespondenceEvent[] = [{ type: 'correspondence-received', registered: r }];
  const judge = p.assignment?.judge ?? null;
  // Registered and routed by the same clerk, at the same instant: the registration hands it over.
  if (judge) events.push({ type: 'correspondence-handed-over', at: ctx.now, by: r.by, proceedingNumber: p.proceedingNumber, judge, numbers: [r.number] });
  return { events, reply: { recorded: true, handedTo: judge }, effects: [confirm(ctx, r.number, judge)] };
}

/** Items of the proceeding still waiting, handed to the judge the assignment gives it (same write as the assignment). */
export function handOverWaiting(entries: readonly CorrespondenceEntry[], proceedingNumber: string, judge: string, ctx: DecideContext): { events: CorrespondenceEvent[]; effects: Effect[] } {
  const numbers = entries.filter((e) => !e.handedOver && e.registered.item.proceedingNumber === proceedingNumber).map((e) => e.registered.number);
  if (numbers.length === 0) return { events: [], effects: [] };
  return {
    events: [{ type: 'correspondence-handed-over', at: ctx.now, by: stampOf(ctx), proceedingNumber, judge, numbers }],
    effects: [{ type: 'tell', to: journalOf(ctx), message: { type: 'handed', numbers, judge } }],
  };
}

export function evolveCorrespondence(entries: readonly CorrespondenceEntry[], e: CorrespondenceEvent): CorrespondenceEntry[] {
  if (e.type === 'correspondence-received') return [...entries, { registered: e.registered }];
  const handed = new Set(e.numbers);
  return entries.map((x) => (handed.has(x.registered.number) ? { ...x, handedOver: { judge: e.judge, at: e.at, by: e.by } } : x));
}

/** A judge sees the correspondence of a case only when assigned in it (presiding or panel member); staff always. */
export function mayReadCorrespondence(proceedings: readonly ProceedingView[], viewer: ActorStampV1): boolean {
  if (viewer.role !== 'judge') return true;
  return proceedings.some((p) => p.assignment && (p.assignment.judge === viewer.login || (p.assignment.members ?? []).includes(viewer.login)));
}

/** The card's view: requisites, never a covert field (3.1 ¶2). */
export function cardCorrespondence(entries: readonly CorrespondenceEntry[]): CardCorrespondenceV1[] {
  return entries.map(({ registered: r, handedOver }) => {
    const i = r.item;
    return {
      number: r.number,
      proceedingNumber: i.proceedingNumber,
      kind: i.kind,
      kindName: CORRESPONDENCE_KIND_NAMES[i.kind],
      arrivalDate: i.arrivalDate,
      registeredAt: new Date(r.registeredAt).toISOString(),
      registrationDate: r.registrationDate,
      registeredBy: r.by,
      sender: i.sender,
      title: i.title,
      ...(i.outgoingNumber !== undefined ? { outgoingNumber: i.outgoingNumber } : {}),
      ...(i.outgoingDate !== undefined ? { outgoingDate: i.outgoingDate } : {}),
      ...(i.pages !== undefined ? { pages: i.pages } : {}),
      ...(i.late ? { late: i.late } : {}),
      covert: i.covert !== undefined,
      ...(handedOver ? { handedOver: { judge: handedOver.judge, at: new Date(handedOver.at).toISOString(), by: handedOver.by } } : {}),
    };
  });
}

/**
 * GET /cases/…/correspondence: the items, and the sealed covert fields of the items whose proceeding the
 * viewer presides (3.1 ¶2) — the node opens them; nobody else ever gets the ciphertext.
 */
export function readCorrespondence(ueun: string, proceedings: readonly ProceedingView[], entries: readonly CorrespondenceEntry[], viewer: ActorStampV1) {
  if (!mayReadCorrespondence(proceedings, viewer)) throw new CourtRejected('CORRESPONDENCE_FORBIDDEN', { ueun });
  const presides = new Set(proceedings.filter((p) => viewer.role === 'judge' && p.assignment?.judge === viewer.login).map((p) => p.proceedingNumber));
  const sealed: Array<{ number: string; sealed: SealedV1 }> = [];
  for (const e of entries) {
    const c = e.registered.item.covert;
    if (c && presides.has(e.registered.item.proceedingNumber)) sealed.push({ number: e.registered.number, sealed: c });
  }
  return { ueun, items: cardCorrespondence(entries), sealed };
}

function confirm(ctx: DecideContext, number: string, handedTo: string | null): Effect {
  return { type: 'tell', to: journalOf(ctx), message: { type: 'recorded', number, handedTo } };
}
