/**
 * The witness's reads and writes in the analytics engine (migration 008):
 * checkpoints, the CA pinned per court, the comparisons done by the sweep,
 * and what the centre holds in `events` (the first version of each (court, seq):
 * argMin over ingested_at, so a later second version never stands in for it).
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { CheckpointV1 } from '../../../contracts/witness/index.ts';

export interface Pin {
  fingerprint: string;
  pem: string;
}

/** An earlier checkpoint as the findings need it. */
export interface PastCheckpoint {
  id: string;
  gseq: number;
  hash: string;
  time: number;
  receivedAt: number;
}

export interface Held {
  seq: number;
  hash: string;
  ts: number;
}

export interface PendingCheckpoint {
  court: string;
  id: string;
  gseq: number;
  hash: string;
  time: number;
}

const n = (v: unknown): number => Number(v);

const past = (r: Record<string, unknown>): PastCheckpoint => ({ id: String(r.id), gseq: n(r.gseq), hash: String(r.hash), time: n(r.time), receivedAt: n(r.received_at) });

export class WitnessStore {
  constructor(private readonly engine: () => AnalyticsEngine) {}

  /** The CA pinned for the court now: the latest pin (a re-pin by an operator, repin.ts, replaces the first). */
  async pin(court: string): Promise<Pin | undefined> {
    const [r] = await this.engine().query<Record<string, unknown>>(
      'SELECT count() AS c, argMax(ca_fingerprint, pinned_at) AS fp, argMax(ca_pem, pinned_at) AS pem FROM checkpoint_seal_pins WHERE court = {court:String}',
      { court },
    );
    return r && n(r.c) > 0 ? { fingerprint: String(r.fp), pem: String(r.pem) } : undefined;
  }

  async addPin(court: string, pin: Pin, by: string): Promise<void> {
    await this.engine().insert('checkpoint_seal_pins', [{ court, ca_fingerprint: pin.fingerprint, ca_pem: pin.pem, pinned_at: Date.now(), pinned_by: by }]);
  }

  /**
   * The earlier checkpoint with the highest gseq above `gseq` (the court once claimed a longer journal), leaving
   * out those sealed in (overtakenFrom, overtakenTo]: a checkpoint whose request timed out can be answered after a
   * later one overtook it (findings.ts OVERTAKE_MS).
   */
  async above(court: string, gseq: number, overtakenFrom: number, overtakenTo: number, receivedSince: number): Promise<PastCheckpoint | undefined> {
    // exempt (overtaken in flight) only if sealed shortly after by the court's clock AND received recently by ours
    return this.one('gseq > {g:UInt64} AND NOT (sealed_at > {a:Int64} AND sealed_at <= {b:Int64} AND received_at >= {r:Int64}) ORDER BY gseq DESC, received_at LIMIT 1', court, {
      g: gseq,
      a: overtakenFrom,
      b: overtakenTo,
      r: receivedSince,
    });
  }

  /** An earlier checkpoint at `gseq` with another hash (`hash` null: any checkpoint at gseq). */
  async otherAt(court: string, gseq: number, hash: string | null): Promise<PastCheckpoint | undefined> {
    return this.one('gseq = {g:UInt64} AND hash != {h:String} ORDER BY received_at LIMIT 1', court, { g: gseq, h: hash ?? '' });
  }

  /** The earlier checkpoint at or below `gseq` whose head time is the latest above `time` (time went backwards). */
  async laterBelow(court: string, gseq: number, time: number): Promise<PastCheckpoint | undefined> {
    return this.one('gseq <= {g:UInt64} AND time > {t:Int64} ORDER BY time DESC LIMIT 1', court, { g: gseq, t: time });
  }

  private async one(where: string, court: string, params: Record<string, string | number>): Promise<PastCheckpoint | undefined> {
    const [r] = await this.engine().query<Record<string, unknown>>(
      `SELECT id, gseq, hash, time, received_at FROM checkpoints WHERE court = {court:String} AND ${where}`,
      { court, ...params },
    );
    return r ? past(r) : undefined;
  }

  /** What the centre holds at these seqs (first version of each). */
  async held(court: string, seqs: readonly number[]): Promise<Map<number, Held>> {
    const out = new Map<number, Held>();
    for (const seq of new Set(seqs)) {
      if (seq < 1) continue;
      const [r] = await this.engine().query<Record<string, unknown>>(
        'SELECT argMin(hash, ingested_at) AS hash, argMin(ts, ingested_at) AS ts, count() AS c FROM events WHERE court = {court:String} AND seq = {s:UInt64}',
        { court, s: seq },
      );
      if (r && n(r.c) > 0) out.set(seq, { seq, hash: String(r.hash), ts: n(r.ts) });
    }
    return out;
  }

  /** The highest seq above `gseq` the centre holds of `court` stamped (court's own ts) before `before` (0: none). */
  async heldAbove(court: string, gseq: number, before: number): Promise<number> {
    const [r] = await this.engine().query<Record<string, unknown>>(
      'SELECT max(seq) AS m, count() AS c FROM events WHERE court = {court:String} AND seq > {g:UInt64} AND ts < {t:Int64}',
      { court, g: gseq, t: before },
    );
    return r && n(r.c) > 0 ? n(r.m) : 0;
  }

  async addCheckpoint(c: CheckpointV1, id: string, o: { receivedAt: number; by: string; witnessed: string; caFingerprint: string }): Promise<void> {
    await this.engine().insert('checkpoints', [
      {
        court: c.court,
        gseq: c.gseq,
        hash: c.hash,
        time: c.time,
        sealed_at: c.sealedAt,
        prev_gseq: c.previous?.gseq ?? -1,
        prev_hash: c.previous ? (c.previous.hash ?? 'missing') : '',
        id,
        received_at: o.receivedAt,
        received_by: o.by,
        witnessed: o.witnessed,
        ca_fingerprint: o.caFingerprint,
        cms: c.seal.cms,
        chain: c.seal.chain,
      },
    ]);
  }

  async addCheck(court: string, id: string, gseq: number, held: string): Promise<void> {
    await this.engine().insert('checkpoint_checks', [{ court, id, gseq, held, checked_at: Date.now() }]);
  }

  /** Checkpoints received before their event and not compared since. */
  async pending(limit = 1000): Promise<PendingCheckpoint[]> {
    const rows = await this.engine().query<Record<string, unknown>>(
      `SELECT court, id, any(gseq) AS gseq, any(hash) AS hash, any(time) AS time FROM checkpoints
       WHERE witnessed = 'not-yet' AND (court, id) NOT IN (SELECT court, id FROM checkpoint_checks)
       GROUP BY court, id ORDER BY court, gseq LIMIT {limit:UInt32}`,
      { limit },
    );
    return rows.map((r) => ({ court: String(r.court), id: String(r.id), gseq: n(r.gseq), hash: String(r.hash), time: n(r.time) }));
  }
}
