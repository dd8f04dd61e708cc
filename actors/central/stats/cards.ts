/**
 * The centre's statistical cards (Засади 16.1.3: the centre forms the reports
 * from the replicated facts): the court events stored by ingest are folded
 * into `stat_cards` by the SAME reducer the court runs
 * (analytics/stats/derive.ts `deriveCard`, routed by `statCardKey`), so the
 * two engines start from the same cards.
 *
 * Cheap and batched: ingest pokes the courts of each stored batch
 * (`CardFolder.poke`); the folder reads, per court, the events after its
 * `stat_card_marks` mark — only the contiguous run (a seq above a gap waits
 * for the gap to fill, as the ingest mark does) —, loads the current cards of
 * the proceedings they concern in one query, folds, and writes the changed
 * cards and the new mark.
 *
 * Idempotent: a card carries the seq of the last event folded into it
 * (`version`); an event at or below it is skipped, so folding again after a
 * crash between the card insert and the mark insert changes nothing.
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { StatCardV1 } from '../../../contracts/stats/index.ts';
import { cardRow, rowCard } from '../../../analytics/stats-sql/index.ts';
import type { Logger } from '../../../runtime/index.ts';
import type { CardEvent } from '../../../analytics/stats/derive.ts';

export type { CardEvent };


/** The court's reducer: which card an event concerns, and the card after it. */
export interface CardReducer {
  key(e: CardEvent): string | undefined;
  derive(prev: StatCardV1 | undefined, e: CardEvent): StatCardV1 | undefined;
}

interface Held {
  card: StatCardV1 | undefined;
  version: number;
  proceedingNumber: string | undefined;
  changed: boolean;
}

/** Fold one court's next events (at most `batch`) into its cards; returns how many events were read. */
export async function foldCourt(engine: AnalyticsEngine, reducer: CardReducer, court: string, batch = 50_000): Promise<{ events: number; cards: number; mark: number }> {
  const [m] = await engine.query<{ m: string | number }>('SELECT max(seq) AS m FROM stat_card_marks WHERE court = {court:String}', { court });
  const mark = Number(m?.m ?? 0);
  const rows = await engine.query<{ seq: string | number; actor: string; type: string; ts: string | number; payload: string }>(
    `SELECT seq, actor, type, ts, payload FROM events FINAL WHERE court = {court:String} AND seq > {mark:UInt64} ORDER BY seq LIMIT {batch:UInt32}`,
    { court, mark, batch },
  );
  // only the contiguous run after the mark: an event above a gap is folded when the gap is filled
  const run: Array<{ seq: number; e: CardEvent; key: string | undefined }> = [];
  for (const r of rows) {
    const seq = Number(r.seq);
    if (seq !== mark + run.length + 1) break;
    let data: unknown;
    try {
      data = JSON.parse(r.payload);
    } catch {
      data = undefined;
    }
    const e: CardEvent = { court, actor: r.actor, type: r.type, data, ts: Number(r.ts) };
    run.push({ seq, e, key: reducer.key(e) });
  }
  if (run.length === 0) return { events: 0, cards: 0, mark };
  const keys = [...new Set(run.map((x) => x.key).filter((k): k is string => k !== undefined))];
  const held = await current(engine, court, keys);
  for (const { seq, e, key } of run) {
    if (key === undefined) continue;
    const h = held.get(key) ?? { card: undefined, version: 0, proceedingNumber: undefined, changed: false };
    held.set(key, h);
    if (seq <= h.version) continue; // folded before (a re-fold after a crash): never twice
    const next = reducer.derive(h.card, e);
    if (next !== h.card) {
      h.card = next;
      h.version = seq;
      h.changed = true;
    }
  }
  const out: Array<Record<string, unknown>> = [];
  for (const [key, h] of held) {
    if (!h.changed) continue;
    if (h.card) {
      // a proceeding number corrected by a later event: the old row is marked removed
      if (h.proceedingNumber && h.proceedingNumber !== h.card.proceedingNumber) out.push(removedRow(court, h.proceedingNumber, key, h.version));
      out.push(cardRow({ card: h.card, caseKey: key, version: h.version }));
    } else if (h.proceedingNumber) out.push(removedRow(court, h.proceedingNumber, key, h.version));
  }
  if (out.length > 0) await engine.insert('stat_cards', out);
  const last = run[run.length - 1]!.seq;
  await engine.insert('stat_card_marks', [{ court, seq: last, at: Date.now() }]);
  return { events: run.length, cards: out.length, mark: last };
}

/** The court's journal sequence its cards are folded through (the contiguous run). */
export async function cardMark(engine: AnalyticsEngine, court: string): Promise<number> {
  const [m] = await engine.query<{ m: string | number }>('SELECT max(seq) AS m FROM stat_card_marks WHERE court = {court:String}', { court });
  return Number(m?.m ?? 0);
}

/** Fold until the court has no contiguous events left. */
export async function foldCourtAll(engine: AnalyticsEngine, reducer: CardReducer, court: string, batch = 50_000): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await foldCourt(engine, reducer, court, batch);
    total += r.events;
    if (r.events < batch) return total;
  }
}

async function current(engine: AnalyticsEngine, court: string, keys: string[]): Promise<Map<string, Held>> {
  const out = new Map<string, Held>();
  if (keys.length === 0) return out;
  const rows = await engine.query<Record<string, unknown>>(
    `SELECT * FROM stat_cards FINAL WHERE court = {court:String} AND case_key IN {keys:Array(String)} ORDER BY version`,
    { court, keys },
  );
  for (const r of rows) {
    const removed = Number(r.removed) === 1;
    out.set(String(r.case_key), { card: removed ? undefined : rowCard(r), version: Number(r.version), proceedingNumber: removed ? undefined : String(r.proceeding_number), changed: false });
  }
  return out;
}

function removedRow(court: string, proceedingNumber: string, key: string, version: number): Record<string, unknown> {
  const blank: StatCardV1 = { court, proceedingNumber, index: '', receivedOn: '1970-01-01', overTerm: false, juvenile: false, detention: false };
  return cardRow({ card: blank, caseKey: key, version }, true);
}

/**
 * Runs the folds off the ingest path: `poke(courts)` after a stored batch returns at once; one fold at a time,
 * courts poked meanwhile are folded next (a burst of batches costs one fold per court, not one per batch).
 */
export class CardFolder {
  private readonly pending = new Set<string>();
  private running: Promise<void> | undefined;

  constructor(private readonly o: { engine: () => AnalyticsEngine; reducer: CardReducer; log: Logger; batch?: number }) {}

  poke(courts: Iterable<string>): void {
    for (const c of courts) this.pending.add(c);
    if (!this.running) this.running = this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves when everything poked so far is folded. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0) {
      const [court] = this.pending;
      this.pending.delete(court!);
      try {
        await foldCourtAll(this.o.engine(), this.o.reducer, court!, this.o.batch);
      } catch (e) {
        // the next poke of this court folds from the same mark: nothing is lost, only later
        this.o.log.warn('stat-cards-fold-failed', { court, error: String(e) });
      }
    }
  }
}
