/**
 * A ClickHouse server through `@clickhouse/client` (`--clickhouse-url`).
 * Inserts wait for the server's answer (`wait_end_of_query`, no async insert),
 * so a resolved insert is on the server; with a replicated cluster add
 * `insert_quorum` in the URL's settings to confirm only after replicas have it.
 */
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { AnalyticsEngine, Params } from './engine.ts';

export class ClickHouseServerEngine implements AnalyticsEngine {
  readonly kind = 'clickhouse' as const;

  private constructor(private readonly client: ClickHouseClient) {}

  static async open(url: string): Promise<ClickHouseServerEngine> {
    const client = createClient({
      url,
      request_timeout: 120_000,
      clickhouse_settings: { wait_end_of_query: 1, async_insert: 0, date_time_input_format: 'best_effort' },
    });
    const ping = await client.ping();
    if (!ping.success) {
      await client.close();
      throw new Error(`ClickHouse at ${redact(url)} does not answer: ${String(ping.error)}`);
    }
    return new ClickHouseServerEngine(client);
  }

  async exec(sql: string, params?: Params): Promise<void> {
    await this.client.command({ query: sql, ...(params ? { query_params: params } : {}) });
  }

  async query<T>(sql: string, params?: Params): Promise<T[]> {
    const rs = await this.client.query({ query: sql, format: 'JSONEachRow', ...(params ? { query_params: params } : {}) });
    return (await rs.json()) as T[];
  }

  async insert(table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table, values: rows as Array<Record<string, unknown>>, format: 'JSONEachRow' });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** A URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparsable url>';
  }
}
