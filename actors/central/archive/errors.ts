import { AsdsError } from '../../../runtime/errors.ts';

/** The package is not (completely) in the archive store. */
export class ArchiveNotStored extends AsdsError {
  constructor(court: string, packageId: string) {
    super('ARCHIVE_NOT_STORED', `пакет ${packageId} суду ${court} не зберігається в центральному архіві`, { court, packageId });
  }
}

/** A path inside a bag that would leave it (absolute, `..`, empty parts, NUL): never written, never read. */
export class ArchiveBadPath extends AsdsError {
  constructor(path: string) {
    super('ARCHIVE_BAD_PATH', `недопустимий шлях у пакеті: ${JSON.stringify(path)}`, { path });
  }
}

/** A request to the central archive that names no package or case it holds, or is malformed. */
export class ArchiveQueryRefused extends AsdsError {
  constructor(message: string, details?: unknown) {
    super('ARCHIVE_QUERY_REFUSED', message, details);
  }
}

/** A relative bag path, checked: `/`-separated parts, none empty, `.` or `..`, no NUL or backslash, not absolute. */
export function safeBagPath(path: string): string {
  if (typeof path !== 'string' || path.length === 0 || path.length > 1000 || path.startsWith('/') || /[\u0000\\]/.test(path)) throw new ArchiveBadPath(path);
  for (const part of path.split('/')) if (part === '' || part === '.' || part === '..') throw new ArchiveBadPath(path);
  return path;
}
