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
 * `synchronous=FULL` (see checkpointer.ts), so the main file is fsynced before
 * SQLite may reuse the WAL, and the loop does not stall on that fsync either;
 * `close()` syncs first too.
 */
import Database from 'better-sqlite3';
import { closeSync, fdatasync, fdatasyncSync, fstatSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConcurrencyConflict, JournalTampered, StorageUnavailable } from '../errors.ts';
import { ADDED_COLUMNS, DDL, SCHEMA_VERSION } from './schema.ts';
import { JOURNAL_META, reminderSeal, SNAPSHOT_RECORDED, SNAPSHOT_STREAM, sha256, snapshotProblem, type SnapshotRecord } from './integrity.ts';
import { CHAIN_FORMAT, chainHash, GENESIS_HASH, newSalt, NOTHING_PUBLIC, publicText, type PublicView, type PublicViewFn } from './hash.ts';
import { Checkpointer } from './checkpointer.ts';
import { storageError } from './storage-errors.ts';

import type { DeadLetterRow, JournalObserver, JournalOptions, PersistRequest, PersistResult, ReminderOp, ReminderRow, StoredEvent } from './types.ts';

export type { DeadLetterRow, JournalOptions, PersistRequest, PersistResult, ReminderOp, ReminderRow, StoredEvent } from './types.ts';

interface Pending {
  req: PersistRequest;
  resolve(r: PersistResult): void;
  reject(e: unknown): void;
}

type CommitListener = (lastGseq: number) => void;

/** A committed transaction waiting for the fsync that makes it durable. */
interface Unsynced {
  settle(): void;
  fail(e: unknown): void;
  head: { gseq: number; hash: string };
}

export class Journal {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly maxBatch: number;
  private queue: Pending[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly listeners = new Set<CommitListener>();
  private readonly st: ReturnType<Journal['prepare']>;
  /** fd of the `-wal` file, fdatasync'ed off the loop; undefined when read-only. */
  private walFd?: number;
  private readonly checkpointBytes: number;
  private readonly walLimitBytes: number;
  private checkpointMode: 'passive' | 'truncate' = 'passive';
  /** Commit and fsync timings for the node's metrics (set by the actor system). */
  observer: JournalObserver | undefined;
  /** Committed, not yet fsynced; the next fsync covers all of them. */
  private unsynced: Unsynced[] = [];
  /** The group covered by the fsync in flight. */
  private syncing: Unsynced[] | null = null;
  /** Last durable event: what `head()`/`read()` show and what was acknowledged. */
  private durable: { gseq: number; hash: string };
  /** An fsync failed: the page cache may have dropped our writes, nothing more can be acknowledged. */
  private broken?: StorageUnavailable;
  /** Bytes (roughly: event and snapshot JSON) written since the last checkpoint started. */
  private sinceCheckpoint = 0;
  private checkpointer?: Checkpointer;
  private readonly publicView: PublicViewFn;

  constructor(path: string, opts: JournalOptions = {}) {
    this.path = path;
    this.publicView = opts.publicView ?? NOTHING_PUBLIC;
    this.maxBatch = opts.maxBatch ?? 2000;
    this.checkpointBytes = opts.checkpointBytes ?? 16 * 1024 * 1024;
    this.walLimitBytes = opts.walLimitBytes ?? (Number(process.env.ASDS_WAL_LIMIT_BYTES) || 256 * 1024 * 1024);
    if (!opts.readonly) mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
    this.db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    if (!opts.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      // Checkpoints are ours (maybeCheckpoint, in a worker): SQLite's automatic one would run under synchronous=OFF.
      this.db.pragma('wal_autocheckpoint = 0');
      // After a checkpoint let SQLite truncate a WAL that a long burst made large.
      this.db.pragma('journal_size_limit = 67108864');
      this.db.exec(DDL);
      this.upgrade();
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
    this.st = this.prepare();
    this.durable = this.dbHead();
  }

  /**
   * A journal written before snapshots and reminders were tied to the chain
   * (schema 1) gets the columns; its snapshots are dropped (they are caches:
   * the actors rebuild from their events) and its reminders sealed as they are.
   */
  private upgrade(): void {
    const db = this.db;
    db.transaction(() => {
      const added: string[] = [];
      for (const c of ADDED_COLUMNS) {
        const cols = db.prepare(`PRAGMA table_info(${c.table})`).all() as Array<{ name: string }>;
        if (cols.some((x) => x.name === c.column)) continue;
        db.exec(`ALTER TABLE ${c.table} ADD COLUMN ${c.column} ${c.type}`);
        added.push(`${c.table}.${c.column}`);
      }
      if (added.includes('snapshots.record_gseq')) db.exec('DELETE FROM snapshots WHERE record_gseq IS NULL');
      if (added.includes('reminders.seal')) {
        const last = db.prepare('SELECT gseq, hash FROM events ORDER BY gseq DESC LIMIT 1').get() as { gseq: number; hash: string } | undefined;
        const head = last ?? { gseq: 0, hash: GENESIS_HASH };
        const seal = db.prepare('UPDATE reminders SET sealed_gseq = ?, seal = ? WHERE actor = ? AND name = ?');
        for (const r of db.prepare('SELECT * FROM reminders').all() as ReminderRow[]) seal.run(head.gseq, reminderSeal(head, r), r.actor, r.name);
      }
      db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value')
        .run('schema_version', String(SCHEMA_VERSION));
    })();
  }

  private prepare() {
    const db = this.db;
    return {
      head: db.prepare('SELECT gseq, hash FROM events ORDER BY gseq DESC LIMIT 1'),
      actorSeq: db.prepare('SELECT max(aseq) AS s FROM events WHERE actor = ?'),
      insertEvent: db.prepare(
        `INSERT INTO events (gseq, actor, aseq, type, ts, meta, data, command_id, prev_hash, hash, chain, salt, pub)
         VALUES (@gseq, @actor, @aseq, @type, @ts, @meta, @data, @command_id, @prev_hash, @hash, @chain, @salt, @pub)`,
      ),
      insertCommand: db.prepare('INSERT INTO commands (actor, command_id, reply, gseq) VALUES (?, ?, ?, ?)'),
      findCommand: db.prepare('SELECT reply, gseq FROM commands WHERE actor = ? AND command_id = ?'),
      runBefore: db.prepare('SELECT actor, command_id FROM events WHERE gseq <= ? ORDER BY gseq DESC'),
      upsertSnapshot: db.prepare(
        `INSERT INTO snapshots (actor, aseq, state, ts, record_gseq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(actor) DO UPDATE SET aseq = excluded.aseq, state = excluded.state, ts = excluded.ts,
           record_gseq = excluded.record_gseq
         WHERE excluded.aseq > snapshots.aseq`,
      ),
      snapshot: db.prepare('SELECT actor, aseq, state, record_gseq FROM snapshots WHERE actor = ?'),
      eventsAfter: db.prepare('SELECT * FROM events WHERE actor = ? AND aseq > ? ORDER BY aseq'),
      durableEventsAfter: db.prepare('SELECT * FROM events WHERE actor = ? AND aseq > ? AND gseq <= ? ORDER BY aseq LIMIT ?'),
      readFrom: db.prepare('SELECT * FROM events WHERE gseq >= ? AND gseq <= ? ORDER BY gseq LIMIT ?'),
      upsertReminder: db.prepare(
        `INSERT INTO reminders (actor, name, due_at, every_ms, message, last_fired, sealed_gseq, seal)
         VALUES (@actor, @name, @due_at, @every_ms, @message, NULL, @sealed_gseq, @seal)
         ON CONFLICT(actor, name) DO UPDATE SET due_at = excluded.due_at, every_ms = excluded.every_ms,
           message = excluded.message, sealed_gseq = excluded.sealed_gseq, seal = excluded.seal`,
      ),
      deleteReminder: db.prepare('DELETE FROM reminders WHERE actor = ? AND name = ?'),
      firedReminder: db.prepare('UPDATE reminders SET due_at = ?, last_fired = ?, sealed_gseq = ?, seal = ? WHERE actor = ? AND name = ?'),
      dueReminders: db.prepare('SELECT * FROM reminders WHERE due_at <= ? ORDER BY due_at LIMIT ?'),
      reminder: db.prepare('SELECT * FROM reminders WHERE actor = ? AND name = ?'),
      eventAt: db.prepare('SELECT hash FROM events WHERE actor = ? AND aseq = ?'),
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
    if (this.broken) return Promise.reject(this.broken);
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
    this.startSync();
  }

  /** Commit everything queued now and make it durable before returning (shutdown, tests). */
  flushNow(): void {
    this.flushScheduled = false;
    while (this.queue.length > 0) this.commitBatch(this.queue.splice(0, this.maxBatch));
    if (this.walFd === undefined || (this.unsynced.length === 0 && this.syncing === null)) return;
    // Covers the group of an fsync still in flight too: its callback then finds nothing to settle.
    const groups = [...(this.syncing ?? []), ...this.unsynced];
    this.syncing = null;
    this.unsynced = [];
    try {
      fdatasyncSync(this.walFd);
    } catch (e) {
      return this.syncFailed(groups, e);
    }
    this.settle(groups);
  }

  /**
   * Resolves once everything committed so far is durable (at once when it is).
   * For replies that rest on rows read back from the journal (idempotent
   * repeats) rather than on a write of their own.
   */
  whenDurable(): Promise<void> {
    const group = this.unsynced.length > 0 ? this.unsynced : this.syncing;
    if (group === null || group.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => group.push({ head: group[group.length - 1]!.head, settle: resolve, fail: reject }));
  }

  /** One fsync at a time; what commits meanwhile waits for the next one. */
  private startSync(): void {
    if (this.syncing !== null || this.unsynced.length === 0 || this.walFd === undefined) return;
    const group = this.unsynced;
    this.unsynced = [];
    this.syncing = group;
    const t0 = performance.now();
    fdatasync(this.walFd, (err) => {
      if (this.syncing !== group) return; // settled by flushNow() meanwhile
      this.syncing = null;
      this.observer?.fsync(performance.now() - t0);
      if (err) return this.syncFailed(group, err);
      this.settle(group);
      this.maybeCheckpoint();
      this.startSync();
    });
  }

  private settle(group: Unsynced[]): void {
    const last = group[group.length - 1];
    if (last && last.head.gseq > this.durable.gseq) this.durable = last.head;
    for (const u of group) u.settle();
    if (last && last.head.gseq > 0) for (const l of this.listeners) l(this.durable.gseq);
  }

  private syncFailed(group: Unsynced[], e: unknown): void {
    // fsyncgate: after a failed fsync the kernel may have dropped the dirty pages; retrying would lie.
    // Writes answer StorageUnavailable (HTTP 503) from now on, reads keep working; only a restart re-reads the truth.
    this.broken = new StorageUnavailable(this.path, `fsync failed (${String(e)}); restart the node`);
    for (const u of [...group, ...this.unsynced]) u.fail(this.broken);
    this.unsynced = [];
  }

  /**
   * Copy the WAL into the main file once enough was written, in the worker.
   * Under sustained writes a PASSIVE checkpoint rarely covers the whole WAL,
   * so SQLite reuses it only after a pause: the WAL grows during a burst.
   */
  private maybeCheckpoint(): void {
    if (this.closed || this.walFd === undefined) return;
    const walBytes = fstatSync(this.walFd).size;
    // Hard bound (4× the limit): the worker is starting or stuck — empty the WAL here, under FULL so the main file is synced first.
    if (walBytes > 4 * this.walLimitBytes) return this.truncateNow();
    const overLimit = walBytes > this.walLimitBytes;
    if (this.sinceCheckpoint < this.checkpointBytes && !overLimit) return;
    this.checkpointer ??= new Checkpointer(this.path, (r) => {
      if (!r.ok) this.onCheckpointError(r.error);
      this.observer?.checkpoint?.(this.checkpointMode, r.ok);
    });
    const mode = overLimit ? 'truncate' : 'passive';
    if (this.checkpointer.request(mode)) {
      this.sinceCheckpoint = 0;
      this.checkpointMode = mode;
    }
  }

  /** A TRUNCATE checkpoint on the writer's own connection (the event loop waits for it: bounded by the WAL limit). */
  private truncateNow(): void {
    try {
      this.db.pragma('synchronous = FULL');
      const [r] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      this.sinceCheckpoint = 0;
      this.observer?.checkpoint?.('truncate', r?.busy === 0);
    } catch (e) {
      this.onCheckpointError(String(e));
    } finally {
      this.db.pragma('synchronous = OFF');
    }
  }

  private onCheckpointError(error: string | undefined): void {
    // Not fatal: the WAL holds everything durably; the next checkpoint retries.
    process.emitWarning(`journal ${this.path}: checkpoint failed: ${error ?? 'unknown'}`);
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
    if (this.walFd === undefined) {
      for (const [p, r] of ok) p.resolve(r);
      return;
    }
    this.unsynced.push({ head: run.head, settle: () => ok.forEach(([p, r]) => p.resolve(r)), fail: (e) => ok.forEach(([p]) => p.reject(e)) });
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
    this.sinceCheckpoint += row.data.length + row.meta.length + 200;
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
    this.sinceCheckpoint += snap.state.length;
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

  /** Snapshot (if any) and the events after it, for recovery. */
  /**
   * Snapshot (if any) and the events after it, for recovery. A snapshot the
   * chain does not vouch for is refused (JournalTampered), never used.
   */
  loadActor(actor: string): { snapshot?: { aseq: number; state: string }; events: StoredEvent[] } {
    const snap = this.st.snapshot.get(actor) as { actor: string; aseq: number; state: string; record_gseq: number | null } | undefined;
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

  /** The reply first given to this command id, if it produced events. */
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
    return this.walFd === undefined ? this.dbHead() : { ...this.durable };
  }

  /** Called after every fsync that made events durable, with the last durable global sequence. */
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
    // The worker's connection closes after ours; being the last, it checkpoints (FULL) and removes the WAL.
    void this.checkpointer?.close();
    this.db.close();
  }
}

interface BatchRun {
  outcomes: Array<PersistResult | Error>;
  /** The chain's head after the transaction. */
  head: { gseq: number; hash: string };
}
