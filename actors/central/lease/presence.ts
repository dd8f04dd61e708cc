/**
 * This worker's entry in `asds_workers` (contracts/ops/presence.ts): written at start and at every role change,
 * rewritten every `heartbeatMs`, deleted on a clean stop. A worker that dies leaves its entry; readers see its
 * heartbeat age and call it stale (read.ts) — the operator learns a worker died rather than seeing it vanish.
 */
import { hostname } from 'node:os';
import type { KV } from '@nats-io/kv';
import type { WorkerPresenceV1, WorkerRoleV1 } from '../../../contracts/ops/index.ts';
import type { Logger } from '../../../runtime/index.ts';

export interface PresenceFields {
  engine: WorkerPresenceV1['engine'];
  store?: string;
  owner?: string;
  http?: string;
}

export class Presence {
  private role: WorkerRoleV1 = 'starting';
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kv: KV,
    private readonly node: string,
    private fields: PresenceFields,
    private readonly heartbeatMs: number,
    private readonly log: Logger,
  ) {}

  start(): this {
    this.beat();
    this.timer = setInterval(() => this.beat(), this.heartbeatMs);
    this.timer.unref();
    return this;
  }

  /** A new role (and owner): written at once, not at the next beat. */
  set(role: WorkerRoleV1, fields: Partial<PresenceFields> = {}): void {
    this.role = role;
    this.fields = { ...this.fields, ...fields };
    if (role !== 'standby' && fields.owner === undefined) delete this.fields.owner;
    this.beat();
  }

  private beat(): void {
    if (this.stopped) return;
    const v: WorkerPresenceV1 = {
      v: 1,
      node: this.node,
      role: this.role,
      pid: process.pid,
      host: hostname(),
      started: this.started,
      heartbeat: Date.now(),
      heartbeatMs: this.heartbeatMs,
      ...this.fields,
    };
    // one write at a time, in order: a late heartbeat must not overwrite a newer role
    this.writing = this.writing.then(() => this.kv.put(this.node, JSON.stringify(v)).catch((e) => this.log.debug('presence-not-written', { error: String(e) })));
  }

  /** Clean stop: the entry goes away (a dead worker's stays, stale). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.writing;
    await this.kv.delete(this.node).catch((e) => this.log.warn('presence-not-removed', { error: String(e) }));
  }
}
