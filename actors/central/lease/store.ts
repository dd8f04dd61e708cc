/**
 * Which analytics store a worker serves, as a lease key. Workers that point `--analytics-dir` at the same chdb
 * folder on the same machine compete for the same key; the same path on two machines is two stores.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';

export interface StoreId {
  /** The lease key: `chdb_<host>_<16 hex of the folder's real path>` (KV keys allow [-_=.a-zA-Z0-9/]). */
  key: string;
  /** The folder's real path (what people read in `asds ops status`). */
  path: string;
  host: string;
}

export function chdbStore(dir: string): StoreId {
  mkdirSync(dir, { recursive: true });
  const path = realpathSync(resolve(dir));
  const host = hostname();
  const safeHost = host.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 60) || 'host';
  return { key: `chdb_${safeHost}_${createHash('sha256').update(path).digest('hex').slice(0, 16)}`, path, host };
}
