/**
 * A pulled copy against what the centre witnessed (Засади 18.3 is for
 * security monitoring: the copy is checked, not trusted). The copy's chain is
 * recomputed by the journal's own verifier (runtime/journal/verify.ts, which
 * also checks every table outside the chain: snapshots, commands, reminders,
 * marks), then every (seq, hash) is compared with the centre's `events`:
 *
 * - identical  — same seq, same hash;
 * - edited     — the event at this position of its actor's stream (actor, aseq) has other content than the
 *                witnessed one (put in the witnessed place, it does not give the witnessed hash);
 * - re-hashed  — same content as witnessed, but another hash: the chain before it was rewritten (and re-hashed
 *                so that it verifies locally), or the row was renumbered;
 * - deleted    — witnessed, absent from the copy;
 * - inserted   — in the copy at or below the witnessed head, never witnessed.
 *
 * Rows above the witnessed head that the centre has not received yet are
 * counted, not reported (replication lag is not tampering).
 *
 * One pass in seq order holds nothing for identical rows (a clean 1 M-event
 * copy is compared in constant memory); only differing rows are matched by
 * (actor, aseq) afterwards.
 */
import Database from 'better-sqlite3';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { chainHash } from '../../../runtime/journal/hash.ts';
import { verifyJournalFile, type ChainBreak } from '../../../runtime/journal/verify.ts';
import type { TableProblem } from '../../../runtime/journal/integrity.ts';
import type { StoredEvent } from '../../../runtime/journal/types.ts';

/** The journal's own hash of a stored row placed after `prev` (runtime/journal/hash.ts — never re-implemented here). */
const rowHash = (prev: string, r: StoredEvent): string => chainHash(prev, r);

/** Rows listed per kind of difference (the counts are always complete). */
export const MAX_LISTED = 1000;
const PAGE = 100_000;

export interface WitnessedRow {
  seq: number;
  actor: string;
  aseq: number;
  hash: string;
  prev_hash: string;
  /** When the centre stored it (epoch ms). */
  ingestedAt: number;
}

export interface RowDifference {
  seq: number;
  actor: string;
  aseq: number;
  /** Hash the centre witnessed (absent for an inserted row). */
  witnessedHash?: string;
  /** Hash in the copy (absent for a deleted row). */
  copyHash?: string;
  /** Where the witnessed event was, when the copy holds it at another seq. */
  witnessedSeq?: number;
  /** Edited rows: whether the copy's own chain still verifies at this row (re-hashed by the editor) or not. */
  rehashedLocally?: boolean;
}

export interface Differences {
  edited: RowDifference[];
  rehashed: RowDifference[];
  deleted: RowDifference[];
  inserted: RowDifference[];
}

export interface PullComparison {
  identical: boolean;
  copy: { events: number; headGseq: number; headHash: string; chainValid: boolean; firstBreak?: ChainBreak };
  witnessed: { events: number; headSeq: number };
  counts: Record<keyof Differences, number>;
  rows: Differences;
  /** Copy rows above the witnessed head the centre has not received yet (not a finding). */
  notYetWitnessed: number;
  /** Witnessed rows above the copy's head that reached the centre after the copy was asked for (not a finding). */
  afterCopy: number;
  /** Tables outside the chain that the chain does not vouch for (runtime/journal/integrity.ts). */
  tables: TableProblem[];
}

async function* witnessedRows(engine: AnalyticsEngine, court: string): AsyncGenerator<WitnessedRow> {
  let after = 0;
  for (;;) {
    const page = await engine.query<Record<string, unknown>>(
      `SELECT seq, actor, aseq, hash, prev_hash, ingested_at FROM events FINAL WHERE court = {court:String} AND seq > {after:UInt64} ORDER BY seq LIMIT {n:UInt32}`,
      { court, after, n: PAGE },
    );
    for (const r of page) yield { seq: Number(r.seq), actor: String(r.actor), aseq: Number(r.aseq), hash: String(r.hash), prev_hash: String(r.prev_hash), ingestedAt: Number(r.ingested_at) };
    if (page.length < PAGE) return;
    after = Number(page[page.length - 1]!.seq);
  }
}

/**
 * `askedAt`: when the centre asked the court for the copy (its own clock). A witnessed event above the copy's
 * head that the centre received after that was written after the copy (the court's own `pull-prepared` record,
 * say): not a deletion. One received before it must be in the copy.
 */
export async function compareCopy(copyFile: string, engine: AnalyticsEngine, court: string, askedAt = Number.POSITIVE_INFINITY): Promise<PullComparison> {
  const verified = verifyJournalFile(copyFile);
  const db = new Database(copyFile, { readonly: true, fileMustExist: true });
  const diffW: WitnessedRow[] = [];
  const diffC: StoredEvent[] = [];
  let wCount = 0;
  let wHead = 0;
  let cCount = 0;
  let afterCopy = 0;
  const recheckFrom = verified.firstBreak?.gseq ?? Number.POSITIVE_INFINITY;
  try {
    const copy = (db.prepare('SELECT * FROM events ORDER BY gseq').iterate() as IterableIterator<StoredEvent>)[Symbol.iterator]();
    let c = copy.next();
    for await (const w of witnessedRows(engine, court)) {
      if (c.done && w.seq > verified.headGseq && w.ingestedAt > askedAt) {
        afterCopy++;
        continue;
      }
      wCount++;
      wHead = w.seq;
      while (!c.done && c.value.gseq < w.seq) {
        diffC.push(c.value);
        cCount++;
        c = copy.next();
      }
      if (!c.done && c.value.gseq === w.seq) {
        // a row edited in place with its hash left as witnessed no longer gives that hash; the journal's verifier
        // found the first such row, so rows before it need no second hash
        if (c.value.hash !== w.hash || (c.value.gseq >= recheckFrom && rowHash(c.value.prev_hash, c.value) !== c.value.hash)) {
          diffC.push(c.value);
          diffW.push(w);
        }
        cCount++;
        c = copy.next();
      } else {
        diffW.push(w);
      }
    }
    for (; !c.done; c = copy.next()) {
      diffC.push(c.value);
      cCount++;
    }
  } finally {
    db.close();
  }
  const { rows, notYetWitnessed } = classify(diffW, diffC, wHead);
  const counts = { edited: rows.edited.length, rehashed: rows.rehashed.length, deleted: rows.deleted.length, inserted: rows.inserted.length };
  const listed = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.slice(0, MAX_LISTED)])) as unknown as Differences;
  return {
    identical: counts.edited + counts.rehashed + counts.deleted + counts.inserted === 0 && verified.tables.length === 0 && verified.ok,
    copy: { events: cCount, headGseq: verified.headGseq, headHash: verified.headHash, chainValid: !verified.firstBreak, ...(verified.firstBreak ? { firstBreak: verified.firstBreak } : {}) },
    witnessed: { events: wCount, headSeq: wHead },
    counts,
    rows: listed,
    notYetWitnessed,
    afterCopy,
    tables: verified.tables,
  };
}

/** Match the differing rows by their place in their actor's stream and name what happened to each. */
export function classify(diffW: WitnessedRow[], diffC: StoredEvent[], witnessedHead: number): { rows: Differences; notYetWitnessed: number } {
  const byKey = new Map<string, WitnessedRow>();
  for (const w of diffW) byKey.set(`${w.actor}\u0000${w.aseq}`, w);
  const matched = new Set<number>();
  const rows: Differences = { edited: [], rehashed: [], deleted: [], inserted: [] };
  let notYetWitnessed = 0;
  for (const c of diffC) {
    const w = byKey.get(`${c.actor}\u0000${c.aseq}`);
    if (!w) {
      if (c.gseq <= witnessedHead) rows.inserted.push({ seq: c.gseq, actor: c.actor, aseq: c.aseq, copyHash: c.hash });
      else notYetWitnessed++;
      continue;
    }
    matched.add(w.seq);
    const at = { seq: c.gseq, actor: c.actor, aseq: c.aseq, witnessedHash: w.hash, copyHash: c.hash, ...(w.seq !== c.gseq ? { witnessedSeq: w.seq } : {}) };
    // the copy's row put where the witnessed one was: the same hash means the same content
    if (rowHash(w.prev_hash, { ...c, gseq: w.seq }) === w.hash) {
      if (w.seq !== c.gseq || w.hash !== c.hash) rows.rehashed.push(at);
    } else rows.edited.push({ ...at, rehashedLocally: rowHash(c.prev_hash, c) === c.hash });
  }
  for (const w of diffW) if (!matched.has(w.seq)) rows.deleted.push({ seq: w.seq, actor: w.actor, aseq: w.aseq, witnessedHash: w.hash });
  return { rows, notYetWitnessed };
}
