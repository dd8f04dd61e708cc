/**
 * The case actor's legal-force part (Засади 11): after a decision, the appeal
 * term and the durable reminder that records legal force when the term passes
 * without an appeal; appeals received (12.4.2); legal force recorded by a user
 * after a higher instance; the ЄДРСР item (11.2) carried by the
 * `legal-force-recorded` event, from which the ЄДРСР queue is fed.
 *
 * Pure: `behavior.ts` calls these from `decide`/`evolve`.
 */
import type { DecideContext, Effect } from '../../../runtime/index.ts';
import type { ActorStampV1, DecisionBodyV1 } from '../../../contracts/court/index.ts';
import type { AppealBodyV1, AppealSentBodyV1, LegalForceBodyV1, EdrsrItemV1, EdrsrRuleV1, HigherInstanceV1, LegalForceBasisV1 } from '../../../contracts/court/legal-force.ts';
import { CourtRejected } from '../errors.ts';
import { isCalendarDate, kyivDate } from '../dates.ts';
import { stampOf } from '../stamp.ts';
import { appealTerm, edrsrDeadline, kyivMidnight, type AppealTerm, type LegalForceRules } from '../legal-force/config.ts';

export interface DecisionDetails {
  fullTextDate?: string;
  appealable?: boolean;
  writtenProceeding?: boolean;
  documentId?: string;
}

export interface Appeal {
  date: string;
  appellant: string;
  kind: 'appeal' | 'cassation';
  note?: string;
  /** Filed after legal force was recorded (the higher instance decides on restoring the term). */
  late: boolean;
  at: number;
  by: ActorStampV1;
}

/** What a proceeding holds for Засади 11 (fields of `Proceeding` in behavior.ts). */
export interface LegalForcePart {
  decision?: { outcome: DecisionBodyV1['outcome']; date: string; judge: string } & DecisionDetails;
  appealTerm?: AppealTerm;
  appeals?: Appeal[];
  sentToAppeal?: { date: string; to: string; at: number; by: ActorStampV1 };
  legalForce?: { date: string; basis: LegalForceBasisV1; higherInstance?: HigherInstanceV1; at: number; by: ActorStampV1; edrsr: { key: string; rule: EdrsrRuleV1; deadline: string } };
}

export type LegalForceEvent =
  | { type: 'appeal-term-started'; proceedingNumber: string; term: AppealTerm }
  | { type: 'appeal-filed'; at: number; by: ActorStampV1; proceedingNumber: string; appeal: Omit<Appeal, 'at' | 'by'> }
  | { type: 'appeal-case-sent'; at: number; by: ActorStampV1; proceedingNumber: string; sent: { date: string; to: string } }
  | { type: 'legal-force-recorded'; at: number; by: ActorStampV1; proceedingNumber: string; item: EdrsrItemV1 };

interface Target extends LegalForcePart {
  proceedingNumber: string;
  assignment?: { judge: string };
}

export const reminderName = (proceedingNumber: string) => `legal-force:${proceedingNumber}`;
const court = (ctx: DecideContext) => ctx.self.node.replace(/^court-/, '');

/** Details of a decision validated; throws before anything is written. */
export function checkDecisionDetails(d: DecisionBodyV1, today: string): DecisionDetails {
  if (d.fullTextDate !== undefined && (!isCalendarDate(d.fullTextDate) || d.fullTextDate < d.date || d.fullTextDate > today)) {
    throw new CourtRejected('FULL_TEXT_DATE_INVALID', { fullTextDate: d.fullTextDate, date: d.date, today });
  }
  const out: DecisionDetails = {};
  if (d.fullTextDate !== undefined) out.fullTextDate = d.fullTextDate;
  if (d.appealable !== undefined) out.appealable = d.appealable;
  if (d.writtenProceeding !== undefined) out.writtenProceeding = d.writtenProceeding;
  if (d.documentId !== undefined) out.documentId = d.documentId;
  return out;
}

/**
 * What follows a decision in the same transaction as `case-decided`: either
 * legal force at once (not appealable, Засади 11.2.1), or the appeal term and
 * its durable reminder (Засади 11.1) — a crash can lose neither without the other.
 */
export function afterDecision(rules: LegalForceRules, ueun: string, p: Target, d: DecisionBodyV1, details: DecisionDetails, ctx: DecideContext): { events: LegalForceEvent[]; effects: Effect[] } {
  const decided: Target = { ...p, decision: { outcome: d.outcome, date: d.date, judge: p.assignment?.judge ?? '', ...details } };
  const term = appealTerm(rules, p.proceedingNumber, d);
  if (!term) {
    // Not appealable: in force on the day it is made; to ЄДРСР by the next working day after the full text (11.2.1).
    return { events: [legalForceEvent(rules, ueun, decided, { date: d.date, basis: 'non-appealable', rule: '11.2.1' }, ctx)], effects: [] };
  }
  return {
    events: [{ type: 'appeal-term-started', proceedingNumber: p.proceedingNumber, term }],
    effects: [{ type: 'schedule', name: reminderName(p.proceedingNumber), dueAt: kyivMidnight(term.legalForceDate), message: { type: 'term-expired', proceedingNumber: p.proceedingNumber } }],
  };
}

/** The reminder fired: legal force unless an appeal came or it is already recorded (Засади 11.1). */
export function termExpired(rules: LegalForceRules, ueun: string, p: Target, ctx: DecideContext) {
  const term = p.appealTerm;
  if (!term || p.legalForce || (p.appeals?.length ?? 0) > 0) return { reply: { recorded: false } };
  // Only the reminder's own time counts: an early or forged command changes nothing.
  if (kyivDate(ctx.now) < term.legalForceDate) return { reply: { recorded: false, notBefore: term.legalForceDate } };
  const rule: EdrsrRuleV1 = p.decision?.writtenProceeding ? '11.2.2' : '11.2.3';
  return { events: [legalForceEvent(rules, ueun, p, { date: term.legalForceDate, basis: 'term-expired', rule }, ctx)], reply: { recorded: true, date: term.legalForceDate } };
}

export function fileAppeal(p: Target, a: AppealBodyV1, ctx: DecideContext) {
  const today = kyivDate(ctx.now);
  if (!p.decision) throw new CourtRejected('NOT_DECIDED', { proceedingNumber: p.proceedingNumber });
  if (!isCalendarDate(a.date) || a.date < p.decision.date || a.date > today) {
    throw new CourtRejected('APPEAL_DATE_INVALID', { date: a.date, decisionDate: p.decision.date, today });
  }
  const appeal: Omit<Appeal, 'at' | 'by'> = { date: a.date, appellant: a.appellant, kind: a.kind ?? 'appeal', late: p.legalForce !== undefined };
  if (a.note !== undefined) appeal.note = a.note;
  // An appeal stops the automatic legal force (Засади 11.1): the reminder is cancelled in the same write.
  const effects: Effect[] = p.legalForce ? [] : [{ type: 'cancel', name: reminderName(p.proceedingNumber) }];
  return {
    events: [{ type: 'appeal-filed' as const, at: ctx.now, by: stampOf(ctx), proceedingNumber: p.proceedingNumber, appeal }],
    effects,
    reply: { recorded: true, proceedingNumber: p.proceedingNumber, late: appeal.late },
  };
}

export function appealSent(p: Target, s: AppealSentBodyV1, ctx: DecideContext) {
  const first = p.appeals?.[0];
  if (!first) throw new CourtRejected('NO_APPEAL', { proceedingNumber: p.proceedingNumber });
  if (!isCalendarDate(s.date) || s.date < first.date || s.date > kyivDate(ctx.now)) throw new CourtRejected('APPEAL_DATE_INVALID', { date: s.date, appealDate: first.date });
  if (p.sentToAppeal) throw new CourtRejected('ALREADY_SENT', { date: p.sentToAppeal.date });
  return { events: [{ type: 'appeal-case-sent' as const, at: ctx.now, by: stampOf(ctx), proceedingNumber: p.proceedingNumber, sent: { date: s.date, to: s.to } }], reply: { recorded: true } };
}

/** After the higher instance: the presiding judge (assigned) or the head of staff records it (Засади 11.1 ¶1). */
export function recordLegalForce(rules: LegalForceRules, ueun: string, p: Target, b: LegalForceBodyV1, ctx: DecideContext) {
  const by = stampOf(ctx);
  if (!(by.role === 'head_of_staff' || (by.role === 'judge' && by.login === p.assignment?.judge))) {
    throw new CourtRejected('LEGAL_FORCE_FORBIDDEN', { proceedingNumber: p.proceedingNumber });
  }
  if (!p.decision) throw new CourtRejected('NOT_DECIDED', { proceedingNumber: p.proceedingNumber });
  if (p.legalForce) throw new CourtRejected('LEGAL_FORCE_ALREADY', { date: p.legalForce.date, basis: p.legalForce.basis });
  // Without an appeal the reminder records it when the term passes; a user records only what a higher instance decided.
  if ((p.appeals?.length ?? 0) === 0) throw new CourtRejected('NO_APPEAL', { proceedingNumber: p.proceedingNumber });
  const today = kyivDate(ctx.now);
  const dates = [b.date, b.higherInstance.date];
  if (!dates.every(isCalendarDate) || b.date > today || b.date < p.decision.date || b.higherInstance.date > today || b.higherInstance.date < p.decision.date) {
    throw new CourtRejected('LEGAL_FORCE_DATE_INVALID', { date: b.date, higherInstanceDate: b.higherInstance.date, decisionDate: p.decision.date, today });
  }
  const e = legalForceEvent(rules, ueun, p, { date: b.date, basis: 'higher-instance', rule: '11.1', higherInstance: b.higherInstance }, ctx);
  return { events: [e], reply: { recorded: true, date: b.date, edrsr: { key: e.item.key, rule: e.item.rule, deadline: e.item.deadline } } };
}

function legalForceEvent(rules: LegalForceRules, ueun: string, p: Target, lf: { date: string; basis: LegalForceBasisV1; rule: EdrsrRuleV1; higherInstance?: HigherInstanceV1 }, ctx: DecideContext) {
  const d = p.decision!;
  const fullTextDate = d.fullTextDate ?? d.date;
  const by = stampOf(ctx);
  const item: EdrsrItemV1 = {
    key: d.documentId ?? `${court(ctx)}-${p.proceedingNumber}-legal-force`,
    court: court(ctx),
    ueun,
    proceedingNumber: p.proceedingNumber,
    ...(d.documentId ? { documentId: d.documentId } : {}),
    decision: { outcome: d.outcome, date: d.date, fullTextDate, writtenProceeding: d.writtenProceeding ?? false },
    legalForce: { date: lf.date, basis: lf.basis, ...(lf.higherInstance ? { higherInstance: lf.higherInstance } : {}), recordedAt: new Date(ctx.now).toISOString(), recordedBy: by },
    rule: lf.rule,
    deadline: edrsrDeadline(rules.calendar, lf.rule, { fullTextDate, legalForceDate: lf.date }),
  };
  return { type: 'legal-force-recorded' as const, at: ctx.now, by, proceedingNumber: p.proceedingNumber, item };
}

/** Apply one of this part's events to the proceeding's part. */
export function evolveLegalForce<P extends LegalForcePart>(p: P, e: LegalForceEvent): P {
  switch (e.type) {
    case 'appeal-term-started':
      return { ...p, appealTerm: e.term };
    case 'appeal-filed':
      return { ...p, appeals: [...(p.appeals ?? []), { ...e.appeal, at: e.at, by: e.by }] };
    case 'appeal-case-sent':
      return { ...p, sentToAppeal: { ...e.sent, at: e.at, by: e.by } };
    case 'legal-force-recorded': {
      const i = e.item;
      const lf: NonNullable<LegalForcePart['legalForce']> = { date: i.legalForce.date, basis: i.legalForce.basis, at: e.at, by: e.by, edrsr: { key: i.key, rule: i.rule, deadline: i.deadline } };
      if (i.legalForce.higherInstance) lf.higherInstance = i.legalForce.higherInstance;
      return { ...p, legalForce: lf };
    }
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The card's view of this part. */
export function legalForceCard(p: LegalForcePart) {
  return {
    ...(p.decision ? { decision: p.decision } : {}),
    ...(p.appealTerm ? { appealTerm: p.appealTerm } : {}),
    ...(p.appeals ? { appeals: p.appeals.map((a) => ({ ...a, at: iso(a.at) })) } : {}),
    ...(p.sentToAppeal ? { sentToAppeal: { ...p.sentToAppeal, at: iso(p.sentToAppeal.at) } } : {}),
    ...(p.legalForce ? { legalForce: { ...p.legalForce, at: iso(p.legalForce.at) } } : {}),
  };
}
