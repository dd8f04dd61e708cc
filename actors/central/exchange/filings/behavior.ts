/**
 * The exchange hub's filings (kind `exchange-filings`, id `hub`; exchange order 2024, §A of the digest), in the
 * manner of OASIS ECF 5: a prosecutor's filing gets its receipt at once, is held here durably and delivered to its
 * court's node in the order received (one court's queue never overtakes itself), and the court's outcome —
 * registered as incoming correspondence, or refused with the reason — becomes a notice for the filer. In the other
 * direction a court's procedural document lands in the organisation's cabinet inbox.
 *
 * Nothing is lost while a court node is down: the head of its queue is re-sent by a durable reminder (`deliver-<c>`)
 * until the court has journaled it, and outcomes not yet heard are asked for (`poll-<c>`); the court takes a
 * repeated delivery as the same filing (idempotent by filing id). One actor holds the idempotency index, the
 * queues, the notices and the inboxes, so each step is one atomic write — nothing to reconcile between actors.
 *
 * Only court nodes may send `filing-outcome` and `send-document` (Behavior.remote, runtime/remote.ts), and each
 * only for itself: the signed sender must be the court of the filing, or of the case (its ЄУН's prefix).
 */
import type { Behavior, DecideContext, Effect } from '../../../../runtime/index.ts';
import { HubCommandV1, type CourtFilingStateV1, type DeliveredFilingV1, type NewFilingV1, type SentDocumentV1 } from '../../../../contracts/exchange/wire.ts';
import { OUTGOING_KIND_NAMES, type FilingReceiptV1, type FilingStatusV1, type InboxItemV1, type NoticeV1, type RefusalV1, type RegistrationV1 } from '../../../../contracts/exchange/filings.ts';
import { filingRejected } from './errors.ts';
import { askCabinet, askOrganisation, type Answer, cabinetVerdict, organisationVerdict, recipientRejected } from './recipient.ts';
import type { OrganisationRecordV1 } from '../../../../contracts/exchange/organisations.ts';

export const EXCHANGE_FILINGS_KIND = 'exchange-filings';
export const EXCHANGE_FILINGS_ID = 'hub';
/** The court's actor that takes deliveries (actors/court/exchange/inbox.ts). */
const COURT_INBOX_KIND = 'exchange-inbox';
const RETRY_MS = 2000;
const POLL_MS = 2000;
const DELIVERY_TIMEOUT_MS = 10_000;
const PAGE = 100;

export interface HubFiling {
  filingId: string;
  organisation: string;
  messageId: string;
  digest: string;
  court: string;
  /** The case as filed (the court names it in the registration when filed by proceeding number only). */
  ueun?: string;
  proceedingNumber?: string;
  kind: string;
  title: string;
  documentSha256: string;
  verification: NewFilingV1['verification'];
  receivedAt: number;
  status: 'queued' | 'delivered' | 'registered' | 'refused';
  deliveredAt?: number;
  decidedAt?: number;
  registration?: RegistrationV1;
  refusal?: RefusalV1;
}

interface InboxRow {
  cursor: number;
  organisation: string;
  item: SentDocumentV1;
  id: string;
  sentAt: number;
  acknowledgedAt?: number;
}

export interface HubState {
  filings: Record<string, HubFiling>;
  /** `<organisation>\u0000<messageId>` → filing id (idempotency, ECF "message id"). */
  byMessage: Record<string, string>;
  /** court → filing ids not yet journaled by the court, in order. */
  queues: Record<string, string[]>;
  /** filing id → the document as delivered, until the court journaled it. */
  payloads: Record<string, DeliveredFilingV1>;
  /** court → filing ids delivered whose outcome is not heard yet. */
  awaiting: Record<string, string[]>;
  noticeSeq: number;
  notices: Record<string, NoticeV1[]>;
  inboxSeq: number;
  inbox: Record<string, InboxRow[]>;
  /** inbox id → organisation; `<court>\u0000<outgoingId>` → inbox id. */
  inboxOwner: Record<string, string>;
  sent: Record<string, string>;
  /** `<court>\u0000<outgoingId>` → the court's document while its recipient is checked (recipient.ts). */
  vetting?: Record<string, SentDocumentV1>;
  /** `<court>\u0000<outgoingId>` → why the recipient was refused (final; the court is told on its next ask). */
  refusedSends?: Record<string, RefusalV1>;
}

export type HubEvent =
  | { type: 'exchange-filing-queued'; filing: HubFiling; payload: DeliveredFilingV1 }
  | { type: 'exchange-filing-delivered'; filingId: string; at: number }
  | { type: 'exchange-filing-decided'; filingId: string; status: 'registered' | 'refused'; registration?: RegistrationV1; refusal?: RefusalV1; at: number; cursor: number }
  | { type: 'exchange-document-received'; row: InboxRow }
  | { type: 'exchange-document-acknowledged'; id: string; at: number }
  | { type: 'exchange-document-vetting'; key: string; item: SentDocumentV1; at: number }
  | { type: 'exchange-document-refused'; key: string; refusal: RefusalV1; at: number };

type Step = { events: HubEvent[]; effects: Effect[] };

const iso = (ms: number) => new Date(ms).toISOString();
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const messageKey = (org: string, messageId: string) => `${org}\u0000${messageId}`;
const courtNode = (court: string) => `court-${court}`;

export function receiptOf(f: HubFiling): FilingReceiptV1 {
  return { filingId: f.filingId, messageId: f.messageId, receivedAt: iso(f.receivedAt), status: 'queued' };
}

export function statusOf(f: HubFiling): FilingStatusV1 {
  return {
    filingId: f.filingId,
    messageId: f.messageId,
    court: f.court,
    ...(f.ueun ? { ueun: f.ueun } : {}),
    ...(f.proceedingNumber ? { proceedingNumber: f.proceedingNumber } : {}),
    kind: f.kind,
    title: f.title,
    status: f.status,
    receivedAt: iso(f.receivedAt),
    ...(f.deliveredAt ? { deliveredAt: iso(f.deliveredAt) } : {}),
    ...(f.decidedAt ? { decidedAt: iso(f.decidedAt) } : {}),
    ...(f.registration ? { registration: f.registration } : {}),
    ...(f.refusal ? { refusal: f.refusal } : {}),
    verification: f.verification,
    documentSha256: f.documentSha256,
  };
}

function inboxItemOf(r: InboxRow): InboxItemV1 {
  const i = r.item;
  return {
    cursor: r.cursor,
    id: r.id,
    court: i.court,
    ueun: i.ueun,
    ...(i.proceedingNumber ? { proceedingNumber: i.proceedingNumber } : {}),
    kind: i.kind,
    kindName: OUTGOING_KIND_NAMES[i.kind],
    title: i.title,
    document: i.document,
    signature: i.signature,
    verification: i.verification,
    sentAt: iso(r.sentAt),
    ...(r.acknowledgedAt ? { acknowledgedAt: iso(r.acknowledgedAt) } : {}),
  };
}

function deliver(payload: DeliveredFilingV1, court: string): Effect {
  return { type: 'ask', to: { node: courtNode(court), kind: COURT_INBOX_KIND, id: court }, message: { type: 'file-document', filing: payload }, replyType: 'delivery-answer', correlation: payload.filingId, timeoutMs: DELIVERY_TIMEOUT_MS };
}

const retryLater = (ctx: DecideContext, court: string): Effect => ({ type: 'schedule', name: `deliver-${court}`, dueAt: ctx.now + RETRY_MS, message: { type: 'deliver', court } });
const pollLater = (ctx: DecideContext, court: string): Effect => ({ type: 'schedule', name: `poll-${court}`, dueAt: ctx.now + POLL_MS, message: { type: 'poll', court } });

function newFiling(state: HubState, n: NewFilingV1, ctx: DecideContext) {
  const seen = state.byMessage[messageKey(n.organisation.id, n.messageId)];
  if (seen) {
    const f = state.filings[seen]!;
    if (f.digest !== n.digest) throw filingRejected('MESSAGE_ID_REUSED', { messageId: n.messageId, filingId: f.filingId });
    return { reply: receiptOf(f) };
  }
  if (n.restriction !== 'none') throw filingRejected('DOCUMENT_RESTRICTED', { restriction: n.restriction });
  const filingId = `f-${hex(ctx.randomBytes(16))}`;
  const filing: HubFiling = {
    filingId,
    organisation: n.organisation.id,
    messageId: n.messageId,
    digest: n.digest,
    court: n.court,
    ...(n.ueun ? { ueun: n.ueun } : {}),
    ...(n.proceedingNumber ? { proceedingNumber: n.proceedingNumber } : {}),
    kind: n.kind,
    title: n.title,
    documentSha256: n.documentSha256,
    verification: n.verification,
    receivedAt: ctx.now,
    status: 'queued',
  };
  const payload: DeliveredFilingV1 = {
    filingId,
    from: n.organisation,
    messageId: n.messageId,
    ...(n.ueun ? { ueun: n.ueun } : {}),
    ...(n.proceedingNumber ? { proceedingNumber: n.proceedingNumber } : {}),
    kind: n.kind,
    title: n.title,
    restriction: n.restriction,
    document: n.document,
    signature: n.signature,
    verification: n.verification,
    receivedAt: ctx.now,
  };
  // only the head of a court's queue is ever in flight: the court journals them in this order
  const idle = (state.queues[n.court] ?? []).length === 0;
  return { events: [{ type: 'exchange-filing-queued' as const, filing, payload }], reply: receiptOf(filing), effects: idle ? [deliver(payload, n.court), retryLater(ctx, n.court)] : [] };
}

/** What the court said of a filing: delivered (journaled there), and decided when final. Advances the queue. */
function settle(state: HubState, ctx: DecideContext, s: CourtFilingStateV1, cursor: number): Step {
  const f = state.filings[s.filingId];
  const out: Step = { events: [], effects: [] };
  if (!f || f.status === 'registered' || f.status === 'refused') return out;
  if (f.status === 'queued') {
    out.events.push({ type: 'exchange-filing-delivered', filingId: f.filingId, at: ctx.now });
    const rest = (state.queues[f.court] ?? []).filter((id) => id !== f.filingId);
    const next = rest[0];
    out.effects.push(...(next ? [deliver(state.payloads[next]!, f.court), retryLater(ctx, f.court)] : [{ type: 'cancel' as const, name: `deliver-${f.court}` }]));
    if (s.status === 'received' && (state.awaiting[f.court] ?? []).length === 0) out.effects.push(pollLater(ctx, f.court));
  }
  if (s.status !== 'received') {
    out.events.push({ type: 'exchange-filing-decided', filingId: f.filingId, status: s.status, ...(s.registration ? { registration: s.registration } : {}), ...(s.refusal ? { refusal: s.refusal } : {}), at: ctx.now, cursor });
  }
  return out;
}

function onDelivery(state: HubState, cmd: Answer, ctx: DecideContext) {
  const f = state.filings[cmd.correlation ?? ''];
  // a failure (court down, timeout) waits for the reminder; a late answer for a filing already past is ignored
  if (!f || !cmd.ok || f.status !== 'queued') return {};
  return settle(state, ctx, cmd.reply as CourtFilingStateV1, state.noticeSeq + 1);
}

function onOutcomes(state: HubState, cmd: Answer, ctx: DecideContext): Step {
  const court = cmd.correlation ?? '';
  const out: Step = { events: [], effects: [] };
  if (!cmd.ok) return out;
  let cursor = state.noticeSeq;
  for (const s of (cmd.reply as { filings: CourtFilingStateV1[] }).filings) {
    if (s.status === 'received' || state.filings[s.filingId]?.court !== court) continue;
    const step = settle(state, ctx, s, cursor + 1);
    if (step.events.some((e) => e.type === 'exchange-filing-decided')) cursor++;
    out.events.push(...step.events);
    out.effects.push(...step.effects);
  }
  return out;
}

function fromCourt(ctx: DecideContext, court: string): void {
  // a command from a court node must come from the court concerned (the signed passport's node name)
  if (ctx.meta.node !== undefined && ctx.meta.node !== courtNode(court)) throw filingRejected('WRONG_COURT', { sender: ctx.meta.node, court });
}

function sendDocument(state: HubState, item: SentDocumentV1, ctx: DecideContext) {
  fromCourt(ctx, item.court);
  if (!item.ueun.startsWith(`${item.court}/`)) throw filingRejected('WRONG_COURT', { ueun: item.ueun, court: item.court });
  const key = `${item.court}\u0000${item.outgoingId}`;
  const known = state.sent[key];
  if (known) return { reply: { id: known } };
  const refused = state.refusedSends?.[key];
  if (refused) throw recipientRejected(refused);
  if (item.restriction !== 'none') throw filingRejected('DOCUMENT_RESTRICTED', { restriction: item.restriction });
  // the recipient is checked against the registry first (recipient.ts); a repeat while checking asks again
  // (an answer lost in a restart is asked for anew) and is told to come back
  if (state.vetting?.[key]) return { reply: { pending: true }, effects: [askOrganisation(ctx, key, item.organisation)] };
  return { events: [{ type: 'exchange-document-vetting' as const, key, item, at: ctx.now }], reply: { pending: true }, effects: [askOrganisation(ctx, key, item.organisation)] };
}

function acceptDocument(state: HubState, item: SentDocumentV1, ctx: DecideContext): Step {
  const row: InboxRow = { cursor: state.inboxSeq + 1, organisation: item.organisation, item, id: `d-${hex(ctx.randomBytes(16))}`, sentAt: ctx.now };
  return { events: [{ type: 'exchange-document-received', row }], effects: [] };
}

/** The registry's answer (organisation, then cabinet) for a document being checked: refused, next check, or accepted. */
function onRecipient(state: HubState, cmd: Answer, ctx: DecideContext, stage: 'organisation' | 'cabinet'): Step {
  const key = cmd.correlation ?? '';
  const item = state.vetting?.[key];
  // a failed ask waits for the court's next send-document, which asks again
  if (!item || !cmd.ok) return { events: [], effects: [] };
  const refusal = stage === 'organisation' ? organisationVerdict(item, cmd.reply as OrganisationRecordV1 | null) : cabinetVerdict(item, cmd.reply);
  if (refusal) return { events: [{ type: 'exchange-document-refused', key, refusal, at: ctx.now }], effects: [] };
  return stage === 'organisation' ? { events: [], effects: [askCabinet(ctx, key, item.organisation)] } : acceptDocument(state, item, ctx);
}

function page<T extends { cursor: number }>(rows: readonly T[], after = 0, limit = PAGE): T[] {
  // rows are in cursor order: find the first past `after`
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.cursor <= after) lo = mid + 1;
    else hi = mid;
  }
  return rows.slice(lo, lo + limit);
}

export const exchangeFilingsBehavior: Behavior<HubState, HubCommandV1, HubEvent> = {
  kind: EXCHANGE_FILINGS_KIND,
  commandSchema: HubCommandV1,
  remote: { 'filing-outcome': ['court'], 'send-document': ['court'] },
  mailboxCapacity: 10_000,
  initialState: () => ({ filings: {}, byMessage: {}, queues: {}, payloads: {}, awaiting: {}, noticeSeq: 0, notices: {}, inboxSeq: 0, inbox: {}, inboxOwner: {}, sent: {}, vetting: {}, refusedSends: {} }),

  decide(state, cmd, ctx) {
    switch (cmd.type) {
      case 'file':
        return newFiling(state, cmd.filing, ctx);
      case 'delivery-answer':
        return onDelivery(state, cmd, ctx);
      case 'outcomes-answer':
        return onOutcomes(state, cmd, ctx);
      case 'deliver': {
        const head = state.queues[cmd.court]?.[0];
        return head ? { effects: [deliver(state.payloads[head]!, cmd.court), retryLater(ctx, cmd.court)] } : {};
      }
      case 'poll': {
        const ids = state.awaiting[cmd.court] ?? [];
        if (ids.length === 0) return {};
        const ask: Effect = { type: 'ask', to: { node: courtNode(cmd.court), kind: COURT_INBOX_KIND, id: cmd.court }, message: { type: 'outcomes', filingIds: ids.slice(0, 1000) }, replyType: 'outcomes-answer', correlation: cmd.court, timeoutMs: DELIVERY_TIMEOUT_MS };
        return { effects: [ask, pollLater(ctx, cmd.court)] };
      }
      case 'filing-outcome': {
        fromCourt(ctx, cmd.court);
        const f = state.filings[cmd.filingId];
        if (!f || f.court !== cmd.court) throw filingRejected('FILING_NOT_FOUND', { filingId: cmd.filingId });
        const { type: _t, court: _c, ...s } = cmd;
        const step = settle(state, ctx, s, state.noticeSeq + 1);
        return { ...step, reply: { recorded: step.events.length > 0 } };
      }
      case 'send-document':
        return sendDocument(state, cmd.item, ctx);
      case 'recipient-answer':
        return onRecipient(state, cmd, ctx, 'organisation');
      case 'cabinet-answer':
        return onRecipient(state, cmd, ctx, 'cabinet');
      case 'filing': {
        const f = state.filings[cmd.filingId];
        // another organisation's filing does not exist for the asker
        if (!f || f.organisation !== cmd.organisation) throw filingRejected('FILING_NOT_FOUND', { filingId: cmd.filingId });
        return { reply: statusOf(f) };
      }
      case 'notices': {
        const notices = page(state.notices[cmd.organisation] ?? [], cmd.after, cmd.limit);
        return { reply: { notices, next: notices.at(-1)?.cursor ?? cmd.after ?? 0 } };
      }
      case 'inbox': {
        const rows = page(state.inbox[cmd.organisation] ?? [], cmd.after, cmd.limit);
        return { reply: { items: rows.map(inboxItemOf), next: rows.at(-1)?.cursor ?? cmd.after ?? 0 } };
      }
      case 'ack': {
        if (state.inboxOwner[cmd.id] !== cmd.organisation) throw filingRejected('INBOX_ITEM_NOT_FOUND', { id: cmd.id });
        const row = state.inbox[cmd.organisation]!.find((r) => r.id === cmd.id)!;
        if (row.acknowledgedAt) return { reply: { id: row.id, acknowledgedAt: iso(row.acknowledgedAt) } };
        return { events: [{ type: 'exchange-document-acknowledged', id: cmd.id, at: ctx.now }], reply: { id: row.id, acknowledgedAt: iso(ctx.now) } };
      }
      case 'status': {
        const queued = Object.fromEntries(Object.entries(state.queues).map(([c, q]) => [c, q.length]));
        const awaiting = Object.fromEntries(Object.entries(state.awaiting).map(([c, q]) => [c, q.length]));
        return { reply: { filings: Object.keys(state.filings).length, queued, awaiting, notices: state.noticeSeq, inbox: state.inboxSeq } };
      }
    }
  },

  /** Mutates in place (the maps grow with every filing): the runtime rebuilds a state whose write failed. */
  evolve(state, e) {
    switch (e.type) {
      case 'exchange-filing-queued': {
        const f = e.filing;
        state.filings[f.filingId] = { ...f };
        state.byMessage[messageKey(f.organisation, f.messageId)] = f.filingId;
        (state.queues[f.court] ??= []).push(f.filingId);
        state.payloads[f.filingId] = e.payload;
        return state;
      }
      case 'exchange-filing-delivered': {
        const f = state.filings[e.filingId];
        if (!f) return state;
        f.status = 'delivered';
        f.deliveredAt = e.at;
        state.queues[f.court] = (state.queues[f.court] ?? []).filter((id) => id !== f.filingId);
        delete state.payloads[f.filingId];
        (state.awaiting[f.court] ??= []).push(f.filingId);
        return state;
      }
      case 'exchange-filing-decided': {
        const f = state.filings[e.filingId];
        if (!f) return state;
        f.status = e.status;
        f.decidedAt = e.at;
        if (e.registration) f.registration = e.registration;
        if (e.refusal) f.refusal = e.refusal;
        state.awaiting[f.court] = (state.awaiting[f.court] ?? []).filter((id) => id !== f.filingId);
        state.noticeSeq = e.cursor;
        const notice: NoticeV1 = { cursor: e.cursor, filingId: f.filingId, messageId: f.messageId, status: e.status, at: iso(e.at), ...(e.registration ? { registration: e.registration } : {}), ...(e.refusal ? { refusal: e.refusal } : {}) };
        (state.notices[f.organisation] ??= []).push(notice);
        return state;
      }
      case 'exchange-document-received': {
        const r = e.row;
        state.inboxSeq = r.cursor;
        (state.inbox[r.organisation] ??= []).push({ ...r });
        state.inboxOwner[r.id] = r.organisation;
        const key = `${r.item.court}\u0000${r.item.outgoingId}`;
        state.sent[key] = r.id;
        if (state.vetting) delete state.vetting[key];
        return state;
      }
      case 'exchange-document-vetting':
        (state.vetting ??= {})[e.key] = e.item;
        return state;
      case 'exchange-document-refused':
        (state.refusedSends ??= {})[e.key] = e.refusal;
        if (state.vetting) delete state.vetting[e.key];
        return state;
      case 'exchange-document-acknowledged': {
        const org = state.inboxOwner[e.id];
        const row = org ? state.inbox[org]?.find((r) => r.id === e.id) : undefined;
        if (row) row.acknowledgedAt = e.at;
        return state;
      }
    }
  },
};
