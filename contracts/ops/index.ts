/**
 * Operations contracts, version 1 (issue 12 items 2 and 5): the analytics lease (KV `asds_leases`), worker
 * presence (KV `asds_workers`) and the drain request (`asds.central.<node>.drain`).
 *
 *   import { LEASE_BUCKET, LeaseV1, WorkerPresenceV1, drainSubject, DrainRequestV1 } from './contracts/ops/index.ts';
 *   schemaErrors(LeaseV1, entry.json());                       // [] when well-formed
 *   nc.request(drainSubject('central-1'), body, { headers });  // signed by an ops identity
 *
 * Readers and the drain request: actors/central/lease/index.ts (readLeases, readWorkers, requestDrain).
 */
export * from './lease.ts';
export * from './presence.ts';
export * from './drain.ts';
