/**
 * The court's public lists (kind `public-lists`, id = court code; Засади 12.4).
 *
 * Holds what only it knows — restrictions on publishing parties and essence
 * (12.4 last ¶), hearings and announcements entered by staff — and the day's
 * published snapshots. A durable daily reminder (armed once, re-armed at each
 * firing, 20:00 Kyiv) starts a snapshot run; staff may start one on demand.
 *
 * A run gathers through `ask` effects (the runtime feeds the answers back as
 * commands): the judges' names (the Засади roster, then the user accounts —
 * 12.4.3 publishes the composition by name), the registry's list page by
 * page, then the card of every non-covert case. Each card's contribution is redacted HERE, before it is
 * journaled (`run-cards`), so no restricted party or essence and no covert
 * case ever enters this actor's events; the run ends with `list-published`.
 */
import type { Behavior, DecideContext, Effect } from '../../../runtime/index.ts';
import { DomainRejected } from '../../../runtime/index.ts';
import type { CardV1, CaseListV1 } from '../../../contracts/court/index.ts';
import { kyivDate } from '../dates.ts';
import { addEntries, cardEntries, emptyLists, judgeNames, sortLists, type Announcement, type Hearing, type PublicLists, type Restriction } from './lists.ts';
import { PublicListsCommandV1 } from '../../../contracts/court/public-lists.ts';

export const PUBLIC_LISTS_KIND = 'public-lists';
const DAILY = 'daily-publication';
const PAGE = 500;

interface Run {
  run: number;
  pagesPending: number;
  expected: number;
  received: number;
  lists: PublicLists;
  /** Judges' names gathered for this run: roster (id → name) and users (login → full name). */
  roster?: Array<{ id: string; name: string }>;
  users?: Array<{ login: string; fullName: string }>;
}

export interface PublicListsState {
  court: string;
  armed: boolean;
  restrictions: Record<string, Restriction & { at: number; by: string }>;
  hearings: Hearing[];
  announcements: Announcement[];
  runs: Record<string, Run>;
  /** date → the published snapshot (the latest one of that day). */
  published: Record<string, PublicLists>;
}

type Reply = { type: string; correlation?: string; ok: boolean; reply?: unknown; error?: unknown };
export type PublicListsCommand =
  | { type: 'arm' }
  | { type: 'publish'; date?: string }
  | { type: 'restrict'; restriction: Restriction }
  | { type: 'add-hearing'; hearing: Hearing }
  | { type: 'add-announcement'; announcement: Announcement }
  | { type: 'read'; date: string }
  | (Reply & { type: 'registry-page' | 'card-read' | 'roster-read' | 'users-read' });

export type PublicListsEvent =
  | { type: 'armed'; at: number }
  | { type: 'restriction-recorded'; at: number; by: string; restriction: Restriction }
  | { type: 'hearing-recorded'; at: number; by: string; hearing: Hearing }
  | { type: 'announcement-recorded'; at: number; by: string; announcement: Announcement }
  | { type: 'run-started'; date: string; run: number; lists: PublicLists }
  | { type: 'run-names'; date: string; run: number; roster?: Array<{ id: string; name: string }>; users?: Array<{ login: string; fullName: string }> }
  | { type: 'run-page'; date: string; run: number; cards: number; more: boolean }
  | { type: 'run-cards'; date: string; run: number; entries: ReturnType<typeof cardEntries> }
  | { type: 'list-published'; date: string; run: number; at: number };

/** Next 20:00 in Kyiv after `now` (DST-safe: tries both offsets). */
export function nextPublication(now: number): number {
  for (let d = 0; d < 3; d++) {
    const date = kyivDate(now + d * 86_400_000);
    const [y, m, day] = date.split('-').map(Number) as [number, number, number];
    for (const utcHour of [17, 18]) {
      const t = Date.UTC(y, m - 1, day, utcHour);
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', hour: '2-digit', hourCycle: 'h23' }).format(new Date(t)));
      if (hour === 20 && kyivDate(t) === date && t > now) return t;
    }
  }
  throw new Error('no next publication time');
}

const author = (ctx: DecideContext) => String(ctx.meta.author ?? 'system');
const corr = (date: string, run: number, extra = '') => `${date}|${run}${extra ? `|${extra}` : ''}`;

function askPage(ctx: DecideContext, date: string, run: number, offset: number): Effect {
  const court = ctx.self.id;
  return { type: 'ask', to: { node: ctx.self.node, kind: 'registry', id: court }, message: { type: 'list', offset, limit: PAGE }, replyType: 'registry-page', correlation: corr(date, run, String(offset)) };
}

function askNames(ctx: DecideContext, date: string, run: number, what: 'roster' | 'users'): Effect {
  const court = ctx.self.id;
  return what === 'roster'
    ? { type: 'ask', to: { node: ctx.self.node, kind: 'distribution', id: court }, message: { type: 'read-roster' }, replyType: 'roster-read', correlation: corr(date, run) }
    : { type: 'ask', to: { node: ctx.self.node, kind: 'users', id: court }, message: { type: 'list' }, replyType: 'users-read', correlation: corr(date, run) };
}

function dailyReminder(ctx: DecideContext): Effect {
  return { type: 'schedule', name: DAILY, dueAt: nextPublication(ctx.now), message: { type: 'publish' } };
}

function currentRun(state: PublicListsState, correlation: string | undefined): { date: string; run: Run } | undefined {
  const [date, run] = (correlation ?? '').split('|');
  const r = date ? state.runs[date] : undefined;
  return r && String(r.run) === run ? { date: date!, run: r } : undefined;
}

/** After applying `delta`, is the run complete? Then the snapshot is published in the same decision. */
function finishIf(ctx: DecideContext, date: string, r: Run, delta: { pages?: number; expected?: number; received?: number }, events: PublicListsEvent[]): void {
  const pages = r.pagesPending + (delta.pages ?? 0);
  const received = r.received + (delta.received ?? 0);
  const expected = r.expected + (delta.expected ?? 0);
  if (pages === 0 && received === expected) events.push({ type: 'list-published', date, run: r.run, at: ctx.now });
}

export const publicListsBehavior: Behavior<PublicListsState, PublicListsCommand, PublicListsEvent> = {
  commandSchema: PublicListsCommandV1,
  kind: PUBLIC_LISTS_KIND,
  initialState: (court) => ({ court, armed: false, restrictions: {}, hearings: [], announcements: [], runs: {}, published: {} }),

  decide(state, cmd, ctx) {
    switch (cmd.type) {
      case 'arm':
        if (state.armed) return { reply: { armed: true } };
        return { events: [{ type: 'armed', at: ctx.now }], effects: [dailyReminder(ctx)], reply: { armed: true } };
      case 'publish': {
        const date = cmd.date ?? kyivDate(ctx.now);
        const run = ctx.seq + 1;
        // Names first: every card's composition is published by the judges' names (12.4.3).
        const effects: Effect[] = [askNames(ctx, date, run, 'roster')];
        // The daily reminder re-arms itself for the next day.
        if (ctx.reminder?.name === DAILY) effects.push(dailyReminder(ctx));
        return { events: [{ type: 'run-started', date, run, lists: emptyLists(state.court, date, ctx.now, state.announcements) }], effects, reply: { date, run } };
      }
      case 'roster-read':
      case 'users-read': {
        const cur = currentRun(state, cmd.correlation);
        if (!cur) return { reply: { ignored: true } };
        const { date, run: r } = cur;
        // No distribution actor (a court without Засади) or no answer: the user accounts still name the judges.
        const e: PublicListsEvent = { type: 'run-names', date, run: r.run };
        if (cmd.ok && cmd.type === 'roster-read') e.roster = ((cmd.reply as { allJudges?: Array<{ id: string; name: string }> }).allJudges ?? []).map((j) => ({ id: j.id, name: j.name }));
        // Only judges' accounts: the list names no other staff.
        if (cmd.ok && cmd.type === 'users-read') e.users = (cmd.reply as Array<{ login: string; fullName: string; role: string }>).filter((u) => u.role === 'judge').map((u) => ({ login: u.login, fullName: u.fullName }));
        const next = cmd.type === 'roster-read' ? askNames(ctx, date, r.run, 'users') : askPage(ctx, date, r.run, 0);
        return { events: [e], effects: [next], reply: { ok: cmd.ok } };
      }
      case 'registry-page': {
        const cur = currentRun(state, cmd.correlation);
        if (!cur) return { reply: { ignored: true } };
        const { date, run: r } = cur;
        if (!cmd.ok) {
          // The registry did not answer: the run ends with what it has (a later run replaces it).
          const events: PublicListsEvent[] = [{ type: 'run-page', date, run: r.run, cards: 0, more: false }];
          finishIf(ctx, date, r, { pages: -1 }, events);
          return { events, reply: { ok: false } };
        }
        const page = cmd.reply as CaseListV1;
        // Only cases registered by the day; covert ones are never even read (3.1 ¶2).
        const ueuns = [...new Set(page.items.filter((i) => !i.covert && i.registrationDate <= date).map((i) => i.ueun))];
        const more = page.offset + page.items.length < page.total;
        const effects: Effect[] = ueuns.map((ueun) => ({ type: 'ask', to: { node: ctx.self.node, kind: 'case', id: ueun }, message: { type: 'card' }, replyType: 'card-read', correlation: corr(date, r.run, ueun) }));
        if (more) effects.push(askPage(ctx, date, r.run, page.offset + page.items.length));
        const events: PublicListsEvent[] = [{ type: 'run-page', date, run: r.run, cards: ueuns.length, more }];
        finishIf(ctx, date, r, { pages: more ? 0 : -1, expected: ueuns.length }, events);
        return { events, effects, reply: { cards: ueuns.length } };
      }
      case 'card-read': {
        const cur = currentRun(state, cmd.correlation);
        if (!cur) return { reply: { ignored: true } };
        const { date, run: r } = cur;
        const card = cmd.ok ? (cmd.reply as CardV1) : undefined;
        const names = judgeNames(r.roster ?? [], r.users ?? []);
        const entries = card ? cardEntries(state.court, card, date, state.restrictions[card.ueun] !== undefined, state.hearings, names) : { distributed: [], stages: [], hearings: [], appeals: [] };
        const events: PublicListsEvent[] = [{ type: 'run-cards', date, run: r.run, entries }];
        finishIf(ctx, date, r, { received: 1 }, events);
        return { events, reply: { ok: true } };
      }
      case 'restrict': {
        const u = cmd.restriction.ueun;
        if (state.restrictions[u]) return { reply: { restricted: true, recorded: false } };
        return { events: [{ type: 'restriction-recorded', at: ctx.now, by: author(ctx), restriction: cmd.restriction }], reply: { restricted: true, recorded: true } };
      }
      case 'add-hearing':
        return { events: [{ type: 'hearing-recorded', at: ctx.now, by: author(ctx), hearing: cmd.hearing }], reply: { recorded: true } };
      case 'add-announcement':
        return { events: [{ type: 'announcement-recorded', at: ctx.now, by: author(ctx), announcement: cmd.announcement }], reply: { recorded: true } };
      case 'read':
        return {
          reply: {
            restricted: Object.keys(state.restrictions),
            hearings: state.hearings.filter((h) => h.date === cmd.date),
            announcements: state.announcements.filter((a) => a.date === cmd.date),
            published: state.published[cmd.date] ?? null,
            running: state.runs[cmd.date] ? true : false,
          },
        };
      default:
        throw new DomainRejected('UNKNOWN_COMMAND', 'unknown command of public-lists');
    }
  },

  evolve(state, e) {
    switch (e.type) {
      case 'armed':
        return { ...state, armed: true };
      case 'restriction-recorded':
        return { ...state, restrictions: { ...state.restrictions, [e.restriction.ueun]: { ...e.restriction, at: e.at, by: e.by } } };
      case 'hearing-recorded':
        return { ...state, hearings: [...state.hearings, e.hearing] };
      case 'announcement-recorded':
        return { ...state, announcements: [...state.announcements, e.announcement] };
      case 'run-started':
        return { ...state, runs: { ...state.runs, [e.date]: { run: e.run, pagesPending: 1, expected: 0, received: 0, lists: e.lists } } };
      case 'run-names': {
        const r = state.runs[e.date];
        if (!r || r.run !== e.run) return state;
        return { ...state, runs: { ...state.runs, [e.date]: { ...r, ...(e.roster ? { roster: e.roster } : {}), ...(e.users ? { users: e.users } : {}) } } };
      }
      case 'run-page': {
        const r = state.runs[e.date];
        if (!r || r.run !== e.run) return state;
        return { ...state, runs: { ...state.runs, [e.date]: { ...r, pagesPending: r.pagesPending - (e.more ? 0 : 1), expected: r.expected + e.cards } } };
      }
      case 'run-cards': {
        const r = state.runs[e.date];
        if (!r || r.run !== e.run) return state;
        return { ...state, runs: { ...state.runs, [e.date]: { ...r, received: r.received + 1, lists: addEntries(structuredClone(r.lists), e.entries) } } };
      }
      case 'list-published': {
        const r = state.runs[e.date];
        if (!r || r.run !== e.run) return state;
        const { [e.date]: _done, ...runs } = state.runs;
        return { ...state, runs, published: { ...state.published, [e.date]: sortLists(structuredClone(r.lists)) } };
      }
    }
  },
};
