/**
 * Everything the node trusts at start, checked against the hash chain.
 *
 * The chain (`events`) is what the centre witnesses link by link
 * (architecture.md "Trust boundaries"), so only what the chain vouches for can
 * be trusted; a table beside it that nobody checks is a back door (an edited
 * snapshot injected a `tech_admin` user and rewound the registry's ЄУН counter
 * while `asds journal verify` said OK). Each table the node reads at start:
 *
 * - `snapshots` — COVERED by the chain. Writing a snapshot appends, in the same
 *   transaction, a `snapshot-recorded` event to the runtime's own stream
 *   `journal/snapshots` holding {actor, aseq, hash of the actor's event at
 *   aseq, SHA-256 of the state text}. A snapshot is trusted only when that
 *   record exists, names it, its position holds the event with that hash and
 *   its state has that digest. Chosen over a digest merely stored beside the
 *   row (bound to the chain hash but not in the chain): anyone who can edit the
 *   table can recompute such a digest, while changing a chained record breaks
 *   the chain the centre already holds. Cost: one event per snapshot (every
 *   100 events by default).
 * - `commands` (idempotency) — CHECKED against the chain: every row points at
 *   an event of its actor, and every command id carried by an event has its row
 *   (a deleted row would let a retried command run twice; an invented one would
 *   swallow a command); each record is checked again before a repeat is
 *   answered from it (Journal.findCommand). The stored first reply itself is not chained: an
 *   edited reply misleads only a client that retries, never the state.
 * - `reminders` — SEALED and bound to the chain's position: each row carries
 *   H(chain hash at the gseq it was written ‖ row), so an edited or inserted
 *   row (a firing delivers a command as `system:reminder`) is refused — at
 *   start, and before each firing for one slipped in while running. Weaker
 *   than chaining — the seal uses no secret, so an insider who reads this code
 *   can recompute it — but chaining every reminder change would add an event
 *   to nearly every registration (the registry re-arms its reconcile reminder).
 * - `replication_marks` (court → centre, actors/court/replicator/marks.ts) —
 *   DERIVED from the centre's confirmations, checked only for sanity here (a
 *   mark beyond the head confirms what was never written); a lowered mark only
 *   re-sends, a raised one leaves a gap the centre's ingest detects.
 * - `dead_letters` — not read at start and never acted on: an operator's list.
 * - `meta` — the schema version only.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { chainHash, GENESIS_HASH } from './hash.ts';
import type { StoredEvent } from './types.ts';

/** The runtime's own stream of snapshot records (not an actor: no behavior is ever registered for it). */
export const SNAPSHOT_STREAM = 'journal/snapshots';
export const SNAPSHOT_RECORDED = 'snapshot-recorded';
export const JOURNAL_META = JSON.stringify({ author: 'system:journal' });

export interface SnapshotRecord {
  actor: string;
  aseq: number;
  /** Chain hash of the actor's event at `aseq`. */
  hash: string;
  /** SHA-256 (hex) of the stored state text. */
  digest: string;
}

export interface TableProblem {
  table: 'snapshots' | 'commands' | 'reminders' | 'replication_marks' | 'journal';
  /** The row: an actor key, `actor/name` of a reminder, a command id… */
  key: string;
  problem: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The seal of a reminder row written when the chain's head was (gseq, hash). */
export function reminderSeal(
  head: { gseq: number; hash: string },
  r: { actor: string; name: string; due_at: number; every_ms: number | null; message: string },
): string {
  return sha256(JSON.stringify([head.gseq, head.hash, r.actor, r.name, r.due_at, r.every_ms, r.message]));
}

interface SnapshotRow {
  actor: string;
  aseq: number;
  state: string;
  record_gseq?: number | null;
}

/** Prepared once per connection: a snapshot is checked at every activation of its actor. */
const statements = new WeakMap<Database.Database, { byGseq: Database.Statement; byPosition: Database.Statement }>();
function st(db: Database.Database) {
  let s = statements.get(db);
  if (!s) {
    s = { byGseq: db.prepare('SELECT * FROM events WHERE gseq = ?'), byPosition: db.prepare('SELECT hash FROM events WHERE actor = ? AND aseq = ?') };
    statements.set(db, s);
  }
  return s;
}

/** Why a snapshot row is not vouched for by the chain, or undefined when it is. */
export function snapshotProblem(db: Database.Database, row: SnapshotRow): string | undefined {
  if (row.record_gseq === null || row.record_gseq === undefined) return 'not recorded in the hash chain';
  const rec = st(db).byGseq.get(row.record_gseq) as StoredEvent | undefined;
  if (!rec || rec.actor !== SNAPSHOT_STREAM || rec.type !== SNAPSHOT_RECORDED) {
    return `names gseq ${row.record_gseq}, which is not a snapshot record`;
  }
  const linkProblem = recordLinkProblem(db, rec);
  if (linkProblem) return linkProblem;
  let r: SnapshotRecord;
  try {
    r = JSON.parse(rec.data) as SnapshotRecord;
  } catch {
    return `its record at gseq ${rec.gseq} is not readable`;
  }
  if (r.actor !== row.actor || r.aseq !== row.aseq) {
    return `claims #${row.aseq} but its record at gseq ${rec.gseq} is of ${r.actor} #${r.aseq}`;
  }
  const ev = st(db).byPosition.get(row.actor, row.aseq) as { hash: string } | undefined;
  if (!ev) return `claims position #${row.aseq}, which the journal does not hold`;
  if (ev.hash !== r.hash) return `position #${row.aseq} holds an event with another hash than the recorded one`;
  if (sha256(row.state) !== r.digest) return `state differs from the digest recorded in the chain at gseq ${rec.gseq}`;
  return undefined;
}

/**
 * The record must hold its place in the chain: its own hash recomputes and the
 * next event links to it. (Changing it together with every later link is a
 * rewritten history: `asds journal verify` and the centre see that.)
 */
function recordLinkProblem(db: Database.Database, rec: StoredEvent): string | undefined {
  if (chainHash(rec.prev_hash, rec) !== rec.hash) return `its record at gseq ${rec.gseq} was altered (hash does not recompute)`;
  const next = st(db).byGseq.get(rec.gseq + 1) as { prev_hash: string } | undefined;
  if (next && next.prev_hash !== rec.hash) return `its record at gseq ${rec.gseq} is not linked into the chain`;
  return undefined;
}

export function checkSnapshots(db: Database.Database): TableProblem[] {
  const out: TableProblem[] = [];
  for (const row of db.prepare('SELECT * FROM snapshots ORDER BY actor').iterate() as Iterable<SnapshotRow>) {
    const problem = snapshotProblem(db, row);
    if (problem) out.push({ table: 'snapshots', key: row.actor, problem });
  }
  return out;
}

export function checkCommands(db: Database.Database, limit = 20): TableProblem[] {
  const out: TableProblem[] = [];
  const dangling = db
    .prepare(
      `SELECT c.actor, c.command_id, c.gseq FROM commands c LEFT JOIN events e ON e.gseq = c.gseq
       WHERE e.gseq IS NULL OR e.actor <> c.actor LIMIT ?`,
    )
    .all(limit) as Array<{ actor: string; command_id: string; gseq: number }>;
  for (const c of dangling) out.push({ table: 'commands', key: `${c.actor} ${c.command_id}`, problem: `points at gseq ${c.gseq}, not an event of ${c.actor}` });
  const missing = db
    .prepare(
      `SELECT d.actor, d.command_id FROM (SELECT DISTINCT actor, command_id FROM events WHERE command_id IS NOT NULL) d
       LEFT JOIN commands c ON c.actor = d.actor AND c.command_id = d.command_id WHERE c.actor IS NULL LIMIT ?`,
    )
    .all(limit) as Array<{ actor: string; command_id: string }>;
  for (const c of missing) out.push({ table: 'commands', key: `${c.actor} ${c.command_id}`, problem: 'executed (events in the chain) but its idempotency record is gone: a retry would run it again' });
  if (out.length > 0) return out;
  const { n: executed } = db.prepare('SELECT count(*) AS n FROM (SELECT DISTINCT actor, command_id FROM events WHERE command_id IS NOT NULL)').get() as { n: number };
  const { n: rows } = db.prepare('SELECT count(*) AS n FROM commands').get() as { n: number };
  if (rows > executed) out.push({ table: 'commands', key: '*', problem: `${rows - executed} record(s) name commands no event in the chain carries: they would swallow those commands` });
  return out;
}

export interface ReminderRowSealed {
  actor: string;
  name: string;
  due_at: number;
  every_ms: number | null;
  message: string;
  sealed_gseq?: number | null;
  seal?: string | null;
}

/** Why a reminder row is not the one the node wrote, or undefined when it is (checked at start and before each firing). */
export function reminderProblem(db: Database.Database, r: ReminderRowSealed): string | undefined {
  if (r.seal === null || r.seal === undefined || r.sealed_gseq === null || r.sealed_gseq === undefined) return 'not sealed by the node';
  const hash = r.sealed_gseq === 0 ? GENESIS_HASH : (st(db).byGseq.get(r.sealed_gseq) as { hash: string } | undefined)?.hash;
  if (hash === undefined) return `sealed at gseq ${r.sealed_gseq}, which the journal does not hold`;
  if (reminderSeal({ gseq: r.sealed_gseq, hash }, r) !== r.seal) return 'row differs from what the node wrote (seal does not match)';
  return undefined;
}

export function checkReminders(db: Database.Database): TableProblem[] {
  const out: TableProblem[] = [];
  for (const r of db.prepare('SELECT * FROM reminders ORDER BY actor, name').iterate() as Iterable<ReminderRowSealed>) {
    const problem = reminderProblem(db, r);
    if (problem) out.push({ table: 'reminders', key: `${r.actor} ${r.name}`, problem });
  }
  return out;
}

export function checkMarks(db: Database.Database): TableProblem[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'replication_marks'").get();
  if (!exists) return [];
  const head = (db.prepare('SELECT max(gseq) AS g FROM events').get() as { g: number | null }).g ?? 0;
  const rows = db.prepare('SELECT target, confirmed FROM replication_marks WHERE confirmed > ? OR confirmed < 0').all(head) as Array<{ target: string; confirmed: number }>;
  return rows.map((m) => ({ table: 'replication_marks' as const, key: m.target, problem: `confirms gseq ${m.confirmed}, beyond the journal's head ${head}` }));
}

/** Every table the node trusts at start, against the chain. Empty = all vouched for. */
export function checkTables(db: Database.Database): TableProblem[] {
  return [...checkSnapshots(db), ...checkCommands(db), ...checkReminders(db), ...checkMarks(db)];
}

/** One line for an operator: which table and row, what is wrong. */
export function describeProblems(problems: TableProblem[], max = 3): string {
  const shown = problems.slice(0, max).map((p) => `${p.table} ${p.key}: ${p.problem}`);
  const more = problems.length > max ? `; and ${problems.length - max} more` : '';
  return shown.join('; ') + more;
}
