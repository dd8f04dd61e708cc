/**
 * Embedded ClickHouse (chdb). One Session per process and one process per
 * data directory (chdb locks `<dir>/status`): see engine.ts.
 */
import { mkdirSync } from 'node:fs';
import { Session } from 'chdb';
import { parseJsonEachRow, type AnalyticsEngine, type Params } from './engine.ts';

export class ChdbEngine implements AnalyticsEngine {
  readonly kind = 'chdb' as const;
  private closed = false;

  private constructor(private readonly session: Session) {}

  static open(dataDir: string): ChdbEngine {
    mkdirSync(dataDir, { recursive: true });
    return new ChdbEngine(new Session(dataDir));
  }

  async exec(sql: string, params?: Params): Promise<void> {
    if (params) await this.session.queryBindAsync(sql, params, { format: 'Null' });
    else await this.session.queryAsync(sql, { format: 'Null' });
  }

  async query<T>(sql: string, params?: Params): Promise<T[]> {
    const r = params ? await this.session.queryBindAsync(sql, params, { format: 'JSONEachRow' }) : await this.session.queryAsync(sql, { format: 'JSONEachRow' });
    return parseJsonEachRow<T>(r.text());
  }

  /**
   * JSONCompactEachRow with the first row's keys as the column list: the same
   * JSON values as JSONEachRow without repeating every key on every row —
   * about half the engine's parse time per row (bench/ingest.ts). A key
   * missing from a later row goes in as null → the column's default; a
   * later row with more keys sends the whole insert keyed (JSONEachRow).
   */
  async insert(table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    let text = '';
    for (const r of rows) {
      // a row with a key the first one lacks: rows of mixed shape, take the keyed format
      if (keyCount(r) > columns.length) return this.insertKeyed(table, rows);
      const values = new Array<unknown>(columns.length);
      for (let i = 0; i < columns.length; i++) values[i] = r[columns[i]!] ?? null;
      text += JSON.stringify(values) + '\n';
    }
    await this.session.insert({ table, values: Buffer.from(text), format: 'JSONCompactEachRow', columns });
  }

  async insertLines(table: string, columns: readonly string[], lines: string): Promise<void> {
    if (lines.length === 0) return;
    await this.session.insert({ table, values: Buffer.from(lines), format: 'JSONCompactEachRow', columns: [...columns] });
  }

  private async insertKeyed(table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    let text = '';
    for (const r of rows) text += JSON.stringify(r) + '\n';
    await this.session.insert({ table, values: Buffer.from(text), format: 'JSONEachRow' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session.close();
  }
}

function keyCount(r: Record<string, unknown>): number {
  let n = 0;
  for (const _ in r) n++;
  return n;
}
