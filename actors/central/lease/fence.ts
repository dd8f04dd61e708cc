/**
 * The fence on the analytics engine: every statement of a leased store first checks that this worker still holds
 * the lease (AnalyticsLease.confirm: a fresh renewal, or a renewal made now). A worker that was paused (SIGSTOP, a long GC, a frozen VM) wakes up with
 * an expired lease and every write — ingest batch, marks, status, witness, pulls — and every query fails with
 * `LeaseLost` before reaching the store; the ingest batch is nak'ed and redelivered to the new owner.
 *
 * A statement already inside chdb when the pause began completes after it; that cannot split the store because the
 * new owner opens the folder only after this process released its folder lock (ownership.ts) — the lock is the
 * physical fence, the lease the logical one.
 */
import type { AnalyticsEngine, Params } from '../../../analytics/engine.ts';
import { AsdsError } from '../../../runtime/errors.ts';

export class LeaseLost extends AsdsError {
  /** HTTP: the store is not this worker's to answer from now (a query refused by the fence). */
  readonly statusCode = 503;

  constructor(readonly store: string) {
    super('LEASE_LOST', `the analytics lease of ${store} is no longer held by this worker: nothing written`);
  }
}

/** `confirm` resolves true while the lease is ours (AnalyticsLease.confirm: at once, or after a renewal). */
export function fencedEngine(engine: AnalyticsEngine, confirm: () => boolean | Promise<boolean>, store: string): AnalyticsEngine {
  const check = async () => {
    if (!(await confirm())) throw new LeaseLost(store);
  };
  const fenced: AnalyticsEngine = {
    kind: engine.kind,
    async exec(sql: string, params?: Params) {
      await check();
      return engine.exec(sql, params);
    },
    async query<T>(sql: string, params?: Params) {
      await check();
      return engine.query<T>(sql, params);
    },
    async insert(table, rows) {
      await check();
      return engine.insert(table, rows);
    },
    close: () => engine.close(),
  };
  if (engine.insertLines) {
    const lines = engine.insertLines.bind(engine);
    fenced.insertLines = async (table, columns, text) => {
      await check();
      return lines(table, columns, text);
    };
  }
  return fenced;
}
