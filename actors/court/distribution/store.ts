/**
 * Protocols are read from the court journal, not from actor state: the
 * document id carries the attempt's sequence number, which is the event's
 * `aseq` in the `distribution/<court>` stream. On read the document gets its
 * `journal` block (global sequence, hash-chain value) — known only after the
 * commit, so not part of what the seal signed.
 */
import Database from 'better-sqlite3';
import { rowIntact } from '../seal/journal-row.ts';
import type { StoredEvent } from '../../../runtime/index.ts';
import type { ProtocolDocument } from '../../../contracts/court/distribution.ts';
import { parseDocumentId } from './documents.ts';
import { DISTRIBUTION_KIND } from './behavior.ts';

/** The protocol's journal row (columns as stored). */
type Row = Omit<StoredEvent, 'command_id'>;

export interface StoredProtocol {
  document: ProtocolDocument;
  /** The event row's hash recomputes and it links to the rows before and after it (review 13: not edited and re-hashed). */
  rowHashOk: boolean;
}

export class ProtocolStore {
  private readonly db: Database.Database;
  private readonly byAseq: Database.Statement;

  constructor(journalPath: string) {
    this.db = new Database(journalPath, { readonly: true, fileMustExist: true });
    this.byAseq = this.db.prepare('SELECT * FROM events WHERE actor = ? AND aseq = ?');
  }

  /** The protocol document with this id, or undefined. */
  get(documentId: string): StoredProtocol | undefined {
    const parts = parseDocumentId(documentId);
    if (!parts) return undefined;
    const row = this.byAseq.get(`${DISTRIBUTION_KIND}/${parts.courtDbCode}`, Number(parts.documentNo)) as Row | undefined;
    if (!row) return undefined;
    const event = JSON.parse(row.data) as { document?: ProtocolDocument };
    if (!event.document || event.document.documentId !== documentId) return undefined;
    const document: ProtocolDocument = { ...event.document, journal: { gseq: row.gseq, aseq: row.aseq, hash: row.hash, prevHash: row.prev_hash } };
    return { document, rowHashOk: rowIntact(this.db, row) };
  }

  close(): void {
    this.db.close();
  }
}
