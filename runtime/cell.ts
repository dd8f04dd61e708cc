/**
 * One live actor: its state, its bounded mailbox and the loop that handles one
 * message at a time — decide → persist → effects → reply. Supervision lives
 * here too: an unexpected throw restarts the actor from its persisted state
 * with exponential backoff, and a message that keeps failing is dead-lettered.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { ActorAddress, ActorEvent, Behavior, CommandMeta, DecideContext, Effect, ReminderFire } from './actor.ts';
import { addressKey, formatAddress } from './actor.ts';
import { ConcurrencyConflict, DeadLettered, isExpected, MailboxFull } from './errors.ts';
import type { Journal, PersistRequest, ReminderOp } from './journal/journal.ts';
import type { Logger } from './log.ts';

export interface Envelope {
  command: unknown;
  commandId?: string;
  meta: CommandMeta;
  /** Present when the message is a reminder firing. */
  reminder?: ReminderFire & { everyMs: number | null; nextDue: number | null };
  resolve?(reply: unknown): void;
  reject?(e: unknown): void;
  attempts: number;
}

export interface CellOptions {
  mailboxCapacity: number;
  snapshotEvery: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  clock(): number;
  randomBytes?(n: number): Uint8Array;
  /** Executes `tell` effects after persistence. */
  send(to: ActorAddress, message: unknown, meta: CommandMeta): void;
  onReminderSettled(actor: string, name: string): void;
  log: Logger;
}

export class ActorCell {
  readonly key: string;
  readonly label: string;
  lastActive: number;
  private state: unknown;
  private seq = 0;
  private sinceSnapshot = 0;
  private readonly mailbox: Envelope[] = [];
  private running = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    readonly address: ActorAddress,
    private readonly behavior: Behavior,
    private readonly journal: Journal,
    private readonly opts: CellOptions,
  ) {
    this.key = addressKey(address);
    this.label = formatAddress(address);
    this.lastActive = opts.clock();
    this.recover();
  }

  get pending(): number {
    return this.mailbox.length;
  }

  get idle(): boolean {
    return !this.running && this.mailbox.length === 0;
  }

  /** Rebuild state from the latest snapshot plus the events after it. */
  private recover(): void {
    const { snapshot, events } = this.journal.loadActor(this.key);
    let state = snapshot ? JSON.parse(snapshot.state) : this.behavior.initialState(this.address.id);
    for (const e of events) state = this.behavior.evolve(state, JSON.parse(e.data) as ActorEvent);
    this.state = state;
    this.seq = events.length > 0 ? events[events.length - 1]!.aseq : (snapshot?.aseq ?? 0);
    this.sinceSnapshot = events.length;
  }

  /** Accept a message or refuse it at once with MailboxFull. */
  enqueue(env: Envelope): void {
    if (this.mailbox.length >= this.opts.mailboxCapacity) {
      throw new MailboxFull(this.label, this.opts.mailboxCapacity);
    }
    this.mailbox.push(env);
    this.lastActive = this.opts.clock();
    if (!this.running) void this.run();
  }

  /** Resolves when the mailbox is empty and nothing is being handled. */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.mailbox.length > 0) {
        const env = this.mailbox[0]!;
        const done = await this.handle(env);
        if (done) this.mailbox.shift();
      }
    } finally {
      this.running = false;
      this.lastActive = this.opts.clock();
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Handle one message. Returns false when it must be retried (after a restart). */
  private async handle(env: Envelope): Promise<boolean> {
    if (env.commandId !== undefined) {
      const seen = this.journal.findCommand(this.key, env.commandId);
      if (seen) {
        // Idempotent repeat: the first reply, nothing written.
        this.settleReminder(env);
        env.resolve?.(seen.reply === null ? undefined : JSON.parse(seen.reply));
        return true;
      }
    }
    const now = this.opts.clock();
    let req: PersistRequest;
    let reply: unknown;
    let effects: Effect[];
    let nextState: unknown;
    try {
      const decision = this.behavior.decide(this.state, env.command, this.context(env, now));
      const events = decision.events ?? [];
      nextState = events.reduce((s, e) => this.behavior.evolve(s, e), this.state);
      reply = decision.reply;
      effects = decision.effects ?? [];
      req = this.request(env, now, events, reply, effects, nextState);
    } catch (e) {
      if (isExpected(e)) {
        await this.refuse(env, now, e);
        return true;
      }
      return this.failed(env, e);
    }
    try {
      if (needsWrite(req)) {
        const res = await this.journal.persist(req);
        this.seq = res.seq;
        if (req.snapshot) this.sinceSnapshot = 0;
        else this.sinceSnapshot += req.events.length;
      }
    } catch (e) {
      if (e instanceof ConcurrencyConflict) {
        // Another writer appended first: our view is stale. Reload and tell the caller.
        this.recover();
        this.settleReminder(env);
        env.reject?.(e);
        return true;
      }
      return this.failed(env, e);
    }
    this.state = nextState;
    this.settleReminder(env);
    this.runEffects(effects, env.meta);
    env.resolve?.(reply);
    return true;
  }

  private context(env: Envelope, now: number): DecideContext {
    const rnd = this.opts.randomBytes ?? ((n: number) => new Uint8Array(cryptoRandomBytes(n)));
    const ctx: DecideContext = { self: this.address, now, meta: env.meta, randomBytes: rnd, seq: this.seq };
    if (env.commandId !== undefined) ctx.commandId = env.commandId;
    if (env.reminder) ctx.reminder = { name: env.reminder.name, dueAt: env.reminder.dueAt, coalesced: env.reminder.coalesced };
    return ctx;
  }

  private request(
    env: Envelope,
    now: number,
    events: ActorEvent[],
    reply: unknown,
    effects: Effect[],
    nextState: unknown,
  ): PersistRequest {
    const req: PersistRequest = {
      actor: this.key,
      expectedSeq: this.seq,
      events: events.map((e) => ({ type: e.type, data: JSON.stringify(e) })),
      meta: JSON.stringify(env.meta),
      ts: now,
      reminders: this.reminderOps(env, now, effects),
    };
    if (env.commandId !== undefined) {
      req.commandId = env.commandId;
      req.reply = JSON.stringify(reply ?? null);
    }
    const every = this.behavior.snapshotEvery ?? this.opts.snapshotEvery;
    if (events.length > 0 && this.sinceSnapshot + events.length >= every) {
      req.snapshot = { aseq: this.seq + events.length, state: JSON.stringify(nextState) };
    }
    return req;
  }

  /** The firing's own bookkeeping first, so that a re-schedule by the handler wins. */
  private reminderOps(env: Envelope, now: number, effects: Effect[]): ReminderOp[] {
    const ops: ReminderOp[] = [];
    if (env.reminder) ops.push({ op: 'fired', name: env.reminder.name, firedAt: now, nextDue: env.reminder.nextDue });
    for (const ef of effects) {
      if (ef.type === 'schedule') {
        const op: ReminderOp = { op: 'upsert', name: ef.name, dueAt: ef.dueAt, message: JSON.stringify(ef.message) };
        if (ef.everyMs !== undefined) op.everyMs = ef.everyMs;
        ops.push(op);
      } else if (ef.type === 'cancel') {
        ops.push({ op: 'delete', name: ef.name });
      }
    }
    return ops;
  }

  /** A domain refusal writes nothing — except moving a reminder that fired past its due time. */
  private async refuse(env: Envelope, now: number, e: unknown): Promise<void> {
    if (env.reminder) await this.advanceReminder(env, now);
    env.reject?.(e);
  }

  private async advanceReminder(env: Envelope, now: number): Promise<void> {
    const r = env.reminder!;
    try {
      await this.journal.persist({
        actor: this.key,
        expectedSeq: this.seq,
        events: [],
        meta: JSON.stringify(env.meta),
        ts: now,
        reminders: [{ op: 'fired', name: r.name, firedAt: now, nextDue: r.nextDue }],
      });
    } catch (e) {
      this.opts.log.error('reminder-advance-failed', { actor: this.label, reminder: r.name, error: String(e) });
    }
    this.settleReminder(env);
  }

  /** Supervision: restart from persisted state with backoff, or dead-letter after maxAttempts. */
  private async failed(env: Envelope, e: unknown): Promise<boolean> {
    env.attempts += 1;
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    this.opts.log.warn('actor-failed', { actor: this.label, attempt: env.attempts, error });
    this.restart();
    if (env.attempts >= this.opts.maxAttempts) {
      this.journal.deadLetter({
        actor: this.key,
        command_id: env.commandId ?? null,
        message: safeJson(env.command),
        error,
        attempts: env.attempts,
        ts: this.opts.clock(),
      });
      if (env.reminder) await this.advanceReminder(env, this.opts.clock());
      env.reject?.(new DeadLettered(this.label, env.attempts, error));
      return true;
    }
    const delay = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** (env.attempts - 1));
    await new Promise((r) => setTimeout(r, delay));
    return false;
  }

  private restart(): void {
    try {
      this.recover();
    } catch (e) {
      // Recovery itself failing (e.g. evolve throws on a stored event) is logged; the next attempt retries it.
      this.opts.log.error('actor-recovery-failed', { actor: this.label, error: String(e) });
    }
  }

  private runEffects(effects: Effect[], meta: CommandMeta): void {
    for (const ef of effects) {
      if (ef.type !== 'tell') continue;
      try {
        this.opts.send(ef.to, ef.message, ef.meta ?? meta);
      } catch (e) {
        this.opts.log.warn('tell-failed', { from: this.label, to: formatAddress(ef.to), error: String(e) });
      }
    }
  }

  private settleReminder(env: Envelope): void {
    if (env.reminder) this.opts.onReminderSettled(this.key, env.reminder.name);
  }
}

function needsWrite(req: PersistRequest): boolean {
  return req.events.length > 0 || (req.reminders?.length ?? 0) > 0 || req.snapshot !== undefined;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return String(v);
  }
}
