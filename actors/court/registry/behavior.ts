/**
 * The court's registry (kind `registry`, id = court code): registers every
 * incoming case document and assigns its numbers IN THE SAME EVENT
 * (Засади 3.1–3.4). One actor per court handles one message at a time, so
 * numbers are gapless and unique by construction; the runtime batches a busy
 * registry's queue into one durable write, so this does not cost throughput.
 *
 * The card's later life belongs to the `case` actor (id = ЄУН). The registry
 * tells it to open after the registration is durable and keeps the
 * registration "pending" until the case confirms; a durable reminder re-sends
 * pending opens after a crash — never a number without its case.
 *
 * Засади 4.1: `handoffMark` is the registry sequence number up to which every
 * registration was handed to automated distribution; each `case-registered`
 * above it awaits its hand-off (see handoff.ts, which follows this actor's
 * stream from the mark and advances it).
 */
import { DomainRejected, type Behavior, type DecideContext, type Effect } from '../../../runtime/index.ts';
import type { CaseListItemV1, CaseRegisteredV1, RegistrationInputV1, RegistrationReplyV1, RegistryCommandV1 } from '../../../contracts/court/index.ts';
import { RegistryCommandV1 as RegistryCommandSchema } from '../../../contracts/court/index.ts';
import { PROCEEDING_INDEXES } from '../../../contracts/court/common.ts';
import { CourtRejected } from '../errors.ts';
import { isCalendarDate, kyivDate, yy } from '../dates.ts';
import { formatProceedingNumber, formatUeun, parseUeun } from './numbers.ts';
import { stampOf } from '../stamp.ts';
import { rowOf, searchRows, type ListRow } from './search.ts';

export const REGISTRY_KIND = 'registry';
const RECONCILE = 'reconcile-opens';
const RECONCILE_AFTER_MS = 2000;


export interface RegistryState {
  court: string;
  total: number;
  /** yy → last ЄУН sequence assigned here that year. */
  ueunSeq: Record<string, number>;
  /** `<index>|<yy>` → last proceeding sequence. */
  procSeq: Record<string, number>;
  /** proceedingNumber → registration whose case card is not confirmed open yet. */
  pending: Record<string, CaseRegisteredV1>;
  /** The list in registration order, in chunks (see `evolve`). */
  rows: ListRow[][];
  /** Key ids ever used to seal covert fields: the node refuses to start without one of them. */
  covertKeyIds: string[];
  /** Засади 4.1: this actor's sequence number up to which registrations were handed to distribution (absent in old snapshots = 0). */
  handoffMark?: number;
}

export type RegistryEvent = CaseRegisteredV1 | { type: 'open-confirmed'; proceedingNumber: string } | { type: 'handoff-advanced'; upTo: number };

const CHUNK = 512;

export interface RegistryOptions {
  /**
   * Засади 3.4: the proceeding indexes of this court — its Засади's `proceedingIndexes` list (every loaded
   * version). Default: the typical list (distribution-spec §1), for a court that runs without its Засади.
   */
  proceedingIndexes?: readonly string[];
}

/** The registry of a court whose numbering follows its own Засади (`registryBehaviorFor({ proceedingIndexes })`). */
export function registryBehaviorFor(opts: RegistryOptions = {}): Behavior<RegistryState, RegistryCommandV1, RegistryEvent> {
  const indexes = new Set<string>(opts.proceedingIndexes ?? PROCEEDING_INDEXES);
  return {
    ...registryCore,
    decide(state, cmd, ctx) {
      // 3.4: a proceeding number carries an index of THIS court's list — refused before anything is numbered.
      if (cmd.type === 'register' && !indexes.has(cmd.registration.index)) {
        throw new CourtRejected('UNKNOWN_PROCEEDING_INDEX', { index: cmd.registration.index, indexes: [...indexes] });
      }
      return registryCore.decide(state, cmd, ctx);
    },
  };
}

const registryCore: Behavior<RegistryState, RegistryCommandV1, RegistryEvent> = {
  kind: REGISTRY_KIND,
  commandSchema: RegistryCommandSchema,
  // The state grows by one short row per registration; snapshot less often than the default.
  snapshotEvery: 2000,
  initialState: (court) => ({ court, total: 0, ueunSeq: {}, procSeq: {}, pending: {}, rows: [], covertKeyIds: [], handoffMark: 0 }),

  decide(state, cmd, ctx) {
    switch (cmd.type) {
      case 'register':
        return register(state, cmd.registration, ctx);
      case 'opened':
        if (!state.pending[cmd.proceedingNumber]) return { reply: { confirmed: false } };
        return { events: [{ type: 'open-confirmed', proceedingNumber: cmd.proceedingNumber }], reply: { confirmed: true } };
      case 'ensure-open': {
        const effects = Object.values(state.pending)
          .filter((p) => p.ueun === cmd.ueun)
          .map((p) => openEffect(ctx, p));
        return { reply: { resent: effects.length }, effects };
      }
      case 'reconcile': {
        const pending = Object.values(state.pending);
        const effects: Effect[] = pending.map((p) => openEffect(ctx, p));
        if (pending.length > 0) effects.push(reconcileLater(ctx));
        return { reply: { resent: pending.length }, effects };
      }
      case 'handoff-advanced': {
        const mark = state.handoffMark ?? 0;
        // Internal command of the hand-off (no HTTP route): a mark past this stream would skip registrations not yet made.
        if (cmd.upTo > ctx.seq) throw new DomainRejected('HANDOFF_BEYOND_REGISTRY', `hand-off mark ${cmd.upTo} is past the registry's sequence ${ctx.seq}`, { upTo: cmd.upTo, seq: ctx.seq });
        if (cmd.upTo <= mark) return { reply: { handoffMark: mark } };
        return { events: [{ type: 'handoff-advanced', upTo: cmd.upTo }], reply: { handoffMark: cmd.upTo } };
      }
      case 'list': {
        const items: CaseListItemV1[] = [];
        for (let i = cmd.offset; i < Math.min(state.total, cmd.offset + cmd.limit); i++) {
          const r = state.rows[Math.floor(i / CHUNK)]![i % CHUNK]!;
          items.push({ ordinal: r[0], ueun: r[1], proceedingNumber: r[2], arrivalDate: r[3], registrationDate: r[4], covert: r[5] === 1 });
        }
        return { reply: { total: state.total, offset: cmd.offset, items } };
      }
      case 'search':
        // issue 16: the console's case search — a read, nothing written
        return { reply: searchRows(state.rows, cmd) };
      case 'status':
        return {
          reply: {
            court: state.court,
            total: state.total,
            ueunSeq: state.ueunSeq,
            procSeq: state.procSeq,
            pending: Object.keys(state.pending).length,
            covertKeyIds: state.covertKeyIds,
            handoffMark: state.handoffMark ?? 0,
          },
        };
    }
  },

  /**
   * Mutates in place: a copy per event would make a court-year of
   * registrations quadratic. Safe with this runtime because a cell whose
   * write failed rebuilds its state from the journal before going on.
   */
  evolve(state, e) {
    if (e.type === 'open-confirmed') {
      delete state.pending[e.proceedingNumber];
      return state;
    }
    if (e.type === 'handoff-advanced') {
      state.handoffMark = e.upTo;
      return state;
    }
    const { index } = e.registration;
    const yr = e.registrationDate.slice(2, 4);
    state.total = e.ordinal;
    if (e.ueunAssignedHere) state.ueunSeq[yr] = parseUeun(e.ueun).seq;
    state.procSeq[`${index}|${yr}`] = Number(e.proceedingNumber.split('/')[2]);
    state.pending[e.proceedingNumber] = e;
    const row = rowOf(e);
    const last = state.rows[state.rows.length - 1];
    if (!last || last.length >= CHUNK) state.rows.push([row]);
    else last.push(row);
    const keyId = e.registration.covert?.keyId;
    if (keyId && !state.covertKeyIds.includes(keyId)) state.covertKeyIds.push(keyId);
    return state;
  },
};

/** The registry with the typical index list (a court without its own Засади; tests). */
export const registryBehavior = registryBehaviorFor();

function register(state: RegistryState, reg: RegistrationInputV1, ctx: DecideContext) {
  for (const d of [reg.arrivalDate, reg.document.outgoingDate, reg.late?.termUntil, reg.late?.order.date]) {
    if (d !== undefined && !isCalendarDate(d)) throw new CourtRejected('BAD_DATE', { date: d });
  }
  const today = kyivDate(ctx.now);
  if (reg.arrivalDate > today) throw new CourtRejected('ARRIVAL_IN_FUTURE', { arrivalDate: reg.arrivalDate, today });
  if (reg.arrivalDate < today) {
    // Засади 3.1: not registered on the arrival day → only within the term of the head of staff's order, with the reason.
    if (!reg.late) throw new CourtRejected('LATE_REGISTRATION_REQUIRES_ORDER', { arrivalDate: reg.arrivalDate, today });
    // Засади 3.1 (source text): "в термін, визначений у розпорядженні" — the order's term binds.
    if (today > reg.late.termUntil) throw new CourtRejected('LATE_REGISTRATION_PAST_TERM', { termUntil: reg.late.termUntil, today });
  } else if (reg.late) {
    throw new CourtRejected('LATE_ORDER_NOT_NEEDED', { arrivalDate: reg.arrivalDate });
  }

  const year = yy(today);
  let ueun: string;
  let ueunAssignedHere: boolean;
  if (reg.existingUeun) {
    // Засади 3.3: the ЄУН never changes — across instances, transfers between courts, re-submission.
    const parsed = parseUeun(reg.existingUeun);
    if (parsed.court === state.court && parsed.seq > (state.ueunSeq[parsed.yy] ?? 0)) {
      // A number of this court that this court never issued would be a forged or mistyped one.
      throw new CourtRejected('UNKNOWN_UEUN', { ueun: reg.existingUeun });
    }
    ueun = reg.existingUeun;
    ueunAssignedHere = false;
  } else {
    ueun = formatUeun(state.court, (state.ueunSeq[year] ?? 0) + 1, year);
    ueunAssignedHere = true;
  }
  // Засади 3.4 / spec §1: every registration HERE opens a proceeding with its own number (index, court, seq in index and year, yy).
  // A document filed in a pending case (a motion, a reply, a counterclaim — 4.17) opens none: it is registered in the
  // journal of incoming correspondence (../correspondence/) and keeps the case's proceeding.
  const procSeq = (state.procSeq[`${reg.index}|${year}`] ?? 0) + 1;
  const event: CaseRegisteredV1 = {
    type: 'case-registered',
    v: 1,
    ordinal: state.total + 1,
    ueun,
    ueunAssignedHere,
    proceedingNumber: formatProceedingNumber(reg.index, state.court, procSeq, year),
    year: 2000 + Number(year),
    registeredAt: ctx.now,
    registrationDate: today,
    by: stampOf(ctx),
    registration: reg,
  };
  const reply: RegistrationReplyV1 = {
    ueun,
    proceedingNumber: event.proceedingNumber,
    ordinal: event.ordinal,
    registeredAt: new Date(ctx.now).toISOString(),
    registrationDate: today,
    arrivalDate: reg.arrivalDate,
    late: reg.late !== undefined,
    covert: reg.covert !== undefined,
  };
  const effects: Effect[] = [openEffect(ctx, event)];
  // The first pending open arms the durable reminder, written in the same transaction as the registration.
  if (Object.keys(state.pending).length === 0) effects.push(reconcileLater(ctx));
  return { events: [event], reply, effects };
}

function openEffect(ctx: DecideContext, registered: CaseRegisteredV1): Effect {
  return { type: 'tell', to: { node: ctx.self.node, kind: 'case', id: registered.ueun }, message: { type: 'open', registered } };
}

function reconcileLater(ctx: DecideContext): Effect {
  return { type: 'schedule', name: RECONCILE, dueAt: ctx.now + RECONCILE_AFTER_MS, message: { type: 'reconcile' } };
}
