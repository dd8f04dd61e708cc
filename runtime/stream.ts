/**
 * Ordered, resumable read of a node's events by global sequence. The
 * court→centre replicator builds its outbox on this: remember the last gseq
 * the centre confirmed, and follow from the next one.
 */
import type { Journal, StoredEvent } from './journal/journal.ts';

export interface FollowOptions {
  /** First global sequence to yield. Default 1. */
  from?: number;
  /** Rows per read. Default 500. */
  batch?: number;
  signal?: AbortSignal;
}

/** Yields every event from `from` on, then waits for new commits; ends when `signal` aborts. */
export async function* followJournal(journal: Journal, opts: FollowOptions = {}): AsyncGenerator<StoredEvent> {
  let next = opts.from ?? 1;
  const batch = opts.batch ?? 500;
  while (!opts.signal?.aborted) {
    const rows = journal.read(next, batch);
    for (const r of rows) {
      yield r;
      next = r.gseq + 1;
    }
    if (rows.length === batch) continue;
    await waitForCommit(journal, next, opts.signal);
  }
}

function waitForCommit(journal: Journal, next: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || journal.head().gseq >= next) return resolve();
    const done = () => {
      off();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const off = journal.onCommit((last) => {
      if (last >= next) done();
    });
    signal?.addEventListener('abort', done);
  });
}
