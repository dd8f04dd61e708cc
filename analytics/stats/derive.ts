/**
 * The ONE reducer from court journal events to a statistical card (Засади
 * 16.1.1: the primary data of every case). The court node folds its own
 * journal with it (actors/court/stats/cards.ts) and the centre's ingest folds
 * the replicated events with it — so both engines start from the same facts.
 *
 *   let card: StatCardV1 | undefined;
 *   for (const e of eventsOfOneProceeding) card = deriveCard(card, e);   // route events with statCardKey(e)
 *
 * Pure. It reads only fields that pass the court's redaction policy
 * (contracts/ingest/redaction.ts).
 */
import type { StatCardV1, StatResultV1 } from '../../contracts/stats/card.ts';

/** A journal event as both engines see it (the centre: after redaction). */
export interface CardEvent {
  court: string;
  /** The writing actor (`kind/id` or the id): not needed to derive, kept for the caller's routing. */
  actor: string;
  type: string;
  data: unknown;
  ts: number;
}

/** The court user's entry or correction of a card's entered fields (actors/court/stats). */
export const STAT_CARD_ENTERED = 'stat-card-entered';

/** Fields a court user enters or corrects; the rest is derived from the court's records. */
export const ENTERED_FIELDS = ['article', 'openedOn', 'result', 'amountClaimed', 'amountAwarded', 'overTerm', 'appealOutcome', 'juvenile', 'detention'] as const;
export type EnteredField = (typeof ENTERED_FIELDS)[number];
/** `null` clears an optional field (a correction may remove a wrong value). */
export type EnteredFields = { [K in EnteredField]?: StatCardV1[K] | null };

/**
 * Decision outcomes (contracts/court/card.ts DECISION_OUTCOMES) that fix the
 * result by themselves. A decision on the merits, a judgment or a sentence
 * does not say whether the claim was satisfied or the accused convicted: that
 * result is entered by the court's staff (16.1.1).
 */
const RESULT_OF_OUTCOME: Record<string, StatResultV1> = {
  'ruling-closing': 'closed',
  returned: 'returned',
  'left-without-consideration': 'left-without-consideration',
};

const PROCEEDING = /^[0-9](-[а-яієї]{1,2})?\/[0-9]{1,4}\/[1-9][0-9]{0,6}\/[0-9]{2}$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const date = (v: unknown): string | undefined => (typeof v === 'string' && DATE.test(v) ? v : undefined);

/** Which proceeding's card an event concerns (its proceeding number), or undefined for any other event. */
export function statCardKey(e: Pick<CardEvent, 'type' | 'data'>): string | undefined {
  const d = obj(e.data);
  const key = e.type === 'case-distributed' ? d.caseId : d.proceedingNumber;
  switch (e.type) {
    case 'case-registered':
    case 'case-distributed':
    case 'case-decided':
    case 'legal-force-recorded':
    case 'legal-force-revoked':
    case STAT_CARD_ENTERED:
      return typeof key === 'string' && PROCEEDING.test(key) ? key : undefined;
    default:
      return undefined;
  }
}

/** The card after event `e`; `prev` for an event that does not change it; undefined before the registration. */
export function deriveCard(prev: StatCardV1 | undefined, e: CardEvent): StatCardV1 | undefined {
  const d = obj(e.data);
  switch (e.type) {
    case 'case-registered':
      return registered(e.court, d) ?? prev;
    case 'case-distributed': {
      if (!prev) return prev;
      // The Засади category the case was drawn under and the presiding judge (a repeated draw replaces both).
      const category = str(obj(d.case).category);
      const judge = str(obj(d.composition).presiding);
      return { ...prev, ...(category && category.length <= 64 ? { category } : {}), ...(judge ? { judge } : {}) };
    }
    case 'case-decided': {
      if (!prev) return prev;
      const on = date(d.date);
      const result = RESULT_OF_OUTCOME[String(d.outcome)];
      // A result entered by the staff is not overwritten by the coarser one the outcome implies.
      return { ...prev, ...(on ? { decidedOn: on } : {}), ...(result && !prev.result ? { result } : {}) };
    }
    case 'legal-force-recorded': {
      // Only the legal force itself, not a withdrawal item (Засади 11: a timely appeal withdraws it).
      const item = obj(d.item);
      const on = date(obj(item.legalForce).date);
      if (!prev || !on || item.kind === 'withdrawal') return prev;
      return { ...prev, legalForceOn: on };
    }
    case 'legal-force-revoked': {
      if (!prev || prev.legalForceOn === undefined) return prev;
      const { legalForceOn: _gone, ...rest } = prev;
      return rest;
    }
    case STAT_CARD_ENTERED:
      return prev ? applyEntered(prev, obj(d.fields) as EnteredFields) : prev;
    default:
      return prev;
  }
}

/** The card the registration opens: court, number, index, arrival date; the registered category when it is short (a Засади id). */
function registered(court: string, d: Obj): StatCardV1 | undefined {
  const proceedingNumber = str(d.proceedingNumber);
  const reg = obj(d.registration);
  const index = str(reg.index) ?? proceedingNumber?.split('/')[0];
  // "надійшло": the arrival date (Засади 3.1), which may precede the registration day
  const receivedOn = date(reg.arrivalDate) ?? date(d.registrationDate);
  if (!proceedingNumber || !index || !receivedOn) return undefined;
  const category = str(reg.category);
  return {
    court: /^[0-9]{1,4}$/.test(court) ? court : proceedingNumber.split('/')[1]!,
    proceedingNumber,
    index,
    ...(category && category.length <= 64 ? { category } : {}),
    receivedOn,
    overTerm: false,
    juvenile: false,
    detention: false,
  };
}

/** Entered values over the card; `null` removes an optional one. */
export function applyEntered(card: StatCardV1, fields: EnteredFields): StatCardV1 {
  const out: Record<string, unknown> = { ...card };
  for (const k of ENTERED_FIELDS) {
    if (!(k in fields)) continue;
    const v = fields[k];
    if (v === null || v === undefined) {
      if (k === 'overTerm' || k === 'juvenile' || k === 'detention') out[k] = false;
      else delete out[k];
    } else out[k] = v;
  }
  return out as StatCardV1;
}

/** Fold a whole journal (in order) into cards by proceeding number. */
export function deriveCards(events: Iterable<CardEvent>, into: Map<string, StatCardV1> = new Map()): Map<string, StatCardV1> {
  for (const e of events) {
    const key = statCardKey(e);
    if (key === undefined) continue;
    const next = deriveCard(into.get(key), e);
    if (next) into.set(key, next);
  }
  return into;
}
