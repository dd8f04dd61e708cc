/**
 * Statistical cards (contracts/stats/card.ts) ↔ rows of `stat_cards`
 * (migration 012). `version` orders the versions of one card (the journal seq
 * of the event that made it): the highest wins after merges.
 */
import type { StatCardV1 } from '../../contracts/stats/index.ts';
import type { AnalyticsEngine } from '../engine.ts';

export interface StoredCard {
  card: StatCardV1;
  /** The reducer's state key (the case the events concern). */
  caseKey: string;
  version: number;
}

export function cardRow(s: StoredCard, removed = false): Record<string, unknown> {
  const c = s.card;
  return {
    court: c.court,
    proceeding_number: c.proceedingNumber,
    case_key: s.caseKey,
    proc_index: c.index,
    category: c.category ?? null,
    article: c.article ?? null,
    received_on: c.receivedOn,
    opened_on: c.openedOn ?? null,
    decided_on: c.decidedOn ?? null,
    result: c.result ?? null,
    legal_force_on: c.legalForceOn ?? null,
    judge: c.judge ?? null,
    amount_claimed: c.amountClaimed ?? null,
    amount_awarded: c.amountAwarded ?? null,
    over_term: c.overTerm ? 1 : 0,
    appeal_outcome: c.appealOutcome ?? null,
    juvenile: c.juvenile ? 1 : 0,
    detention: c.detention ? 1 : 0,
    removed: removed ? 1 : 0,
    version: s.version,
  };
}

const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === undefined ? undefined : v);

export function rowCard(r: Record<string, unknown>): StatCardV1 {
  const card: Record<string, unknown> = {
    court: String(r.court),
    proceedingNumber: String(r.proceeding_number),
    index: String(r.proc_index),
    category: opt(r.category as string | null),
    article: opt(r.article as string | null),
    receivedOn: String(r.received_on),
    openedOn: opt(r.opened_on as string | null),
    decidedOn: opt(r.decided_on as string | null),
    result: opt(r.result as string | null),
    legalForceOn: opt(r.legal_force_on as string | null),
    judge: opt(r.judge as string | null),
    amountClaimed: r.amount_claimed === null || r.amount_claimed === undefined ? undefined : Number(r.amount_claimed),
    amountAwarded: r.amount_awarded === null || r.amount_awarded === undefined ? undefined : Number(r.amount_awarded),
    overTerm: Number(r.over_term) === 1,
    appealOutcome: opt(r.appeal_outcome as string | null),
    juvenile: Number(r.juvenile) === 1,
    detention: Number(r.detention) === 1,
  };
  for (const k of Object.keys(card)) if (card[k] === undefined) delete card[k];
  return card as StatCardV1;
}

export async function insertCards(engine: AnalyticsEngine, cards: readonly StoredCard[]): Promise<void> {
  if (cards.length > 0) await engine.insert('stat_cards', cards.map((c) => cardRow(c)));
}

/** The current cards of one court whose state keys are `keys` (the reducer's `prev`). */
export async function cardsByKey(engine: AnalyticsEngine, court: string, keys: readonly string[]): Promise<Map<string, { card: StatCardV1; removed: boolean; proceedingNumber: string }>> {
  const out = new Map<string, { card: StatCardV1; removed: boolean; proceedingNumber: string }>();
  if (keys.length === 0) return out;
  const rows = await engine.query<Record<string, unknown>>(
    `SELECT * FROM stat_cards FINAL WHERE court = {court:String} AND case_key IN {keys:Array(String)}`,
    { court, keys: [...keys] },
  );
  for (const r of rows) out.set(String(r.case_key), { card: rowCard(r), removed: Number(r.removed) === 1, proceedingNumber: String(r.proceeding_number) });
  return out;
}
