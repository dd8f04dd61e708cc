/**
 * Typed errors of the runtime. Every error has a stable `name` (the class) and
 * `code` (SCREAMING_SNAKE), survives the wire (see `toWire`/`fromWire`), so a
 * caller of a remote actor catches the same class as a caller of a local one.
 */

export interface WireError {
  name: string;
  code: string;
  message: string;
  details?: unknown;
}

export class AsdsError extends Error {
  /** Stable machine-readable code. */
  readonly code: string;
  readonly details?: unknown;
  /**
   * An expected, domain-level refusal (bad input, rule violation). Supervision
   * does not restart an actor for it; the caller simply gets the error.
   */
  readonly expected: boolean = true;

  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toWire(): WireError {
    const w: WireError = { name: this.name, code: this.code, message: this.message };
    if (this.details !== undefined) w.details = this.details;
    return w;
  }
}

/** The actor's mailbox is at capacity; the message was not accepted. */
export class MailboxFull extends AsdsError {
  constructor(address: string, capacity: number) {
    super('MAILBOX_FULL', `mailbox of ${address} is full (${capacity})`, { address, capacity });
  }
}

/** No reply within the ask timeout. The command may or may not have been applied. */
export class AskTimeout extends AsdsError {
  constructor(address: string, timeoutMs: number) {
    super('ASK_TIMEOUT', `no reply from ${address} within ${timeoutMs} ms`, { address, timeoutMs });
  }
}

/** A message or configuration did not match its schema. Nothing was written. */
export class ValidationFailed extends AsdsError {
  constructor(message: string, errors: Array<{ path: string; message: string }> = []) {
    super('VALIDATION_FAILED', message, { errors });
  }
}

/** Another writer appended to the same actor's stream first. */
export class ConcurrencyConflict extends AsdsError {
  constructor(actor: string, expectedSeq: number, actualSeq: number) {
    super('CONCURRENCY_CONFLICT', `${actor}: expected sequence ${expectedSeq}, journal has ${actualSeq}`, {
      actor,
      expectedSeq,
      actualSeq,
    });
  }
}

/** The addressed node does not host this actor (wrong node, or kind not registered). */
export class NotOwner extends AsdsError {
  constructor(address: string, node: string) {
    super('NOT_OWNER', `node ${node} does not host ${address}`, { address, node });
  }
}

/** No process answers for the addressed node. */
export class NodeUnreachable extends AsdsError {
  constructor(address: string) {
    super('NODE_UNREACHABLE', `no node answers for ${address}`, { address });
  }
}

/**
 * The sender may not do this over the bus (architecture.md "Trust boundaries"): no passport, a signature that does
 * not verify, or a command its actor kind does not accept from that kind of node. Nothing was written.
 * `reason` says which (`UNSIGNED`, `BAD_SIGNATURE`, `BAD_PASSPORT`, `STALE_MESSAGE`, `NOT_REMOTE`, `WRONG_SENDER`…).
 */
export class Forbidden extends AsdsError {
  constructor(reason: string, message: string) {
    super('FORBIDDEN', message, { reason });
  }
}

/** The message failed repeatedly and was moved to the dead-letter table. */
export class DeadLettered extends AsdsError {
  constructor(address: string, attempts: number, cause: string) {
    super('DEAD_LETTERED', `${address}: message dead-lettered after ${attempts} attempts: ${cause}`, {
      address,
      attempts,
      cause,
    });
  }
}

/** The system is stopping and accepts no new messages. */
export class ShuttingDown extends AsdsError {
  constructor() {
    super('SHUTTING_DOWN', 'actor system is shutting down');
  }
}

/**
 * A table the node trusts at start (a snapshot, reminders, idempotency records)
 * does not match the hash-chained journal (runtime/journal/integrity.ts).
 * The node refuses to start rather than act on state the chain does not vouch for.
 */
export class JournalTampered extends AsdsError {
  constructor(message: string, problems: unknown[]) {
    super('JOURNAL_TAMPERED', message, { problems });
  }
}

/** The journal file cannot be opened or read as a database (corrupt, truncated, not SQLite). */
export class JournalUnreadable extends AsdsError {
  constructor(path: string, problem: string) {
    super(
      'JOURNAL_UNREADABLE',
      `journal ${path} is unreadable (${problem}); the node did not start and changed nothing — restore the file from a backup or ask the centre for the court's copy, then check it with \`asds journal verify\``,
      { path, problem },
    );
  }
}

/**
 * The journal could not write (disk full, read-only or failing storage). Nothing
 * of the request was written; reads keep working, and writes work again once
 * space returns. Expected: supervision neither restarts nor dead-letters for it.
 */
export class StorageUnavailable extends AsdsError {
  constructor(path: string, cause: string) {
    super('STORAGE_UNAVAILABLE', `journal ${path} cannot write: ${cause}`, { cause });
  }
}

/** A domain rule refused the command (raised by `decide`). */
export class DomainRejected extends AsdsError {}

/** An unexpected failure reported by a remote node. */
export class RemoteFailure extends AsdsError {}

const known: Record<string, new (...args: any[]) => AsdsError> = {};
for (const cls of [
  MailboxFull,
  AskTimeout,
  ValidationFailed,
  ConcurrencyConflict,
  NotOwner,
  NodeUnreachable,
  Forbidden,
  DeadLettered,
  ShuttingDown,
  DomainRejected,
  RemoteFailure,
  JournalTampered,
  JournalUnreadable,
  StorageUnavailable,
]) {
  known[cls.name] = cls;
}

/** Register an error class so that it round-trips over the wire (domain packages call this). */
export function registerErrorClass(cls: new (...args: any[]) => AsdsError): void {
  known[cls.name] = cls;
}

/** Rebuild a typed error from its wire form, preserving class, code, message and details. */
export function fromWire(w: WireError): AsdsError {
  const cls = known[w.name] ?? RemoteFailure;
  const err = Object.create(cls.prototype) as AsdsError;
  Object.defineProperty(err, 'message', { value: w.message, writable: true, configurable: true });
  Object.assign(err, { name: w.name, code: w.code, expected: true });
  if (w.details !== undefined) Object.assign(err, { details: w.details });
  err.stack = `${w.name}: ${w.message}\n    at <remote>`;
  return err;
}

/** Any thrown value → wire form. Unexpected errors keep only their message. */
export function toWire(e: unknown): WireError {
  if (e instanceof AsdsError) return e.toWire();
  const message = e instanceof Error ? e.message : String(e);
  return { name: 'RemoteFailure', code: 'INTERNAL', message };
}

export function isExpected(e: unknown): boolean {
  return e instanceof AsdsError && e.expected;
}
