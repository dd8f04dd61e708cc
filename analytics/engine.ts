/**
 * The central analytical database behind one small interface, so the ingest
 * actors, reports and the lag monitor do not care which ClickHouse they talk
 * to (issue 6 item 3):
 *
 * - `chdb` (default): embedded ClickHouse in the worker process, data under
 *   `<central data dir>/analytics`. A chdb data directory is locked by ONE
 *   process (and a process holds one chdb directory at a time), so with chdb
 *   one central worker at a time owns it and others stand by (the lease of
 *   actors/central/lease); scale-out means a ClickHouse server
 *   (`--clickhouse-url`) shared by any number of workers.
 * - `clickhouse`: a ClickHouse server through `@clickhouse/client`.
 *
 * Parameters use ClickHouse's server-side binding `{name:Type}` in both
 * adapters: values never enter the SQL text.
 */
export type Params = Record<string, string | number | boolean | Array<string | number>>;

export interface AnalyticsEngine {
  readonly kind: 'chdb' | 'clickhouse';
  /** Run a statement that returns nothing (DDL, INSERT … SELECT, OPTIMIZE). */
  exec(sql: string, params?: Params): Promise<void>;
  /** Rows of a SELECT, parsed from JSONEachRow. 64-bit integers may come back as strings: coerce. */
  query<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  /**
   * Insert rows (JSONEachRow). Resolves only after the engine reports the
   * insert done — with the tables' `fsync_after_insert` that is after fsync,
   * which is what the ingest confirms to courts.
   */
  insert(table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void>;
  /**
   * Optional fast path: rows already encoded as JSONCompactEachRow lines (one `[…]\n` per row, values in
   * `columns` order; a JSON object given for a String column is stored as its text). Same durability as insert.
   * The ingest worker builds these lines as messages arrive, so a batch is not encoded a second time.
   */
  insertLines?(table: string, columns: readonly string[], lines: string): Promise<void>;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** chdb data directory (default engine). */
  dataDir?: string;
  /** ClickHouse server URL, e.g. http://user:pw@host:8123/asds — switches to @clickhouse/client. */
  clickhouseUrl?: string;
}

/** Open the configured engine and bring its schema up to date. */
export async function openEngine(opts: EngineOptions): Promise<AnalyticsEngine> {
  let engine: AnalyticsEngine;
  if (opts.clickhouseUrl) {
    const { ClickHouseServerEngine } = await import('./clickhouse.ts');
    engine = await ClickHouseServerEngine.open(opts.clickhouseUrl);
  } else if (opts.dataDir) {
    const { ChdbEngine } = await import('./chdb.ts');
    engine = ChdbEngine.open(opts.dataDir);
  } else {
    throw new Error('analytics engine: give a chdb data dir or a ClickHouse URL');
  }
  try {
    const { migrate } = await import('./migrate.ts');
    await migrate(engine);
  } catch (e) {
    await engine.close();
    throw e;
  }
  return engine;
}

/** JSONEachRow text → rows. */
export function parseJsonEachRow<T>(text: string): T[] {
  const out: T[] = [];
  for (const line of text.split('\n')) if (line.length > 0) out.push(JSON.parse(line) as T);
  return out;
}
