/**
 * Witness test support: an in-process court (test/replication/support.ts) that also checkpoints, and the
 * insider's edits of a stopped court's journal file — each re-hashing the chain from the edited row, so the
 * court's own `journal verify` still passes and only the centre's witness can tell.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startCourt, silent, type Court } from '../replication/support.ts';
import { startCourtCheckpoints, type CourtCheckpoints } from '../../actors/court/checkpoint/index.ts';
import type { NatsHandle } from '../support/servers.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';
import { chainHash, GENESIS_HASH } from '../../runtime/journal/hash.ts';

export interface WitnessedCourt extends Court {
  dataDir: string;
  checkpoints: CourtCheckpoints;
}

export async function startWitnessedCourt(code: string, dataDir: string, nats: NatsHandle, intervalMs = 300): Promise<WitnessedCourt> {
  const court = await startCourt(code, dataDir, nats);
  const checkpoints = startCourtCheckpoints({
    court: code,
    dataDir,
    journal: court.journal,
    nats: Promise.resolve(court.nc),
    bus: court.identity,
    log: silent,
    intervalMs,
    keyPassphrase: TEST_KEY_PASSPHRASE,
  });
  return {
    ...court,
    dataDir,
    checkpoints,
    async stop() {
      await checkpoints.stop();
      await court.stop();
    },
  };
}

/** `n` events on court `c`. */
export async function write(c: Court, n: number, tag: string): Promise<void> {
  for (let i = 0; i < n; i++) await c.system.ref('distribution', `w${i % 4}`).ask({ type: 'noise', i, tag }, { timeoutMs: 30_000 });
}

type Row = { gseq: number; actor: string; aseq: number; type: string; ts: number; meta: string; data: string; prev_hash: string; hash: string };

/**
 * Re-hash the chain from `from` to the end, the way an insider covers an edit.
 * The one place tied to the chain formula (runtime/journal/hash.ts).
 */
export function rehashFrom(db: Database.Database, from: number): void {
  let prev = from > 1 ? (db.prepare('SELECT hash FROM events WHERE gseq = ?').get(from - 1) as { hash: string }).hash : GENESIS_HASH;
  const upd = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE gseq = ?');
  for (const r of db.prepare('SELECT * FROM events WHERE gseq >= ? ORDER BY gseq').all(from) as Row[]) {
    const hash = chainHash(prev, r);
    upd.run(prev, hash, r.gseq);
    prev = hash;
  }
}

/** Open a stopped court's journal as the insider does (sqlite3 on the file). */
export function insider<T>(dataDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'journal.sqlite'));
  try {
    return db.transaction(() => fn(db))();
  } finally {
    db.close();
  }
}

export const head = (db: Database.Database): number => (db.prepare('SELECT max(gseq) AS g FROM events').get() as { g: number }).g;
