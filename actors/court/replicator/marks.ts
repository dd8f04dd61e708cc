/**
 * The court's record of the centre's confirmed high-water mark, in a small
 * table of the court's own SQLite file. Deliberately NOT a journal event: an
 * event would itself have to be replicated, moving the mark it records.
 */
import type Database from 'better-sqlite3';

const DDL = `CREATE TABLE IF NOT EXISTS replication_marks (
  target     TEXT PRIMARY KEY,
  confirmed  INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
)`;

export class MarkStore {
  private readonly get: Database.Statement;
  private readonly put: Database.Statement;

  constructor(db: Database.Database, private readonly target = 'centre') {
    db.exec(DDL);
    this.get = db.prepare('SELECT confirmed FROM replication_marks WHERE target = ?');
    this.put = db.prepare(
      `INSERT INTO replication_marks (target, confirmed, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(target) DO UPDATE SET confirmed = excluded.confirmed, updated_at = excluded.updated_at`,
    );
  }

  read(): number {
    return (this.get.get(this.target) as { confirmed: number } | undefined)?.confirmed ?? 0;
  }

  /**
   * Best effort: on a full or read-only disk the mark stays in memory only
   * (false). A mark not written only makes the next start re-send from the
   * older one, which the centre ignores as already held — never a crash.
   */
  write(confirmed: number): boolean {
    try {
      this.put.run(this.target, confirmed, Date.now());
      return true;
    } catch {
      return false;
    }
  }
}
