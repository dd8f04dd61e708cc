/**
 * The court's statistical cards (Засади 16.1.1), derived from its own journal
 * with the one reducer the centre also uses (analytics/stats/derive.ts): a
 * projection held in memory, rebuilt from the journal at start and brought up
 * to date before every read — so it needs no centre and no network (16.1.3:
 * the court forms its reports from its own records, offline).
 *
 *   const cards = new StatCardIndex('537', host.journal);
 *   await cards.card('2/537/1/26');  // the card now, or undefined
 *   await cards.all();               // every card, for a report
 *
 * It holds nothing of its own: every fact is an event of an actor (registry,
 * distribution, case, stats); losing it loses nothing.
 */
import type { Journal } from '../../../runtime/index.ts';
import type { StatCardV1 } from '../../../contracts/stats/card.ts';
import { deriveCard, statCardKey, STAT_CARD_ENTERED } from '../../../analytics/stats/derive.ts';

/** Event types the reducer reads: the rest of the journal is skipped without parsing. */
const CARD_EVENTS = new Set(['case-registered', 'case-distributed', 'case-decided', 'legal-force-recorded', 'legal-force-revoked', STAT_CARD_ENTERED]);
const PAGE = 2000;

export class StatCardIndex {
  private readonly cards = new Map<string, StatCardV1>();
  /** Next global sequence to read. */
  private next = 1;

  constructor(
    readonly court: string,
    private readonly journal: Journal,
  ) {}

  /**
   * Fold every durable event not folded yet. A read sees every write acknowledged before it; between pages the
   * event loop gets a turn, so the first read after a start over a long journal does not stall the node's API.
   */
  async refresh(): Promise<void> {
    for (;;) {
      const rows = this.journal.read(this.next, PAGE);
      for (const r of rows) {
        this.next = r.gseq + 1;
        if (!CARD_EVENTS.has(r.type)) continue;
        const e = { court: this.court, actor: r.actor, type: r.type, data: JSON.parse(r.data) as unknown, ts: r.ts };
        const key = statCardKey(e);
        if (key === undefined) continue;
        const card = deriveCard(this.cards.get(key), e);
        if (card) this.cards.set(key, card);
      }
      if (rows.length < PAGE) return;
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  async card(proceedingNumber: string): Promise<StatCardV1 | undefined> {
    await this.refresh();
    return this.cards.get(proceedingNumber);
  }

  async all(): Promise<StatCardV1[]> {
    await this.refresh();
    return [...this.cards.values()];
  }

  get size(): number {
    return this.cards.size;
  }
}
