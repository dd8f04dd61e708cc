/**
 * The operations KV buckets of the centre (contracts/ops): `asds_leases` and `asds_workers`. Created by the first
 * central worker that needs them (history 1: only the current value matters; the revision is the fencing token),
 * with the replicas of the ingest stream (3 on the centre's cluster: a lease survives one server).
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { LEASE_BUCKET, PRESENCE_BUCKET } from '../../../contracts/ops/index.ts';

export function openLeaseBucket(nc: NatsConnection, replicas = 1): Promise<KV> {
  return new Kvm(nc).create(LEASE_BUCKET, { history: 1, replicas, description: 'asds: analytics leases (one owner per embedded store)' });
}

export function openPresenceBucket(nc: NatsConnection, replicas = 1): Promise<KV> {
  return new Kvm(nc).create(PRESENCE_BUCKET, { history: 1, replicas, description: 'asds: central workers present' });
}

/** Is this a compare-and-set refusal (someone else wrote the key since the revision we gave)? */
export function isWrongRevision(e: unknown): boolean {
  const code = (e as { code?: number; api_error?: { err_code?: number } }).api_error?.err_code ?? (e as { code?: number }).code;
  return code === 10071 || /wrong last sequence/i.test(String((e as Error)?.message ?? e));
}
