/**
 * The node's journal: an append-only SQLite file (WAL, synchronous=FULL).
 *
 * Writes go through `persist()`, which queues the request and commits every
 * request queued during one event-loop turn in ONE transaction (group commit):
 * one fsync for many actors. A request's promise resolves only after that
 * commit returned, i.e. after the WAL was fsynced.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConcurrencyConflict } from '../errors.ts';
import { DDL, SCHEMA_VERSION } from './schema.ts';
import { chainHash, GENESIS_HASH, type ChainedFields } from './hash.ts';

export interface JournalOptions {
  /** Most requests in one transaction. Default 2000. */
  maxBatch?: number;
  /** Wait for a locked database this long, ms. Default 5000. */
  busyTimeoutMs?: number;
  /** Open read-only (verification, inspection). Default false. */
  readonly?: boolean;
}

export type ReminderOp =
  | { op: 'upsert'; name: string; dueAt: number; everyMs?: number; message: string }
  | { op: 'delete'; name: string }
  /** A firing was handled: move to `nextDue`, or delete when null (one-shot). */
  | { op: 'fired'; name: string; firedAt: number; nextDue: number | null };

export interface PersistRequest {
  /** `kind/id` */
  actor: string;
  /** The actor's sequence number the events were decided on (optimistic concurrency). */
  expectedSeq: number;
  /**
   * Events in order. Each carries the JSON of its command's meta (author…) and
   * the command id, so that one request can hold the decisions of several
   * consecutive commands of the actor (batched decisions).
   */
  events: Array<{ type: string; data: string; meta: string; commandId?: string }>;
  ts: number;
  /** First replies of commands with ids that produced events, remembered for idempotent repeats. */
  commands?: Array<{ commandId: string; reply: string }>;
  snapshot?: { aseq: number; state: string };
  reminders?: ReminderOp[];
}

export interface PersistResult {
  /** The actor's sequence number after this request. */
  seq: number;
  /** Global sequence of the first event written (0 when none). */
  firstGseq: number;
  lastGseq: number;
}

/** A journal row: the chained fields plus the command id and the chain links. */
export interface StoredEvent extends ChainedFields {
  command_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface ReminderRow {
  actor: string;
  name: string;
  due_at: number;
  every_ms: number | null;
  message: string;
  last_fired: number | null;
}

export interface DeadLetterRow {
  id: number;
  actor: string;
  command_id: string | null;
  message: string;
  error: string;
  attempts: number;
  ts: number;
}

interface Pending {
  req: PersistRequest;
  resolve(r: PersistResult): void;
  reject(e: unknown): void;
}

type CommitListener = (lastGseq: number) => void;

export class Journal {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly maxBatch: number;
  private queue: Pending[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly listeners = new Set<CommitListener>();
  private readonly st: ReturnType<Journal['prepare']>;

  constructor(path: string, opts: JournalOptions = {}) {
    this.path = path;
    this.maxBatch = opts.maxBatch ?? 2000;
    if (!opts.readonly) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    this.db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    if (!opts.readonly) {
      this.db.pragma('journal_mode = WAL');
      // Court records are legal records: a commit returns only after fsync (Засади 15, power loss).
      this.db.pragma('synchronous = FULL');
      // Checkpoints run inside a commit and fsync the main file: fewer, larger ones cost less per event.
      this.db.pragma('wal_autocheckpoint = 10000');
      this.db.exec(DDL);
      this.db
        .prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING')
        .run('schema_version', String(SCHEMA_VERSION));
    }
    this.st = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      head: db.prepare('SELECT gseq, hash FROM events ORDER BY gseq DESC LIMIT 1'),
      actorSeq: db.prepare('SELECT max(aseq) AS s FROM events WHERE actor = ?'),
      insertEvent: db.prepare(
        `INSERT INTO events (gseq, actor, aseq, type, ts, meta, data, command_id, prev_hash, hash)
         VALUES (@gseq, @actor, @aseq, @type, @ts, @meta, @data, @command_id, @prev_hash, @hash)`,
      ),
      insertCommand: db.prepare('INSERT INTO commands (actor, command_id, reply, gseq) VALUES (?, ?, ?, ?)'),
      findCommand: db.prepare('SELECT reply FROM commands WHERE actor = ? AND command_id = ?'),
      upsertSnapshot: db.prepare(
        `INSERT INTO snapshots (actor, aseq, state, ts) VALUES (?, ?, ?, ?)
         ON CONFLICT(actor) DO UPDATE SET aseq = excluded.aseq, state = excluded.state, ts = excluded.ts
         WHERE excluded.aseq > snapshots.aseq`,
      ),
      snapshot: db.prepare('SELECT aseq, state FROM snapshots WHERE actor = ?'),
      eventsAfter: db.prepare('SELECT * FROM events WHERE actor = ? AND aseq > ? ORDER BY aseq'),
      readFrom: db.prepare('SELECT * FROM events WHERE gseq >= ? ORDER BY gseq LIMIT ?'),
      upsertReminder: db.prepare(
        `INSERT INTO reminders (actor, name, due_at, every_ms, message, last_fired) VALUES (?, ?, ?, ?, ?, NULL)
         ON CONFLICT(actor, name) DO UPDATE SET due_at = excluded.due_at, every_ms = excluded.every_ms,
           message = excluded.message`,
      ),
      deleteReminder: db.prepare('DELETE FROM reminders WHERE actor = ? AND name = ?'),
      firedReminder: db.prepare('UPDATE reminders SET due_at = ?, last_fired = ? WHERE actor = ? AND name = ?'),
      dueReminders: db.prepare('SELECT * FROM reminders WHERE due_at <= ? ORDER BY due_at LIMIT ?'),
      reminder: db.prepare('SELECT * FROM reminders WHERE actor = ? AND name = ?'),
      nextDue: db.prepare('SELECT min(due_at) AS d FROM reminders'),
      insertDead: db.prepare(
        'INSERT INTO dead_letters (actor, command_id, message, error, attempts, ts) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      deadLetters: db.prepare('SELECT * FROM dead_letters ORDER BY id'),
    };
  }

  /** Queue a write; resolves after the group commit that contains it is durable. */
  persist(req: PersistRequest): Promise<PersistResult> {
    if (this.closed) return Promise.reject(new Error(`journal ${this.path} is closed`));
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flushNow());
      }
    });
  }

  /** Commit everything queued now (normally called by the scheduled tick). */
  flushNow(): void {
    this.flushScheduled = false;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.commitBatch(batch);
    }
  }

  /**
   * Fast path: the whole batch in one transaction without savepoints. If any
   * request throws (not a concurrency refusal, which is detected before any
   * write), the transaction rolls back and the batch is redone with one
   * savepoint per request, so that the bad request fails alone.
   */
  private commitBatch(batch: Pending[]): void {
    let run: { outcomes: Array<PersistResult | Error>; lastGseq: number };
    try {
      run = this.runBatch(batch, false);
    } catch {
      try {
        run = this.runBatch(batch, true);
      } catch (e) {
        for (const p of batch) p.reject(e);
        return;
      }
    }
    run.outcomes.forEach((o, i) => (o instanceof Error ? batch[i]!.reject(o) : batch[i]!.resolve(o)));
    if (run.lastGseq > 0) for (const l of this.listeners) l(run.lastGseq);
  }

  private runBatch(batch: Pending[], isolate: boolean): { outcomes: Array<PersistResult | Error>; lastGseq: number } {
    const outcomes: Array<PersistResult | Error> = new Array(batch.length);
    let lastGseq = 0;
    this.db
      .transaction(() => {
        const headRow = this.st.head.get() as { gseq: number; hash: string } | undefined;
        const head = { gseq: headRow?.gseq ?? 0, hash: headRow?.hash ?? GENESIS_HASH };
        const seqs = new Map<string, number>();
        for (let i = 0; i < batch.length; i++) outcomes[i] = this.applyOne(batch[i]!.req, head, seqs, isolate);
        lastGseq = head.gseq;
      })
      .immediate();
    return { outcomes, lastGseq };
  }

  /**
   * One request inside the batch transaction. With `isolate`, in its own
   * savepoint: a failing request leaves no row behind and does not disturb the others.
   */
  private applyOne(
    req: PersistRequest,
    head: { gseq: number; hash: string },
    seqs: Map<string, number>,
    isolate: boolean,
  ): PersistResult | Error {
    const current = seqs.get(req.actor) ?? this.actorSeqFromDb(req.actor);
    if (current !== req.expectedSeq) return new ConcurrencyConflict(req.actor, req.expectedSeq, current);
    if (!isolate) {
      const result = this.writeOne(req, head, current);
      seqs.set(req.actor, result.seq);
      return result;
    }
    const saved = { gseq: head.gseq, hash: head.hash };
    try {
      const result = this.db.transaction(() => this.writeOne(req, head, current))();
      seqs.set(req.actor, result.seq);
      return result;
    } catch (e) {
      head.gseq = saved.gseq;
      head.hash = saved.hash;
      return e instanceof Error ? e : new Error(String(e));
    }
  }

  private writeOne(req: PersistRequest, head: { gseq: number; hash: string }, current: number): PersistResult {
    let seq = current;
    let firstGseq = 0;
    for (const ev of req.events) {
      seq += 1;
      const row = {
        gseq: head.gseq + 1,
        actor: req.actor,
        aseq: seq,
        type: ev.type,
        ts: req.ts,
        meta: ev.meta,
        data: ev.data,
        command_id: ev.commandId ?? null,
        prev_hash: head.hash,
        hash: '',
      };
      row.hash = chainHash(head.hash, row);
      this.st.insertEvent.run(row);
      head.gseq = row.gseq;
      head.hash = row.hash;
      if (firstGseq === 0) firstGseq = row.gseq;
    }
    for (const c of req.commands ?? []) this.st.insertCommand.run(req.actor, c.commandId, c.reply, head.gseq);
    if (req.snapshot) this.st.upsertSnapshot.run(req.actor, req.snapshot.aseq, req.snapshot.state, req.ts);
    for (const op of req.reminders ?? []) this.applyReminderOp(req.actor, op);
    return { seq, firstGseq, lastGseq: firstGseq === 0 ? 0 : head.gseq };
  }

  private applyReminderOp(actor: string, op: ReminderOp): void {
    if (op.op === 'upsert') this.st.upsertReminder.run(actor, op.name, op.dueAt, op.everyMs ?? null, op.message);
    else if (op.op === 'delete') this.st.deleteReminder.run(actor, op.name);
    else if (op.nextDue === null) this.st.deleteReminder.run(actor, op.name);
    else this.st.firedReminder.run(op.nextDue, op.firedAt, actor, op.name);
  }

  private actorSeqFromDb(actor: string): number {
    return (this.st.actorSeq.get(actor) as { s: number | null }).s ?? 0;
  }

  /** The actor's current sequence number in the journal. */
  actorSeq(actor: string): number {
    return this.actorSeqFromDb(actor);
  }

  /** Snapshot (if any) and the events after it, for recovery. */
  loadActor(actor: string): { snapshot?: { aseq: number; state: string }; events: StoredEvent[] } {
    const snap = this.st.snapshot.get(actor) as { aseq: number; state: string } | undefined;
    const events = this.st.eventsAfter.all(actor, snap?.aseq ?? 0) as StoredEvent[];
    return snap ? { snapshot: snap, events } : { events };
  }

  /** The reply first given to this command id, if it produced events. */
  findCommand(actor: string, commandId: string): { reply: string | null } | undefined {
    return this.st.findCommand.get(actor, commandId) as { reply: string | null } | undefined;
  }

  /** Ordered, resumable read by global sequence: events with gseq ≥ from. */
  read(fromGseq: number, limit = 1000): StoredEvent[] {
    return this.st.readFrom.all(fromGseq, limit) as StoredEvent[];
  }

  head(): { gseq: number; hash: string } {
    const r = this.st.head.get() as { gseq: number; hash: string } | undefined;
    return { gseq: r?.gseq ?? 0, hash: r?.hash ?? GENESIS_HASH };
  }

  /** Called after every commit that wrote events, with the last global sequence. */
  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dueReminders(now: number, limit = 500): ReminderRow[] {
    return this.st.dueReminders.all(now, limit) as ReminderRow[];
  }

  reminder(actor: string, name: string): ReminderRow | undefined {
    return this.st.reminder.get(actor, name) as ReminderRow | undefined;
  }

  nextReminderDue(): number | null {
    return (this.st.nextDue.get() as { d: number | null }).d;
  }

  /** Dead letters are bookkeeping, not journal events: they are written at once. */
  deadLetter(row: Omit<DeadLetterRow, 'id'>): void {
    this.st.insertDead.run(row.actor, row.command_id, row.message, row.error, row.attempts, row.ts);
  }

  deadLetters(): DeadLetterRow[] {
    return this.st.deadLetters.all() as DeadLetterRow[];
  }

  /** Direct database access for inspection tools and tests. */
  get database(): Database.Database {
    return this.db;
  }

  /** Commit what is queued, then close. */
  close(): void {
    if (this.closed) return;
    this.flushNow();
    this.closed = true;
    this.db.close();
  }
}
