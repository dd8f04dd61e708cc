/**
 * The court's store of the centre's receipts (issue 11 item 2): every signed
 * receipt it got back, kept in `<data>/checkpoint-receipts.sqlite` — beside the
 * journal, not inside it: receipts are not court records, and writing them
 * must never add events (an idle court would otherwise checkpoint its own
 * checkpointing). SQLite WAL with synchronous=FULL: a receipt acknowledged here
 * is on disk. Never rewritten; an insider may delete receipts, but cannot forge
 * or alter one (each carries the central worker's signature: contracts/witness/receipt.ts).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ReceiptV1 } from '../../../contracts/witness/index.ts';
import { schemaErrors } from '../../../runtime/validate.ts';

export const RECEIPTS_FILE = 'checkpoint-receipts.sqlite';

export const receiptsPath = (dataDir: string): string => join(dataDir, RECEIPTS_FILE);

export interface StoredReceipt {
  id: number;
  receipt: ReceiptV1;
  /** Problems reading it back (malformed row): `asds journal verify --receipts` reports them. */
  problem?: string;
}

export class ReceiptStore {
  private readonly db: Database.Database;

  constructor(path: string, opts: { readonly?: boolean } = {}) {
    this.db = new Database(path, opts.readonly ? { readonly: true, fileMustExist: true } : {});
    if (opts.readonly) return;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS receipts (
        id    INTEGER PRIMARY KEY AUTOINCREMENT,
        gseq  INTEGER NOT NULL,
        hash  TEXT NOT NULL,
        body  TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
  }

  /** Keep a receipt (already verified by the caller) and the bus operator key it was verified with. */
  add(r: ReceiptV1, operatorPublicKey: string): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO receipts (gseq, hash, body) VALUES (?, ?, ?)').run(r.gseq, r.hash, JSON.stringify(r));
      this.db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('operator', ?)").run(operatorPublicKey);
    })();
  }

  /** The newest receipt, or undefined. */
  last(): ReceiptV1 | undefined {
    const row = this.db.prepare('SELECT id, body FROM receipts ORDER BY id DESC LIMIT 1').get() as { id: number; body: string } | undefined;
    if (!row) return undefined;
    const s = this.parse(row);
    return s.problem ? undefined : s.receipt;
  }

  all(): StoredReceipt[] {
    return (this.db.prepare('SELECT id, body FROM receipts ORDER BY id').all() as Array<{ id: number; body: string }>).map((r) => this.parse(r));
  }

  /** The bus operator key recorded with the first receipt (the CLI prefers one given on its command line). */
  operatorKey(): string | undefined {
    return (this.db.prepare("SELECT value FROM meta WHERE key = 'operator'").get() as { value: string } | undefined)?.value;
  }

  close(): void {
    this.db.close();
  }

  private parse(row: { id: number; body: string }): StoredReceipt {
    let r: unknown;
    try {
      r = JSON.parse(row.body);
    } catch {
      return { id: row.id, receipt: {} as ReceiptV1, problem: 'not JSON' };
    }
    const errs = schemaErrors(ReceiptV1, r);
    return errs.length === 0 ? { id: row.id, receipt: r as ReceiptV1 } : { id: row.id, receipt: r as ReceiptV1, problem: `${errs[0]!.path} ${errs[0]!.message}` };
  }
}
