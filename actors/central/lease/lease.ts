/**
 * One worker's hold on the lease of one analytics store (contracts/ops/lease.ts). Every write is a
 * compare-and-set on the KV key, so two workers never both believe a write of theirs made them the holder:
 *
 * - `tryAcquire()`: create the key when absent (or deleted: a clean release); otherwise take it over with an
 *   update at the revision seen, but only once that revision stayed unchanged for `ttlMs` by THIS process's
 *   monotonic clock (the holder stopped renewing) — no wall clocks compared across machines;
 * - `renew(state)`: update at our own last revision (the fencing token); a refusal means someone took it: lost;
 * - `mayWrite()`: true only while our last confirmed renewal is younger than `ttlMs × VALID_SHARE` by our own
 *   clock — strictly inside the time any other worker must wait before taking over; `confirm()` renews first when
 *   it is older (the fence every statement of the analytics engine passes: fence.ts);
 * - `release()`: delete at our revision (never a successor's lease) and tell stand-bys at once.
 */
import { hostname } from 'node:os';
import type { NatsConnection } from '@nats-io/transport-node';
import type { KV } from '@nats-io/kv';
import type { LeaseV1 } from '../../../contracts/ops/index.ts';
import { isWrongRevision } from './kv.ts';
import type { StoreId } from './store.ts';

/** A holder stops writing after this share of the TTL without a confirmed renewal (the rest is margin for clock rates and delivery). */
export const VALID_SHARE = 0.6;
/** Core NATS notice that a lease was released (stand-bys try at once instead of at their next poll). */
export const leaseReleasedSubject = (key: string) => `asds.central.lease-released.${key}`;

export type AcquireResult = { won: true } | { won: false; holder: LeaseV1 | undefined };

export class AnalyticsLease {
  /** The KV revision of our last write; 0 when we do not hold the lease. */
  token = 0;
  private validUntil = 0;
  private since = 0;
  /** The revision seen last (not ours) and when this process first saw it (monotonic ms). */
  private seen: { revision: number; at: number } | undefined;
  private holderSeen: LeaseV1 | undefined;

  constructor(
    private readonly kv: KV,
    private readonly nc: NatsConnection,
    readonly store: StoreId,
    private readonly node: string,
    readonly ttlMs: number,
    private readonly mono: () => number = () => performance.now(),
  ) {}

  /** Ours, and confirmed recently enough that no one else can have taken it. */
  mayWrite(): boolean {
    return this.token > 0 && this.mono() < this.validUntil;
  }

  /** The last holder seen by a failed acquire (for the stand-by's one line and 503 answers). */
  get holder(): LeaseV1 | undefined {
    return this.holderSeen;
  }

  private value(state: LeaseV1['state']): Uint8Array {
    const now = Date.now();
    const v: LeaseV1 = {
      v: 1,
      store: this.store.key,
      path: this.store.path,
      holder: this.node,
      pid: process.pid,
      host: hostname(),
      since: this.since || now,
      renewed: now,
      ttlMs: this.ttlMs,
      expiresAt: now + this.ttlMs,
      state,
    };
    return new TextEncoder().encode(JSON.stringify(v));
  }

  async tryAcquire(): Promise<AcquireResult> {
    const e = await this.kv.get(this.store.key);
    const sent = this.mono();
    this.since = Date.now();
    if (!e || e.operation !== 'PUT') {
      try {
        this.won(await this.kv.create(this.store.key, this.value('acquiring')), sent);
        return { won: true };
      } catch (err) {
        if (!isWrongRevision(err) && !/exists/i.test(String(err))) throw err;
        return { won: false, holder: this.holderSeen };
      }
    }
    let holder: LeaseV1 | undefined;
    try {
      holder = e.json<LeaseV1>();
    } catch {
      holder = undefined;
    }
    this.holderSeen = holder;
    const dead = deadHere(holder);
    if (!dead && (!this.seen || this.seen.revision !== e.revision)) {
      this.seen = { revision: e.revision, at: sent };
      return { won: false, holder };
    }
    if (!dead && sent - this.seen!.at < this.ttlMs) return { won: false, holder };
    try {
      this.won(await this.kv.update(this.store.key, this.value('acquiring'), e.revision), sent);
      return { won: true };
    } catch (err) {
      if (!isWrongRevision(err)) throw err;
      return { won: false, holder };
    }
  }

  /**
   * 'renewed', 'lost' (someone else wrote the key: step down), or 'unknown' (no answer: try again; the fence holds
   * meanwhile). One renewal at a time: two concurrent writes at the same token would refuse each other.
   */
  renew(state: LeaseV1['state']): Promise<'renewed' | 'lost' | 'unknown'> {
    if (!this.renewing) this.renewing = this.renewOnce(state).finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  /**
   * Before a write: still ours? Yes at once while the last renewal is fresh; otherwise renew first — a worker whose
   * event loop was busy (a long insert) keeps the lease it never lost, and one that lost it learns so here.
   */
  async confirm(state: LeaseV1['state'] = 'owner'): Promise<boolean> {
    if (this.mayWrite()) return true;
    return this.token > 0 && (await this.renew(state)) === 'renewed' && this.mayWrite();
  }

  private renewing: Promise<'renewed' | 'lost' | 'unknown'> | undefined;

  private async renewOnce(state: LeaseV1['state']): Promise<'renewed' | 'lost' | 'unknown'> {
    if (this.token === 0) return 'lost';
    const sent = this.mono();
    try {
      this.won(await this.kv.update(this.store.key, this.value(state), this.token, Math.max(500, Math.floor(this.ttlMs / 4))), sent);
      return 'renewed';
    } catch (err) {
      if (isWrongRevision(err)) {
        this.lose();
        await this.learnHolder();
        return 'lost';
      }
      return 'unknown';
    }
  }

  /** Give the lease up (after the store is closed): delete at our revision, then tell stand-bys. */
  async release(): Promise<boolean> {
    const token = this.token;
    this.lose();
    if (token === 0) return false;
    try {
      await this.kv.delete(this.store.key, { previousSeq: token });
      this.nc.publish(leaseReleasedSubject(this.store.key));
      await this.nc.flush().catch(() => undefined);
      return true;
    } catch {
      // taken meanwhile, or the bus is down: it expires after ttlMs anyway
      return false;
    }
  }

  /** Who holds it now (after losing it: the stand-by line names the new owner, not the one seen before). */
  private async learnHolder(): Promise<void> {
    try {
      const e = await this.kv.get(this.store.key);
      this.holderSeen = e && e.operation === 'PUT' ? e.json<LeaseV1>() : undefined;
    } catch {
      this.holderSeen = undefined;
    }
  }

  /** Forget the lease without writing (we learned it is someone else's). */
  lose(): void {
    this.token = 0;
    this.validUntil = 0;
    this.seen = undefined;
  }

  private won(revision: number, sentAt: number): void {
    this.token = revision;
    this.validUntil = sentAt + this.ttlMs * VALID_SHARE;
    this.seen = undefined;
  }
}

/**
 * A holder on this machine whose process is gone (a worker restarted after SIGKILL): no need to wait out the
 * TTL. Only on the same host, where the pid means something; the folder lock is checked before opening anyway.
 */
function deadHere(holder: LeaseV1 | undefined): boolean {
  if (!holder || holder.host !== hostname() || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (e) {
    return (e as { code?: string }).code === 'ESRCH';
  }
}
