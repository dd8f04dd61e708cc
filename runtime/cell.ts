/**
 * One live actor: its state, its bounded mailbox and the loop that handles one
 * message at a time — decide → persist → effects → reply. Supervision lives
 * here too: an unexpected throw restarts the actor from its persisted state
 * with exponential backoff, and a message that keeps failing is dead-lettered.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { ActorAddress, ActorEvent, Behavior, CommandMeta, DecideContext, Effect, ReminderFire } from './actor.ts';
import { addressKey, formatAddress } from './actor.ts';
import { ConcurrencyConflict, DeadLettered, isExpected, JournalTampered, MailboxFull, StorageUnavailable } from './errors.ts';
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
  /** Most consecutive messages decided into one durable write. */
  maxBatch: number;
  snapshotEvery: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  clock(): number;
  randomBytes?(n: number): Uint8Array;
  /** Executes `tell` effects after persistence. */
  send(to: ActorAddress, message: unknown, meta: CommandMeta): void;
  /** Executes `ask` effects: the answer is told back to `self` as a `replyType` command. */
  askFor(self: ActorAddress, effect: Extract<Effect, { type: 'ask' }>, meta: CommandMeta): void;
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
  private batchLimit: number;
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
    this.batchLimit = opts.maxBatch;
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
    let { snapshot, events } = this.journal.loadActor(this.key);
    let state = snapshot ? JSON.parse(snapshot.state) : this.behavior.initialState(this.address.id);
    if (snapshot && this.behavior.snapshotUsable && !this.behavior.snapshotUsable(state)) {
      // an outdated snapshot: the whole stream rebuilds what it lacks (the next snapshot replaces it)
      ({ snapshot, events } = this.journal.loadActor(this.key, { withoutSnapshot: true }));
      state = this.behavior.initialState(this.address.id);
    }
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
        const n = Math.min(this.mailbox.length, this.batchLimit);
        const handled = await this.handleBatch(this.mailbox.slice(0, n));
        this.mailbox.splice(0, handled);
        // After a failure inside a batch the next messages go one by one, so supervision sees each.
        this.batchLimit = handled === 0 ? 1 : this.opts.maxBatch;
      }
    } finally {
      this.running = false;
      this.lastActive = this.opts.clock();
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  /**
   * Decide the messages in order, each on the state left by the previous one,
   * persist all their events in ONE request, and only after it is durable
   * reply and run effects. Logically still one message at a time; physically
   * one write for a busy actor's whole queue. Returns how many messages were
   * settled (0 = the first one must be retried after a restart).
   */
  private async handleBatch(batch: Envelope[]): Promise<number> {
    const now = this.opts.clock();
    const plan = this.decideAll(batch, now);
    if (plan.failure !== undefined && plan.outcomes.length === 0) {
      return (await this.failed(batch[0]!, plan.failure)) ? 1 : 0;
    }
    // With a failure later in the batch, the messages before it are settled now; the failing one is retried alone.
    const settled = batch.slice(0, plan.outcomes.length);
    const req = plan.request;
    try {
      if (needsWrite(req)) {
        const res = await this.journal.persist(req);
        this.seq = res.seq;
        if (req.snapshot) this.sinceSnapshot = 0;
        else this.sinceSnapshot += req.events.length;
      } else if (plan.repeats) {
        // A repeat's first reply was read back from the journal: it may be committed but not yet fsynced.
        await this.journal.whenDurable();
      }
    } catch (e) {
      if (e instanceof ConcurrencyConflict) {
        // Another writer appended first: our view is stale. Reload and tell the callers.
        this.recover();
        for (const env of settled) {
          this.settleReminder(env);
          env.reject?.(e);
        }
        return settled.length;
      }
      if (e instanceof StorageUnavailable) return this.storageRefused(settled, e);
      if (settled.length > 1) return 0; // retry one by one; supervision applies per message
      return (await this.failed(batch[0]!, e)) ? 1 : 0;
    }
    // After a throw mid-batch the state may hold a half-applied event (evolve may work in place): rebuild it.
    if (plan.failure !== undefined) this.recover();
    else this.state = plan.state;
    plan.outcomes.forEach((o, i) => {
      const env = settled[i]!;
      this.settleReminder(env);
      if ('error' in o) return env.reject?.(o.error);
      this.runEffects(o.effects, env.meta);
      env.resolve?.(o.reply);
    });
    return settled.length;
  }

  private decideAll(batch: Envelope[], now: number): BatchPlan {
    let state = this.state;
    let seq = this.seq;
    const outcomes: Outcome[] = [];
    const req: PersistRequest = { actor: this.key, expectedSeq: this.seq, events: [], ts: now, commands: [], reminders: [] };
    const repliesInBatch = new Map<string, unknown>();
    let repeats = false;
    for (const env of batch) {
      const reminderOps = req.reminders!.length;
      if (env.reminder) req.reminders!.push({ op: 'fired', name: env.reminder.name, firedAt: now, nextDue: env.reminder.nextDue });
      const seen = this.alreadyHandled(env, repliesInBatch);
      if (seen && 'refused' in seen) {
        outcomes.push({ error: seen.refused });
        continue;
      }
      if (seen) {
        repeats = true;
        // Idempotent repeat: the first reply, no events (a re-delivered reminder still moves on).
        outcomes.push({ reply: seen.reply, effects: [] });
        continue;
      }
      try {
        const decision = this.behavior.decide(state, env.command, this.context(env, now, seq));
        const events = decision.events ?? [];
        const next = events.reduce((s, e) => this.behavior.evolve(s, e), state);
        const effects = decision.effects ?? [];
        this.append(req, env, events, decision.reply, effects, repliesInBatch);
        state = next;
        seq += events.length;
        outcomes.push({ reply: decision.reply, effects });
      } catch (e) {
        // A domain refusal writes nothing (a reminder still moves past its due time).
        if (isExpected(e)) {
          outcomes.push({ error: e });
          continue;
        }
        req.reminders!.length = reminderOps;
        return { state, outcomes, request: this.withSnapshot(req, state), failure: e, repeats };
      }
    }
    return { state, outcomes, request: this.withSnapshot(req, state), repeats };
  }

  /** Idempotency: a command id answered before (in the journal, or earlier in this batch). */
  private alreadyHandled(env: Envelope, inBatch: Map<string, unknown>): { reply: unknown } | { refused: JournalTampered } | undefined {
    if (env.commandId === undefined) return undefined;
    if (inBatch.has(env.commandId)) return { reply: inBatch.get(env.commandId) };
    let seen;
    try {
      seen = this.journal.findCommand(this.key, env.commandId);
    } catch (e) {
      if (e instanceof JournalTampered) return { refused: e };
      throw e;
    }
    if (!seen) return undefined;
    return { reply: seen.reply === null ? undefined : JSON.parse(seen.reply) };
  }

  private append(
    req: PersistRequest,
    env: Envelope,
    events: ActorEvent[],
    reply: unknown,
    effects: Effect[],
    inBatch: Map<string, unknown>,
  ): void {
    const meta = JSON.stringify(env.meta);
    for (const e of events) {
      const row: PersistRequest['events'][number] = { type: e.type, data: JSON.stringify(e), meta };
      if (env.commandId !== undefined) row.commandId = env.commandId;
      req.events.push(row);
    }
    if (env.commandId !== undefined && events.length > 0) {
      const json = JSON.stringify(reply ?? null);
      req.commands!.push({ commandId: env.commandId, reply: json });
      inBatch.set(env.commandId, JSON.parse(json));
    }
    for (const ef of effects) {
      if (ef.type === 'schedule') {
        const op: ReminderOp = { op: 'upsert', name: ef.name, dueAt: ef.dueAt, message: JSON.stringify(ef.message) };
        if (ef.everyMs !== undefined) op.everyMs = ef.everyMs;
        req.reminders!.push(op);
      } else if (ef.type === 'cancel') {
        req.reminders!.push({ op: 'delete', name: ef.name });
      }
    }
  }

  private withSnapshot(req: PersistRequest, state: unknown): PersistRequest {
    const every = this.behavior.snapshotEvery ?? this.opts.snapshotEvery;
    if (req.events.length > 0 && this.sinceSnapshot + req.events.length >= every) {
      req.snapshot = { aseq: this.seq + req.events.length, state: JSON.stringify(state) };
    }
    return req;
  }

  private context(env: Envelope, now: number, seq: number): DecideContext {
    const rnd = this.opts.randomBytes ?? ((n: number) => new Uint8Array(cryptoRandomBytes(n)));
    const ctx: DecideContext = { self: this.address, now, meta: env.meta, randomBytes: rnd, seq };
    if (env.commandId !== undefined) ctx.commandId = env.commandId;
    if (env.reminder) ctx.reminder = { name: env.reminder.name, dueAt: env.reminder.dueAt, coalesced: env.reminder.coalesced };
    return ctx;
  }

  private async advanceReminder(env: Envelope, now: number): Promise<void> {
    const r = env.reminder!;
    try {
      await this.journal.persist({
        actor: this.key,
        expectedSeq: this.seq,
        events: [],
        ts: now,
        reminders: [{ op: 'fired', name: r.name, firedAt: now, nextDue: r.nextDue }],
      });
    } catch (e) {
      this.opts.log.error('reminder-advance-failed', { actor: this.label, reminder: r.name, error: String(e) });
    }
    this.settleReminder(env);
  }

  /**
   * The disk refused the write (full, read-only): nothing of the batch was
   * written, so each caller is told at once (HTTP 503) — no restart, no retry,
   * no dead letter (that would be one more write to a full disk). The state is
   * rebuilt from the journal (evolve may have worked in place; reads still work).
   */
  private storageRefused(settled: Envelope[], e: StorageUnavailable): number {
    this.opts.log.error('storage-unavailable', { actor: this.label, error: e.message });
    this.restart();
    for (const env of settled) {
      this.settleReminder(env);
      env.reject?.(e);
    }
    return settled.length;
  }

  /** Supervision: restart from persisted state with backoff, or dead-letter after maxAttempts. */
  private async failed(env: Envelope, e: unknown): Promise<boolean> {
    env.attempts += 1;
    const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    this.opts.log.warn('actor-failed', { actor: this.label, attempt: env.attempts, error });
    this.restart();
    if (env.attempts >= this.opts.maxAttempts) {
      try {
        this.journal.deadLetter({
          actor: this.key,
          command_id: env.commandId ?? null,
          message: safeJson(env.command),
          error,
          attempts: env.attempts,
          ts: this.opts.clock(),
        });
      } catch (dl) {
        // A full disk must not take the node down (it did: an uncaught SQLITE_FULL here); the caller still gets DeadLettered.
        this.opts.log.error('dead-letter-not-written', { actor: this.label, error: String(dl) });
      }
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
      try {
        if (ef.type === 'tell') this.opts.send(ef.to, ef.message, ef.meta ?? meta);
        else if (ef.type === 'ask') this.opts.askFor(this.address, ef, ef.meta ?? meta);
      } catch (e) {
        if (ef.type === 'tell' || ef.type === 'ask') {
          this.opts.log.warn(`${ef.type}-failed`, { from: this.label, to: formatAddress(ef.to), error: String(e) });
        }
      }
    }
  }

  private settleReminder(env: Envelope): void {
    if (env.reminder) this.opts.onReminderSettled(this.key, env.reminder.name);
  }
}

type Outcome = { reply: unknown; effects: Effect[] } | { error: unknown };

interface BatchPlan {
  state: unknown;
  outcomes: Outcome[];
  request: PersistRequest;
  /** An unexpected throw while deciding message number `outcomes.length`. */
  failure?: unknown;
  /** Some message was an idempotent repeat answered from the journal. */
  repeats: boolean;
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
