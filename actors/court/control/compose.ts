/**
 * The three control lists (issue 13 item 10), composed from what the actors
 * answer — the registry's list, the cards, the distribution actor's case and
 * waiting reads. Pure: no reads here, the HTTP area gathers the inputs.
 */
import type { CardV1, CaseListItemV1 } from '../../../contracts/court/index.ts';
import type { NotHandedOverRowV1, UndistributedReasonV1, UndistributedRowV1, WaitingControlRowV1 } from '../../../contracts/court/control.ts';
import { nextWorkingDay, type Calendar } from '../../distribution/calendar.ts';
import type { IsoDate } from '../../distribution/dates.ts';
import type { WaitingRow } from '../distribution/reads.ts';
import { kyivDate } from '../dates.ts';
import { byCaseNumber } from './order.ts';
import { REASONS, waitingText } from './reasons.ts';

/** A judge's full name by login or Засади id (never the login itself: public/lists.ts `judgeNames`). */
export type NameOf = (loginOrId: string) => string;
/** A category's Ukrainian name by its Засади id (a free-text category stays as registered). */
export type CategoryName = (id: string) => string;

/** What the distribution actor answers for one case (`read-case`). */
export interface CaseDistribution {
  assignment: unknown | null;
  pending: { why: 'impossible' | 'waiting' | 'held'; runOn: string | null; waitingFor?: { judgeId: string; rule: string }; held?: { reason: string } } | null;
}

export interface UndistributedInput {
  court: string;
  /** The registry's items registered on the day. */
  items: CaseListItemV1[];
  cards: ReadonlyMap<string, CardV1>;
  /** By proceeding number (the distribution's caseId, as the 4.1 hand-off uses it). */
  distribution: ReadonlyMap<string, CaseDistribution>;
  /** The Засади in force and their categories; null = this court has no Засади. */
  roster: { zasady: string | null; categories: string[] } | null;
  nameOf: NameOf;
  categoryName: CategoryName;
}

type Proceeding = CardV1['proceedings'][number];
const categoryOf = (p: Proceeding): string | null => ((p.current ?? p.original) as { category?: string } | undefined)?.category ?? null;

/**
 * Why an undistributed proceeding is not distributed: the distribution actor's record first (4.10, 5.4, a
 * draw the card lacks), else the same rule the 4.1 hand-off applies to decide whether it draws at all.
 */
function reasonOf(i: UndistributedInput, item: CaseListItemV1, p: Proceeding, first: boolean, d: CaseDistribution | undefined): { reason: UndistributedReasonV1; judge: string | null; forecast: string | null; rule?: string; text?: string } {
  if (d?.pending) {
    const w = d.pending.waitingFor;
    if (d.pending.why === 'impossible') return { reason: 'impossible', judge: null, forecast: d.pending.runOn };
    if (d.pending.why === 'held') return { reason: 'route-held', judge: null, forecast: null, ...(d.pending.held ? { text: d.pending.held.reason } : {}) };
    return { reason: 'waiting-for-judge', judge: w ? i.nameOf(w.judgeId) : null, forecast: d.pending.runOn, ...(w ? { rule: w.rule } : {}) };
  }
  if (d?.assignment) return { reason: 'card-not-updated', judge: null, forecast: null };
  const none = { judge: null, forecast: null };
  if (!i.roster || i.roster.zasady === null) return { reason: 'no-zasady', ...none };
  // A case that came with its ЄУН (3.3) opens a further proceeding on a card, or is another court's number.
  if (!first || !item.ueun.startsWith(`${i.court}/`)) return { reason: 'route-decision', ...none };
  const category = categoryOf(p);
  if (!category || !i.roster.categories.includes(category)) return { reason: 'not-a-zasady-category', ...none };
  return { reason: 'handoff-pending', ...none };
}

/** Засади 4.1: the cases registered on the day (items already filtered by the day) with no judge on the card. */
export function undistributedRows(i: UndistributedInput): UndistributedRowV1[] {
  const rows: UndistributedRowV1[] = [];
  for (const item of i.items) {
    const proceedings = i.cards.get(item.ueun)?.proceedings ?? [];
    const p = proceedings.find((x) => x.proceedingNumber === item.proceedingNumber);
    if (!p || p.assignment) continue;
    const r = reasonOf(i, item, p, proceedings[0] === p, i.distribution.get(item.proceedingNumber));
    const category = categoryOf(p);
    rows.push({
      ueun: item.ueun,
      proceedingNumber: item.proceedingNumber,
      registeredAt: p.registeredAt,
      category: category === null ? null : i.categoryName(category),
      reason: r.reason,
      reasonText: r.text ?? REASONS[r.reason].text,
      rule: r.rule ?? REASONS[r.reason].rule,
      judge: r.judge,
      forecast: r.forecast,
    });
  }
  return byCaseNumber(rows);
}

/**
 * Засади 4.18: the responsible person hands the case to the presiding judge "не пізніше наступного робочого
 * дня" after the distribution. The hand-over is the card's attributed `to-judge` movement of that proceeding
 * made at or after the assignment (a later re-distribution needs a new hand-over). Listed: not handed over
 * and the deadline (the next working day of the court's calendar after the distribution day, Kyiv) is before
 * `date`. A proceeding already decided is not listed: the judge had the file.
 */
export function notHandedOverRows(cards: Iterable<CardV1>, date: IsoDate, calendar: Calendar, nameOf: NameOf, categoryName: CategoryName): NotHandedOverRowV1[] {
  const rows: NotHandedOverRowV1[] = [];
  for (const card of cards) {
    for (const p of card.proceedings) {
      const a = p.assignment;
      if (!a || p.decision) continue;
      const handed = card.movements.some((m) => m.kind === 'to-judge' && m.proceedingNumber === p.proceedingNumber && m.at >= a.at);
      if (handed) continue;
      const deadline = nextWorkingDay(calendar, kyivDate(Date.parse(a.at)) as IsoDate);
      if (deadline >= date) continue;
      const category = categoryOf(p);
      rows.push({
        ueun: card.ueun,
        proceedingNumber: p.proceedingNumber,
        category: category === null ? null : categoryName(category),
        assignedAt: a.at,
        deadline,
        presiding: nameOf(a.judge),
        members: (a.members ?? []).map(nameOf),
        protocol: a.protocol,
      });
    }
  }
  return byCaseNumber(rows);
}

/** Засади 4.10 and 5.4: the distribution actor's waiting list with names, category names and the forecast. */
export function waitingRows(waiting: readonly WaitingRow[], nameOf: NameOf, categoryName: CategoryName): WaitingControlRowV1[] {
  return byCaseNumber(
    waiting.map((w) => ({
      caseId: w.caseId,
      ueun: w.uniqueNumber,
      category: categoryName(w.category),
      why: w.why,
      rule: w.rule ?? (w.why === 'impossible' ? '4.10' : '5.4'),
      reasonText: waitingText(w.why, w.ground, w.reason),
      judge: w.judgeId ? nameOf(w.judgeId) : null,
      since: w.since,
      forecast: w.runOn,
      recheckOn: w.recheckOn,
      protocol: w.protocol,
    })),
  );
}
