/**
 * What contradicts a checkpoint (issue 11 item 2), as integrity alarms with
 * evidence — pure: the witness gathers the earlier checkpoints and held events
 * (store.ts) and this decides. Every finding is a 'checkpoint-contradiction'
 * whose key names the gseq, so the same finding raised again stays one alarm.
 *
 * - held:      the checkpoint's hash at gseq ≠ the event the centre received at gseq (history rewritten);
 * - fork:      an earlier checkpoint at the same gseq had another hash (rewritten);
 * - tail:      the head is below an earlier checkpoint's gseq, or below an event already received that the court
 *              stamped well before sealing this head (tail deleted);
 * - backdated: the head's time is earlier than the time of an earlier checkpoint at or below its gseq
 *              (the journal's clock only moves forward: runtime/clock.ts);
 * - link:      the court's chain now has another hash (or no row) at the gseq of its last receipted
 *              checkpoint than that checkpoint or the held event said (rewritten below the head, then covered).
 */
import type { NewAlarm } from '../../../analytics/alarms.ts';
import type { CheckpointV1 } from '../../../contracts/witness/index.ts';
import type { Held, PastCheckpoint } from './store.ts';

/**
 * Events of different actors commit in queue order, each stamped when its command was decided, so two
 * neighbouring gseqs may be a few milliseconds out of time order. A minute of slack keeps that from
 * alarming; a backdated record (hours, days) is far beyond it.
 */
export const BACKDATE_SLACK_MS = 60_000;

/**
 * A court waits at most its request timeout (15 s) for a receipt before sealing again, so a checkpoint can be
 * overtaken — answered after a later one — only by checkpoints sealed shortly after it. Those are not a
 * deleted tail; one sealed longer after (a court clock set back to hide a deletion) still is.
 */
export const OVERTAKE_MS = 120_000;

/**
 * The same in the centre's own time, which a court cannot set: an overtaken checkpoint arrives at most this
 * long after the one that overtook it (the court's 15 s timeout plus queueing). A lower head arriving later is
 * a deleted tail whatever `sealedAt` the court wrote into it.
 */
export const IN_FLIGHT_MS = 60_000;

export interface Context {
  above?: PastCheckpoint | undefined;
  fork?: PastCheckpoint | undefined;
  backdated?: PastCheckpoint | undefined;
  /** An earlier checkpoint at previous.gseq with another hash than the court's chain has there now. */
  link?: PastCheckpoint | undefined;
  heldAt?: Held | undefined;
  heldAtPrevious?: Held | undefined;
  /** Highest seq above the checkpoint's that the centre holds and the court stamped well before sealing it. */
  heldAbove?: number;
}

export type Checked = Pick<CheckpointV1, 'court' | 'gseq' | 'hash' | 'time'> & Partial<Pick<CheckpointV1, 'sealedAt' | 'previous'>>;

const short = (h: string | null) => (h ? `${h.slice(0, 12)}…` : 'немає');
const iso = (ms: number) => new Date(ms).toISOString();

export function contradictions(c: Checked, id: string, x: Context): NewAlarm[] {
  const out: NewAlarm[] = [];
  const checkpoint = { id, gseq: c.gseq, hash: c.hash, time: c.time, ...(c.sealedAt !== undefined ? { sealedAt: c.sealedAt } : {}), ...(c.previous ? { previous: c.previous } : {}) };
  const alarm = (key: string, summary: string, evidence: Record<string, unknown>): void => {
    out.push({ court: c.court, kind: 'checkpoint-contradiction', key, summary: `Суд ${c.court}: ${summary}`, evidence: { finding: key.split(':')[0], checkpoint, ...evidence } });
  };
  if (x.heldAt && x.heldAt.hash !== c.hash) {
    alarm(`held:${c.gseq}:${c.hash}`, `контрольна точка на події ${c.gseq} має хеш ${short(c.hash)}, а центр отримав подію ${c.gseq} з хешем ${short(x.heldAt.hash)} — історію журналу переписано`, {
      gseq: c.gseq,
      held: x.heldAt,
    });
  }
  if (x.fork) {
    alarm(`fork:${c.gseq}:${c.hash}`, `дві контрольні точки на події ${c.gseq} з різними хешами (${short(x.fork.hash)} і ${short(c.hash)}) — історію журналу переписано`, {
      gseq: c.gseq,
      earlier: x.fork,
    });
  }
  if (x.above) {
    alarm(`tail:${c.gseq}:${x.above.gseq}`, `вершина журналу ${c.gseq} нижча за попередню контрольну точку на події ${x.above.gseq} — кінець журналу видалено`, {
      gseq: c.gseq,
      earlier: x.above,
    });
  } else if (x.heldAbove !== undefined && x.heldAbove > c.gseq) {
    alarm(`tail-held:${c.gseq}:${x.heldAbove}`, `вершина журналу ${c.gseq} нижча за подію ${x.heldAbove}, яку центр уже отримав — кінець журналу видалено`, { gseq: c.gseq, heldAbove: x.heldAbove });
  }
  if (x.backdated) {
    alarm(
      `backdated:${c.gseq}:${c.time}`,
      `час вершини журналу (подія ${c.gseq}, ${iso(c.time)}) раніший за час події ${x.backdated.gseq} (${iso(x.backdated.time)}) з попередньої контрольної точки — час у журналі відкручено назад`,
      { gseq: c.gseq, earlier: x.backdated },
    );
  }
  const p = c.previous;
  if (p && x.link) {
    alarm(
      `link:${p.gseq}:${p.hash ?? 'missing'}`,
      p.hash
        ? `подія ${p.gseq} у журналі суду тепер має хеш ${short(p.hash)}, а попередня контрольна точка засвідчила ${short(x.link.hash)} — історію журналу переписано`
        : `подію ${p.gseq}, засвідчену попередньою контрольною точкою, видалено з журналу суду`,
      { gseq: p.gseq, now: p.hash, earlier: x.link },
    );
  } else if (p && x.heldAtPrevious && x.heldAtPrevious.hash !== p.hash) {
    alarm(`link-held:${p.gseq}:${p.hash ?? 'missing'}`, `подія ${p.gseq} у журналі суду тепер має хеш ${short(p.hash)}, а центр отримав її з хешем ${short(x.heldAtPrevious.hash)} — історію журналу переписано`, {
      gseq: p.gseq,
      now: p.hash,
      held: x.heldAtPrevious,
    });
  }
  return out;
}
