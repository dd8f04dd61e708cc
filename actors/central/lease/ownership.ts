/**
 * Ownership of one embedded analytics store (issue 12 item 2): a loop that keeps this worker either the owner
 * (lease held, folder locked, store open, services running) or a stand-by (waiting for the lease), never both and
 * never neither for longer than it takes to notice.
 *
 *   standby ──lease won──▶ acquiring ──folder lock free──▶ owner
 *      ▲                       │ lease lost                   │ lease lost (paused, cut off): services stopped
 *      └───────────────────────┴──────────────────────────────┘ without writing (fence.ts), folder unlocked
 *
 * `acquiring` exists because a paused owner still has the folder open: the new holder keeps the lease alive and
 * waits for the folder's lock, which the old owner gives up when it wakes and finds its lease gone.
 */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { LeaseV1 } from '../../../contracts/ops/index.ts';
import type { DataDirLock } from '../../../runtime/data-lock.ts';
import type { Logger } from '../../../runtime/index.ts';
import { leaseReleasedSubject, type AnalyticsLease } from './lease.ts';

export type OwnershipState = 'standby' | 'acquiring' | 'owner';

/** What runs while this worker owns the store. */
export interface Term {
  stop(): Promise<void>;
}

export interface OwnershipOptions {
  lease: AnalyticsLease;
  nc: NatsConnection;
  /** Lock the store's folder; throws (DataDirInUse) while another process has it. */
  lockFolder: () => DataDirLock;
  /** Open the store and start what uses it (ingest, queries, jobs). */
  startTerm: () => Promise<Term>;
  log: Logger;
  /** Each change of state, with the holder seen when not the owner. */
  onState: (state: OwnershipState, holder: LeaseV1 | undefined) => void;
}

export class Ownership {
  private current: OwnershipState = 'standby';
  private term: Term | undefined;
  private folder: DataDirLock | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private sub: Subscription | undefined;
  private waitingSaid = false;

  constructor(private readonly o: OwnershipOptions) {}

  get state(): OwnershipState {
    return this.current;
  }

  /** Who owns the store as far as this worker knows (itself when owner). */
  get holder(): LeaseV1 | undefined {
    return this.o.lease.holder;
  }

  start(): this {
    // a released lease is taken at once, not at the next poll
    this.sub = this.o.nc.subscribe(leaseReleasedSubject(this.o.lease.store.key), { callback: () => this.wake?.() });
    this.loop = this.run();
    return this;
  }

  private get pollMs(): number {
    const ttl = this.o.lease.ttlMs;
    return Math.max(50, Math.floor(this.current === 'acquiring' ? ttl / 8 : ttl / 4));
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.step();
      } catch (e) {
        this.o.log.warn('lease-step-failed', { state: this.current, error: String(e) });
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.pollMs);
        this.wake = () => (clearTimeout(t), resolve());
      });
      this.wake = undefined;
    }
  }

  private async step(): Promise<void> {
    if (this.current === 'standby') {
      const r = await this.o.lease.tryAcquire();
      if (!r.won) return this.o.onState('standby', r.holder);
      this.enter('acquiring');
    }
    if (this.current === 'acquiring') {
      if ((await this.o.lease.renew('acquiring')) === 'lost') return this.enter('standby');
      if (!this.folder) {
        try {
          this.folder = this.o.lockFolder();
        } catch (e) {
          if (!this.waitingSaid) this.o.log.info('lease-waiting-for-folder', { error: (e as Error).message });
          this.waitingSaid = true;
          return;
        }
      }
      this.waitingSaid = false;
      try {
        this.term = await this.o.startTerm();
      } catch (e) {
        this.o.log.error('analytics-start-failed', { error: String(e) });
        return;
      }
      if ((await this.o.lease.renew('owner')) === 'lost') return this.stepDown();
      return this.enter('owner');
    }
    if ((await this.o.lease.renew('owner')) === 'lost') await this.stepDown();
  }

  private enter(state: OwnershipState): void {
    this.current = state;
    this.o.onState(state, state === 'owner' ? undefined : this.o.lease.holder);
  }

  /** The lease is someone else's: stop everything on the store (the fence refuses their writes), unlock the folder. */
  private async stepDown(): Promise<void> {
    this.o.lease.lose();
    this.o.log.warn('lease-lost', { store: this.o.lease.store.key });
    await this.closeStore();
    this.enter('standby');
  }

  private async closeStore(): Promise<void> {
    const term = this.term;
    this.term = undefined;
    await term?.stop().catch((e) => this.o.log.warn('analytics-stop-failed', { error: String(e) }));
    this.folder?.release();
    this.folder = undefined;
  }

  /**
   * Stop (clean stop or drain): services first while the lease still fences them in, then the store closed and the
   * folder unlocked, then the lease released — so a stand-by can open the store the moment it sees the release.
   * Resolves with the released lease key, if this worker held it.
   */
  async stop(): Promise<string | undefined> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    try {
      this.sub?.unsubscribe();
    } catch {
      // closed
    }
    const held = this.o.lease.token > 0;
    await this.closeStore();
    return held && (await this.o.lease.release()) ? this.o.lease.store.key : undefined;
  }
}
