/**
 * What an insider with write access to a court's journal file can do, for the
 * pull and checkpoint tests: edit a row and re-hash the chain after it so that
 * `asds journal verify` says OK, delete the tail, insert a forged row
 * (renumbering and re-hashing everything after it), backdate, edit a snapshot.
 * Each works on a closed journal file.
 */
import Database from 'better-sqlite3';
import { chainHash } from '../../runtime/journal/hash.ts';
import type { StoredEvent } from '../../runtime/journal/types.ts';

function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return db.transaction(() => fn(db))();
  } finally {
    db.close();
  }
}

/** Recompute every hash from `gseq` on, as the insider's tool would. */
export function rehashFrom(db: Database.Database, gseq: number): void {
  let prev = gseq === 1 ? '0'.repeat(64) : (db.prepare('SELECT hash FROM events WHERE gseq = ?').get(gseq - 1) as { hash: string }).hash;
  const upd = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE gseq = ?');
  for (const r of db.prepare('SELECT * FROM events WHERE gseq >= ? ORDER BY gseq').all(gseq) as StoredEvent[]) {
    const hash = chainHash(prev, r);
    upd.run(prev, hash, r.gseq);
    prev = hash;
  }
}

export function editRow(file: string, gseq: number, data: string, opts: { rehash: boolean }): void {
  withDb(file, (db) => {
    db.prepare('UPDATE events SET data = ? WHERE gseq = ?').run(data, gseq);
    if (opts.rehash) rehashFrom(db, gseq);
  });
}

export function backdate(file: string, gseq: number, byMs: number): void {
  withDb(file, (db) => {
    db.prepare('UPDATE events SET ts = ts - ? WHERE gseq = ?').run(byMs, gseq);
    rehashFrom(db, gseq);
  });
}

export function deleteTail(file: string, n: number): number[] {
  return withDb(file, (db) => {
    const head = (db.prepare('SELECT max(gseq) AS g FROM events').get() as { g: number }).g;
    const gone = Array.from({ length: n }, (_, i) => head - n + 1 + i);
    db.prepare('DELETE FROM commands WHERE gseq > ?').run(head - n);
    db.prepare('DELETE FROM events WHERE gseq > ?').run(head - n);
    return gone;
  });
}

/** A forged event of a new stream at `gseq`; everything after it moves up by one and is re-hashed. */
export function insertRow(file: string, gseq: number, actor: string): void {
  withDb(file, (db) => {
    const rows = db.prepare('SELECT gseq FROM events WHERE gseq >= ? ORDER BY gseq DESC').all(gseq) as Array<{ gseq: number }>;
    const move = db.prepare('UPDATE events SET gseq = gseq + 1 WHERE gseq = ?');
    for (const r of rows) move.run(r.gseq);
    db.prepare('UPDATE commands SET gseq = gseq + 1 WHERE gseq >= ?').run(gseq);
    db.prepare('UPDATE snapshots SET record_gseq = record_gseq + 1 WHERE record_gseq >= ?').run(gseq);
    const ts = (db.prepare('SELECT ts FROM events WHERE gseq = ?').get(gseq + 1) as { ts: number }).ts;
    db.prepare(`INSERT INTO events (gseq, actor, aseq, type, ts, meta, data, command_id, prev_hash, hash) VALUES (?, ?, 1, 'forged', ?, '{"author":"system"}', '{"role":"tech_admin"}', NULL, '', '')`).run(gseq, actor, ts);
    rehashFrom(db, gseq);
  });
}

export function editSnapshot(file: string, actor: string): void {
  withDb(file, (db) => {
    const r = db.prepare("UPDATE snapshots SET state = json_set(state, '$.n', 0) WHERE actor = ?").run(actor);
    if (r.changes !== 1) throw new Error(`no snapshot of ${actor}`);
  });
}
