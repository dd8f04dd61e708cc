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
import type { AppealBodyV1, AppealSentBodyV1, FullTextBodyV1, LegalForceBodyV1, EdrsrItemV1, EdrsrRuleV1, HigherInstanceV1, LegalForceBasisV1, TermStartV1 } from '../../../contracts/court/legal-force.ts';
import { CourtRejected } from '../errors.ts';
import { isCalendarDate, kyivDate } from '../dates.ts';
import { stampOf } from '../stamp.ts';
import { appealTerm, edrsrDeadline, kyivMidnight, type AppealTerm, type LegalForceRules } from '../legal-force/config.ts';

export interface DecisionDetails {
  fullTextDate?: string;
  servedDate?: string;
  appealable?: boolean;
  writtenProceeding?: boolean;
  documentId?: string;
  termCategory?: string;
}

export interface Appeal {
  date: string;
  appellant: string;
  kind: 'appeal' | 'cassation';
  note?: string;
  /** Dated after the last day of the term as it stood when entered (the higher instance decides on restoring it). */
  late: boolean;
  at: number;
  by: ActorStampV1;
}

/** What a proceeding holds for Засади 11 (fields of `Proceeding` in behavior.ts). */
export interface LegalForcePart {
  decision?: { outcome: DecisionBodyV1['outcome']; date: string; judge: string } & DecisionDetails;
  appealTerm?: AppealTerm;
  /** The term runs from an event not recorded yet (service of a судовий наказ). */
  termAwaiting?: TermStartV1;
  appeals?: Appeal[];
  sentToAppeal?: { date: string; to: string; at: number; by: ActorStampV1 };
  legalForce?: { date: string; basis: LegalForceBasisV1; higherInstance?: HigherInstanceV1; at: number; by: ActorStampV1; edrsr: { key: string; rule: EdrsrRuleV1; deadline: string } };
  /** Automatic legal force withdrawn after a timely appeal (Засади 11.1: it was not in force). */
  revokedLegalForce?: Array<{ date: string; basis: LegalForceBasisV1; revokedAt: number; appealDate: string; edrsrKey: string; withdrawalKey: string }>;
}

export type LegalForceEvent =
  | { type: 'appeal-term-started'; proceedingNumber: string; term: AppealTerm }
  | { type: 'appeal-term-awaiting'; proceedingNumber: string; start: TermStartV1 }
  | { type: 'decision-completed'; at: number; by: ActorStampV1; proceedingNumber: string; fullTextDate?: string; servedDate?: string; documentId?: string }
  | { type: 'legal-force-revoked'; at: number; by: ActorStampV1; proceedingNumber: string; appealDate: string; item: EdrsrItemV1 }
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
export function checkDecisionDetails(rules: LegalForceRules, d: DecisionBodyV1, today: string): DecisionDetails {
  if (d.termCategory !== undefined && !rules.config.categories.some((c) => c.id === d.termCategory)) {
    throw new CourtRejected('TERM_CATEGORY_UNKNOWN', { termCategory: d.termCategory, categories: rules.config.categories.map((c) => c.id) });
  }
  if (d.fullTextDate !== undefined && (!isCalendarDate(d.fullTextDate) || d.fullTextDate < d.date || d.fullTextDate > today)) {
    throw new CourtRejected('FULL_TEXT_DATE_INVALID', { fullTextDate: d.fullTextDate, date: d.date, today });
  }
  const out: DecisionDetails = {};
  if (d.fullTextDate !== undefined) out.fullTextDate = d.fullTextDate;
  if (d.appealable !== undefined) out.appealable = d.appealable;
  if (d.writtenProceeding !== undefined) out.writtenProceeding = d.writtenProceeding;
  if (d.documentId !== undefined) out.documentId = d.documentId;
  if (d.termCategory !== undefined) out.termCategory = d.termCategory;
  return out;
}

/**
 * What follows a decision in the same transaction as `case-decided`: either
 * legal force at once (not appealable, Засади 11.2.1), or the appeal term and
 * its durable reminder (Засади 11.1) — a crash can lose neither without the other.
 */
export function afterDecision(rules: LegalForceRules, ueun: string, p: Target, d: DecisionBodyV1, details: DecisionDetails, ctx: DecideContext): { events: LegalForceEvent[]; effects: Effect[] } {
  const decided: Target = { ...p, decision: { outcome: d.outcome, date: d.date, judge: p.assignment?.judge ?? '', ...details } };
  const term = appealTerm(rules, p.proceedingNumber, { ...d, ...details });
  if (!term) {
    // Not appealable: in force on the day it is made; to ЄДРСР by the next working day after the full text (11.2.1).
    return { events: [legalForceEvent(rules, ueun, decided, { date: d.date, basis: 'non-appealable', rule: '11.2.1' }, ctx)], effects: [] };
  }
  // A судовий наказ: no term until its service is recorded (ЦПК ст. 170 ч. 1) — nothing to remind yet.
  if ('awaiting' in term) return { events: [{ type: 'appeal-term-awaiting', proceedingNumber: p.proceedingNumber, start: term.awaiting }], effects: [] };
  return { events: [{ type: 'appeal-term-started', proceedingNumber: p.proceedingNumber, term }], effects: [arm(p.proceedingNumber, term)] };
}

const arm = (proceedingNumber: string, term: AppealTerm): Effect => ({
  type: 'schedule',
  name: reminderName(proceedingNumber),
  dueAt: kyivMidnight(term.legalForceDate),
  message: { type: 'term-expired', proceedingNumber },
});

/** Appeals that stop the automatic legal force: an appeal (not a cassation) dated on or before the last day (Засади 11.1). */
const timely = (p: LegalForcePart, term: AppealTerm | undefined = p.appealTerm) => (p.appeals ?? []).filter((a) => a.kind === 'appeal' && term !== undefined && a.date <= term.lastDay);

/**
 * The full text made after the decision (only the operative part announced) and/or a copy served: the term
 * is recomputed and the reminder re-armed in the same write (ЦПК ст. 354 ч. 1, КАС ст. 295 ч. 1, ЦПК ст. 170 ч. 1).
 * The document id is checked by the HTTP layer (it must be a document of this proceeding).
 */
export function completeDecision(rules: LegalForceRules, p: Target, b: FullTextBodyV1, ctx: DecideContext) {
  const d = p.decision;
  if (!d) throw new CourtRejected('NOT_DECIDED', { proceedingNumber: p.proceedingNumber });
  if (b.fullTextDate === undefined && b.servedDate === undefined && b.documentId === undefined) throw new CourtRejected('NO_CHANGE', { field: 'fullTextDate' });
  const today = kyivDate(ctx.now);
  for (const [field, v] of [['fullTextDate', b.fullTextDate], ['servedDate', b.servedDate]] as const) {
    if (v === undefined) continue;
    if (d[field] !== undefined) throw new CourtRejected('FULL_TEXT_ALREADY', { field, date: d[field] });
    if (!isCalendarDate(v) || v < d.date || v > today) throw new CourtRejected('FULL_TEXT_DATE_INVALID', { [field]: v, date: d.date, today });
  }
  if (b.documentId !== undefined && d.documentId !== undefined) throw new CourtRejected('FULL_TEXT_ALREADY', { field: 'documentId', documentId: d.documentId });
  // Recorded legal force is not moved silently: a decision in force at once should be recorded with its full text.
  if (p.legalForce) throw new CourtRejected('LEGAL_FORCE_ALREADY', { date: p.legalForce.date, basis: p.legalForce.basis });
  const next = { ...d, ...(b.fullTextDate ? { fullTextDate: b.fullTextDate } : {}), ...(b.servedDate ? { servedDate: b.servedDate } : {}) };
  const e: LegalForceEvent = {
    type: 'decision-completed', at: ctx.now, by: stampOf(ctx), proceedingNumber: p.proceedingNumber,
    ...(b.fullTextDate ? { fullTextDate: b.fullTextDate } : {}), ...(b.servedDate ? { servedDate: b.servedDate } : {}), ...(b.documentId ? { documentId: b.documentId } : {}),
  };
  const term = appealTerm(rules, p.proceedingNumber, next);
  const events: LegalForceEvent[] = [e];
  const effects: Effect[] = [];
  if (term && !('awaiting' in term) && (p.appealTerm === undefined || term.from !== p.appealTerm.from)) {
    events.push({ type: 'appeal-term-started', proceedingNumber: p.proceedingNumber, term });
    // Re-armed (the reminder row is replaced) unless a timely appeal already stopped it.
    if (timely(p, term).length === 0) effects.push(arm(p.proceedingNumber, term));
  }
  const t = events.find((x) => x.type === 'appeal-term-started');
  return { events, effects, reply: { recorded: true, proceedingNumber: p.proceedingNumber, ...(t ? { appealTerm: t.term } : {}) } };
}

/** The reminder fired: legal force unless an appeal came or it is already recorded (Засади 11.1). */
export function termExpired(rules: LegalForceRules, ueun: string, p: Target, ctx: DecideContext) {
  const term = p.appealTerm;
  // A late appeal (dated after the last day) does not stop it, whatever the order of arrival (Засади 11.1).
  if (!term || p.legalForce || timely(p).length > 0) return { reply: { recorded: false } };
  // Only the reminder's own time counts: an early or forged command changes nothing.
  if (kyivDate(ctx.now) < term.legalForceDate) return { reply: { recorded: false, notBefore: term.legalForceDate } };
  const rule: EdrsrRuleV1 = p.decision?.writtenProceeding ? '11.2.2' : '11.2.3';
  return { events: [legalForceEvent(rules, ueun, p, { date: term.legalForceDate, basis: 'term-expired', rule }, ctx)], reply: { recorded: true, date: term.legalForceDate } };
}

export function fileAppeal(rules: LegalForceRules, ueun: string, p: Target, a: AppealBodyV1, ctx: DecideContext) {
  const today = kyivDate(ctx.now);
  if (!p.decision) throw new CourtRejected('NOT_DECIDED', { proceedingNumber: p.proceedingNumber });
  if (!isCalendarDate(a.date) || a.date < p.decision.date || a.date > today) {
    throw new CourtRejected('APPEAL_DATE_INVALID', { date: a.date, decisionDate: p.decision.date, today });
  }
  const kind = a.kind ?? 'appeal';
  const term = p.appealTerm;
  // Late = dated after the last day (a posted or Електронний суд appeal counts by its date, not by when it is entered).
  // No term: not appealable → late; the term not started yet (awaiting service) → in time. A cassation's term runs
  // from the appellate decision, which this court does not hold: never marked late here.
  const late = kind === 'cassation' ? false : term ? a.date > term.lastDay : p.termAwaiting === undefined;
  const appeal: Omit<Appeal, 'at' | 'by'> = { date: a.date, appellant: a.appellant, kind, late };
  if (a.note !== undefined) appeal.note = a.note;
  const by = stampOf(ctx);
  const events: LegalForceEvent[] = [{ type: 'appeal-filed', at: ctx.now, by, proceedingNumber: p.proceedingNumber, appeal }];
  const effects: Effect[] = [];
  const stops = kind === 'appeal' && !late && term !== undefined;
  if (stops && !p.legalForce) {
    // A timely appeal stops the automatic legal force (Засади 11.1): the reminder is cancelled in the same write.
    effects.push({ type: 'cancel', name: reminderName(p.proceedingNumber) });
  } else if (stops && p.legalForce?.basis === 'term-expired') {
    // Entered after the reminder recorded legal force, but dated in time: the decision never was in force —
    // withdrawn (an event) with a withdrawal item for ЄДРСР (Засади 11.1 ¶2, 11.2).
    events.push(revokeEvent(rules, ueun, p, a.date, a.appellant, ctx));
  }
  const revoked = events.some((e) => e.type === 'legal-force-revoked');
  return { events, effects, reply: { recorded: true, proceedingNumber: p.proceedingNumber, late, ...(revoked ? { legalForceRevoked: true } : {}) } };
}

function revokeEvent(rules: LegalForceRules, ueun: string, p: Target, appealDate: string, appellant: string, ctx: DecideContext): LegalForceEvent {
  const lf = p.legalForce!;
  const today = kyivDate(ctx.now);
  const n = (p.revokedLegalForce?.length ?? 0) + 1;
  const item: EdrsrItemV1 = {
    key: `${lf.edrsr.key}~withdrawal-${n}`,
    court: court(ctx),
    ueun,
    proceedingNumber: p.proceedingNumber,
    ...(p.decision?.documentId ? { documentId: p.decision.documentId } : {}),
    decision: decisionOf(p),
    legalForce: { date: lf.date, basis: lf.basis, recordedAt: new Date(ctx.now).toISOString(), recordedBy: stampOf(ctx) },
    rule: 'withdrawal',
    deadline: edrsrDeadline(rules.calendar, 'withdrawal', { fullTextDate: today, legalForceDate: today }),
    kind: 'withdrawal',
    withdraws: { key: lf.edrsr.key, legalForceDate: lf.date, reason: 'timely-appeal', appeal: { date: appealDate, appellant } },
  };
  return { type: 'legal-force-revoked', at: ctx.now, by: stampOf(ctx), proceedingNumber: p.proceedingNumber, appealDate, item };
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
  // Legal force after a higher instance cannot precede that instance's decision (Засади 11.1 ¶1).
  if (!dates.every(isCalendarDate) || b.date > today || b.date < p.decision.date || b.higherInstance.date > today || b.higherInstance.date < p.decision.date || b.date < b.higherInstance.date) {
    throw new CourtRejected('LEGAL_FORCE_DATE_INVALID', { date: b.date, higherInstanceDate: b.higherInstance.date, decisionDate: p.decision.date, today });
  }
  const e = legalForceEvent(rules, ueun, p, { date: b.date, basis: 'higher-instance', rule: '11.1', higherInstance: b.higherInstance }, ctx);
  return { events: [e], reply: { recorded: true, date: b.date, edrsr: { key: e.item.key, rule: e.item.rule, deadline: e.item.deadline } } };
}

function legalForceEvent(rules: LegalForceRules, ueun: string, p: Target, lf: { date: string; basis: LegalForceBasisV1; rule: EdrsrRuleV1; higherInstance?: HigherInstanceV1 }, ctx: DecideContext) {
  const d = p.decision!;
  const fullTextDate = d.fullTextDate ?? d.date;
  const by = stampOf(ctx);
  const base = d.documentId ?? `${court(ctx)}-${p.proceedingNumber}-legal-force`;
  // After a withdrawal the next legal force is a new item with its own key (the first one stays as it was sent).
  const n = p.revokedLegalForce?.length ?? 0;
  const item: EdrsrItemV1 = {
    key: n === 0 ? base : `${base}~${n + 1}`,
    court: court(ctx),
    ueun,
    proceedingNumber: p.proceedingNumber,
    ...(d.documentId ? { documentId: d.documentId } : {}),
    decision: decisionOf(p),
    legalForce: { date: lf.date, basis: lf.basis, ...(lf.higherInstance ? { higherInstance: lf.higherInstance } : {}), recordedAt: new Date(ctx.now).toISOString(), recordedBy: by },
    rule: lf.rule,
    deadline: edrsrDeadline(rules.calendar, lf.rule, { fullTextDate, legalForceDate: lf.date }),
  };
  return { type: 'legal-force-recorded' as const, at: ctx.now, by, proceedingNumber: p.proceedingNumber, item };
}

function decisionOf(p: Target): EdrsrItemV1['decision'] {
  const d = p.decision!;
  return { outcome: d.outcome, date: d.date, fullTextDate: d.fullTextDate ?? d.date, writtenProceeding: d.writtenProceeding ?? false };
}

/** Apply one of this part's events to the proceeding's part. */
export function evolveLegalForce<P extends LegalForcePart>(p: P, e: LegalForceEvent): P {
  switch (e.type) {
    case 'appeal-term-started': {
      const { termAwaiting: _w, ...rest } = p;
      return { ...rest, appealTerm: e.term } as P;
    }
    case 'appeal-term-awaiting':
      return { ...p, termAwaiting: e.start };
    case 'decision-completed': {
      if (!p.decision) return p;
      const more = { ...(e.fullTextDate ? { fullTextDate: e.fullTextDate } : {}), ...(e.servedDate ? { servedDate: e.servedDate } : {}), ...(e.documentId ? { documentId: e.documentId } : {}) };
      return { ...p, decision: { ...p.decision, ...more } };
    }
    case 'legal-force-revoked': {
      const lf = p.legalForce;
      if (!lf) return p;
      const { legalForce: _lf, ...rest } = p;
      const r = { date: lf.date, basis: lf.basis, revokedAt: e.at, appealDate: e.appealDate, edrsrKey: lf.edrsr.key, withdrawalKey: e.item.key };
      return { ...rest, revokedLegalForce: [...(p.revokedLegalForce ?? []), r] } as P;
    }
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
    ...(p.termAwaiting ? { termAwaiting: p.termAwaiting } : {}),
    ...(p.appeals ? { appeals: p.appeals.map((a) => ({ ...a, at: iso(a.at) })) } : {}),
    ...(p.sentToAppeal ? { sentToAppeal: { ...p.sentToAppeal, at: iso(p.sentToAppeal.at) } } : {}),
    ...(p.legalForce ? { legalForce: { ...p.legalForce, at: iso(p.legalForce.at) } } : {}),
    ...(p.revokedLegalForce ? { revokedLegalForce: p.revokedLegalForce.map((r) => ({ ...r, revokedAt: iso(r.revokedAt) })) } : {}),
  };
}
