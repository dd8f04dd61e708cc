/**
 * asds runtime — a small actor runtime over NATS with a durable SQLite journal.
 *
 * @example
 * ```ts
 * import { ActorSystem, type Behavior, DomainRejected } from './runtime/index.ts';
 *
 * const counter: Behavior<{ n: number }, { type: 'add'; by: number }, { type: 'added'; by: number }> = {
 *   kind: 'counter',
 *   initialState: () => ({ n: 0 }),
 *   decide: (s, c) => {
 *     if (c.by <= 0) throw new DomainRejected('BAD_AMOUNT', 'amount must be positive');
 *     return { events: [{ type: 'added', by: c.by }], reply: s.n + c.by };
 *   },
 *   evolve: (s, e) => ({ n: s.n + e.by }),
 * };
 *
 * const system = new ActorSystem({ node: 'court-527', journal: '/tmp/asds/journal.sqlite' })
 *   .register(counter)
 *   .start();
 * console.log(await system.ref('counter', 'a').ask({ type: 'add', by: 2 }, { commandId: 'c-1' })); // 2
 * await system.shutdown();
 * ```
 *
 * Pass `nats` (a `@nats-io/transport-node` connection) to reach actors of other
 * nodes: `system.ref('counter', 'a', 'court-528').ask(...)` then goes over
 * `asds.court-528.counter.a` and fails with the same typed errors.
 */
export type { ActorAddress, ActorEvent, Behavior, CommandMeta, DecideContext, Decision, Effect, ReminderFire } from './actor.ts';
export { addressKey, formatAddress } from './actor.ts';
export { ActorSystem, type ActorSystemOptions, type AskOptions } from './system.ts';
export { ActorRef } from './ref.ts';
export {
  AsdsError,
  AskTimeout,
  ConcurrencyConflict,
  DeadLettered,
  DomainRejected,
  JournalTampered,
  JournalUnreadable,
  MailboxFull,
  NodeUnreachable,
  NotOwner,
  Forbidden,
  RemoteFailure,
  ShuttingDown,
  StorageUnavailable,
  ValidationFailed,
  registerErrorClass,
  type WireError,
} from './errors.ts';
export { Journal, type JournalOptions, type PersistRequest, type PersistResult, type StoredEvent } from './journal/journal.ts';
export { dropBadSnapshots, verifyJournalFile, type VerifyReport, type ChainBreak } from './journal/verify.ts';
export { checkTables, type TableProblem } from './journal/integrity.ts';
export { openJournalForStart } from './journal/open.ts';
export { chainHash, chainHashV2, hiddenDigest, publicText, GENESIS_HASH, NOTHING_PUBLIC, type PublicView, type PublicViewFn } from './journal/hash.ts';
export { followJournal, type FollowOptions } from './stream.ts';
export { planFiring } from './reminders.ts';
export { subjectOf, parseSubject } from './remote.ts';
export { assertValid, schemaErrors } from './validate.ts';
export { createLogger, type Logger } from './log.ts';
