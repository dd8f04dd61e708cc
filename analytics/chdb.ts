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

  async insert(table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    if (rows.length === 0) return;
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
