/**
 * The journal's SQL: its prepared statements, and the upgrade of a journal
 * written by an earlier schema.
 *
 *   const st = prepareStatements(db);
 *   st.head.get();   // { gseq, hash } of the last committed event
 */
import type Database from 'better-sqlite3';
import { ADDED_COLUMNS, SCHEMA_VERSION } from './schema.ts';
import { reminderSeal } from './integrity.ts';
import { GENESIS_HASH } from './hash.ts';
import type { ReminderRow } from './types.ts';

/**
 * A journal written before snapshots and reminders were tied to the chain
 * (schema 1) gets the columns; its snapshots are dropped (they are caches:
 * the actors rebuild from their events) and its reminders sealed as they are.
 */
export function upgradeSchema(db: Database.Database): void {
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

export function prepareStatements(db: Database.Database) {
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

export type JournalStatements = ReturnType<typeof prepareStatements>;
