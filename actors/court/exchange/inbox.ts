/**
 * The court's inbox of the exchange with prosecutors (kind `exchange-inbox`, id = court code; exchange order 2024,
 * §A of the digest): a procedural document the exchange hub delivers is journaled here at once (with its bytes and
 * the hub's signature verification), then registered as incoming correspondence in its case (Засади 3.1–3.2: a
 * number in the journal of incoming correspondence, on the card, handed to the presiding judge) — or refused
 * with the reason (unknown case, unknown proceeding).
 *
 * One document at a time, in the order the hub delivered them, so the journal numbers follow the filings' order.
 * Each step is an ask effect (decide stays pure); the registration carries the filing's id as its command id, so a
 * step re-sent after a crash (durable reminder `exchange-resume`) never takes a second number. Only a central node
 * may deliver (`file-document`) or ask for outcomes (`outcomes`): Behavior.remote, checked by runtime/remote.ts.
 * The outcome is told to the hub as soon as it is known; the hub also asks for it (`outcomes`) until it has it.
 */
import type { Behavior, DecideContext, Effect } from '../../../runtime/index.ts';
import { InboxCommandV1, type CourtFilingStateV1, type DeliveredFilingV1 } from '../../../contracts/exchange/wire.ts';
import { RESTRICTION_REASONS, type RefusalV1, type RegistrationV1 } from '../../../contracts/exchange/filings.ts';
import type { CardV1, CorrespondenceInputV1, CorrespondenceRegisteredV1 } from '../../../contracts/court/index.ts';
import { COURT_ERRORS } from '../errors.ts';
import { kyivDate } from '../dates.ts';
import { CORRESPONDENCE_KIND } from '../correspondence/index.ts';
import { REGISTRY_KIND } from '../registry/behavior.ts';
import type { RegistrySearchReplyV1 } from '../../../contracts/court/search.ts';

export const EXCHANGE_INBOX_KIND = 'exchange-inbox';
/** The hub's actor (actors/central/exchange/filings). */
export const HUB_FILINGS_KIND = 'exchange-filings';
export const HUB_FILINGS_ID = 'hub';
const RESUME = 'exchange-resume';
const RESUME_AFTER_MS = 3000;
const SYSTEM = { author: 'system:exchange', role: 'system' };

export interface InboxFiling {
  filingId: string;
  /** The central node that delivered it: outcomes are told there. */
  hub: string;
  from: DeliveredFilingV1['from'];
  messageId: string;
  /** The case as filed; without it the court finds it by the proceeding number. */
  ueun?: string;
  title: string;
  status: 'received' | 'registered' | 'refused';
  arrivedAt: number;
  registration?: RegistrationV1;
  refusal?: RefusalV1;
}

export interface InboxState {
  court: string;
  filings: Record<string, InboxFiling>;
  /** Received, not yet registered nor refused, in delivery order; the head is being registered. */
  queue: string[];
  /** filingId → the filing as delivered (needed until it is registered). */
  pending: Record<string, DeliveredFilingV1>;
}

export type InboxEvent =
  | { type: 'exchange-filing-arrived'; filing: DeliveredFilingV1; hub: string; at: number }
  | { type: 'exchange-filing-registered'; filingId: string; registration: RegistrationV1; at: number }
  | { type: 'exchange-filing-refused'; filingId: string; refusal: RefusalV1; at: number }
  /** A restricted document: never stored, only the fact of the refusal (exchange order 2024). */
  | { type: 'exchange-filing-rejected'; filingId: string; hub: string; from: DeliveredFilingV1['from']; messageId: string; ueun?: string; title: string; refusal: RefusalV1; at: number };

type Answer = { correlation?: string; ok: boolean; reply?: unknown; error?: unknown };
type WireErr = { name?: string; code?: string; message?: string };

const hubOf = (f: InboxFiling) => ({ node: f.hub, kind: HUB_FILINGS_KIND, id: HUB_FILINGS_ID });

export function stateOf(f: InboxFiling): CourtFilingStateV1 {
  return { filingId: f.filingId, status: f.status, ...(f.registration ? { registration: f.registration } : {}), ...(f.refusal ? { refusal: f.refusal } : {}) };
}

/** A domain refusal (the case actor's, the journal's) is final; a timeout or an unreachable actor is retried. */
function refusalOf(error: unknown): RefusalV1 | undefined {
  const e = (error ?? {}) as WireErr;
  if (e.name !== 'CourtRejected' && e.name !== 'DomainRejected') return undefined;
  const code = e.code ?? 'REFUSED';
  const uk = (COURT_ERRORS as Record<string, { uk: string } | undefined>)[code]?.uk ?? e.message ?? code;
  return { code, reason: uk };
}

/** The case's card (correlation `<filing>|<ЄУН>`: the case may have been found by its proceeding number). */
function askCard(ctx: DecideContext, filingId: string, ueun: string): Effect {
  return { type: 'ask', to: { node: ctx.self.node, kind: 'case', id: ueun }, message: { type: 'card' }, replyType: 'case-card', correlation: `${filingId}|${ueun}`, meta: SYSTEM };
}

/** The first step of a filing: its case's card, or — filed by proceeding number only — the registry's lookup. */
function firstStep(ctx: DecideContext, state: InboxState, f: DeliveredFilingV1): Effect {
  if (f.ueun) return askCard(ctx, f.filingId, f.ueun);
  const search = { type: 'search', ueun: f.proceedingNumber ?? '', offset: 0, limit: 1 };
  return { type: 'ask', to: { node: ctx.self.node, kind: REGISTRY_KIND, id: state.court }, message: search, replyType: 'case-found', correlation: f.filingId, meta: SYSTEM };
}

function resumeLater(ctx: DecideContext): Effect {
  return { type: 'schedule', name: RESUME, dueAt: ctx.now + RESUME_AFTER_MS, message: { type: 'resume' } };
}

function tellOutcome(ctx: DecideContext, f: InboxFiling): Effect {
  const s = stateOf(f);
  const message = { type: 'filing-outcome', court: ctx.self.id, filingId: f.filingId, status: s.status, ...(s.registration ? { registration: s.registration } : {}), ...(s.refusal ? { refusal: s.refusal } : {}) };
  // best effort: the hub asks for outcomes it has not heard of (`outcomes`)
  return { type: 'ask', to: hubOf(f), message, replyType: 'outcome-told', correlation: f.filingId, timeoutMs: 5000 };
}

/** The head is settled: tell the hub, start the next one. */
function settled(state: InboxState, ctx: DecideContext, f: InboxFiling, next: InboxFiling): Effect[] {
  const effects: Effect[] = [tellOutcome(ctx, next)];
  const after = state.queue.filter((id) => id !== f.filingId)[0];
  if (after) effects.push(firstStep(ctx, state, state.pending[after]!), resumeLater(ctx));
  else effects.push({ type: 'cancel', name: RESUME });
  return effects;
}

function refuse(state: InboxState, ctx: DecideContext, f: InboxFiling, refusal: RefusalV1) {
  const next: InboxFiling = { ...f, status: 'refused', refusal };
  return { events: [{ type: 'exchange-filing-refused' as const, filingId: f.filingId, refusal, at: ctx.now }], effects: settled(state, ctx, f, next) };
}

/** The proceeding the document joins: the one named, or the case's only one (as the clerk's route, http/correspondence.ts). */
function proceedingOf(card: CardV1, named: string | undefined): string | RefusalV1 {
  const all = card.proceedings.map((p) => p.proceedingNumber);
  if (named !== undefined) return all.includes(named) ? named : { code: 'PROCEEDING_NOT_FOUND', reason: COURT_ERRORS.PROCEEDING_NOT_FOUND.uk };
  if (all.length === 1) return all[0]!;
  return { code: 'PROCEEDING_REQUIRED', reason: COURT_ERRORS.PROCEEDING_REQUIRED.uk };
}

function onFound(state: InboxState, cmd: Answer, ctx: DecideContext) {
  const id = cmd.correlation ?? '';
  if (state.queue[0] !== id) return {};
  const f = state.filings[id]!;
  if (!cmd.ok) {
    const refusal = refusalOf(cmd.error);
    return refusal ? refuse(state, ctx, f, refusal) : {};
  }
  const d = state.pending[id]!;
  const hit = (cmd.reply as RegistrySearchReplyV1).items.find((i) => i.proceedingNumber === d.proceedingNumber);
  if (!hit) return refuse(state, ctx, f, { code: 'CASE_NOT_FOUND', reason: COURT_ERRORS.CASE_NOT_FOUND.uk });
  return { effects: [askCard(ctx, id, hit.ueun)] };
}

function onCard(state: InboxState, cmd: Answer, ctx: DecideContext) {
  const [id = '', ueun = ''] = (cmd.correlation ?? '').split('|');
  if (state.queue[0] !== id) return {}; // a late answer to a step already settled
  const f = state.filings[id]!;
  if (!cmd.ok) {
    const refusal = refusalOf(cmd.error);
    return refusal ? refuse(state, ctx, f, refusal) : {};
  }
  const d = state.pending[id]!;
  const card = cmd.reply as CardV1;
  const proceeding = proceedingOf(card, d.proceedingNumber);
  if (typeof proceeding !== 'string') return refuse(state, ctx, f, proceeding);
  const item: CorrespondenceInputV1 = {
    ueun,
    proceedingNumber: proceeding,
    covertCase: card.covert,
    kind: d.kind,
    arrivalDate: kyivDate(ctx.now),
    sender: d.from.name.slice(0, 300),
    title: d.title,
    outgoingNumber: d.messageId,
  };
  const journal = { node: ctx.self.node, kind: CORRESPONDENCE_KIND, id: state.court };
  // the filing id as command id: asked again after a crash, the journal answers with the number it already gave
  return { effects: [{ type: 'ask' as const, to: journal, message: { type: 'register', item }, replyType: 'correspondence-registered', correlation: id, commandId: `exchange:${id}`, meta: SYSTEM }] };
}

function onRegistered(state: InboxState, cmd: Answer, ctx: DecideContext) {
  const id = cmd.correlation ?? '';
  if (state.queue[0] !== id) return {};
  const f = state.filings[id]!;
  if (!cmd.ok) {
    const refusal = refusalOf(cmd.error);
    return refusal ? refuse(state, ctx, f, refusal) : {};
  }
  const r = cmd.reply as CorrespondenceRegisteredV1;
  const registration: RegistrationV1 = { number: r.number, registrationDate: r.registrationDate, registeredAt: new Date(r.registeredAt).toISOString(), ueun: r.item.ueun, proceedingNumber: r.item.proceedingNumber };
  const next: InboxFiling = { ...f, status: 'registered', registration };
  return { events: [{ type: 'exchange-filing-registered' as const, filingId: id, registration, at: ctx.now }], effects: settled(state, ctx, f, next) };
}

function fileDocument(state: InboxState, d: DeliveredFilingV1, ctx: DecideContext) {
  const known = state.filings[d.filingId];
  if (known) return { reply: stateOf(known) };
  const hub = typeof ctx.meta.node === 'string' ? ctx.meta.node : 'central-1';
  if (d.restriction !== 'none') {
    // never stored nor registered: only the fact of the refusal
    const refusal: RefusalV1 = { code: 'DOCUMENT_RESTRICTED', reason: RESTRICTION_REASONS[d.restriction] };
    const e: InboxEvent = { type: 'exchange-filing-rejected', filingId: d.filingId, hub, from: d.from, messageId: d.messageId, ...(d.ueun ? { ueun: d.ueun } : {}), title: d.title, refusal, at: ctx.now };
    return { events: [e], reply: { filingId: d.filingId, status: 'refused', refusal } satisfies CourtFilingStateV1 };
  }
  const effects: Effect[] = state.queue.length === 0 ? [firstStep(ctx, state, d), resumeLater(ctx)] : [];
  return { events: [{ type: 'exchange-filing-arrived' as const, filing: d, hub, at: ctx.now }], reply: { filingId: d.filingId, status: 'received' } satisfies CourtFilingStateV1, effects };
}

export const exchangeInboxBehavior: Behavior<InboxState, InboxCommandV1, InboxEvent> = {
  kind: EXCHANGE_INBOX_KIND,
  commandSchema: InboxCommandV1,
  remote: { 'file-document': ['central'], outcomes: ['central'] },
  initialState: (court) => ({ court, filings: {}, queue: [], pending: {} }),

  decide(state, cmd, ctx) {
    switch (cmd.type) {
      case 'file-document':
        return fileDocument(state, cmd.filing, ctx);
      case 'outcomes':
        return { reply: { filings: cmd.filingIds.map((id) => state.filings[id]).filter((f) => f !== undefined).map(stateOf) } };
      case 'case-found':
        return onFound(state, cmd, ctx);
      case 'case-card':
        return onCard(state, cmd, ctx);
      case 'correspondence-registered':
        return onRegistered(state, cmd, ctx);
      case 'outcome-told':
        return {};
      case 'resume': {
        const head = state.queue[0];
        return head ? { effects: [firstStep(ctx, state, state.pending[head]!), resumeLater(ctx)] } : {};
      }
      case 'status':
        return { reply: { court: state.court, queued: state.queue.length, filings: Object.values(state.filings).map(stateOf) } };
    }
  },

  evolve(state, e) {
    switch (e.type) {
      case 'exchange-filing-arrived': {
        const d = e.filing;
        const f: InboxFiling = { filingId: d.filingId, hub: e.hub, from: d.from, messageId: d.messageId, ...(d.ueun ? { ueun: d.ueun } : {}), title: d.title, status: 'received', arrivedAt: e.at };
        return { ...state, filings: { ...state.filings, [d.filingId]: f }, queue: [...state.queue, d.filingId], pending: { ...state.pending, [d.filingId]: d } };
      }
      case 'exchange-filing-rejected': {
        const f: InboxFiling = { filingId: e.filingId, hub: e.hub, from: e.from, messageId: e.messageId, ...(e.ueun ? { ueun: e.ueun } : {}), title: e.title, status: 'refused', arrivedAt: e.at, refusal: e.refusal };
        return { ...state, filings: { ...state.filings, [e.filingId]: f } };
      }
      case 'exchange-filing-registered':
      case 'exchange-filing-refused': {
        const f = state.filings[e.filingId];
        if (!f) return state;
        const { [e.filingId]: _done, ...pending } = state.pending;
        const next: InboxFiling = e.type === 'exchange-filing-registered' ? { ...f, status: 'registered', registration: e.registration } : { ...f, status: 'refused', refusal: e.refusal };
        return { ...state, filings: { ...state.filings, [e.filingId]: next }, queue: state.queue.filter((id) => id !== e.filingId), pending };
      }
    }
  },
};
