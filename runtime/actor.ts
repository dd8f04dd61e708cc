/**
 * What an actor is: two pure functions over its state.
 *
 *   decide(state, command, ctx) → { events, reply, effects }   (may throw a DomainRejected)
 *   evolve(state, event)        → state
 *
 * The runtime does all I/O: it persists the events (durably) and only then
 * executes the effects and sends the reply. State must be JSON-serialisable
 * (snapshots are JSON).
 */
import type { TSchema } from '@sinclair/typebox';
import type { NodeClass } from './bus/passport.ts';

/** A journaled event. `type` is required so that the journal can index it. */
export interface ActorEvent {
  type: string;
  [k: string]: unknown;
}

/** Where an actor lives: subject `asds.<node>.<kind>.<id>`. */
export interface ActorAddress {
  node: string;
  kind: string;
  id: string;
}

export type Effect =
  /** Fire-and-forget message to another actor (local or remote), sent after persistence. */
  | { type: 'tell'; to: ActorAddress; message: unknown; meta?: CommandMeta }
  /**
   * Ask another actor after persistence; its answer comes back to this actor
   * as the command `{ type: replyType, correlation, ok: true, reply }` or
   * `{ type: replyType, correlation, ok: false, error: { name, code, message } }`
   * (so the behavior's command schema must accept `replyType`).
   */
  | {
      type: 'ask';
      to: ActorAddress;
      message: unknown;
      replyType: string;
      correlation?: string;
      timeoutMs?: number;
      meta?: CommandMeta;
      /** Sent as the command's id: a re-sent ask (after a crash, by a reminder) is answered from the journal, never applied twice. */
      commandId?: string;
    }
  /**
   * A durable reminder of this actor. `dueAt` is epoch ms; `everyMs` makes it
   * periodic. After downtime a missed reminder fires once (coalesced). The
   * reminder is written in the same transaction as the events.
   */
  | { type: 'schedule'; name: string; dueAt: number; everyMs?: number; message: unknown }
  | { type: 'cancel'; name: string };

export interface Decision<E extends ActorEvent = ActorEvent, R = unknown> {
  events?: E[];
  reply?: R;
  effects?: Effect[];
}

/** Who sent a command and why; journaled with every event it produced. */
export interface CommandMeta {
  /** Authenticated author (login) or system component, e.g. `system:reminder`. */
  author?: string;
  [k: string]: unknown;
}

export interface ReminderFire {
  name: string;
  /** The due time that fired (epoch ms). */
  dueAt: number;
  /** How many periods were due at once (≥ 1): after downtime they coalesce into this one firing. */
  coalesced: number;
}

export interface DecideContext {
  self: ActorAddress;
  /** Wall-clock time of this command, epoch ms (fixed for the whole decision). */
  now: number;
  commandId?: string;
  meta: CommandMeta;
  /** Set when the command is a reminder firing. */
  reminder?: ReminderFire;
  /** Cryptographically secure random bytes; draws must record what they used. */
  randomBytes(n: number): Uint8Array;
  /** Current sequence number of this actor (events applied so far). */
  seq: number;
}

export interface Behavior<S = any, C = any, E extends ActorEvent = ActorEvent, R = any> {
  kind: string;
  /** Schema every incoming command must satisfy (validated before the mailbox). */
  commandSchema?: TSchema;
  initialState(id: string): S;
  decide(state: S, command: C, ctx: DecideContext): Decision<E, R>;
  /**
   * Apply an event. May return a new state or change `state` in place (large
   * states avoid copying): the runtime never reuses a state whose events were
   * not durably written — every failed write rebuilds the actor from the journal.
   */
  evolve(state: S, event: E): S;
  /** Snapshot after this many events (default: the system's `snapshotEvery`). */
  snapshotEvery?: number;
  /**
   * Whether a recovered snapshot's state can be used. `false` (e.g. a state from before a derived field existed)
   * makes the runtime set it aside and rebuild the state from the actor's whole event stream — so decide never
   * has to repair state from the journal itself. Default: every snapshot is usable.
   */
  snapshotUsable?(state: S): boolean;
  /**
   * Commands this kind accepts over the bus, each with the kinds of node it accepts it from
   * (architecture.md "Trust boundaries"). Everything else reaches the actor only in-process — a person's
   * authority enters through the node's authenticated HTTP layer, never in a message body — and a remote
   * attempt gets `Forbidden`, is logged and writes nothing. A remote command's `meta` is set by the receiving
   * node from the sender's verified passport (`author: 'node:<name>'`, no role); the wire's `meta` is dropped.
   * Default: no remote commands.
   */
  remote?: Readonly<Record<string, readonly NodeClass[]>>;
  /** Mailbox capacity of this kind (default: the system's `mailboxCapacity`); a court-wide singleton wants more. */
  mailboxCapacity?: number;
}

export function addressKey(a: ActorAddress): string {
  return `${a.kind}/${a.id}`;
}

export function formatAddress(a: ActorAddress): string {
  return `${a.node}:${a.kind}/${a.id}`;
}
