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
 * Identical rows are compared by (seq, hash) only; only differing rows are
 * read in full (from the copy and from the centre) and matched by
 * (actor, aseq) afterwards.
 */
import Database from 'better-sqlite3';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { chainHash } from '../../../runtime/journal/hash.ts';
import { verifyRows, type ChainBreak } from '../../../runtime/journal/verify.ts';
import { checkTables, type TableProblem } from '../../../runtime/journal/integrity.ts';
import type { StoredEvent } from '../../../runtime/journal/types.ts';

/** The journal's own hash of a stored row placed after `prev` (runtime/journal/hash.ts — never re-implemented here). */
const rowHash = (prev: string, r: StoredEvent): string => chainHash(prev, r);

/** Rows listed per kind of difference (the counts are always complete). */
export const MAX_LISTED = 1000;
/** Witnessed hashes read per query (about 100 MB of text at most). */
const PAGE = 1_000_000;

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
  /** The court's own sealed checkpoints (actors/central/witness) at or below the copy's head, against the copy. */
  checkpoints: { checked: number; contradicted: CheckpointContradiction[] };
}

export interface CheckpointContradiction {
  gseq: number;
  /** The hash the court sealed in its checkpoint. */
  checkpointHash: string;
  /** The copy's hash at that gseq (null: the copy has no such event). */
  copyHash: string | null;
  checkpointId: string;
  /** When the court sealed it (epoch ms). */
  time: number;
}

/** Witnessed (seq, hash) of the court, in seq order, one page per query. */
async function witnessedHashes(engine: AnalyticsEngine, court: string, after: number): Promise<{ seq: number[]; hash: string[]; at: number[] }> {
  const page = await engine.query<Record<string, unknown>>(
    `SELECT seq, hash, ingested_at FROM events FINAL WHERE court = {court:String} AND seq > {after:UInt64} ORDER BY seq LIMIT {n:UInt32}`,
    { court, after, n: PAGE },
  );
  const out = { seq: new Array<number>(page.length), hash: new Array<string>(page.length), at: new Array<number>(page.length) };
  for (let i = 0; i < page.length; i++) {
    const r = page[i]!;
    out.seq[i] = Number(r.seq);
    out.hash[i] = String(r.hash);
    out.at[i] = Number(r.ingested_at);
  }
  return out;
}

/** Full witnessed rows of the given seqs (only the differing ones are ever asked for). */
async function witnessedRowsOf(engine: AnalyticsEngine, court: string, seqs: number[]): Promise<WitnessedRow[]> {
  const out: WitnessedRow[] = [];
  for (let i = 0; i < seqs.length; i += 50_000) {
    const part = seqs.slice(i, i + 50_000);
    const rows = await engine.query<Record<string, unknown>>(
      `SELECT seq, actor, aseq, hash, prev_hash, ingested_at FROM events FINAL WHERE court = {court:String} AND seq >= {lo:UInt64} AND seq <= {hi:UInt64} AND has({seqs:Array(UInt64)}, seq) ORDER BY seq`,
      { court, lo: part[0]!, hi: part[part.length - 1]!, seqs: part },
    );
    for (const r of rows) out.push({ seq: Number(r.seq), actor: String(r.actor), aseq: Number(r.aseq), hash: String(r.hash), prev_hash: String(r.prev_hash), ingestedAt: Number(r.ingested_at) });
  }
  return out;
}

/**
 * `askedAt`: when the centre asked the court for the copy (its own clock). A witnessed event above the copy's
 * head that the centre received after that was written after the copy (the court's own `pull-prepared` record,
 * say): not a deletion. One received before it must be in the copy.
 *
 * One pass over the copy: the journal's verifier (verifyRows) walks it while each row's (gseq, hash) is kept;
 * the first page of witnessed hashes is read from the engine meanwhile.
 */
/**
 * The copy is the court's file, opened by the centre: before reading it, no SQL of the court's may run here —
 * `events` must be a plain table, and no view or trigger may exist (a recursive view could hang the worker).
 */
function refuseHostileSchema(db: Database.Database): void {
  db.pragma('trusted_schema = OFF');
  const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger')").all() as Array<{ type: string; name: string }>;
  const events = objects.find((o) => o.name === 'events');
  const code = objects.filter((o) => o.type !== 'table');
  if (events?.type !== 'table' || code.length > 0) {
    throw new Error(`копія бази даних має недопустиму схему: ${events?.type !== 'table' ? 'events не є таблицею' : code.map((o) => `${o.type} ${o.name}`).join(', ')}`);
  }
}

/**
 * `sealedBefore`: the gseq of the checkpoint the court sealed right before the copy (fresh-checkpoint.ts). Every
 * checkpoint up to it was sealed before the copy was made, so the copy must hold those events even when its own
 * head is lower (a court that cut its tail after sealing).
 */
export async function compareCopy(copyFile: string, engine: AnalyticsEngine, court: string, askedAt = Number.POSITIVE_INFINITY, sealedBefore = 0): Promise<PullComparison> {
  const firstPage = witnessedHashes(engine, court, 0);
  firstPage.catch(() => undefined);
  const db = new Database(copyFile, { readonly: true, fileMustExist: true });
  try {
    refuseHostileSchema(db);
    const cSeq: number[] = [];
    const cHash: string[] = [];
    const rows = (db.prepare('SELECT * FROM events ORDER BY gseq').iterate() as IterableIterator<StoredEvent>)[Symbol.iterator]();
    const keep = function* (): Generator<StoredEvent> {
      for (let r = rows.next(); !r.done; r = rows.next()) {
        cSeq.push(r.value.gseq);
        cHash.push(r.value.hash);
        yield r.value;
      }
    };
    const chain = verifyRows(keep());
    // the verifier stops at the first break: the rest of the copy is still compared
    for (const r of keep()) void r;
    const tables = checkTables(db);
    const get = db.prepare('SELECT * FROM events WHERE gseq = ?');
    const diffC: StoredEvent[] = [];
    const diffW: number[] = [];
    const recheckFrom = chain.firstBreak?.gseq ?? Number.POSITIVE_INFINITY;
    const copyHead = cSeq.length ? cSeq[cSeq.length - 1]! : 0;
    let i = 0;
    let wCount = 0;
    let wHead = 0;
    let afterCopy = 0;
    for (let page = await firstPage; ; ) {
      for (let k = 0; k < page.seq.length; k++) {
        const seq = page.seq[k]!;
        if (i >= cSeq.length && seq > copyHead && page.at[k]! > askedAt) {
          afterCopy++;
          continue;
        }
        wCount++;
        wHead = seq;
        while (i < cSeq.length && cSeq[i]! < seq) diffC.push(get.get(cSeq[i++]!) as StoredEvent);
        if (i < cSeq.length && cSeq[i] === seq) {
          const differs = cHash[i] !== page.hash[k];
          // a row edited in place with its hash left as witnessed no longer gives that hash; the verifier found
          // the first such row, so rows before it need no second look
          const c = differs || seq >= recheckFrom ? (get.get(seq) as StoredEvent) : undefined;
          if (differs || (c && rowHash(c.prev_hash, c) !== c.hash)) {
            diffC.push(c!);
            diffW.push(seq);
          }
          i++;
        } else diffW.push(seq);
      }
      if (page.seq.length < PAGE) break;
      page = await witnessedHashes(engine, court, page.seq[page.seq.length - 1]!);
    }
    for (; i < cSeq.length; i++) diffC.push(get.get(cSeq[i]!) as StoredEvent);
    const checkpoints = await checkCheckpoints(engine, court, Math.max(copyHead, sealedBefore), (g) => (get.get(g) as StoredEvent | undefined)?.hash ?? null);
    const { rows: found, notYetWitnessed } = classify(await witnessedRowsOf(engine, court, diffW), diffC, wHead);
    const counts = { edited: found.edited.length, rehashed: found.rehashed.length, deleted: found.deleted.length, inserted: found.inserted.length };
    const listed = Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.slice(0, MAX_LISTED)])) as unknown as Differences;
    return {
      identical: counts.edited + counts.rehashed + counts.deleted + counts.inserted === 0 && tables.length === 0 && chain.ok && checkpoints.contradicted.length === 0,
      copy: { events: cSeq.length, headGseq: chain.headGseq, headHash: chain.headHash, chainValid: !chain.firstBreak, ...(chain.firstBreak ? { firstBreak: chain.firstBreak } : {}) },
      witnessed: { events: wCount, headSeq: wHead },
      counts,
      rows: listed,
      notYetWitnessed,
      afterCopy,
      tables,
      checkpoints,
    };
  } finally {
    db.close();
  }
}

/** Every checkpoint the court sealed up to `head` (the copy's, or the one sealed before it) must name the copy's hash at its gseq. */
async function checkCheckpoints(engine: AnalyticsEngine, court: string, head: number, hashAt: (gseq: number) => string | null): Promise<PullComparison['checkpoints']> {
  const rows = await engine.query<Record<string, unknown>>(
    'SELECT gseq, hash, any(id) AS id, min(time) AS time FROM checkpoints WHERE court = {court:String} AND gseq <= {head:UInt64} GROUP BY gseq, hash ORDER BY gseq',
    { court, head },
  );
  const contradicted: CheckpointContradiction[] = [];
  for (const r of rows) {
    const gseq = Number(r.gseq);
    const copyHash = hashAt(gseq);
    if (copyHash !== String(r.hash)) contradicted.push({ gseq, checkpointHash: String(r.hash), copyHash, checkpointId: String(r.id), time: Number(r.time) });
  }
  return { checked: rows.length, contradicted };
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
