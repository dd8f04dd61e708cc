/**
 * One analytics store per ingest stream (contracts/ops/lease.ts IngestBindingV1). Workers on one store share it
 * (a ClickHouse server) or take turns (a chdb folder, ownership.ts); a worker on ANOTHER store would take a share of
 * the stream's events into a store no query sees whole, so it refuses to start, naming the bound store.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { KV } from '@nats-io/kv';
import { INGEST_BINDING_KEY, IngestBindingV1 } from '../../../contracts/ops/index.ts';
import { AsdsError } from '../../../runtime/errors.ts';
import { schemaErrors } from '../../../runtime/validate.ts';
import { isWrongRevision } from './kv.ts';
import type { StoreId } from './store.ts';

export class AnalyticsStoreMismatch extends AsdsError {
  constructor(readonly bound: IngestBindingV1, mine: StoreId) {
    super(
      'ANALYTICS_STORE_MISMATCH',
      `the ingest stream feeds the analytics store ${bound.path} on ${bound.host} (bound by ${bound.by}); this worker's store is ${mine.path} on ${mine.host}. ` +
        `Two stores would each get a part of the events: give --analytics-dir ${bound.path} (on that machine) to stand by for it, or, after moving the store deliberately, start once with --rebind-analytics`,
    );
  }
}

/** A ClickHouse server as a store: keyed by its URL without credentials (every worker names the same server). */
export function serverStore(url: string): StoreId {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  const path = u.toString();
  return { key: `clickhouse_${createHash('sha256').update(path).digest('hex').slice(0, 16)}`, path, host: u.host };
}

/** Bind the stream to `store` if unbound (or when told to rebind); throws AnalyticsStoreMismatch if it feeds another. */
export async function bindIngestStore(kv: KV, store: StoreId, node: string, rebind = false): Promise<IngestBindingV1> {
  const mine: IngestBindingV1 = { v: 1, store: store.key, path: store.path, host: store.host || hostname(), by: node, since: Date.now() };
  for (let attempt = 0; attempt < 5; attempt++) {
    const e = await kv.get(INGEST_BINDING_KEY);
    const bound = e && e.operation === 'PUT' ? e.json<IngestBindingV1>() : undefined;
    if (bound && schemaErrors(IngestBindingV1, bound).length === 0 && bound.store === store.key) return bound;
    if (bound && !rebind && schemaErrors(IngestBindingV1, bound).length === 0) throw new AnalyticsStoreMismatch(bound, store);
    try {
      if (e && e.operation === 'PUT') await kv.update(INGEST_BINDING_KEY, JSON.stringify(mine), e.revision);
      else await kv.create(INGEST_BINDING_KEY, JSON.stringify(mine));
      return mine;
    } catch (err) {
      // another worker bound it meanwhile: read again
      if (!isWrongRevision(err) && !/exists/i.test(String(err))) throw err;
    }
  }
  throw new AsdsError('ANALYTICS_BINDING_CONTENDED', 'the ingest stream binding kept changing while this worker read it; try again');
}
