/**
 * Force-majeure mode (Засади 15.1–15.4): kind `outage`, one per court.
 *
 * - open-outage: the mode starts; 15.3 urgent cases may then be entered as
 *   assigned by the assembly's decision (a recorded assignment, not a draw).
 * - enter-act: the commission's act (15.1) — start/end, causes, measures,
 *   commission chaired by the head of staff — by the next working day after
 *   recovery. Decided: a later act is refused (ACT_LATE) unless it carries the
 *   head of staff's order and the reason, which are recorded with it.
 * - close-without-act: a stop of five working days or less is not force
 *   majeure (15.1) and gets no act; it is closed by a recorded, reasoned,
 *   attributed entry, and the next outage may be opened. The length is
 *   measured in working time (working-time.ts), not in local dates.
 * - enter-backlog: what arrived during the outage, strictly in chronological
 *   order with its actual arrival number and time (15.4); anything out of
 *   order is refused with BACKLOG_OUT_OF_ORDER and nothing is written.
 * - hand-over: to distribution now, or on the next working day by a durable
 *   reminder (15.2); the act itself schedules that reminder, so a backlog is
 *   never left lying. Items carrying a `distribute` request — registered
 *   cases (a ЄУН, 15.4) — are sent to the distribution actor as one batch in
 *   arrival order; from its answer each drawn case's card gets its judges
 *   (the protocol's composition), and the outcomes are recorded (15.4
 *   "інформація про її розподіл"). Drawn, they count in the judges' load and
 *   are the earlier cases of later 5.1 transfers.
 */
import type { Behavior, DecideContext, Decision, Effect } from '../../../runtime/index.ts';
import { DomainRejected } from '../../../runtime/index.ts';
import { OUTAGE_KIND, OutageCommandSchema, URGENT_CATEGORIES, type OutageCommand } from '../../../contracts/court/outage.ts';
import { defaultCalendarConfig, isWorkingDay, loadCalendar, nextWorkingDay, type Calendar } from '../../distribution/calendar.ts';
import { addDays, localDateOf, type IsoDate } from '../../distribution/dates.ts';
import { isoWithOffset, localTimeToEpoch } from '../distribution/time.ts';
import type { DistributionOutcome } from '../../../contracts/court/distribution.ts';
import { cardAssignmentOf } from '../distribution/card.ts';
import { evolve, initialState, type BacklogItem, type Outage, type OutageEvent, type OutageState } from './state.ts';
import { checkWorkingHours, DEFAULT_WORKING_HOURS, workingTimeOf, type WorkingHours } from './working-time.ts';

export interface OutageOptions {
  /** The court's production calendar (default the built-in `ua-martial-law`; the court node gives its calendar.yaml). */
  calendar?: Calendar;
  /** Court time zone (default Europe/Kyiv). */
  timeZone?: string;
  /** Court-local hour of the next-working-day hand-over (default 8). */
  handoverHour?: number;
  /** Working hours a working day of 15.1 is counted in (default 08:00–17:00; 00:00–24:00 counts whole days). */
  workingHours?: WorkingHours;
  /**
   * The court's 15.3 (its Засади's `outage`: paragraph and urgent categories); default the Lubny list
   * (URGENT_CATEGORIES). A court whose Засади list other urgent categories gets exactly those.
   */
  urgent?: { rule: string; urgentCategories: ReadonlyArray<{ id: string; name: string }> };
}

/** 15.1: only circumstances lasting more than five working days are force majeure. */
export const MIN_WORKING_DAYS_EXCLUSIVE = 5;

const reminderName = (outageId: string) => `handover:${outageId}`;

function reject(code: string, message: string, details?: unknown): never {
  throw new DomainRejected(code, message, details);
}

function epoch(instant: string, field: string): number {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) reject('BAD_DATE', `${field}: not a valid instant ${instant}`);
  return t;
}

/** Working days of the court calendar in [from, to], both inclusive. */
export function workingDaysBetween(cal: Calendar, from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(cal, d)) n++;
  return n;
}

export function outageBehavior(opts: OutageOptions = {}): Behavior<OutageState, OutageCommand, OutageEvent, unknown> {
  const cal = opts.calendar ?? loadCalendar(defaultCalendarConfig());
  const tz = opts.timeZone ?? 'Europe/Kyiv';
  const hour = opts.handoverHour ?? 8;
  const hours = opts.workingHours ?? DEFAULT_WORKING_HOURS;
  checkWorkingHours(hours);
  const urgentRule = `Засади ${opts.urgent?.rule ?? '15.3'}`;
  const urgent: ReadonlyMap<string, string> = new Map(opts.urgent ? opts.urgent.urgentCategories.map((u) => [u.id, u.name]) : Object.entries(URGENT_CATEGORIES));
  /** 15.1 "тривають понад п’ять робочих днів": the period's working time on the court calendar. */
  const lengthOf = (start: number, end: number) => workingTimeOf(cal, tz, hours, start, end);
  /** The period an outage is over: its act's, or its closure's (a short stop). */
  const periodOf = (o: Outage): { startedAt: string; endedAt: string; dueBy: IsoDate; what: string } | undefined =>
    o.act ? { startedAt: o.act.startedAt, endedAt: o.act.endedAt, dueBy: o.act.dueBy, what: `act № ${o.act.number}` } : o.closure ? { startedAt: o.startedAt, endedAt: o.closure.endedAt, dueBy: o.closure.dueBy, what: 'the closure' } : undefined;
  const dateOf = (ms: number) => localDateOf(new Date(ms).toISOString(), tz);
  const author = (ctx: DecideContext) => (typeof ctx.meta.author === 'string' ? ctx.meta.author : 'system');

  function outage(s: OutageState, id: string): Outage {
    return s.outages[id] ?? reject('OUTAGE_NOT_FOUND', `no outage ${id} in court ${s.court}`);
  }

  function handOver(s: OutageState, ctx: DecideContext, o: Outage, trigger: 'now' | 'reminder'): Decision<OutageEvent, unknown> {
    const items = o.backlog.filter((b) => b.handedOverAt === undefined);
    if (items.length === 0) {
      if (trigger === 'reminder') return { reply: { handedOver: 0 } };
      reject('NOTHING_TO_HAND_OVER', `outage ${o.outageId}: no backlog item waits for hand-over`);
    }
    const at = isoWithOffset(ctx.now, tz);
    const effects: Effect[] = [{ type: 'cancel', name: reminderName(o.outageId) }];
    // Chronological order is the entry order (enforced at entry); the batch keeps it (15.4).
    const batch = items.flatMap((b) => (b.distribute ? [b.distribute] : []));
    if (batch.length > 0) effects.push({ type: 'ask', to: { node: ctx.self.node, kind: 'distribution', id: s.court }, message: { type: 'distribute-batch', items: batch }, replyType: 'batch-distributed', correlation: o.outageId, timeoutMs: 120_000, meta: { author: author(ctx) } });
    const arrivalNumbers = items.map((b) => b.arrivalNumber);
    return { events: [{ type: 'backlog-handed-over', outageId: o.outageId, at, arrivalNumbers, trigger }], effects, reply: { handedOver: items.length, arrivalNumbers, toDistribution: batch.length } };
  }

  /** The distribution's answer: record the outcomes and write each drawn case's card from its protocol. */
  function batchDistributed(s: OutageState, ctx: DecideContext, cmd: Extract<OutageCommand, { type: 'batch-distributed' }>): Decision<OutageEvent, unknown> {
    const o = s.outages[cmd.correlation ?? ''];
    const outcomes = cmd.ok ? ((cmd.reply as { outcomes?: DistributionOutcome[] } | null)?.outcomes ?? []) : [];
    if (!o || outcomes.length === 0) return { reply: { ignored: true } };
    const items = new Map(o.backlog.flatMap((b) => (b.distribute ? [[b.distribute.case.caseId, b.distribute] as const] : [])));
    const effects: Effect[] = [];
    for (const out of outcomes) {
      const item = items.get(out.caseId);
      if ((out.status !== 'distributed' && out.status !== 'transferred') || !item?.case.uniqueNumber) continue;
      const assignment = cardAssignmentOf(out.document, out.caseId);
      if (assignment) effects.push({ type: 'tell', to: { node: ctx.self.node, kind: 'case', id: item.case.uniqueNumber }, message: { type: 'assign', assignment }, meta: { author: author(ctx), role: 'system' } });
    }
    const rows = outcomes.map((x) => ({ caseId: x.caseId, status: x.status, ...('documentId' in x && x.documentId ? { documentId: x.documentId } : {}), ...('code' in x && x.code ? { code: x.code } : {}) }));
    return { events: [{ type: 'backlog-distributed', outageId: o.outageId, outcomes: rows }], effects, reply: { recorded: rows.length } };
  }

  function nextHandover(ctx: DecideContext): { iso: string; ms: number } {
    const ms = localTimeToEpoch(nextWorkingDay(cal, dateOf(ctx.now)), hour, tz);
    return { iso: isoWithOffset(ms, tz), ms };
  }

  function decide(s: OutageState, cmd: OutageCommand, ctx: DecideContext): Decision<OutageEvent, unknown> {
    switch (cmd.type) {
      case 'open-outage': {
        const open = Object.values(s.outages).find((o) => !o.act && !o.closure);
        if (open) reject('OUTAGE_OPEN', `outage ${open.outageId} (since ${open.startedAt}) has no act yet`, { outageId: open.outageId });
        if (epoch(cmd.startedAt, 'startedAt') > ctx.now) reject('IN_FUTURE', 'an outage cannot start in the future');
        const outageId = `O${s.next}`;
        const e: OutageEvent = { type: 'outage-opened', outageId, startedAt: cmd.startedAt, ...(cmd.note ? { note: cmd.note } : {}) };
        return { events: [e], reply: { outageId } };
      }
      case 'record-urgent-assignment': {
        const o = outage(s, cmd.outageId);
        // 15.3: only the categories the law says are heard without delay.
        if (!urgent.has(cmd.category)) reject('NOT_URGENT', `category ${cmd.category} is not one of the urgent categories of ${urgentRule}`, { allowed: [...urgent.keys()] });
        // 15.3: "за рішенням зборів суддів" — an assembly decision, not an order or memo.
        if (cmd.decision.kind !== 'decision') reject('DECISION_REQUIRED', 'an urgent case is assigned during an outage by the assembly of judges’ decision (Засади 15.3)');
        const t = epoch(cmd.at, 'at');
        const over = periodOf(o);
        const end = over ? Date.parse(over.endedAt) : ctx.now;
        if (t < Date.parse(o.startedAt) || t > end) reject('OUTSIDE_OUTAGE', `${cmd.at} is outside outage ${o.outageId} (${o.startedAt} – ${over?.endedAt ?? 'now'})`);
        if (o.urgent.some((u) => u.case.caseId === cmd.case.caseId)) reject('ALREADY_ASSIGNED', `case ${cmd.case.caseId} was already assigned during outage ${o.outageId}`);
        const assignment = { seq: ctx.seq + 1, at: cmd.at, category: cmd.category, case: cmd.case, judges: cmd.judges, decision: cmd.decision, enteredBy: author(ctx) };
        return { events: [{ type: 'urgent-assignment-recorded', outageId: o.outageId, assignment }], reply: { recorded: true, seq: assignment.seq, rule: urgentRule, categoryText: urgent.get(assignment.category)! } };
      }
      case 'enter-act': {
        const o = outage(s, cmd.outageId);
        if (o.act) reject('ACT_EXISTS', `outage ${o.outageId} already has act № ${o.act.number}`);
        if (o.closure) reject('OUTAGE_CLOSED', `outage ${o.outageId} was closed without an act on ${o.closure.closedOn} (${o.closure.workingDays} working days)`);
        const a = cmd.act;
        const start = epoch(a.startedAt, 'startedAt');
        const end = epoch(a.endedAt, 'endedAt');
        if (end <= start) reject('BAD_PERIOD', 'the act must end after it starts');
        if (end > ctx.now) reject('IN_FUTURE', 'the act is entered after recovery: its end cannot be in the future');
        // 15.1: the commission is chaired by the head of staff (or the person acting for them).
        if (a.commission.filter((m) => m.chair).length !== 1) reject('CHAIR_REQUIRED', 'the commission has exactly one chair — the head of staff (Засади 15.1)');
        const outside = o.urgent.filter((u) => Date.parse(u.at) < start || Date.parse(u.at) > end);
        if (outside.length > 0) reject('ACT_EXCLUDES_ASSIGNMENTS', 'urgent assignments were recorded outside the period of the act', { cases: outside.map((u) => u.case.caseId) });
        const to = dateOf(end);
        const length = lengthOf(start, end);
        const workingDays = length.workingDays;
        // 15.1: "тривають понад п’ять робочих днів" — a shorter stop is not force majeure: closed without an act.
        if (length.exactDays <= MIN_WORKING_DAYS_EXCLUSIVE) reject('OUTAGE_TOO_SHORT', `the outage lasted ${workingDays} working day(s); an act under Засади 15.1 records more than five — close it without an act`, { workingDays, workingHours: length.workingHours });
        // 15.1 ¶2: entered "не пізніше наступного робочого дня, що настає після усунення обставин".
        const today = dateOf(ctx.now);
        const dueBy = nextWorkingDay(cal, to);
        const late = today > dueBy;
        if (late && !cmd.late) reject('ACT_LATE', `the act was due by ${dueBy}; a later entry needs the head of staff's order and the reason`, { dueBy });
        if (!late && cmd.late) reject('LATE_ORDER_NOT_NEEDED', `the act is on time (due by ${dueBy}): no late-entry order is needed`, { dueBy });
        if (cmd.late && cmd.late.order.kind !== 'order') reject('ORDER_REQUIRED', "a late act needs the head of staff's order (розпорядження)");
        const act = { ...a, workingDays, enteredOn: today, dueBy, ...(cmd.late ? { late: cmd.late } : {}) };
        // 15.2: distribution after recovery — at the latest on the next working day, by a durable reminder.
        const due = nextHandover(ctx);
        return {
          events: [{ type: 'outage-act-entered', outageId: o.outageId, act, handoverDue: due.iso }],
          effects: [{ type: 'schedule', name: reminderName(o.outageId), dueAt: due.ms, message: { type: 'hand-over-due', outageId: o.outageId } }],
          reply: { entered: true, workingDays, dueBy, handoverDue: due.iso },
        };
      }
      case 'close-without-act': {
        const o = outage(s, cmd.outageId);
        if (o.act) reject('ACT_EXISTS', `outage ${o.outageId} has act № ${o.act.number}`);
        if (o.closure) reject('OUTAGE_CLOSED', `outage ${o.outageId} was already closed on ${o.closure.closedOn}`);
        const start = Date.parse(o.startedAt);
        const end = epoch(cmd.endedAt, 'endedAt');
        if (end <= start) reject('BAD_PERIOD', `the outage ends after it starts (${o.startedAt})`);
        if (end > ctx.now) reject('IN_FUTURE', 'an outage is closed after recovery: its end cannot be in the future');
        const outside = o.urgent.filter((u) => Date.parse(u.at) > end);
        if (outside.length > 0) reject('CLOSURE_EXCLUDES_ASSIGNMENTS', 'urgent assignments were recorded after the stated end', { cases: outside.map((u) => u.case.caseId) });
        const length = lengthOf(start, end);
        // 15.1: more than five working days is force majeure — that needs the commission's act, not a closure.
        if (length.exactDays > MIN_WORKING_DAYS_EXCLUSIVE) reject('ACT_REQUIRED', `the outage lasted ${length.workingDays} working days — more than five: the commission's act is required (Засади 15.1)`, { workingDays: length.workingDays, workingHours: length.workingHours });
        const today = dateOf(ctx.now);
        const closure = { endedAt: cmd.endedAt, reason: cmd.reason, workingDays: length.workingDays, closedBy: author(ctx), closedOn: today, dueBy: nextWorkingDay(cal, dateOf(end)) };
        // 15.2 applies to what arrived meanwhile as well: handed over by the next working day at the latest.
        const due = nextHandover(ctx);
        return {
          events: [{ type: 'outage-closed', outageId: o.outageId, closure, handoverDue: due.iso }],
          effects: [{ type: 'schedule', name: reminderName(o.outageId), dueAt: due.ms, message: { type: 'hand-over-due', outageId: o.outageId } }],
          reply: { closed: true, workingDays: length.workingDays, workingHours: length.workingHours, dueBy: closure.dueBy, handoverDue: due.iso },
        };
      }
      case 'enter-backlog': {
        const o = outage(s, cmd.outageId);
        // 15.4 is "after the circumstances are removed": the act (or the closure of a short stop), with the recovery time, comes first.
        const over = periodOf(o);
        if (!over) reject('ACT_REQUIRED', `enter the act of outage ${o.outageId} (or close a short one) first (Засади 15.1, 15.4)`);
        const it = cmd.item;
        const t = epoch(it.arrivedAt, 'arrivedAt');
        if (t < Date.parse(over.startedAt) || t > Date.parse(over.endedAt)) reject('OUTSIDE_OUTAGE', `${it.arrivedAt} is outside the period of ${over.what}`);
        // 15.4: chronological order with the actual arrival number and date — no gaps filled later, no reordering.
        const last = o.backlog.at(-1);
        if (last && (t < Date.parse(last.arrivedAt) || it.arrivalNumber <= last.arrivalNumber)) {
          reject('BACKLOG_OUT_OF_ORDER', `item № ${it.arrivalNumber} of ${it.arrivedAt} is not after the last entered № ${last.arrivalNumber} of ${last.arrivedAt} (Засади 15.4: chronological order)`, { last: { arrivalNumber: last.arrivalNumber, arrivedAt: last.arrivedAt } });
        }
        const today = dateOf(ctx.now);
        // 15.4: a case handed to distribution is a registered case — its card gets the judges the draw gives.
        if (it.distribute && !it.distribute.case.uniqueNumber) reject('BACKLOG_NOT_REGISTERED', `item № ${it.arrivalNumber}: register the case first and give its ЄУН (case.uniqueNumber)`, { arrivalNumber: it.arrivalNumber });
        const item: BacklogItem = { seq: ctx.seq + 1, arrivalNumber: it.arrivalNumber, arrivedAt: it.arrivedAt, description: it.description, enteredOn: today, late: today > over.dueBy, ...(it.distribute ? { distribute: it.distribute } : {}) };
        return { events: [{ type: 'backlog-entered', outageId: o.outageId, item }], reply: { entered: true, seq: item.seq, late: item.late } };
      }
      case 'hand-over': {
        const o = outage(s, cmd.outageId);
        if (!periodOf(o)) reject('ACT_REQUIRED', `enter the act of outage ${o.outageId} (or close a short one) first`);
        if (cmd.when === 'now') return handOver(s, ctx, o, 'now');
        if (!o.backlog.some((b) => b.handedOverAt === undefined)) reject('NOTHING_TO_HAND_OVER', `outage ${o.outageId}: no backlog item waits for hand-over`);
        const due = nextHandover(ctx);
        return {
          events: [{ type: 'handover-scheduled', outageId: o.outageId, dueAt: due.iso }],
          effects: [{ type: 'schedule', name: reminderName(o.outageId), dueAt: due.ms, message: { type: 'hand-over-due', outageId: o.outageId } }],
          reply: { scheduled: due.iso },
        };
      }
      case 'hand-over-due':
        return handOver(s, ctx, outage(s, cmd.outageId), 'reminder');
      case 'batch-distributed':
        return batchDistributed(s, ctx, cmd);
      case 'read-outage':
        return { reply: outage(s, cmd.outageId) };
      case 'read-outages':
        return { reply: { outages: Object.values(s.outages).map((o) => ({ outageId: o.outageId, startedAt: o.startedAt, act: o.act ?? null, closure: o.closure ?? null, urgent: o.urgent.length, backlog: o.backlog.length })) } };
    }
  }

  return { kind: OUTAGE_KIND, commandSchema: OutageCommandSchema, initialState, decide, evolve };
}
