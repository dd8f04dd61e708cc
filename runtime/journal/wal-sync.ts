/**
 * Durability of committed groups: one `fdatasync` of the WAL at a time, off
 * the event loop (libuv's thread pool); what commits meanwhile waits for the
 * next one (group commit across ticks). Nothing is acknowledged, told to
 * listeners or shown as the head before the fsync that covers it returns.
 *
 *   const sync = new WalSync(path, walFd, () => observer, () => policy.afterSync());
 *   sync.committed({ head, settle, fail });   // after each SQLite transaction
 *   sync.start();                             // at the end of the tick
 */
import { fdatasync, fdatasyncSync } from 'node:fs';
import { StorageUnavailable } from '../errors.ts';
import type { JournalObserver } from './types.ts';

/** A committed transaction waiting for the fsync that makes it durable. */
export interface Unsynced {
  settle(): void;
  fail(e: unknown): void;
  head: { gseq: number; hash: string };
}

export type CommitListener = (lastGseq: number) => void;

export class WalSync {
  /** Committed, not yet fsynced; the next fsync covers all of them. */
  private unsynced: Unsynced[] = [];
  /** The group covered by the fsync in flight. */
  private syncing: Unsynced[] | null = null;
  /** An fsync failed: the page cache may have dropped our writes, nothing more can be acknowledged. */
  broken?: StorageUnavailable;
  private readonly listeners = new Set<CommitListener>();

  constructor(
    private readonly path: string,
    private readonly walFd: number,
    /** Last durable event: what the journal shows and what was acknowledged. */
    private durable: { gseq: number; hash: string },
    private readonly observer: () => JournalObserver | undefined,
    private readonly afterSync: () => void,
  ) {}

  committed(u: Unsynced): void {
    this.unsynced.push(u);
  }

  head(): { gseq: number; hash: string } {
    return { ...this.durable };
  }

  onDurable(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One fsync at a time; what commits meanwhile waits for the next one. */
  start(): void {
    if (this.syncing !== null || this.unsynced.length === 0) return;
    const group = this.unsynced;
    this.unsynced = [];
    this.syncing = group;
    const t0 = performance.now();
    fdatasync(this.walFd, (err) => {
      if (this.syncing !== group) return; // settled by flush() meanwhile
      this.syncing = null;
      this.observer()?.fsync(performance.now() - t0);
      if (err) return this.failed(group, err);
      this.settle(group);
      this.afterSync();
      this.start();
    });
  }

  /** Make everything committed durable before returning (shutdown, tests). */
  flush(): void {
    if (this.unsynced.length === 0 && this.syncing === null) return;
    // Covers the group of an fsync still in flight too: its callback then finds nothing to settle.
    const groups = [...(this.syncing ?? []), ...this.unsynced];
    this.syncing = null;
    this.unsynced = [];
    try {
      fdatasyncSync(this.walFd);
    } catch (e) {
      return this.failed(groups, e);
    }
    this.settle(groups);
  }

  /** Resolves once everything committed so far is durable (at once when it is). */
  whenDurable(): Promise<void> {
    const group = this.unsynced.length > 0 ? this.unsynced : this.syncing;
    if (group === null || group.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => group.push({ head: group[group.length - 1]!.head, settle: resolve, fail: reject }));
  }

  private settle(group: Unsynced[]): void {
    const last = group[group.length - 1];
    if (last && last.head.gseq > this.durable.gseq) this.durable = last.head;
    for (const u of group) u.settle();
    if (last && last.head.gseq > 0) for (const l of this.listeners) l(this.durable.gseq);
  }

  private failed(group: Unsynced[], e: unknown): void {
    // fsyncgate: after a failed fsync the kernel may have dropped the dirty pages; retrying would lie.
    // Writes answer StorageUnavailable (HTTP 503) from now on, reads keep working; only a restart re-reads the truth.
    this.broken = new StorageUnavailable(this.path, `fsync failed (${String(e)}); restart the node`);
    for (const u of [...group, ...this.unsynced]) u.fail(this.broken);
    this.unsynced = [];
  }
}
