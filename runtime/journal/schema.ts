/**
 * SQLite layout of a node's journal. Append-only `events` is the system of
 * record (architecture.md "Durability"); the other tables are bookkeeping that
 * commits in the same transactions. How each bookkeeping table is tied to the
 * chain (covered by it, or checked against it): runtime/journal/integrity.ts.
 */
export const SCHEMA_VERSION = 3;

export const DDL = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
-- gseq: node-wide, gapless; aseq: per actor, gapless. hash = H(prev_hash ‖ row) in format chain (hash.ts):
-- 1 legacy (whole row), 2 (public view pub + salted digest of meta and data; salt never leaves the node).
CREATE TABLE IF NOT EXISTS events (
  gseq       INTEGER PRIMARY KEY,
  actor      TEXT    NOT NULL,
  aseq       INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  ts         INTEGER NOT NULL,
  meta       TEXT    NOT NULL,
  data       TEXT    NOT NULL,
  command_id TEXT,
  prev_hash  TEXT    NOT NULL,
  hash       TEXT    NOT NULL,
  chain      INTEGER NOT NULL DEFAULT 1,
  salt       TEXT,
  pub        TEXT,
  UNIQUE (actor, aseq)
);
-- First reply to every command id that produced events: a repeat returns it and writes nothing.
CREATE TABLE IF NOT EXISTS commands (
  actor      TEXT NOT NULL,
  command_id TEXT NOT NULL,
  reply      TEXT,
  gseq       INTEGER NOT NULL,
  PRIMARY KEY (actor, command_id)
) WITHOUT ROWID;
-- record_gseq: the chained snapshot-recorded event that vouches for this row (integrity.ts).
CREATE TABLE IF NOT EXISTS snapshots (
  actor       TEXT PRIMARY KEY,
  aseq        INTEGER NOT NULL,
  state       TEXT NOT NULL,
  ts          INTEGER NOT NULL,
  record_gseq INTEGER
);
CREATE TABLE IF NOT EXISTS reminders (
  actor      TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  due_at     INTEGER NOT NULL,
  every_ms   INTEGER,
  message    TEXT    NOT NULL,
  last_fired INTEGER,
  -- seal = H(chain hash at sealed_gseq ‖ row): the row as the node wrote it, bound to the chain's position (integrity.ts).
  sealed_gseq INTEGER,
  seal        TEXT,
  PRIMARY KEY (actor, name)
);
CREATE INDEX IF NOT EXISTS reminders_due ON reminders (due_at);
CREATE TABLE IF NOT EXISTS dead_letters (
  id         INTEGER PRIMARY KEY,
  actor      TEXT    NOT NULL,
  command_id TEXT,
  message    TEXT    NOT NULL,
  error      TEXT    NOT NULL,
  attempts   INTEGER NOT NULL,
  ts         INTEGER NOT NULL
);
`;

/** Columns added after version 1, for journals created before them (added on the first writable open). */
export const ADDED_COLUMNS: Array<{ table: string; column: string; type: string }> = [
  { table: 'snapshots', column: 'record_gseq', type: 'INTEGER' },
  { table: 'reminders', column: 'sealed_gseq', type: 'INTEGER' },
  { table: 'reminders', column: 'seal', type: 'TEXT' },
  // chain format 2 (hash.ts): rows written before keep chain 1, the legacy range
  { table: 'events', column: 'chain', type: 'INTEGER NOT NULL DEFAULT 1' },
  { table: 'events', column: 'salt', type: 'TEXT' },
  { table: 'events', column: 'pub', type: 'TEXT' },
];
