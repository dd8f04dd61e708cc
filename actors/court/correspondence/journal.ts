/**
 * The court's journal of incoming correspondence (kind `correspondence`, id =
 * court code): every document that arrives in a case already registered gets
 * its number here, `<seq>/<yy>`, one sequence per court and calendar year
 * (Kyiv), IN THE SAME EVENT as its requisites (Засади 3.1–3.2) — the
 * registry's rule for case numbers (registry/behavior.ts), for the same
 * reasons: one actor handles one message at a time, so two items never see
 * the same counter; a refusal writes nothing and takes no number; a crash
 * loses the whole event or nothing. Numbers are gap-free and never reused.
 *
 * Time only moves forward here: the runtime holds a clock that jumps back
 * (runtime/clock.ts), and the journal additionally dates an item no earlier
 * than the one before it (`lastAt`), so a year's sequence never restarts
 * because a wall clock went back over New Year — even on a system run
 * without the runtime's hold.
 *
 * The card (`case` actor) learns of the item by a message sent after the
 * event is durable; the item stays `pending` until the case confirms, and a
 * durable reminder written with the first pending item re-sends after a crash
 * — never a number without its card entry.
 */
import type { Behavior, DecideContext, Effect } from '../../../runtime/index.ts';
import {
  CORRESPONDENCE_KIND_NAMES,
  CorrespondenceCommandV1 as CommandSchema,
  type CorrespondenceCommandV1,
  type CorrespondenceInputV1,
  type CorrespondenceKindV1,
  type CorrespondenceRegisteredV1,
  type JournalRowV1,
} from '../../../contracts/court/correspondence.ts';
import { CourtRejected } from '../errors.ts';
import { isCalendarDate, kyivDate } from '../dates.ts';
import { stampOf } from '../stamp.ts';

export const CORRESPONDENCE_KIND = 'correspondence';
const RECONCILE = 'reconcile-correspondence';
const RECONCILE_AFTER_MS = 2000;

/**
 * [seq, registeredAt, registrationDate, arrivalDate, kind, ueun, proceedingNumber, sender|null, title|null,
 * covertCase 0|1, handed-to judge|null] — compact: a year's journal lives in memory.
 */
type Row = [number, number, string, string, CorrespondenceKindV1, string, string, string | null, string | null, 0 | 1, string | null];

export interface JournalState {
  court: string;
  /** year → rows in number order (row i has seq i + 1). */
  years: Record<string, Row[]>;
  /** The latest registration time: no item is dated before it. */
  lastAt: number;
  /** number → item not yet confirmed on its card. */
  pending: Record<string, CorrespondenceRegisteredV1>;
  /** number → item on its card that waits for a judge. */
  waiting: Record<string, { ueun: string; proceedingNumber: string }>;
}

export type JournalEvent =
  | CorrespondenceRegisteredV1
  | { type: 'correspondence-recorded'; number: string; handedTo: string | null }
  | { type: 'correspondence-handed'; numbers: string[]; judge: string };

export const correspondenceJournalBehavior: Behavior<JournalState, CorrespondenceCommandV1, JournalEvent> = {
  kind: CORRESPONDENCE_KIND,
  commandSchema: CommandSchema,
  snapshotEvery: 2000,
  initialState: (court) => ({ court, years: {}, lastAt: 0, pending: {}, waiting: {} }),

  decide(state, cmd, ctx) {
    switch (cmd.type) {
      case 'register':
        return register(state, cmd.item, ctx);
      case 'recorded': {
        if (!state.pending[cmd.number]) return { reply: { confirmed: false } };
        return { events: [{ type: 'correspondence-recorded', number: cmd.number, handedTo: cmd.handedTo }], reply: { confirmed: true } };
      }
      case 'handed': {
        const numbers = cmd.numbers.filter((n) => state.waiting[n]);
        if (numbers.length === 0) return { reply: { handed: 0 } };
        return { events: [{ type: 'correspondence-handed', numbers, judge: cmd.judge }], reply: { handed: numbers.length } };
      }
      case 'reconcile': {
        const pending = Object.values(state.pending);
        const effects: Effect[] = pending.map((p) => recordEffect(ctx, p));
        if (pending.length > 0) effects.push(reconcileLater(ctx));
        return { reply: { resent: pending.length }, effects };
      }
      case 'list': {
        const rows = state.years[String(cmd.year)] ?? [];
        const items = rows.slice(cmd.offset, cmd.offset + cmd.limit).map((r) => rowOf(r, cmd.year));
        return { reply: { year: cmd.year, total: rows.length, offset: cmd.offset, items } };
      }
      case 'handed-to': {
        const rows = state.years[String(cmd.year)] ?? [];
        return { reply: { year: cmd.year, items: rows.filter((r) => r[10] === cmd.judge).map((r) => rowOf(r, cmd.year)) } };
      }
      case 'waiting': {
        const numbers = [...Object.keys(state.pending), ...Object.keys(state.waiting)];
        return { reply: { items: numbers.map((n) => candidateOf(state, n)).filter((c) => c !== null) } };
      }
      case 'status': {
        const seq = Object.fromEntries(Object.entries(state.years).map(([y, rows]) => [y, rows.length]));
        return { reply: { court: state.court, seq, pending: Object.keys(state.pending).length, waiting: Object.keys(state.waiting).length } };
      }
    }
  },

  /** Mutates in place (a year of items would make copying quadratic): the runtime rebuilds a cell whose write failed. */
  evolve(state, e) {
    switch (e.type) {
      case 'correspondence-registered': {
        const i = e.item;
        const rows = (state.years[String(e.year)] ??= []);
        const hidden = i.covertCase;
        rows.push([e.seq, e.registeredAt, e.registrationDate, i.arrivalDate, i.kind, i.ueun, i.proceedingNumber, hidden ? null : i.sender, hidden ? null : i.title, hidden ? 1 : 0, null]);
        state.lastAt = Math.max(state.lastAt, e.registeredAt);
        state.pending[e.number] = e;
        return state;
      }
      case 'correspondence-recorded': {
        const p = state.pending[e.number];
        delete state.pending[e.number];
        if (p && e.handedTo === null) state.waiting[e.number] = { ueun: p.item.ueun, proceedingNumber: p.item.proceedingNumber };
        const row = rowByNumber(state, e.number);
        if (row && e.handedTo !== null) row[10] = e.handedTo;
        return state;
      }
      case 'correspondence-handed':
        for (const n of e.numbers) {
          delete state.waiting[n];
          const row = rowByNumber(state, n);
          if (row) row[10] = e.judge;
        }
        return state;
    }
  },
};

function register(state: JournalState, item: CorrespondenceInputV1, ctx: DecideContext) {
  for (const d of [item.arrivalDate, item.outgoingDate, item.late?.termUntil, item.late?.order.date]) {
    if (d !== undefined && !isCalendarDate(d)) throw new CourtRejected('BAD_DATE', { date: d });
  }
  // Never dated before the item before it (see the header): the year and the day come from this instant.
  const at = Math.max(ctx.now, state.lastAt);
  const today = kyivDate(at);
  if (item.arrivalDate > today) throw new CourtRejected('ARRIVAL_IN_FUTURE', { arrivalDate: item.arrivalDate, today });
  if (item.outgoingDate !== undefined && item.outgoingDate > item.arrivalDate) {
    throw new CourtRejected('OUTGOING_AFTER_ARRIVAL', { outgoingDate: item.outgoingDate, arrivalDate: item.arrivalDate });
  }
  if (item.arrivalDate < today) {
    // Засади 3.1: "реєструється в день її надходження"; otherwise only within the term of the head of staff's order, with the reason.
    if (!item.late) throw new CourtRejected('LATE_REGISTRATION_REQUIRES_ORDER', { arrivalDate: item.arrivalDate, today });
    if (today > item.late.termUntil) throw new CourtRejected('LATE_REGISTRATION_PAST_TERM', { termUntil: item.late.termUntil, today });
  } else if (item.late) {
    throw new CourtRejected('LATE_ORDER_NOT_NEEDED', { arrivalDate: item.arrivalDate });
  }
  const year = Number(today.slice(0, 4));
  const seq = (state.years[String(year)]?.length ?? 0) + 1;
  const event: CorrespondenceRegisteredV1 = {
    type: 'correspondence-registered',
    v: 1,
    number: `${seq}/${String(year).slice(2)}`,
    year,
    seq,
    registeredAt: at,
    registrationDate: today,
    by: stampOf(ctx),
    item,
  };
  const effects: Effect[] = [recordEffect(ctx, event)];
  // The first pending item arms the durable reminder, written in the same transaction as the item.
  if (Object.keys(state.pending).length === 0) effects.push(reconcileLater(ctx));
  return { events: [event], reply: event, effects };
}

/** The row of `<seq>/<yy>` (the latest year with that two-digit ending and that many items). */
function rowByNumber(state: JournalState, number: string): Row | undefined {
  const [seq, yy] = number.split('/') as [string, string];
  const year = Object.keys(state.years).reverse().find((y) => y.slice(2) === yy && state.years[y]!.length >= Number(seq));
  return year ? state.years[year]![Number(seq) - 1] : undefined;
}

/** A waiting item as the control list needs it (../correspondence/control.ts `WaitingCandidate`). */
function candidateOf(state: JournalState, number: string) {
  const r = rowByNumber(state, number);
  if (!r) return null;
  return { number, ueun: r[5], proceedingNumber: r[6], arrivalDate: r[3], registeredAt: new Date(r[1]).toISOString(), kindName: CORRESPONDENCE_KIND_NAMES[r[4]] };
}

function rowOf(r: Row, year: number): JournalRowV1 {
  return {
    number: `${r[0]}/${String(year).slice(2)}`,
    seq: r[0],
    registeredAt: new Date(r[1]).toISOString(),
    registrationDate: r[2],
    arrivalDate: r[3],
    kind: r[4],
    kindName: CORRESPONDENCE_KIND_NAMES[r[4]],
    ueun: r[5],
    proceedingNumber: r[6],
    sender: r[7],
    title: r[8],
    covertCase: r[9] === 1,
  };
}

function recordEffect(ctx: DecideContext, registered: CorrespondenceRegisteredV1): Effect {
  return { type: 'tell', to: { node: ctx.self.node, kind: 'case', id: registered.item.ueun }, message: { type: 'record-correspondence', registered } };
}

function reconcileLater(ctx: DecideContext): Effect {
  return { type: 'schedule', name: RECONCILE, dueAt: ctx.now + RECONCILE_AFTER_MS, message: { type: 'reconcile' } };
}
