/**
 * The centre's durable high-water mark of each court: the largest m such
 * that every seq 1..m of the court is in `events`. Derived from `events`
 * (uniqExact over seq, so duplicates do not fake contiguity), or, after a
 * verified batch, taken from the chain verification (verifiedThrough); the
 * `ingest_marks` table and the in-memory cache only say where to start
 * looking. A cache can lag behind another worker's progress — that only
 * makes a court resend a little — but it can never run ahead of the data,
 * because every value in it was read from `events` after an insert returned.
 *
 * GAP HANDLING — decided: the mark never advances past a missing seq; the
 * centre then re-requests from the court (`resendFrom` = mark + 1 in the
 * reply and the push) once the gap has outlived `gapGraceMs` (other workers'
 * batches may still be filling it), and the court also resends on its own
 * when its mark stalls. Both ways the court's journal refills the gap.
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';

export interface MarkAdvance {
  court: string;
  mark: number;
  previous: number;
  /** Highest seq of the court at the centre (> mark means a gap). */
  highest: number;
  /** Set when a gap has lasted past the grace period: ask the court to resend from here. */
  resendFrom?: number;
}

export class MarkBook {
  private readonly cache = new Map<string, number>();
  private readonly gapSince = new Map<string, number>();
  private readonly lastResend = new Map<string, number>();
  /** Highest seq seen but not stored because it did not follow the held head (chain.ts): a gap to re-request. */
  private readonly seenAbove = new Map<string, number>();
  private readonly unflushed = new Map<string, { court: string; mark: number; at: number }>();

  constructor(
    private readonly engine: () => AnalyticsEngine,
    private readonly gapGraceMs = 3000,
  ) {}

  async current(court: string): Promise<number> {
    const c = this.cache.get(court);
    if (c !== undefined) return c;
    const rows = await this.engine().query<{ m: number | string }>('SELECT max(mark) AS m FROM ingest_marks WHERE court = {court:String}', { court });
    const m = Number(rows[0]?.m ?? 0);
    this.cache.set(court, m);
    return m;
  }

  /** Recompute the court's mark from `events`; record and return it. */
  async advance(court: string, now = Date.now()): Promise<MarkAdvance> {
    const engine = this.engine();
    const previous = await this.current(court);
    let mark = previous;
    const [agg] = await engine.query<{ hi: number | string; n: number | string }>(
      'SELECT max(seq) AS hi, uniqExact(seq) AS n FROM events WHERE court = {court:String} AND seq > {mark:UInt64}',
      { court, mark },
    );
    const hi = Number(agg?.hi ?? 0);
    const n = Number(agg?.n ?? 0);
    if (n > 0 && n === hi - mark) mark = hi;
    else if (n > 0) mark = await this.walk(court, mark);
    if (mark > previous) {
      await engine.insert('ingest_marks', [{ court, mark, at: now }]);
      this.cache.set(court, mark);
    }
    const above = this.seenAbove.get(court) ?? 0;
    if (above <= mark) this.seenAbove.delete(court);
    const highest = Math.max(hi, mark, above);
    const out: MarkAdvance = { court, mark, previous, highest };
    if (highest > mark) {
      const since = this.gapSince.get(court) ?? now;
      this.gapSince.set(court, since);
      if (now - since >= this.gapGraceMs && now - (this.lastResend.get(court) ?? 0) >= this.gapGraceMs) {
        this.lastResend.set(court, now);
        out.resendFrom = mark + 1;
      }
    } else {
      this.gapSince.delete(court);
    }
    return out;
  }

  /**
   * The mark after a verified batch (chain.ts): every seq up to `verified` is in `events` — the held head was read
   * from `events` or adopted after inserts that returned, and only the next seq is ever stored — so it is recorded
   * without scanning `events` again. An open gap (an event seen above it) takes the full path.
   */
  async verifiedThrough(court: string, verified: number, now = Date.now()): Promise<MarkAdvance> {
    if ((this.seenAbove.get(court) ?? 0) > verified || this.gapSince.has(court)) return this.advance(court, now);
    const previous = await this.current(court);
    if (verified > previous) {
      // recorded with the next flush (≤ a second later, and at stop): `ingest_marks` only says where to start
      // looking, and one insert per batch of a busy court cost a tenth of the batch
      this.cache.set(court, verified);
      this.unflushed.set(court, { court, mark: verified, at: now });
    }
    const mark = Math.max(previous, verified);
    return { court, mark, previous, highest: mark };
  }

  /** Record the marks advanced by verifiedThrough since the last flush (one insert). */
  async flush(): Promise<void> {
    if (this.unflushed.size === 0) return;
    const rows = [...this.unflushed.values()];
    this.unflushed.clear();
    try {
      await this.engine().insert('ingest_marks', rows);
    } catch (e) {
      for (const r of rows) if (!this.unflushed.has(r.court)) this.unflushed.set(r.court, r);
      throw e;
    }
  }

  /** Contiguous run above `mark`, read in pages of seqs. */
  private async walk(court: string, mark: number): Promise<number> {
    for (;;) {
      const rows = await this.engine().query<{ seq: number | string }>(
        'SELECT DISTINCT seq FROM events WHERE court = {court:String} AND seq > {mark:UInt64} ORDER BY seq LIMIT 100000',
        { court, mark },
      );
      if (rows.length === 0) return mark;
      for (const r of rows) {
        const s = Number(r.seq);
        if (s !== mark + 1) return mark;
        mark = s;
      }
    }
  }

  /** An event above a gap reached the centre (and was not stored): the gap is re-requested like one in `events`. */
  sawAbove(court: string, seq: number): void {
    if (seq > (this.seenAbove.get(court) ?? 0)) this.seenAbove.set(court, seq);
    if (!this.gapSince.has(court)) this.gapSince.set(court, Date.now());
  }

  /** Courts with an open gap (the worker re-checks them even when no message arrives). */
  gapped(): string[] {
    return [...this.gapSince.keys()];
  }

  /** Forget cached marks (after the engine was reopened; unflushed ones are re-derived from `events`). */
  reset(): void {
    this.cache.clear();
    this.unflushed.clear();
  }
}
