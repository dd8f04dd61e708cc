/**
 * The court's documents past their "next working day" deadline (control list `overdue-orders`), pure:
 *
 *   not-original  a document of a kind with an entry deadline, not yet "Original" (signed in the system) by the
 *                 next working day after it was signed: Засади 2.1 ¶3 (orders on users' rights), 2.3 (judges'
 *                 timesheets), 2.4 (orders, incl. on judges' business trips), 4.9 ¶4, 4.13 ¶2, 4.15 ¶2 (directives
 *                 on repeated distribution) — "не пізніше наступного робочого дня, що настає після його підписання";
 *   not-entered   a number a record named as its basis (an absence, a repeated distribution, a user-rights change)
 *                 that the system still does not have, by the next working day after the date the record gives;
 *   no-follow-up  a memo no document answers by the next working day (a court's choice in documents.yaml, e.g.
 *                 4.9 ¶2: the rapporteur's memo → the head of staff's directive).
 *
 * A row is listed when its deadline is before `date` (the deadline day itself is still in time) and leaves the
 * list once the document is Original, entered, or answered. Working days are the court calendar's.
 */
import type { CourtDocumentsConfigV1, DocumentKindConfigV1, OverdueOrderRowV1 } from '../../../contracts/court/orders.ts';
import { nextWorkingDay, type Calendar } from '../../distribution/calendar.ts';
import type { IsoDate } from '../../distribution/dates.ts';
import type { CourtDocument } from '../documents/behavior.ts';
import type { PendingReference } from '../orders/decide.ts';
import { numberPattern } from '../orders/config.ts';
import { ukrainianDate } from './dates.ts';

export interface OverdueInput {
  config: CourtDocumentsConfigV1;
  documents: readonly CourtDocument[];
  pending: readonly PendingReference[];
  calendar: Calendar;
  date: IsoDate;
  /** A user's full name by login (never the login itself). */
  person(login: string): string;
}

const deadlineOf = (cal: Calendar, signedOn: string) => nextWorkingDay(cal, signedOn as IsoDate);

function notOriginal(i: OverdueInput, kinds: Map<string, DocumentKindConfigV1>): OverdueOrderRowV1[] {
  const rows: OverdueOrderRowV1[] = [];
  for (const d of i.documents) {
    const r = d.register!;
    const k = kinds.get(r.kind);
    if (!k?.entryDeadline || d.state === 'Original') continue;
    const deadline = deadlineOf(i.calendar, r.signedOn);
    if (deadline >= i.date) continue;
    const signed = new Set(d.signatures.map((g) => g.login));
    const waiting = d.requiredSigners.filter((l) => !signed.has(l)).map(i.person).join(', ');
    rows.push({
      reason: 'not-original', documentId: d.id, title: d.title, number: r.number, date: r.signedOn, deadline, rule: k.entryDeadline.rule,
      text: `${d.title} № ${r.number} від ${ukrainianDate(r.signedOn)} не внесено до автоматизованої системи як оригінал (не підписано) у строк до ${ukrainianDate(deadline)} включно`,
      detail: `Очікуються підписи: ${waiting}`,
    });
  }
  return rows;
}

/** The kind a pending number belongs to: the first kind of a compatible class whose register numbers like it. */
function kindOfNumber(config: CourtDocumentsConfigV1, ref: PendingReference['ref']): DocumentKindConfigV1 | undefined {
  const register = config.registers.find((r) => numberPattern(r.numberFormat).test(ref.number));
  const classes = ref.kind === 'order' ? ['order', 'directive'] : ref.kind === 'memo' ? ['memo'] : ref.kind === 'other' ? ['timesheet', 'act'] : ['order', 'directive', 'memo', 'timesheet', 'act'];
  return config.kinds.find((k) => k.register === register?.id && classes.includes(k.class));
}

function notEntered(i: OverdueInput): OverdueOrderRowV1[] {
  const groups = new Map<string, PendingReference[]>();
  for (const p of i.pending) {
    if (p.resolvedBy) continue;
    const key = `${p.ref.kind ?? ''}|${p.ref.number}|${p.ref.date}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const rows: OverdueOrderRowV1[] = [];
  for (const refs of groups.values()) {
    const ref = refs[0]!.ref;
    const k = kindOfNumber(i.config, ref);
    // a kind without an entry term (e.g. the 4.2 memo: the Засади give none) is not overdue by any rule
    if (!k?.entryDeadline) continue;
    const deadline = deadlineOf(i.calendar, ref.date);
    if (deadline >= i.date) continue;
    rows.push({
      reason: 'not-entered', documentId: null, title: k.title, number: ref.number, date: ref.date, deadline, rule: k.entryDeadline.rule,
      text: `${k.title} № ${ref.number} від ${ukrainianDate(ref.date)} зазначено як підставу, але його електронний примірник не внесено до автоматизованої системи у строк до ${ukrainianDate(deadline)} включно`,
      detail: `Підстава для: ${refs.map((p) => p.effect.summary).join('; ')}`,
    });
  }
  return rows;
}

function noFollowUp(i: OverdueInput, kinds: Map<string, DocumentKindConfigV1>): OverdueOrderRowV1[] {
  const rows: OverdueOrderRowV1[] = [];
  for (const d of i.documents) {
    const r = d.register!;
    const f = kinds.get(r.kind)?.followUp;
    if (!f) continue;
    if (i.documents.some((x) => x.register?.follows === d.id && f.kinds.includes(x.register.kind))) continue;
    const deadline = deadlineOf(i.calendar, r.signedOn);
    if (deadline >= i.date) continue;
    const answer = f.kinds.map((id) => kinds.get(id)?.title ?? id).join(' або ');
    rows.push({
      reason: 'no-follow-up', documentId: d.id, title: d.title, number: r.number, date: r.signedOn, deadline, rule: f.rule,
      text: `${d.title} № ${r.number} від ${ukrainianDate(r.signedOn)}: документ на її виконання не видано у строк до ${ukrainianDate(deadline)} включно`,
      detail: `Очікується: ${answer}`,
    });
  }
  return rows;
}

/** Every overdue row, oldest deadline first, then by number. */
export function overdueOrderRows(i: OverdueInput): OverdueOrderRowV1[] {
  const kinds = new Map(i.config.kinds.map((k) => [k.id, k]));
  const court = i.documents.filter((d) => d.register);
  const all = [...notOriginal({ ...i, documents: court }, kinds), ...notEntered(i), ...noFollowUp({ ...i, documents: court }, kinds)];
  return all.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.number.localeCompare(b.number, 'uk', { numeric: true }));
}
