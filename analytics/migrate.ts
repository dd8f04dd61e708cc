/**
 * Numbered schema migrations: `analytics/migrations/NNN-name.sql`, applied in
 * order, each recorded in `schema_migrations`. Statements are split on `;` at
 * a line end. Every statement is written to be re-runnable (IF NOT EXISTS), so
 * two workers starting together against one server cannot break the schema;
 * the table is a ReplacingMergeTree so a doubly-recorded version stays one row.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnalyticsEngine } from './engine.ts';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export function loadMigrations(dir = DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 3)),
      name: f.slice(4, -4),
      statements: splitStatements(readFileSync(dir + f, 'utf8')),
    }));
}

export function splitStatements(sql: string): string[] {
  const noComments = sql
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('--'))
    .join('\n');
  return noComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Apply every migration not yet recorded; returns the versions applied now. */
export async function migrate(engine: AnalyticsEngine, dir = DIR): Promise<number[]> {
  await engine.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at Int64)
     ENGINE = ReplacingMergeTree ORDER BY version`,
  );
  const done = new Set((await engine.query<{ version: number }>('SELECT DISTINCT version FROM schema_migrations')).map((r) => Number(r.version)));
  const applied: number[] = [];
  for (const m of loadMigrations(dir)) {
    if (done.has(m.version)) continue;
    for (const s of m.statements) await engine.exec(s);
    await engine.insert('schema_migrations', [{ version: m.version, name: m.name, applied_at: Date.now() }]);
    applied.push(m.version);
  }
  return applied;
}
