/**
 * One process per data folder (issue 12 item 3). Two nodes writing one
 * journal would interleave start/stop records, log false "unclean stops" and
 * fight over sequences; the second must refuse to start, naming the holder.
 *
 *   const lock = lockDataDir('/var/lib/asds/court-537');   // throws DataDirInUse
 *   …
 *   lock.release();
 *
 * The lock is an exclusive SQLite transaction held open on `<dir>/node.lock`:
 * an OS file lock, so it vanishes with the process however it dies (SIGKILL,
 * power loss) — no stale lock file to clean up by hand. `node.pid` beside it
 * only tells the second process whom to name.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsdsError } from './errors.ts';

export class DataDirInUse extends AsdsError {
  constructor(readonly dir: string, readonly holderPid: number | undefined) {
    super('DATA_DIR_IN_USE', `the data folder ${dir} is in use by ${holderPid ? `process ${holderPid}` : 'another process'}: stop it first (one node per data folder)`);
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(join(dir, 'node.lock'));
  } catch (e) {
    throw new AsdsError('DATA_DIR_UNUSABLE', `the data folder ${dir}: cannot open its lock file node.lock (${(e as { code?: string }).code ?? (e as Error).message})`);
  }
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUse(dir, holderOf(dir));
    throw e;
  }
  try {
    writeFileSync(join(dir, 'node.pid'), `${process.pid}\n`);
  } catch {
    // only tells a second process whom to name; a read-only folder is reported by the journal's own open
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      db.close();
    },
  };
}

function holderOf(dir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dir, 'node.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
