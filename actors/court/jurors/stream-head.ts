/**
 * The stream head of the jurors and duty actors (docs/draw-spec.md §9.6): what
 * their asds-draw/2 draws bind as `prev`, recomputed from the court journal —
 * for a state from a snapshot older than its `head`, and by the verifier.
 */
import Database from 'better-sqlite3';
import { streamHeadFrom } from '../distribution/store.ts';

/** H_{throughAseq} of `actor`'s stream (distribution/stream-head.ts), for a state from a snapshot older than its `head`. */
export function streamHeadOf(journalPath: string, actor: string, throughAseq: number): string {
  const db = new Database(journalPath, { readonly: true, fileMustExist: true });
  try {
    return streamHeadFrom(db, actor, throughAseq);
  } finally {
    db.close();
  }
}

/**
 * An asds-draw/2 juror or duty protocol binds the stream head of its actor before the attempt (docs/draw-spec.md
 * §9.6): recomputed from the journal's rows, as for the distribution protocols (§9.4 step 4).
 */
export function recordStreamHeadProblems(journalPath: string, document: unknown): string[] {
  const d = document as { attempt?: { actor?: unknown; seq?: unknown }; protocol?: { algorithm?: unknown; vrf?: { prev?: unknown } } };
  const prev = d.protocol?.vrf?.prev;
  if (d.protocol?.algorithm !== 'asds-draw/2' || typeof prev !== 'string') return [];
  const actor = d.attempt?.actor;
  const seq = d.attempt?.seq;
  if (typeof actor !== 'string' || typeof seq !== 'number') return ['protocol/vrf/prev: the document names no attempt (actor, seq) to find its stream head'];
  try {
    const head = streamHeadOf(journalPath, actor, seq - 1);
    return head === prev ? [] : [`protocol/vrf/prev: the journal's stream head before attempt ${seq} is ${head}, the protocol binds ${prev}`];
  } catch (e) {
    return [`protocol/vrf/prev: ${(e as Error).message}`];
  }
}
