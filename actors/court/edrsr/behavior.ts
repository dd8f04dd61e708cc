/**
 * The outbound ЄДРСР queue (kind `edrsr-export`, id = court code; Засади 11.2).
 *
 * Its state IS the queue: one item per `legal-force-recorded` event of any
 * case, with the 11.2 deadline computed by the case actor. It is fed from the
 * journal (`feeder.ts`), not by `tell`: a tell sent after the case's commit is
 * lost if the node dies in between, while the journal is the truth. The
 * feeder's cursor (`fedThrough`, a global sequence) lives HERE, written in the
 * same transaction as the item it fed — so after a crash the feeder resumes
 * exactly after the last item this actor holds: nothing lost, nothing twice.
 *
 * Delivery is done outside (`sender.ts`, the runtime does I/O): it reads
 * `pending`, POSTs, and reports `delivered` (only after a 2xx) or `failed`
 * (journaled: attempts and the last error survive a restart and show in the
 * deputy head of staff's list).
 *
 * A withdrawal item (automatic legal force withdrawn after a timely appeal) cancels its legal-force item
 * when that one was not delivered yet (nothing reached the register, nothing to withdraw); otherwise it
 * is sent after it. An item whose key another proceeding's item already holds is never sent and never
 * dropped: it is kept as a conflict in the control list (Засади 11.1 ¶2).
 */
import type { Behavior } from '../../../runtime/index.ts';
import { DomainRejected } from '../../../runtime/index.ts';
import type { EdrsrItemV1, EdrsrQueueEntryV1, EdrsrQueueReplyV1 } from '../../../contracts/court/legal-force.ts';
import { EdrsrCommandV1 } from '../../../contracts/court/legal-force.ts';
import { kyivDate } from '../dates.ts';
import { backoffDelay } from './backoff.ts';

export const EDRSR_KIND = 'edrsr-export';

interface Entry {
  item: EdrsrItemV1;
  gseq: number;
  enqueuedAt: number;
  attempts: number;
  lastError?: string;
  lastAttemptAt?: number;
  deliveredAt?: number;
  /** Withdrawn before delivery: not sent. */
  cancelledAt?: number;
}

interface Conflict {
  key: string;
  at: number;
  gseq: number;
  item: EdrsrItemV1;
}

export interface EdrsrState {
  court: string;
  /** Highest journal gseq the feeder has handed over (the feeder's durable cursor). */
  fedThrough: number;
  items: Record<string, Entry>;
  /** Items refused for a key already held by another proceeding's item (absent in pre-conflict snapshots). */
  conflicts?: Conflict[];
}

export type EdrsrCommand =
  | { type: 'enqueue'; gseq: number; item: EdrsrItemV1 }
  | { type: 'advance'; gseq: number }
  | { type: 'status' }
  | { type: 'pending'; limit?: number }
  /** What the sender should POST now: pending items whose backoff has passed, by deadline; and when the next one falls due. */
  | { type: 'due'; now: number; backoffMs: number; maxBackoffMs: number; limit?: number }
  | { type: 'delivered'; key: string; status: number }
  | { type: 'failed'; key: string; error: string }
  | { type: 'list'; state?: 'overdue' | 'pending' | 'delivered' | 'withdrawals' | 'all'; limit?: number; offset?: number };

export type EdrsrEvent =
  | { type: 'item-enqueued'; gseq: number; at: number; item: EdrsrItemV1 }
  | { type: 'cursor-advanced'; gseq: number }
  | { type: 'item-conflict'; gseq: number; at: number; item: EdrsrItemV1 }
  | { type: 'delivery-failed'; key: string; at: number; error: string }
  | { type: 'item-delivered'; key: string; at: number; status: number };

/** The deadline is the last allowed day (11.2 "не пізніше"): overdue from the day after it. */
const overdueOn = (e: Entry, today: string) => e.cancelledAt === undefined && e.item.deadline < (e.deliveredAt !== undefined ? kyivDate(e.deliveredAt) : today);

/** The legal-force item a withdrawal waits for, while that one is not delivered. */
const waitingFor = (s: EdrsrState, e: Entry): Entry | undefined => {
  const of = e.item.withdraws?.key;
  const o = of === undefined ? undefined : s.items[of];
  return o && o.deliveredAt === undefined ? o : undefined;
};

/** To be sent: not delivered, not cancelled, and (a withdrawal) its legal-force item already delivered. */
const isPending = (s: EdrsrState, e: Entry) => e.deliveredAt === undefined && e.cancelledAt === undefined && waitingFor(s, e) === undefined;

const iso = (ms: number) => new Date(ms).toISOString();

function view(s: EdrsrState, e: Entry, today: string): EdrsrQueueEntryV1 {
  const w = e.deliveredAt === undefined ? waitingFor(s, e) : undefined;
  return {
    item: e.item,
    enqueuedAt: iso(e.enqueuedAt),
    attempts: e.attempts,
    ...(e.lastError !== undefined ? { lastError: e.lastError } : {}),
    ...(e.lastAttemptAt !== undefined ? { lastAttemptAt: iso(e.lastAttemptAt) } : {}),
    ...(e.deliveredAt !== undefined ? { deliveredAt: iso(e.deliveredAt) } : {}),
    ...(e.cancelledAt !== undefined ? { cancelledAt: iso(e.cancelledAt) } : {}),
    ...(w ? { waitingFor: w.item.key } : {}),
    overdue: (e.deliveredAt !== undefined || isPending(s, e)) && overdueOn(e, today),
  };
}

const byDeadline = (a: Entry, b: Entry) => a.item.deadline.localeCompare(b.item.deadline) || a.gseq - b.gseq;

export const edrsrBehavior: Behavior<EdrsrState, EdrsrCommand, EdrsrEvent> = {
  kind: EDRSR_KIND,
  commandSchema: EdrsrCommandV1,
  mailboxCapacity: 10_000,
  initialState: (court) => ({ court, fedThrough: 0, items: {} }),

  decide(state, cmd, ctx) {
    switch (cmd.type) {
      case 'enqueue': {
        if (cmd.gseq <= state.fedThrough) return { reply: { enqueued: false, fedThrough: state.fedThrough } };
        const held = state.items[cmd.item.key];
        if (held) {
          // The same legal force fed twice changes nothing; another proceeding's item under this key is kept as a conflict.
          const same = held.item.proceedingNumber === cmd.item.proceedingNumber && held.item.ueun === cmd.item.ueun && held.item.legalForce.recordedAt === cmd.item.legalForce.recordedAt;
          if (same) return { events: [{ type: 'cursor-advanced', gseq: cmd.gseq }], reply: { enqueued: false } };
          return { events: [{ type: 'item-conflict', gseq: cmd.gseq, at: ctx.now, item: cmd.item }], reply: { enqueued: false, conflict: true } };
        }
        return { events: [{ type: 'item-enqueued', gseq: cmd.gseq, at: ctx.now, item: cmd.item }], reply: { enqueued: true } };
      }
      case 'advance':
        if (cmd.gseq <= state.fedThrough) return { reply: { fedThrough: state.fedThrough } };
        return { events: [{ type: 'cursor-advanced', gseq: cmd.gseq }], reply: { fedThrough: cmd.gseq } };
      case 'status': {
        const all = Object.values(state.items);
        return { reply: { fedThrough: state.fedThrough, pending: all.filter((e) => e.deliveredAt === undefined).length, delivered: all.filter((e) => e.deliveredAt !== undefined).length } };
      }
      case 'pending': {
        const pending = Object.values(state.items).filter((e) => isPending(state, e)).sort(byDeadline);
        return { reply: pending.slice(0, cmd.limit ?? 100).map((e) => ({ item: e.item, attempts: e.attempts, lastAttemptAt: e.lastAttemptAt ?? null })) };
      }
      case 'due': {
        // Only items whose backoff has passed: a block of items that keep failing cannot hide the rest.
        const dueAt = (e: Entry) => (e.lastAttemptAt ?? 0) + backoffDelay(e.attempts, cmd.backoffMs, cmd.maxBackoffMs);
        const pending = Object.values(state.items).filter((e) => isPending(state, e));
        const due = pending.filter((e) => dueAt(e) <= cmd.now).sort(byDeadline);
        const later = pending.reduce((m, e) => (dueAt(e) > cmd.now ? Math.min(m, dueAt(e) - cmd.now) : m), Infinity);
        return {
          reply: {
            items: due.slice(0, cmd.limit ?? 100).map((e) => ({ item: e.item, attempts: e.attempts, lastAttemptAt: e.lastAttemptAt ?? null })),
            more: due.length > (cmd.limit ?? 100),
            nextInMs: Number.isFinite(later) ? later : null,
          },
        };
      }
      case 'delivered': {
        const e = state.items[cmd.key];
        if (!e) throw new DomainRejected('NOT_FOUND', `no ЄДРСР item ${cmd.key}`);
        // Marked once: a second report (two senders, a retried ask) changes nothing.
        if (e.deliveredAt !== undefined) return { reply: { delivered: true, already: true } };
        return { events: [{ type: 'item-delivered', key: cmd.key, at: ctx.now, status: cmd.status }], reply: { delivered: true, already: false } };
      }
      case 'failed': {
        const e = state.items[cmd.key];
        if (!e || e.deliveredAt !== undefined || e.cancelledAt !== undefined) return { reply: { recorded: false } };
        return { events: [{ type: 'delivery-failed', key: cmd.key, at: ctx.now, error: cmd.error.slice(0, 300) }], reply: { recorded: true } };
      }
      case 'list':
        return { reply: list(state, cmd, kyivDate(ctx.now)) };
      default:
        throw new DomainRejected('UNKNOWN_COMMAND', 'unknown command of edrsr-export');
    }
  },

  evolve(state, e) {
    switch (e.type) {
      case 'item-enqueued': {
        state.items[e.item.key] = { item: e.item, gseq: e.gseq, enqueuedAt: e.at, attempts: 0 };
        // A withdrawal of an item not yet delivered: that item is not sent at all.
        const of = e.item.withdraws ? state.items[e.item.withdraws.key] : undefined;
        if (of && of.deliveredAt === undefined) state.items[e.item.withdraws!.key] = { ...of, cancelledAt: e.at };
        return { ...state, fedThrough: Math.max(state.fedThrough, e.gseq) };
      }
      case 'item-conflict':
        return { ...state, conflicts: [...(state.conflicts ?? []), { key: e.item.key, at: e.at, gseq: e.gseq, item: e.item }], fedThrough: Math.max(state.fedThrough, e.gseq) };
      case 'cursor-advanced':
        return { ...state, fedThrough: Math.max(state.fedThrough, e.gseq) };
      case 'delivery-failed': {
        const x = state.items[e.key];
        if (x) state.items[e.key] = { ...x, attempts: x.attempts + 1, lastError: e.error, lastAttemptAt: e.at };
        return state;
      }
      case 'item-delivered': {
        const x = state.items[e.key];
        if (x) state.items[e.key] = { ...x, attempts: x.attempts + 1, lastAttemptAt: e.at, deliveredAt: e.at };
        return state;
      }
    }
  },
};

function list(state: EdrsrState, cmd: Extract<EdrsrCommand, { type: 'list' }>, today: string): EdrsrQueueReplyV1 {
  const all = Object.values(state.items).sort(byDeadline);
  const pending = all.filter((e) => isPending(state, e));
  const delivered = all.filter((e) => e.deliveredAt !== undefined);
  const withdrawals = all.filter((e) => e.item.kind === 'withdrawal' || e.cancelledAt !== undefined);
  const conflicts = state.conflicts ?? [];
  const counts = {
    pending: pending.length,
    overdue: pending.filter((e) => overdueOn(e, today)).length,
    delivered: delivered.length,
    deliveredLate: delivered.filter((e) => overdueOn(e, today)).length,
    withdrawals: all.filter((e) => e.item.kind === 'withdrawal').length,
    conflicts: conflicts.length,
  };
  const which = cmd.state ?? 'overdue';
  const chosen =
    which === 'overdue' ? pending.filter((e) => overdueOn(e, today)) : which === 'pending' ? pending : which === 'delivered' ? delivered : which === 'withdrawals' ? withdrawals : all;
  return {
    today,
    counts,
    items: chosen.slice(cmd.offset ?? 0, (cmd.offset ?? 0) + (cmd.limit ?? 500)).map((e) => view(state, e, today)),
    conflicts: conflicts.map((c) => ({ key: c.key, at: iso(c.at), proceedingNumber: c.item.proceedingNumber, ueun: c.item.ueun, heldBy: state.items[c.key]?.item.proceedingNumber ?? '' })),
  };
}
