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
 */
import type { Behavior } from '../../../runtime/index.ts';
import { DomainRejected } from '../../../runtime/index.ts';
import type { EdrsrItemV1, EdrsrQueueEntryV1, EdrsrQueueReplyV1 } from '../../../contracts/court/legal-force.ts';
import { kyivDate } from '../dates.ts';

export const EDRSR_KIND = 'edrsr-export';

interface Entry {
  item: EdrsrItemV1;
  gseq: number;
  enqueuedAt: number;
  attempts: number;
  lastError?: string;
  lastAttemptAt?: number;
  deliveredAt?: number;
}

export interface EdrsrState {
  court: string;
  /** Highest journal gseq the feeder has handed over (the feeder's durable cursor). */
  fedThrough: number;
  items: Record<string, Entry>;
}

export type EdrsrCommand =
  | { type: 'enqueue'; gseq: number; item: EdrsrItemV1 }
  | { type: 'advance'; gseq: number }
  | { type: 'status' }
  | { type: 'pending'; limit?: number }
  | { type: 'delivered'; key: string; status: number }
  | { type: 'failed'; key: string; error: string }
  | { type: 'list'; state?: 'overdue' | 'pending' | 'delivered' | 'all'; limit?: number };

export type EdrsrEvent =
  | { type: 'item-enqueued'; gseq: number; at: number; item: EdrsrItemV1 }
  | { type: 'cursor-advanced'; gseq: number }
  | { type: 'delivery-failed'; key: string; at: number; error: string }
  | { type: 'item-delivered'; key: string; at: number; status: number };

/** The deadline is the last allowed day (11.2 "не пізніше"): overdue from the day after it. */
const overdueOn = (e: Entry, today: string) => e.item.deadline < (e.deliveredAt !== undefined ? kyivDate(e.deliveredAt) : today);

const iso = (ms: number) => new Date(ms).toISOString();

function view(e: Entry, today: string): EdrsrQueueEntryV1 {
  return {
    item: e.item,
    enqueuedAt: iso(e.enqueuedAt),
    attempts: e.attempts,
    ...(e.lastError !== undefined ? { lastError: e.lastError } : {}),
    ...(e.lastAttemptAt !== undefined ? { lastAttemptAt: iso(e.lastAttemptAt) } : {}),
    ...(e.deliveredAt !== undefined ? { deliveredAt: iso(e.deliveredAt) } : {}),
    overdue: overdueOn(e, today),
  };
}

const byDeadline = (a: Entry, b: Entry) => a.item.deadline.localeCompare(b.item.deadline) || a.gseq - b.gseq;

export const edrsrBehavior: Behavior<EdrsrState, EdrsrCommand, EdrsrEvent> = {
  kind: EDRSR_KIND,
  mailboxCapacity: 10_000,
  initialState: (court) => ({ court, fedThrough: 0, items: {} }),

  decide(state, cmd, ctx) {
    switch (cmd.type) {
      case 'enqueue': {
        if (cmd.gseq <= state.fedThrough) return { reply: { enqueued: false, fedThrough: state.fedThrough } };
        // One item per key: a repeated key (cannot happen for one decision) only moves the cursor.
        if (state.items[cmd.item.key]) return { events: [{ type: 'cursor-advanced', gseq: cmd.gseq }], reply: { enqueued: false } };
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
        const pending = Object.values(state.items).filter((e) => e.deliveredAt === undefined).sort(byDeadline);
        return { reply: pending.slice(0, cmd.limit ?? 100).map((e) => ({ item: e.item, attempts: e.attempts, lastAttemptAt: e.lastAttemptAt ?? null })) };
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
        if (!e || e.deliveredAt !== undefined) return { reply: { recorded: false } };
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
      case 'item-enqueued':
        state.items[e.item.key] = { item: e.item, gseq: e.gseq, enqueuedAt: e.at, attempts: 0 };
        return { ...state, fedThrough: Math.max(state.fedThrough, e.gseq) };
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
  const pending = all.filter((e) => e.deliveredAt === undefined);
  const delivered = all.filter((e) => e.deliveredAt !== undefined);
  const counts = {
    pending: pending.length,
    overdue: pending.filter((e) => overdueOn(e, today)).length,
    delivered: delivered.length,
    deliveredLate: delivered.filter((e) => overdueOn(e, today)).length,
  };
  const which = cmd.state ?? 'overdue';
  const chosen = which === 'overdue' ? pending.filter((e) => overdueOn(e, today)) : which === 'pending' ? pending : which === 'delivered' ? delivered : all;
  return { today, counts, items: chosen.slice(0, cmd.limit ?? 500).map((e) => view(e, today)) };
}
