/**
 * Documents the court sends to prosecutors' cabinets (kind `exchange-outgoing`, id = court code; exchange order
 * 2024, §A of the digest): the staff's request is journaled here with the document, its signature and the court's
 * verification of it, then sent to the exchange hub (`send-document` to the hub's `exchange-filings`) until the hub
 * answers — a durable reminder re-sends while the hub is unreachable, and the hub takes a repeat as the same
 * document (idempotent by `outgoingId`). While the hub checks the recipient (registered, a prosecutor's office with a
 * cabinet, not suspended) it answers `{ pending: true }` and is asked again shortly; its refusal (e.g.
 * `RECIPIENT_UNKNOWN`, `RECIPIENT_SUSPENDED`) makes the record `refused` with the reason. Restricted documents never get here: the HTTP layer refuses them first.
 */
import { createHash } from 'node:crypto';
import type { Behavior, DecideContext, Effect } from '../../../runtime/index.ts';
import { OutgoingCommandV1, type SentDocumentV1 } from '../../../contracts/exchange/wire.ts';
import type { OutgoingReplyV1, RefusalV1 } from '../../../contracts/exchange/filings.ts';
import { CourtRejected } from '../errors.ts';
import { HUB_FILINGS_ID, HUB_FILINGS_KIND } from './inbox.ts';

export const EXCHANGE_OUTGOING_KIND = 'exchange-outgoing';
const RESEND = 'exchange-resend';
const RESEND_AFTER_MS = 3000;
const PENDING_RETRY_MS = 200;

export interface OutgoingEntry {
  item: Omit<SentDocumentV1, 'document' | 'signature'>;
  status: 'queued' | 'sent' | 'refused';
  inboxId?: string;
  refusal?: RefusalV1;
  at?: number;
  /** What the outgoing id (the sender's idempotency key) binds: contentDigest (absent in states older than it). */
  digest?: string;
}

/**
 * The content an outgoing id stands for: every field the recipient gets but the send time and the verification
 * (re-run on each attempt). A repeat with other content is refused, not answered as the first (issue 17 item 5).
 */
export function contentDigest(i: SentDocumentV1): string {
  return createHash('sha256')
    .update([i.organisation, i.ueun, i.proceedingNumber ?? '', i.kind, i.title, i.restriction, i.document.fileName, i.document.mediaType, i.document.base64, i.signature].join('\u0000'))
    .digest('hex');
}

export interface OutgoingState {
  court: string;
  entries: Record<string, OutgoingEntry>;
  /** outgoingId → the whole document, until the hub answered. */
  unsent: Record<string, SentDocumentV1>;
}

export type OutgoingEvent =
  | { type: 'exchange-outgoing-queued'; item: SentDocumentV1 }
  | { type: 'exchange-outgoing-sent'; outgoingId: string; inboxId: string; at: number }
  | { type: 'exchange-outgoing-refused'; outgoingId: string; refusal: RefusalV1; at: number };

/** The hub's node: the central worker that runs the exchange hub (`startCourtNode({ exchangeHub })`, default central-1). */
function send(hub: string, item: SentDocumentV1): Effect {
  return { type: 'ask', to: { node: hub, kind: HUB_FILINGS_KIND, id: HUB_FILINGS_ID }, message: { type: 'send-document', item }, replyType: 'sent-answer', correlation: item.outgoingId, timeoutMs: 10_000 };
}

const resendLater = (ctx: DecideContext): Effect => ({ type: 'schedule', name: RESEND, dueAt: ctx.now + RESEND_AFTER_MS, message: { type: 'resend' } });

export function outgoingView(e: OutgoingEntry): OutgoingReplyV1 {
  return { outgoingId: e.item.outgoingId, status: e.status, ...(e.inboxId ? { inboxId: e.inboxId } : {}), ...(e.refusal ? { refusal: e.refusal } : {}), verification: e.item.verification };
}

export function exchangeOutgoingBehavior(o: { hub?: string } = {}): Behavior<OutgoingState, OutgoingCommandV1, OutgoingEvent> {
  const hub = o.hub ?? 'central-1';
  return {
    kind: EXCHANGE_OUTGOING_KIND,
    commandSchema: OutgoingCommandV1,
    initialState: (court) => ({ court, entries: {}, unsent: {} }),

    decide(state, cmd, ctx) {
      switch (cmd.type) {
        case 'send': {
          const known = state.entries[cmd.item.outgoingId];
          if (known) {
            if (known.digest !== undefined && known.digest !== contentDigest(cmd.item)) throw new CourtRejected('OUTGOING_KEY_REUSED', { outgoingId: cmd.item.outgoingId });
            return { reply: outgoingView(known) };
          }
          const { document: _d, signature: _s, ...item } = cmd.item;
          return { events: [{ type: 'exchange-outgoing-queued', item: cmd.item }], reply: outgoingView({ item, status: 'queued' }), effects: [send(hub, cmd.item), resendLater(ctx)] };
        }
        case 'sent-answer': {
          const id = cmd.correlation ?? '';
          if (!state.unsent[id]) return {};
          if (cmd.ok) {
            // the hub checks the recipient against its registry first (hub's filings/recipient.ts): ask again soon
            if ((cmd.reply as { pending?: boolean }).pending) return { effects: [{ type: 'schedule', name: RESEND, dueAt: ctx.now + PENDING_RETRY_MS, message: { type: 'resend' } }] };
            const inboxId = (cmd.reply as { id: string }).id;
            return { events: [{ type: 'exchange-outgoing-sent', outgoingId: id, inboxId, at: ctx.now }] };
          }
          const e = (cmd.error ?? {}) as { name?: string; code?: string; message?: string };
          // a refusal by the hub is final; a timeout or an unreachable hub waits for the reminder
          if (e.name !== 'DomainRejected') return {};
          return { events: [{ type: 'exchange-outgoing-refused', outgoingId: id, refusal: { code: e.code ?? 'REFUSED', reason: e.message ?? '' }, at: ctx.now }] };
        }
        case 'resend': {
          const left = Object.values(state.unsent);
          return left.length ? { effects: [...left.map((i) => send(hub, i)), resendLater(ctx)] } : {};
        }
        case 'status': {
          const e = state.entries[cmd.outgoingId];
          if (!e) throw new CourtRejected('OUTGOING_NOT_FOUND', { outgoingId: cmd.outgoingId });
          return { reply: outgoingView(e) };
        }
      }
    },

    evolve(state, e) {
      if (e.type === 'exchange-outgoing-queued') {
        const { document: _d, signature: _s, ...item } = e.item;
        return { ...state, entries: { ...state.entries, [item.outgoingId]: { item, status: 'queued', digest: contentDigest(e.item) } }, unsent: { ...state.unsent, [item.outgoingId]: e.item } };
      }
      const entry = state.entries[e.outgoingId];
      if (!entry) return state;
      const { [e.outgoingId]: _gone, ...unsent } = state.unsent;
      const next: OutgoingEntry = e.type === 'exchange-outgoing-sent' ? { ...entry, status: 'sent', inboxId: e.inboxId, at: e.at } : { ...entry, status: 'refused', refusal: e.refusal, at: e.at };
      return { ...state, entries: { ...state.entries, [e.outgoingId]: next }, unsent };
    },
  };
}
