/**
 * The actor system of one node: registry of behaviors, live cells (activated
 * on demand, passivated when idle), routing of tell/ask (in memory when local,
 * NATS when remote), durable reminders and graceful shutdown.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusIdentity } from './bus/identity.ts';
import type { ActorAddress, Behavior, CommandMeta, Effect } from './actor.ts';
import { addressKey, formatAddress } from './actor.ts';
import { ActorCell, type Envelope } from './cell.ts';
import { HeldClock, type ClockAlarm } from './clock.ts';
import { AskTimeout, NotOwner, ShuttingDown, toWire, ValidationFailed } from './errors.ts';
import { Journal } from './journal/journal.ts';
import { createLogger, type Logger } from './log.ts';
import { NatsBridge } from './remote.ts';
import { ReminderScheduler } from './reminders.ts';
import { ActorRef } from './ref.ts';
import { assertValid } from './validate.ts';
import { NodeName } from '../contracts/runtime/envelope.ts';
import { addGaugeSource, askSeconds, journalCommitSeconds, journalFsyncSeconds } from './metrics/registry.ts';

export interface ActorSystemOptions {
  /** This node's name, e.g. `court-527` or `central`. Subjects are `asds.<node>.…`. */
  node: string;
  /** The node's journal (or a path to its SQLite file). Required to host persistent actors. */
  journal?: Journal | string;
  /** Connect actors across processes over NATS. Without it, only local addresses work. */
  nats?: NatsConnection;
  /** This node's bus identity: signs its requests and verifies who sent the commands it serves (runtime/bus). */
  bus?: BusIdentity;
  /** Messages waiting per actor before MailboxFull. Default 1000. */
  mailboxCapacity?: number;
  /**
   * Most consecutive messages of one busy actor decided into one durable write
   * (each still decided on the state left by the previous). Default 256.
   */
  maxBatch?: number;
  /** Default ask timeout, ms. Default 5000. */
  askTimeoutMs?: number;
  /** Snapshot an actor's state every N events. Default 100. */
  snapshotEvery?: number;
  /** Passivate an actor idle this long, ms. Default 300000 (5 min). 0 disables. */
  passivateAfterMs?: number;
  /** Attempts before a failing message is dead-lettered. Default 3. */
  maxAttempts?: number;
  /** First restart backoff, doubled per attempt, ms. Default 50. */
  backoffBaseMs?: number;
  /** Longest restart backoff, ms. Default 5000. */
  backoffMaxMs?: number;
  /** How often due reminders are looked for, ms. Default 1000. */
  reminderTickMs?: number;
  /** Clock, epoch ms. Default Date.now. Held so that it never runs backwards (clock.ts). */
  clock?: () => number;
  /**
   * Hold the clock when it jumps backwards (clock.ts). Default true. Only tests
   * that move one node's clock forward and back again (appeal terms) turn it off;
   * no command-line flag does.
   */
  holdClock?: boolean;
  /** Called (after the log line) when the clock was found behind the last time the actors saw. */
  onClockAlarm?: (a: ClockAlarm) => void;
  /** Random source for `ctx.randomBytes`. Default crypto.randomBytes (CSPRNG). */
  randomBytes?: (n: number) => Uint8Array;
  logger?: Logger;
}

export interface AskOptions {
  /** Idempotency key: a repeat returns the first reply and writes nothing. */
  commandId?: string;
  meta?: CommandMeta;
  timeoutMs?: number;
}

export class ActorSystem {
  readonly node: string;
  readonly journal?: Journal;
  readonly log: Logger;
  private readonly behaviors = new Map<string, Behavior>();
  private readonly cells = new Map<string, ActorCell>();
  private untrackMailboxes: () => void = () => undefined;
  private readonly askTimers = new Map<string, { observe(v: number): void }>();
  private bridge?: NatsBridge;
  private readonly reminders?: ReminderScheduler;
  /** The actors' clock: the configured one, held at the last time when it jumps backwards. */
  readonly clock: HeldClock;
  private readonly opts: Required<Omit<ActorSystemOptions, 'journal' | 'nats' | 'bus' | 'logger' | 'randomBytes' | 'onClockAlarm' | 'holdClock'>> &
    Pick<ActorSystemOptions, 'randomBytes'>;
  private passivation?: NodeJS.Timeout;
  private stopping = false;
  private started = false;
  private ownsJournal = false;

  constructor(options: ActorSystemOptions) {
    assertValid(NodeName, options.node, 'node name');
    this.node = options.node;
    this.log = options.logger ?? createLogger(`node:${options.node}`);
    this.opts = {
      node: options.node,
      mailboxCapacity: options.mailboxCapacity ?? 1000,
      maxBatch: options.maxBatch ?? 256,
      askTimeoutMs: options.askTimeoutMs ?? 5000,
      snapshotEvery: options.snapshotEvery ?? 100,
      passivateAfterMs: options.passivateAfterMs ?? 300_000,
      maxAttempts: options.maxAttempts ?? 3,
      backoffBaseMs: options.backoffBaseMs ?? 50,
      backoffMaxMs: options.backoffMaxMs ?? 5000,
      reminderTickMs: options.reminderTickMs ?? 1000,
      clock: options.clock ?? Date.now,
      randomBytes: options.randomBytes,
    };
    if (typeof options.journal === 'string') {
      this.journal = new Journal(options.journal);
      this.ownsJournal = true;
    } else if (options.journal) {
      this.journal = options.journal;
    }
    // Floor: the journal's last event, so that a clock set back while the node was down is caught at once.
    const floor = this.journal ? (this.journal.read(Math.max(1, this.journal.head().gseq), 1)[0]?.ts ?? 0) : 0;
    this.clock = new HeldClock(this.opts.clock, floor, (a) => {
      this.log.error('clock-backwards', { wall: new Date(a.wall).toISOString(), heldAt: new Date(a.held).toISOString(), behindMs: a.held - a.wall });
      // Outside the caller's handling of its message: the hook may tell an actor.
      if (options.onClockAlarm) setImmediate(() => options.onClockAlarm!(a));
    });
    if (options.holdClock !== false) this.opts.clock = this.clock.now;
    if (options.nats) this.bridge = new NatsBridge(options.nats, this.node, this.localDelivery(), this.log, options.bus);
    if (this.journal) {
      this.reminders = new ReminderScheduler(this.journal, this.opts.reminderTickMs, this.opts.clock, this.log, (a, env) =>
        this.deliverReminder(a, env),
      );
    }
  }

  /** Register a behavior (actor kind) hosted by this node. */
  /** Whether an actor kind is registered on this node (e.g. is distribution running: /health). */
  hasKind(kind: string): boolean {
    return this.behaviors.has(kind);
  }

  register(behavior: Behavior): this {
    if (this.behaviors.has(behavior.kind)) throw new Error(`actor kind ${behavior.kind} registered twice`);
    this.behaviors.set(behavior.kind, behavior);
    return this;
  }

  /**
   * Attach a NATS connection after start (a court node starts offline and
   * connects when the network is there). Serves this node's subjects at once.
   */
  attachNats(nc: NatsConnection, identity?: BusIdentity): void {
    if (this.bridge) throw new Error(`node ${this.node} already has a NATS connection`);
    this.bridge = new NatsBridge(nc, this.node, this.localDelivery(), this.log, identity);
    if (this.started) this.bridge.start();
  }

  /** Start serving NATS subjects, reminders and passivation. */
  start(): this {
    this.started = true;
    if (this.journal && !this.journal.observer) {
      const node = { node: this.node };
      this.journal.observer = { commit: (ms) => journalCommitSeconds.observe(node, ms / 1000), fsync: (ms) => journalFsyncSeconds.observe(node, ms / 1000) };
    }
    this.untrackMailboxes = addGaugeSource('asds_mailbox_depth', () => [...this.mailboxDepths()].map(([kind, value]) => ({ labels: { node: this.node, kind }, value })));
    this.bridge?.start();
    this.reminders?.start();
    if (this.opts.passivateAfterMs > 0) {
      this.passivation = setInterval(() => this.passivateIdle(), Math.max(10, this.opts.passivateAfterMs / 2));
      this.passivation.unref();
    }
    return this;
  }

  /** A reference to an actor on this node (default) or another. */
  ref(kind: string, id: string, node: string = this.node): ActorRef {
    return new ActorRef(this, { node, kind, id });
  }

  /** Ask and wait for the reply (or a typed error). Location transparent. Latency and outcome go to `asds_ask_seconds`. */
  ask<R = unknown>(to: ActorAddress, command: unknown, opts: AskOptions = {}): Promise<R> {
    const t0 = performance.now();
    const observe = (outcome: string) => this.askTimer(to.kind, outcome).observe((performance.now() - t0) / 1000);
    return this.askAnywhere<R>(to, command, opts).then(
      (r) => (observe('ok'), r),
      (e: unknown) => {
        observe((e as { code?: string }).code ?? 'ERROR');
        throw e;
      },
    );
  }

  /** The histogram child per (kind, outcome), kept: labelling on every ask costs more than the observation. */
  private askTimer(kind: string, outcome: string): { observe(v: number): void } {
    const key = `${kind}\u0000${outcome}`;
    let t = this.askTimers.get(key);
    if (!t) this.askTimers.set(key, (t = askSeconds.labels(this.node, kind, outcome)));
    return t;
  }

  /** Messages waiting in mailboxes, per actor kind (scraped as `asds_mailbox_depth`). */
  mailboxDepths(): Map<string, number> {
    const out = new Map<string, number>();
    for (const c of this.cells.values()) out.set(c.address.kind, (out.get(c.address.kind) ?? 0) + c.pending);
    return out;
  }

  private askAnywhere<R>(to: ActorAddress, command: unknown, opts: AskOptions): Promise<R> {
    if (to.node === this.node) return this.askLocal(to, command, opts) as Promise<R>;
    if (!this.bridge) return Promise.reject(new NotOwner(formatAddress(to), this.node));
    // no meta on the wire: the receiver sets the author from the sender's verified passport (runtime/remote.ts)
    const env = { v: 1 as const, command, ...(opts.commandId ? { commandId: opts.commandId } : {}) };
    return this.bridge.request(to, env, opts.timeoutMs ?? this.opts.askTimeoutMs) as Promise<R>;
  }

  /** Fire and forget. Local: throws MailboxFull / ValidationFailed synchronously. */
  tell(to: ActorAddress, command: unknown, opts: Omit<AskOptions, 'timeoutMs'> = {}): void {
    if (to.node === this.node) return this.tellLocal(to, command, opts);
    if (!this.bridge) throw new NotOwner(formatAddress(to), this.node);
    // no meta on the wire: the receiver sets the author from the sender's verified passport (runtime/remote.ts)
    const env = { v: 1 as const, command, ...(opts.commandId ? { commandId: opts.commandId } : {}) };
    this.bridge.publish(to, env);
  }

  private localDelivery() {
    return {
      askLocal: (to: ActorAddress, c: unknown, o: AskOptions) => this.askLocal(to, c, o),
      tellLocal: (to: ActorAddress, c: unknown, o: AskOptions) => this.tellLocal(to, c, o),
      remotePolicy: (kind: string) => this.behaviors.get(kind)?.remote,
    };
  }

  private askLocal(to: ActorAddress, command: unknown, opts: AskOptions): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timeoutMs = opts.timeoutMs ?? this.opts.askTimeoutMs;
      const timer = setTimeout(() => reject(new AskTimeout(formatAddress(to), timeoutMs)), timeoutMs);
      const env: Envelope = {
        command,
        meta: opts.meta ?? {},
        attempts: 0,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      if (opts.commandId !== undefined) env.commandId = opts.commandId;
      try {
        this.cellFor(to, command).enqueue(env);
      } catch (e) {
        clearTimeout(timer);
        reject(e);
      }
    });
  }

  private tellLocal(to: ActorAddress, command: unknown, opts: Omit<AskOptions, 'timeoutMs'>): void {
    const env: Envelope = { command, meta: opts.meta ?? {}, attempts: 0 };
    if (opts.commandId !== undefined) env.commandId = opts.commandId;
    this.cellFor(to, command).enqueue(env);
  }

  /** Validate the command against the kind's schema, then find or activate the cell. */
  private cellFor(to: ActorAddress, command: unknown): ActorCell {
    if (this.stopping) throw new ShuttingDown();
    const behavior = this.behaviors.get(to.kind);
    if (!behavior) throw new NotOwner(formatAddress(to), this.node);
    if (behavior.commandSchema) assertValid(behavior.commandSchema, command, `command for ${to.kind}`);
    return this.activate(to, behavior);
  }

  private activate(to: ActorAddress, behavior: Behavior): ActorCell {
    const key = addressKey(to);
    let cell = this.cells.get(key);
    if (cell) return cell;
    if (!this.journal) throw new ValidationFailed(`node ${this.node} has no journal to host ${to.kind}`);
    cell = new ActorCell(to, behavior, this.journal, {
      mailboxCapacity: behavior.mailboxCapacity ?? this.opts.mailboxCapacity,
      maxBatch: this.opts.maxBatch,
      snapshotEvery: this.opts.snapshotEvery,
      maxAttempts: this.opts.maxAttempts,
      backoffBaseMs: this.opts.backoffBaseMs,
      backoffMaxMs: this.opts.backoffMaxMs,
      clock: this.opts.clock,
      ...(this.opts.randomBytes ? { randomBytes: this.opts.randomBytes } : {}),
      send: (dest, message, meta) => this.tell(dest, message, { meta }),
      askFor: (self, ef, meta) => this.askFor(self, ef, meta),
      onReminderSettled: (actor, name) => this.reminders?.settled(actor, name),
      log: this.log,
    });
    this.cells.set(key, cell);
    return cell;
  }

  /** An `ask` effect: ask, then tell the answer (or the typed error) back to the asking actor. */
  private askFor(self: ActorAddress, ef: Extract<Effect, { type: 'ask' }>, meta: CommandMeta): void {
    const base = { type: ef.replyType, ...(ef.correlation !== undefined ? { correlation: ef.correlation } : {}) };
    const back = (msg: unknown) => {
      try {
        this.tell(self, msg, { meta: { author: `system:ask-reply`, ...(meta.author ? { on_behalf_of: meta.author } : {}) } });
      } catch (e) {
        this.log.warn('ask-reply-undeliverable', { to: formatAddress(self), error: String(e) });
      }
    };
    this.ask(ef.to, ef.message, { meta, ...(ef.timeoutMs !== undefined ? { timeoutMs: ef.timeoutMs } : {}), ...(ef.commandId !== undefined ? { commandId: ef.commandId } : {}) }).then(
      (reply) => back({ ...base, ok: true, reply }),
      (e) => back({ ...base, ok: false, error: toWire(e) }),
    );
  }

  private deliverReminder(actorKey: string, env: Envelope): boolean {
    const slash = actorKey.indexOf('/');
    const to: ActorAddress = { node: this.node, kind: actorKey.slice(0, slash), id: actorKey.slice(slash + 1) };
    const behavior = this.behaviors.get(to.kind);
    if (!behavior || this.stopping) return false;
    this.activate(to, behavior).enqueue(env);
    return true;
  }

  /** Drop idle cells from memory; they recover from snapshot + replay when addressed again. */
  passivateIdle(now: number = this.opts.clock()): number {
    let n = 0;
    for (const [key, cell] of this.cells) {
      if (cell.idle && now - cell.lastActive >= this.opts.passivateAfterMs) {
        this.cells.delete(key);
        n++;
      }
    }
    return n;
  }

  /** Number of live (activated) actors. */
  get liveActors(): number {
    return this.cells.size;
  }

  /** Fire reminders that are due now (also runs on the scheduler's tick). */
  fireDueReminders(): number {
    return this.reminders?.tick() ?? 0;
  }

  /** Graceful shutdown: refuse new messages, drain mailboxes, flush the journal, close. */
  async shutdown(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.untrackMailboxes();
    this.reminders?.stop();
    if (this.passivation) clearInterval(this.passivation);
    await this.bridge?.stop();
    await Promise.all([...this.cells.values()].map((c) => c.whenIdle()));
    this.journal?.flushNow();
    if (this.ownsJournal) this.journal?.close();
  }
}
