/**
 * When the journal's WAL is copied into the main file, and how hard.
 *
 *   const policy = new WalPolicy(path, walFd, { checkpointBytes, walLimitBytes }, () => observer);
 *   policy.written(bytes);   // after each row
 *   policy.afterSync();      // after each fdatasync of the WAL
 *
 * A PASSIVE checkpoint (in the worker, checkpointer.ts) every
 * `checkpointBytes` written; past `walLimitBytes` a TRUNCATE (writers wait for
 * the tail only); past 4× the limit — the worker is starting or stuck — the
 * writer empties the WAL itself, under FULL so the main file is synced first.
 * Under sustained writes a PASSIVE checkpoint rarely covers the whole WAL, so
 * without the TRUNCATE the WAL would grow until restart (issue 12: 680 MB
 * over 15 simulated power losses).
 */
import type Database from 'better-sqlite3';
import { fstatSync } from 'node:fs';
import { Checkpointer } from './checkpointer.ts';
import type { JournalObserver } from './types.ts';

export interface WalLimits {
  /** Bytes written (event and snapshot JSON, roughly) between PASSIVE checkpoints. Default 16 MiB. */
  checkpointBytes: number;
  /** WAL size past which a TRUNCATE checkpoint runs. Default env ASDS_WAL_LIMIT_BYTES, else 256 MiB. */
  walLimitBytes: number;
}

export class WalPolicy {
  private sinceCheckpoint = 0;
  private checkpointer?: Checkpointer;
  private mode: 'passive' | 'truncate' = 'passive';
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly db: Database.Database,
    private readonly walFd: number,
    private readonly limits: WalLimits,
    private readonly observer: () => JournalObserver | undefined,
  ) {}

  /** Count bytes written since the last checkpoint started. */
  written(bytes: number): void {
    this.sinceCheckpoint += bytes;
  }

  /** After a durable group: start a checkpoint when enough was written or the WAL is over its limit. */
  afterSync(): void {
    if (this.closed) return;
    const walBytes = fstatSync(this.walFd).size;
    if (walBytes > 4 * this.limits.walLimitBytes) return this.truncateNow();
    const overLimit = walBytes > this.limits.walLimitBytes;
    if (this.sinceCheckpoint < this.limits.checkpointBytes && !overLimit) return;
    this.checkpointer ??= new Checkpointer(this.path, (r) => {
      if (!r.ok) this.onError(r.error);
      this.observer()?.checkpoint?.(this.mode, r.ok);
    });
    const mode = overLimit ? 'truncate' : 'passive';
    if (this.checkpointer.request(mode)) {
      this.sinceCheckpoint = 0;
      this.mode = mode;
    }
  }

  /** The worker's connection closes after the writer's; being the last, it checkpoints (FULL) and removes the WAL. */
  close(): void {
    this.closed = true;
    void this.checkpointer?.close();
  }

  /** A TRUNCATE checkpoint on the writer's own connection (the event loop waits for it: bounded by the WAL limit). */
  private truncateNow(): void {
    try {
      this.db.pragma('synchronous = FULL');
      const [r] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      this.sinceCheckpoint = 0;
      this.observer()?.checkpoint?.('truncate', r?.busy === 0);
    } catch (e) {
      this.onError(String(e));
    } finally {
      this.db.pragma('synchronous = OFF');
    }
  }

  private onError(error: string | undefined): void {
    // Not fatal: the WAL holds everything durably; the next checkpoint retries.
    process.emitWarning(`journal ${this.path}: checkpoint failed: ${error ?? 'unknown'}`);
  }
}
