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
import { chainStreamHead, GENESIS_STREAM_HEAD } from './stream-head.ts';

/** The protocol's journal row (columns as stored). */
type Row = Omit<StoredEvent, 'command_id'>;

export interface StoredProtocol {
  document: ProtocolDocument;
  /** The event row's hash recomputes and it links to the rows before and after it (review 13: not edited and re-hashed). */
  rowHashOk: boolean;
}

/** H_{throughAseq} of `actor`'s stream (stream-head.ts), recomputed from the rows' data in aseq order. */
export function streamHeadFrom(db: Database.Database, actor: string, throughAseq: number): string {
  let head = GENESIS_STREAM_HEAD;
  let expected = 1;
  for (const r of db.prepare('SELECT aseq, data FROM events WHERE actor = ? AND aseq <= ? ORDER BY aseq').iterate(actor, throughAseq) as Iterable<{ aseq: number; data: string }>) {
    // A snapshot row is in another stream; a gap means rows are missing — no head can be claimed.
    if (r.aseq !== expected++) throw new Error(`the journal lacks event ${expected - 1} of ${actor}`);
    head = chainStreamHead(head, r.data);
  }
  if (expected - 1 !== throughAseq) throw new Error(`the journal has ${expected - 1} events of ${actor}, not ${throughAseq}`);
  return head;
}

export class ProtocolStore {
  private readonly db: Database.Database;
  private readonly byAseq: Database.Statement;

  constructor(journalPath: string) {
    this.db = new Database(journalPath, { readonly: true, fileMustExist: true });
    this.byAseq = this.db.prepare('SELECT * FROM events WHERE actor = ? AND aseq = ?');
  }

  /** H_{aseq} of the actor's stream in this journal (asds-draw/2 `prev` of the attempt aseq + 1). */
  streamHead(actor: string, aseq: number): string {
    return streamHeadFrom(this.db, actor, aseq);
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

/**
 * asds-draw/2 binds the head of the actor's stream before the attempt (`vrf.prev`, docs/draw-spec.md §6.3):
 * with the journal at hand it is recomputed from the rows before the protocol's own. [] when it matches or
 * the document is not an asds-draw/2 draw.
 */
export function streamHeadProblems(store: ProtocolStore, doc: ProtocolDocument): string[] {
  const p = doc.protocol;
  if (p.kind === 'transfer' || p.kind === 'impossibility' || !p.vrf) return [];
  try {
    const head = store.streamHead(doc.attempt.actor, doc.attempt.seq - 1);
    return head === p.vrf.prev ? [] : [`protocol/vrf/prev: the journal's stream head before attempt ${doc.attempt.seq} is ${head}, the protocol binds ${p.vrf.prev}`];
  } catch (e) {
    return [`protocol/vrf/prev: ${(e as Error).message}`];
  }
}
