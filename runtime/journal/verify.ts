/**
 * Recompute the node-wide hash chain of a journal and report the first broken
 * link, then check every table the node trusts at start against the chain
 * (integrity.ts). Used by `asds journal verify --data <dir>`.
 */
import Database from 'better-sqlite3';
import { chainHash, GENESIS_HASH } from './hash.ts';
import { checkSnapshots, checkTables, type TableProblem } from './integrity.ts';
import type { StoredEvent } from './journal.ts';

export interface ChainBreak {
  gseq: number;
  actor: string;
  aseq: number;
  /** format-downgrade: a legacy (format 1) row after a format 2 one — the legacy range is a prefix of the chain. */
  problem: 'hash-mismatch' | 'prev-hash-mismatch' | 'gseq-gap' | 'aseq-gap' | 'format-downgrade';
  expected: string;
  found: string;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  headGseq: number;
  headHash: string;
  /** Rows of the legacy format 1 (hash.ts), all before the first format 2 row. */
  legacyEvents: number;
  firstBreak?: ChainBreak;
  /** Snapshots and tables the chain does not vouch for (empty when all do). */
  tables: TableProblem[];
}

/** Walk the events in gseq order; stop at the first link that does not hold. Then the tables. */
export function verifyJournalFile(path: string): VerifyReport {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const chain = verifyRows(db.prepare('SELECT * FROM events ORDER BY gseq').iterate() as Iterable<StoredEvent>);
    const tables = checkTables(db);
    return { ...chain, ok: chain.ok && tables.length === 0, tables };
  } finally {
    db.close();
  }
}

/**
 * Delete the snapshots the chain does not vouch for: the actors rebuild from
 * their events at the next start (snapshots are caches). The operator's
 * explicit choice (`asds journal verify --drop-bad-snapshots`); returns what was dropped.
 */
export function dropBadSnapshots(path: string): TableProblem[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.transaction(() => {
      const bad = checkSnapshots(db);
      const del = db.prepare('DELETE FROM snapshots WHERE actor = ?');
      for (const p of bad) del.run(p.key);
      return bad;
    }).immediate();
  } finally {
    db.close();
  }
}

/** Both chain formats (hash.ts): each row is recomputed in its own format. */
export function verifyRows(rows: Iterable<StoredEvent>): VerifyReport {
  let prev = GENESIS_HASH;
  let expectedGseq = 1;
  let count = 0;
  let legacy = 0;
  let sawV2 = false;
  const actorSeq = new Map<string, number>();
  for (const r of rows) {
    const brk = checkRow(r, prev, expectedGseq, actorSeq.get(r.actor) ?? 0, sawV2);
    if (brk) return { ok: false, events: count, headGseq: expectedGseq - 1, headHash: prev, legacyEvents: legacy, firstBreak: brk, tables: [] };
    prev = r.hash;
    expectedGseq = r.gseq + 1;
    actorSeq.set(r.actor, r.aseq);
    count++;
    if (r.chain === 2) sawV2 = true;
    else legacy++;
  }
  return { ok: true, events: count, headGseq: expectedGseq - 1, headHash: prev, legacyEvents: legacy, tables: [] };
}

function checkRow(r: StoredEvent, prev: string, expectedGseq: number, lastAseq: number, sawV2: boolean): ChainBreak | undefined {
  const at = { gseq: r.gseq, actor: r.actor, aseq: r.aseq };
  if (sawV2 && r.chain !== 2) return { ...at, problem: 'format-downgrade', expected: '2', found: String(r.chain ?? 1) };
  if (r.gseq !== expectedGseq) {
    return { ...at, problem: 'gseq-gap', expected: String(expectedGseq), found: String(r.gseq) };
  }
  if (r.aseq !== lastAseq + 1) {
    return { ...at, problem: 'aseq-gap', expected: String(lastAseq + 1), found: String(r.aseq) };
  }
  if (r.prev_hash !== prev) return { ...at, problem: 'prev-hash-mismatch', expected: prev, found: r.prev_hash };
  const h = chainHash(prev, r);
  if (h !== r.hash) return { ...at, problem: 'hash-mismatch', expected: h, found: r.hash };
  return undefined;
}
