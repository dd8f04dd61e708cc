/**
 * The analytics lease, version 1 (issue 12 item 2): with embedded chdb exactly one central worker owns an analytics
 * store at a time. The lease is a key in the NATS KV bucket `asds_leases`, one key per store, written only with
 * compare-and-set (create when absent, update with the last revision). The KV revision of the holder's last write is
 * the **fencing token**: a write with an older token fails, so a paused owner cannot renew a lease taken over.
 *
 * Expiry is judged by each reader on its own clock: a lease whose revision has not changed for `ttlMs` since the
 * reader first saw it is expired (so clocks of different machines never have to agree); `expiresAt` is the holder's
 * wall-clock estimate, for people (`asds ops status`).
 */
import { Type, type Static } from '@sinclair/typebox';

/** KV bucket of analytics leases. */
export const LEASE_BUCKET = 'asds_leases';

export const LeaseV1 = Type.Object(
  {
    v: Type.Literal(1),
    /** The analytics store, as the key names it (chdb: `chdb_<host>_<hash of the folder>`). */
    store: Type.String({ minLength: 1, maxLength: 200 }),
    /** What the store is, for people: the chdb folder's absolute path. */
    path: Type.String({ maxLength: 4096 }),
    /** The holder: central worker node name (`central-1`), its process id and host name. */
    holder: Type.String({ minLength: 1, maxLength: 100 }),
    pid: Type.Integer({ minimum: 1 }),
    host: Type.String({ maxLength: 255 }),
    /** When this holder took the lease (epoch ms, holder's clock). */
    since: Type.Integer({ minimum: 0 }),
    /** Last renewal (epoch ms, holder's clock). */
    renewed: Type.Integer({ minimum: 0 }),
    /** Lease time to live: a reader takes a lease unchanged this long as expired. */
    ttlMs: Type.Integer({ minimum: 100 }),
    /** renewed + ttlMs, for people. */
    expiresAt: Type.Integer({ minimum: 0 }),
    /**
     * `acquiring`: the holder won the lease but waits for the store's folder lock (the previous owner, maybe paused,
     * still has it open); `owner`: the holder has the store open and ingests.
     */
    state: Type.Union([Type.Literal('acquiring'), Type.Literal('owner')]),
  },
  { additionalProperties: false },
);
export type LeaseV1 = Static<typeof LeaseV1>;

/** A lease as read from the bucket (what `readLeases` returns). */
export interface LeaseEntryV1 {
  key: string;
  lease: LeaseV1;
  /** The fencing token: the KV revision of the holder's last write. */
  token: number;
  /** Past `expiresAt` by the reader's clock (a hint; stand-by workers judge by watching the revision). */
  expired: boolean;
}

/**
 * Which analytics store the ingest stream feeds, key `ingest_binding` in the same bucket. Written by the first worker
 * that serves a store and not changed by any worker after: a worker whose store is another one refuses to start,
 * because two stores consuming the one stream would each hold a part of the events (issue 12: the same report
 * answered 100 or 61 depending on the worker). Rebinding is an operator's decision (`central serve
 * --rebind-analytics`, after moving the store), never automatic.
 */
export const INGEST_BINDING_KEY = 'ingest_binding';

export const IngestBindingV1 = Type.Object(
  {
    v: Type.Literal(1),
    /** The store's key: a chdb lease key, or `clickhouse_<hash of the server URL without credentials>`. */
    store: Type.String({ minLength: 1, maxLength: 200 }),
    /** For people: the chdb folder or the ClickHouse URL without credentials. */
    path: Type.String({ maxLength: 4096 }),
    host: Type.String({ maxLength: 255 }),
    /** The worker that bound it, and when (epoch ms). */
    by: Type.String({ maxLength: 100 }),
    since: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type IngestBindingV1 = Static<typeof IngestBindingV1>;
