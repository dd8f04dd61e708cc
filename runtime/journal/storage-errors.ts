/**
 * SQLite and file-system errors as the runtime's typed errors: a file that is
 * not a sound database (JournalUnreadable) or storage that refuses writes —
 * full, read-only, failing (StorageUnavailable, HTTP 503).
 */
import { JournalUnreadable, StorageUnavailable } from '../errors.ts';

/** SQLite result codes that mean the file is not a sound database. */
const CORRUPT = /^SQLITE_(CORRUPT|NOTADB|IOERR_SHORT_READ)/;
/** …and those that mean the storage refuses writes (full, read-only, failing, not there). */
const STORAGE = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|PERM)/;

/** A SQLite (or file system) error as the runtime's typed error, or undefined for anything else. */
export function storageError(path: string, e: unknown): JournalUnreadable | StorageUnavailable | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  if (typeof code !== 'string') return undefined;
  if (CORRUPT.test(code)) return new JournalUnreadable(path, `${code}: ${message}`);
  if (STORAGE.test(code) || code === 'ENOSPC' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'EIO') {
    return new StorageUnavailable(path, `${code}: ${message}`);
  }
  return undefined;
}
