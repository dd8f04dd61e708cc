/**
 * Central workers that scale without splitting data (issue 12 item 2): the analytics lease with fencing, worker
 * presence, drain — and the small readers an operator's tools use.
 *
 *   import { readLeases, readWorkers, requestDrain } from './actors/central/lease/index.ts';
 *   const nc = await connect(busConnectOptions(opsIdentity, 'tls://nats-1:4222'));
 *   for (const l of await readLeases(nc)) console.log(l.lease.holder, l.lease.state, 'token', l.token, l.expired ? 'EXPIRED' : '');
 *   for (const w of await readWorkers(nc)) console.log(w.worker.node, w.worker.role, w.stale ? 'stale' : `${w.ageMs} ms ago`);
 *   await requestDrain(nc, opsIdentity, 'central-1', { reason: 'maintenance' }); // { v: 1, ok: true, node, released, tookMs }
 *   (await readIngestBinding(nc))?.path;                                          // the store the ingest stream feeds
 *
 * With embedded chdb one worker per store owns it (ownership.ts: lease.ts + the folder lock + fence.ts); the others
 * stand by. With a ClickHouse server (`--clickhouse-url`) there is no lease: every worker shares everything.
 */
export { readLeases, readWorkers, readIngestBinding, requestDrain } from './read.ts';
export { AnalyticsLease, VALID_SHARE, leaseReleasedSubject } from './lease.ts';
export { Ownership, type OwnershipState, type Term } from './ownership.ts';
export { fencedEngine, LeaseLost } from './fence.ts';
export { Presence } from './presence.ts';
export { serveDrain } from './drain.ts';
export { chdbStore, type StoreId } from './store.ts';
export { openLeaseBucket, openPresenceBucket } from './kv.ts';
export { NotAnalyticsOwner } from './refusal.ts';
export { bindIngestStore, serverStore, AnalyticsStoreMismatch } from './binding.ts';
