/**
 * Is a protocol's journal row what was written? Its own hash proves little:
 * someone who edits a row can re-hash it. The chain does: the next row's
 * `prev_hash` was computed from the original hash and the previous row's
 * hash is this row's `prev_hash` (runtime/journal/hash.ts). So a row counts
 * as intact when its hash recomputes AND it links to both neighbours (the
 * next one recomputing too). Editing it undetected means re-hashing every
 * later row — which `asds journal verify` cannot see either, only the
 * centre's confirmed marks can (architecture.md "Durability").
 */
import type Database from 'better-sqlite3';
import { chainHash, GENESIS_HASH } from '../../../runtime/journal/hash.ts';
import type { StoredEvent } from '../../../runtime/index.ts';

type Row = Omit<StoredEvent, 'command_id'>;

export function rowIntact(db: Database.Database, row: Row): boolean {
  if (chainHash(row.prev_hash, row) !== row.hash) return false;
  const prev = row.gseq > 1 ? (db.prepare('SELECT hash FROM events WHERE gseq = ?').get(row.gseq - 1) as { hash: string } | undefined) : { hash: GENESIS_HASH };
  if (!prev || prev.hash !== row.prev_hash) return false;
  const next = db.prepare('SELECT * FROM events WHERE gseq = ?').get(row.gseq + 1) as Row | undefined;
  // The head row has no successor yet: its own hash and the link back are all there is.
  return !next || (next.prev_hash === row.hash && chainHash(next.prev_hash, next) === next.hash);
}
