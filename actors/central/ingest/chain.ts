/**
 * Verified ingest (issue 11 item 1): the centre as witness of each court's
 * hash chain. Per court, in order, an event is stored only when
 *
 * - its court is in the registry of connected courts (else 'unknown-court');
 * - it is not above the court journal's head named by its frame ('above-head');
 * - format 2: its hash recomputes from what was received (runtime/journal/hash.ts;
 *   else 'hash-mismatch') — format 1 (legacy range) cannot be recomputed here;
 * - it is the next seq after the held head and its prevHash is the held hash
 *   of seq-1 (else 'chain-break'); a format 1 event after format 2 ones is a
 *   break too (the legacy range is a prefix).
 *
 * Refused events go to `ingest_rejects` with an alarm; they are not stored, so
 * the mark (derived from `events`, marks.ts) stops below them and the lag
 * monitor shows the court. An event further ahead (a gap: a lost message, or
 * another worker's batch not yet stored) is not stored either: the held head is
 * re-read from the engine once, and if it still does not follow, the event is
 * dropped and the gap re-requested (marks.ts) — the court resends.
 * An event at or below the held head is a re-send: identical → nothing to do;
 * DIFFERENT → the first stays in `events`, the second goes to `event_versions`
 * with a 'conflicting-version' alarm naming both hashes (ReplacingMergeTree
 * would otherwise let the second replace the first).
 *
 * The held head per court (seq, hash, format) is kept in memory, seeded from
 * `events` at first sight; a batch works on a copy, adopted only after its
 * inserts returned.
 */
import { createHash } from 'node:crypto';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { NewAlarm } from '../../../analytics/alarms.ts';
import { chainHashV2, GENESIS_HASH } from '../../../runtime/index.ts';
import type { MarkBook } from './marks.ts';
import type { DecodedMessage, EventRow, GoodEvent, Reject } from './rows.ts';
import { aboveHead, chainBreak, conflictingVersion, hashMismatch, unknownCourt } from './findings.ts';

export interface Held {
  seq: number;
  hash: string;
  /** Format of the held head (0: nothing held). */
  chain: number;
}

export type VersionRow = EventRow & { held_hash: string; held_prev_hash: string };

export interface Verdict {
  /** Verified, in chain order per court: into `events` (and their facts). */
  accepted: GoodEvent[];
  /** Second versions of held events: into `event_versions`. */
  versions: VersionRow[];
  refused: Reject[];
  alarms: NewAlarm[];
  /** Held heads after this batch: adopt() once its inserts returned. */
  tips: Map<string, Held>;
  /** Events at or below the held head (compared), and above a gap (dropped, re-requested). */
  resent: number;
  early: number;
}

export interface BatchMessage {
  subject: string;
  d: DecodedMessage;
}

export class ChainBook {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly engine: () => AnalyticsEngine,
    private readonly marks: MarkBook,
  ) {}

  /** Verify a batch of decoded messages in order; `admits` says whether a court is in the registry. */
  async verify(batch: readonly BatchMessage[], admits: (court: string) => boolean): Promise<Verdict> {
    const v: Verdict = { accepted: [], versions: [], refused: [], alarms: [], tips: new Map(), resent: 0, early: 0 };
    const advanced = new Set<string>();
    const reread = new Set<string>();
    const blocked = new Set<string>();
    const resent = new Map<string, GoodEvent[]>();
    const acceptedHere = new Map<string, Map<number, EventRow>>();
    for (const { subject, d } of batch) {
      const court = d.court;
      if (!admits(court)) {
        this.refuseMessage(v, d, 'court not in the registry of connected courts');
        v.alarms.push(unknownCourt(court, subject, d.first, d.last));
        continue;
      }
      // an event the contract refused is no gap in transport: re-requesting it would only bring it again
      if (d.bad.length > 0) blocked.add(court);
      for (const g of d.good) {
        const e = g.event;
        if (d.head !== undefined && e.seq > d.head) {
          this.refuse(v, g, `seq ${e.seq} above the court's head ${d.head} named by its frame`, aboveHead(court, e, d.head));
          blocked.add(court);
          continue;
        }
        if (g.pub !== undefined) {
          const h = g.recomputed ?? chainHashV2(e.prevHash, { gseq: e.seq, actor: e.actor, aseq: e.aseq, type: e.type, ts: e.ts }, g.row.hidden, g.pub);
          if (h !== e.hash) {
            this.refuse(v, g, `hash does not recompute: received ${e.hash}, recomputed ${h}`, hashMismatch(court, e, h));
            blocked.add(court);
            continue;
          }
        }
        let tip = v.tips.get(court) ?? (await this.heldOf(court));
        if (e.seq > tip.seq + 1 && !advanced.has(court) && !reread.has(court)) {
          // another worker may have stored what lies between: read the head again, once per batch
          reread.add(court);
          tip = await this.seed(court);
        }
        v.tips.set(court, tip);
        if (e.seq <= tip.seq) {
          v.resent++;
          let r = resent.get(court);
          if (!r) resent.set(court, (r = []));
          r.push(g);
          continue;
        }
        if (e.seq > tip.seq + 1) {
          // a gap (lost in transport) unless this court was just refused below it: re-requested, not stored
          v.early++;
          if (!blocked.has(court)) this.marks.sawAbove(court, e.seq);
          continue;
        }
        if (e.prevHash !== tip.hash) {
          this.refuse(v, g, `prevHash ${e.prevHash} is not the held hash ${tip.hash} of seq ${tip.seq}`, chainBreak(court, e, tip, 'prev-hash'));
          blocked.add(court);
          continue;
        }
        if (e.v === 1 && tip.chain === 2) {
          this.refuse(v, g, `legacy format 1 after format 2 (held seq ${tip.seq})`, chainBreak(court, e, tip, 'format-downgrade'));
          blocked.add(court);
          continue;
        }
        v.tips.set(court, { seq: e.seq, hash: e.hash, chain: e.v });
        advanced.add(court);
        v.accepted.push(g);
        let here = acceptedHere.get(court);
        if (!here) acceptedHere.set(court, (here = new Map()));
        here.set(e.seq, g.row);
      }
      for (const b of d.bad) v.refused.push(b);
    }
    for (const [court, events] of resent) await this.compareResent(v, court, events, acceptedHere.get(court));
    return v;
  }

  /** The batch's inserts returned: its heads are now held. */
  adopt(tips: Map<string, Held>): void {
    for (const [court, h] of tips) this.held.set(court, h);
  }

  /** Forget what is held (engine reopened, an insert failed): re-read from `events` at next sight. */
  reset(): void {
    this.held.clear();
  }

  private async heldOf(court: string): Promise<Held> {
    return this.held.get(court) ?? this.seed(court);
  }

  /** The court's contiguous head in `events` (the mark) and its hash. */
  private async seed(court: string): Promise<Held> {
    const a = await this.marks.advance(court);
    let held: Held = { seq: 0, hash: GENESIS_HASH, chain: 0 };
    if (a.mark > 0) {
      const [r] = await this.engine().query<{ hash: string; chain: number | string }>(
        'SELECT hash, chain FROM events FINAL WHERE court = {court:String} AND seq = {seq:UInt64} LIMIT 1',
        { court, seq: a.mark },
      );
      if (r) held = { seq: a.mark, hash: r.hash, chain: Number(r.chain) };
    }
    this.held.set(court, held);
    return held;
  }

  /**
   * Re-sent events against what is held: identical ones are dropped (harmless); a different version is kept
   * beside the first and alarmed. One range query per court and batch (re-sends are rare: restarts, gaps).
   */
  private async compareResent(v: Verdict, court: string, events: GoodEvent[], here: Map<number, EventRow> | undefined): Promise<void> {
    const need = events.filter((g) => !here?.has(g.event.seq)).map((g) => g.event.seq);
    // a format 2 hash was recomputed from everything the event carries: equal hashes are equal events. Only a legacy
    // (format 1) event, whose hash the centre cannot recompute, is compared by its payload too.
    const legacy = events.some((g) => g.event.v === 1);
    const stored = new Map<number, { hash: string; prev_hash: string; payload?: string }>();
    if (need.length > 0) {
      const rows = await this.engine().query<{ seq: number | string; hash: string; prev_hash: string; payload?: string }>(
        `SELECT seq, hash, prev_hash${legacy ? ', payload' : ''} FROM events WHERE court = {court:String} AND seq >= {lo:UInt64} AND seq <= {hi:UInt64}`,
        { court, lo: Math.min(...need), hi: Math.max(...need) },
      );
      // never overwritten, so one version per seq (a crash between insert and ack may have stored it twice, alike)
      for (const r of rows) if (!stored.has(Number(r.seq))) stored.set(Number(r.seq), r);
    }
    for (const g of events) {
      const held = here?.get(g.event.seq) ?? stored.get(g.event.seq);
      if (!held) {
        // below the held head yet not stored (a centre restored from backup?): re-read the head next time
        this.held.delete(court);
        v.tips.delete(court);
        continue;
      }
      if (held.hash === g.row.hash && (g.event.v === 2 || held.payload === g.row.payload)) continue;
      const versionKey = createHash('sha256').update(g.row.hash).update(g.row.payload).digest('hex').slice(0, 16);
      v.versions.push({ ...g.row, held_hash: held.hash, held_prev_hash: held.prev_hash });
      v.alarms.push(conflictingVersion(court, g.event, held, versionKey));
    }
  }

  private refuse(v: Verdict, g: GoodEvent, reason: string, alarm: NewAlarm): void {
    v.refused.push({ court: g.row.court, seq: g.row.seq, reason, raw: JSON.stringify(g.event), kind: alarm.kind });
    v.alarms.push(alarm);
  }

  private refuseMessage(v: Verdict, d: DecodedMessage, reason: string): void {
    for (const g of d.good) v.refused.push({ court: d.court, seq: g.row.seq, reason, raw: JSON.stringify(g.event) });
    for (const b of d.bad) v.refused.push({ ...b, reason: `${reason}; ${b.reason}` });
  }
}
