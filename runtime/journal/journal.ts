/**
 * The node's journal: an append-only SQLite file (WAL, synchronous=FULL).
 *
 * Writes go through `persist()`, which queues the request and commits every
 * request queued during one event-loop turn in ONE transaction (group commit).
 * A request's promise resolves only after the WAL holding it was fsynced.
 *
 * The fsync runs OFF the event loop: SQLite commits with `synchronous=OFF`
 * (the frames are handed to the OS, ~µs), then `fdatasync` of the WAL file
 * runs on libuv's thread pool; while it runs (≈ 4 ms on the reference disk)
 * the loop keeps parsing requests and deciding, and the next transactions
 * queue for the next fsync (group commit across ticks). Until that fsync
 * returns nothing written is acknowledged, told, replicated or read through
 * `read()`/`head()` (both stop at the durable head). Checkpoints are ours
 * (`wal_autocheckpoint = 0`): a worker thread runs them with
 * `synchronous=FULL` (when: wal-policy.ts; how: checkpointer.ts; the fsync
 * of groups: wal-sync.ts), so the main file is fsynced before
 * SQLite may reuse the WAL, and the loop does not stall on that fsync either;
 * `close()` syncs first too.
 */
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConcurrencyConflict, JournalTampered } from '../errors.ts';
import { DDL } from './schema.ts';
import { JOURNAL_META, reminderSeal, SNAPSHOT_RECORDED, SNAPSHOT_STREAM, sha256, snapshotProblem, type SnapshotRecord } from './integrity.ts';
import { CHAIN_FORMAT, chainHash, GENESIS_HASH, newSalt, NOTHING_PUBLIC, publicText, type PublicView, type PublicViewFn } from './hash.ts';
import { storageError } from './storage-errors.ts';
import { prepareStatements, upgradeSchema, type JournalStatements } from './statements.ts';
import { WalPolicy } from './wal-policy.ts';
import { WalSync, type CommitListener } from './wal-sync.ts';

import type { DeadLetterRow, JournalObserver, JournalOptions, PersistRequest, PersistResult, ReminderOp, ReminderRow, StoredEvent } from './types.ts';

export type { DeadLetterRow, JournalOptions, PersistRequest, PersistResult, ReminderOp, ReminderRow, StoredEvent } from './types.ts';

interface Pending {
  req: PersistRequest;
  resolve(r: PersistResult): void;
  reject(e: unknown): void;
}

export class Journal {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly maxBatch: number;
  private queue: Pending[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly st: JournalStatements;
  /** fd of the `-wal` file, fdatasync'ed off the loop; undefined when read-only. */
  private walFd?: number;
  /** Commit and fsync timings for the node's metrics (set by the actor system). */
  observer: JournalObserver | undefined;
  /** Durability of committed groups (wal-sync.ts); undefined when read-only. */
  private sync?: WalSync;
  /** When the WAL is checkpointed (wal-policy.ts); undefined when read-only. */
  private policy?: WalPolicy;
  private readonly publicView: PublicViewFn;

  constructor(path: string, opts: JournalOptions = {}) {
    this.path = path;
    this.publicView = opts.publicView ?? NOTHING_PUBLIC;
    this.maxBatch = opts.maxBatch ?? 2000;
    if (!opts.readonly) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    this.db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    if (!opts.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      // Checkpoints are ours (wal-policy.ts, in a worker): SQLite's automatic one would run under synchronous=OFF.
      this.db.pragma('wal_autocheckpoint = 0');
      // After a checkpoint let SQLite truncate a WAL that a long burst made large.
      this.db.pragma('journal_size_limit = 67108864');
      this.db.exec(DDL);
      upgradeSchema(this.db);
      // Start from an empty WAL: what a crash left in it goes into the main file (synced) before anything new.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      // Court records are legal records (Засади 15, power loss): durability now comes from our own
      // fdatasync of the WAL before any acknowledgement — see the file comment.
      this.walFd = openSync(`${path}-wal`, 'r');
      const dirFd = openSync(dirname(path), 'r');
      try {
        fsyncSync(dirFd); // the -wal file's directory entry
      } finally {
        closeSync(dirFd);
      }
      this.db.pragma('synchronous = OFF');
    }
    this.st = prepareStatements(this.db);
    if (this.walFd !== undefined) {
      const limits = {
        checkpointBytes: opts.checkpointBytes ?? 16 * 1024 * 1024,
        walLimitBytes: opts.walLimitBytes ?? (Number(process.env.ASDS_WAL_LIMIT_BYTES) || 256 * 1024 * 1024),
      };
      const policy = new WalPolicy(path, this.db, this.walFd, limits, () => this.observer);
      this.policy = policy;
      this.sync = new WalSync(path, this.walFd, this.dbHead(), () => this.observer, () => policy.afterSync());
    }
  }

  /** Queue a write; resolves after the group commit that contains it is durable. */
  persist(req: PersistRequest): Promise<PersistResult> {
    if (this.closed) return Promise.reject(new Error(`journal ${this.path} is closed`));
    if (this.sync?.broken) return Promise.reject(this.sync.broken);
    return new Promise((resolve, reject) => {
      this.queue.push({ req, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.commitQueued());
      }
    });
  }

  /** The scheduled tick: commit what is queued, fsync off the loop. */
  private commitQueued(): void {
    this.flushScheduled = false;
    while (this.queue.length > 0) this.commitBatch(this.queue.splice(0, this.maxBatch));
    this.sync?.start();
  }

  /** Commit everything queued now and make it durable before returning (shutdown, tests). */
  flushNow(): void {
    this.flushScheduled = false;
    while (this.queue.length > 0) this.commitBatch(this.queue.splice(0, this.maxBatch));
    this.sync?.flush();
  }

  /**
   * Resolves once everything committed so far is durable (at once when it is).
   * For replies that rest on rows read back from the journal (idempotent
   * repeats) rather than on a write of their own.
   */
  whenDurable(): Promise<void> {
    return this.sync?.whenDurable() ?? Promise.resolve();
  }

  /**
   * Fast path: the whole batch in one transaction without savepoints. If any
   * request throws (not a concurrency refusal, which is detected before any
   * write), the transaction rolls back and the batch is redone with one
   * savepoint per request, so that the bad request fails alone.
   */
  private commitBatch(batch: Pending[]): void {
    const t0 = this.observer ? performance.now() : 0;
    let run: BatchRun;
    try {
      run = this.runBatch(batch, false);
    } catch {
      try {
        run = this.runBatch(batch, true);
      } catch (e) {
        // A full or read-only disk fails the COMMIT (SQLite writes the WAL then): nothing was written, the next batch may succeed.
        const err = this.asStorageError(e);
        for (const p of batch) p.reject(err);
        return;
      }
    }
    this.observer?.commit(performance.now() - t0);
    // Refusals settle now (nothing of theirs was written); the rest when the fsync returns.
    const ok: Array<[Pending, PersistResult]> = [];
    run.outcomes.forEach((o, i) => (o instanceof Error ? batch[i]!.reject(o) : ok.push([batch[i]!, o])));
    if (!this.sync) {
      for (const [p, r] of ok) p.resolve(r);
      return;
    }
    this.sync.committed({ head: run.head, settle: () => ok.forEach(([p, r]) => p.resolve(r)), fail: (e) => ok.forEach(([p]) => p.reject(e)) });
  }

  private runBatch(batch: Pending[], isolate: boolean): BatchRun {
    const outcomes: Array<PersistResult | Error> = new Array(batch.length);
    let head = { gseq: 0, hash: GENESIS_HASH };
    this.db
      .transaction(() => {
        head = this.dbHead();
        const seqs = new Map<string, number>();
        for (let i = 0; i < batch.length; i++) outcomes[i] = this.applyOne(batch[i]!.req, head, seqs, isolate);
      })
      .immediate();
    return { outcomes, head };
  }

  /** SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR… → StorageUnavailable (HTTP 503); anything else as it was. */
  private asStorageError(e: unknown): Error {
    return storageError(this.path, e) ?? (e instanceof Error ? e : new Error(String(e)));
  }

  private dbHead(): { gseq: number; hash: string } {
    const r = this.st.head.get() as { gseq: number; hash: string } | undefined;
    return { gseq: r?.gseq ?? 0, hash: r?.hash ?? GENESIS_HASH };
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
      const result = this.writeOne(req, head, current, seqs);
      seqs.set(req.actor, result.seq);
      return result;
    }
    const saved = { gseq: head.gseq, hash: head.hash, records: seqs.get(SNAPSHOT_STREAM) };
    try {
      const result = this.db.transaction(() => this.writeOne(req, head, current, seqs))();
      seqs.set(req.actor, result.seq);
      return result;
    } catch (e) {
      head.gseq = saved.gseq;
      head.hash = saved.hash;
      if (saved.records === undefined) seqs.delete(SNAPSHOT_STREAM);
      else seqs.set(SNAPSHOT_STREAM, saved.records);
      return this.asStorageError(e);
    }
  }

  private writeOne(req: PersistRequest, head: { gseq: number; hash: string }, current: number, seqs: Map<string, number>): PersistResult {
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
      this.appendRow(row, head);
      if (firstGseq === 0) firstGseq = row.gseq;
    }
    const lastGseq = firstGseq === 0 ? 0 : head.gseq;
    for (const c of req.commands ?? []) this.st.insertCommand.run(req.actor, c.commandId, c.reply, head.gseq);
    if (req.snapshot) this.writeSnapshot(req, head, seqs);
    for (const op of req.reminders ?? []) this.applyReminderOp(req.actor, op, head);
    return { seq, firstGseq, lastGseq };
  }

  /** Chain format 2 (hash.ts): the public view decided now, a fresh salt, then the hash. */
  private appendRow(row: StoredEvent, head: { gseq: number; hash: string }): void {
    row.chain = CHAIN_FORMAT;
    row.salt = newSalt();
    row.pub = publicText(this.viewOf(row));
    row.hash = chainHash(head.hash, row);
    this.st.insertEvent.run(row);
    this.policy?.written(row.data.length + row.meta.length + 200);
    head.gseq = row.gseq;
    head.hash = row.hash;
  }

  /**
   * The snapshot and, in the same transaction, its record in the chain
   * (integrity.ts: what makes the snapshot trustworthy at the next start).
   * Written after the request's events, so the actor's event at `aseq` is
   * already in the chain.
   */
  private writeSnapshot(req: PersistRequest, head: { gseq: number; hash: string }, seqs: Map<string, number>): void {
    const snap = req.snapshot!;
    const at = req.events.length > 0 && snap.aseq === req.expectedSeq + req.events.length ? head.hash : this.eventHash(req.actor, snap.aseq);
    if (at === undefined) throw new Error(`snapshot of ${req.actor} at #${snap.aseq}: no such event`);
    const record: SnapshotRecord = { actor: req.actor, aseq: snap.aseq, hash: at, digest: sha256(snap.state) };
    const aseq = (seqs.get(SNAPSHOT_STREAM) ?? this.actorSeqFromDb(SNAPSHOT_STREAM)) + 1;
    seqs.set(SNAPSHOT_STREAM, aseq);
    const data = JSON.stringify({ type: SNAPSHOT_RECORDED, ...record });
    const row = { gseq: head.gseq + 1, actor: SNAPSHOT_STREAM, aseq, type: SNAPSHOT_RECORDED, ts: req.ts, meta: JOURNAL_META, data, command_id: null, prev_hash: head.hash, hash: '' };
    this.appendRow(row, head);
    this.st.upsertSnapshot.run(req.actor, snap.aseq, snap.state, req.ts, row.gseq);
    this.policy?.written(snap.state.length);
  }

  /**
   * The policy's view of a row. A policy that throws (a bug, or data it cannot read) makes the row wholly
   * private rather than failing the write or leaking it: fail-closed.
   */
  private viewOf(row: StoredEvent): PublicView {
    // no policy: nothing to read the row for
    if (this.publicView === NOTHING_PUBLIC) return NOTHING_PUBLIC('', '', {}, {});
    const slash = row.actor.indexOf('/');
    const kind = slash > 0 ? row.actor.slice(0, slash) : row.actor;
    // a node without a policy shows nothing: no need to read the row
    if (this.publicView === NOTHING_PUBLIC) return NOTHING_PUBLIC(kind, row.type, {}, {});
    try {
      return this.publicView(kind, row.type, JSON.parse(row.data) as Record<string, unknown>, JSON.parse(row.meta) as Record<string, unknown>);
    } catch {
      return NOTHING_PUBLIC(kind, row.type, {}, {});
    }
  }

  private eventHash(actor: string, aseq: number): string | undefined {
    return (this.st.eventAt.get(actor, aseq) as { hash: string } | undefined)?.hash;
  }

  /** Each written row is sealed to the chain's head at the time (integrity.ts, `reminders`). */
  private applyReminderOp(actor: string, op: ReminderOp, head: { gseq: number; hash: string }): void {
    if (op.op === 'upsert') {
      const r = { actor, name: op.name, due_at: op.dueAt, every_ms: op.everyMs ?? null, message: op.message };
      this.st.upsertReminder.run({ ...r, sealed_gseq: head.gseq, seal: reminderSeal(head, r) });
    } else if (op.op === 'delete' || op.nextDue === null) {
      this.st.deleteReminder.run(actor, op.name);
    } else {
      const r = this.st.reminder.get(actor, op.name) as ReminderRow | undefined;
      if (!r) return;
      const moved = { ...r, due_at: op.nextDue };
      this.st.firedReminder.run(op.nextDue, op.firedAt, head.gseq, reminderSeal(head, moved), actor, op.name);
    }
  }

  private actorSeqFromDb(actor: string): number {
    return (this.st.actorSeq.get(actor) as { s: number | null }).s ?? 0;
  }

  /** The actor's current sequence number in the journal. */
  actorSeq(actor: string): number {
    return this.actorSeqFromDb(actor);
  }

  /**
   * Snapshot (if any) and the events after it, for recovery. A snapshot the
   * chain does not vouch for is refused (JournalTampered), never used.
   * `withoutSnapshot`: every event of the actor (its snapshot is outdated).
   */
  loadActor(actor: string, o: { withoutSnapshot?: boolean } = {}): { snapshot?: { aseq: number; state: string }; events: StoredEvent[] } {
    const snap = o.withoutSnapshot ? undefined : (this.st.snapshot.get(actor) as { actor: string; aseq: number; state: string; record_gseq: number | null } | undefined);
    if (snap) {
      const problem = snapshotProblem(this.db, snap);
      if (problem) throw new JournalTampered(`snapshot of ${actor}: ${problem}`, [{ table: 'snapshots', key: actor, problem }]);
    }
    const events = this.st.eventsAfter.all(actor, snap?.aseq ?? 0) as StoredEvent[];
    return snap ? { snapshot: { aseq: snap.aseq, state: snap.state }, events } : { events };
  }

  /**
   * One actor's durable events after `afterAseq`, in order: lets a node
   * component follow an actor's stream from a durable mark (e.g. the court's
   * 4.1 hand-off follows the registry).
   */
  actorEvents(actor: string, afterAseq: number, limit = 500): StoredEvent[] {
    return this.st.durableEventsAfter.all(actor, afterAseq, this.head().gseq, limit) as StoredEvent[];
  }

  /**
   * The reply first given to this command id, if it produced events. The row
   * must point into the actor's run of events that carries the id (integrity.ts,
   * `commands`): an invented row would swallow the command — JournalTampered.
   */
  findCommand(actor: string, commandId: string): { reply: string | null } | undefined {
    const row = this.st.findCommand.get(actor, commandId) as { reply: string | null; gseq: number } | undefined;
    if (!row) return undefined;
    // The request's events end at `gseq`, contiguous and all of this actor: walk back through them only.
    for (const e of this.st.runBefore.iterate(row.gseq) as Iterable<{ actor: string; command_id: string | null }>) {
      if (e.actor !== actor) break;
      if (e.command_id === commandId) return { reply: row.reply };
    }
    const problem = `points at gseq ${row.gseq}, where no event of ${actor} carries this command id`;
    throw new JournalTampered(`idempotency record ${actor} ${commandId}: ${problem}`, [{ table: 'commands', key: `${actor} ${commandId}`, problem }]);
  }

  /** Ordered, resumable read by global sequence: durable events with gseq ≥ from. */
  read(fromGseq: number, limit = 1000): StoredEvent[] {
    return this.st.readFrom.all(fromGseq, this.head().gseq, limit) as StoredEvent[];
  }

  /** The last durable event (a read-only journal: the last committed one, another process writes). */
  head(): { gseq: number; hash: string } {
    return this.sync ? this.sync.head() : this.dbHead();
  }

  /** Called after every fsync that made events durable, with the last durable global sequence. */
  onCommit(listener: CommitListener): () => void {
    // a read-only journal commits nothing
    return this.sync?.onDurable(listener) ?? (() => false);
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

  /** Dead letters are bookkeeping, not journal events: they are written at once (StorageUnavailable when the disk refuses). */
  deadLetter(row: Omit<DeadLetterRow, 'id'>): void {
    try {
      this.st.insertDead.run(row.actor, row.command_id, row.message, row.error, row.attempts, row.ts);
    } catch (e) {
      throw this.asStorageError(e);
    }
  }

  deadLetters(): DeadLetterRow[] {
    return this.st.deadLetters.all() as DeadLetterRow[];
  }

  /** Direct database access for inspection tools and tests. */
  get database(): Database.Database {
    return this.db;
  }

  /** Commit what is queued and fsync it, then close (closing checkpoints: under FULL, so the main file is synced too). */
  close(): void {
    if (this.closed) return;
    this.flushNow();
    this.closed = true;
    if (this.walFd !== undefined) {
      this.db.pragma('synchronous = FULL');
      closeSync(this.walFd);
    }
    this.policy?.close();
    this.db.close();
  }
}

interface BatchRun {
  outcomes: Array<PersistResult | Error>;
  /** The chain's head after the transaction. */
  head: { gseq: number; hash: string };
}
