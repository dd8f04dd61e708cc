/**
 * Durable file writes for keys, certificates, CRLs and bus credentials. A power loss soon after
 * a court's first start once left every PEM file of `<data>/pki` empty: the
 * data had been written to the page cache, the directory entries were on disk,
 * the contents were not. So every file here is written as
 *
 *   temporary file in the same folder → write → fsync → rename (or link, for
 *   "never overwrite") onto the final name → fsync of the folder,
 *
 * and a reader finds either the old complete file or the new complete one,
 * never an empty or half-written one. Created folders are fsynced into their
 * parent as well, or the whole `pki/` entry could vanish.
 */
import { closeSync, fchmodSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export type DurableStep = 'tmp-open' | 'tmp-write' | 'tmp-fsync' | 'rename' | 'link' | 'dir-fsync';

export interface DurableWriteOptions {
  /** File mode, set exactly (not masked by umask). */
  mode: number;
  /** Mode of folders created on the way (default 0755; bus credential folders 0700). */
  dirMode?: number;
  /** Fail with EEXIST instead of replacing an existing file (private keys are never overwritten). */
  exclusive?: boolean;
  /** Observer of each step (tests check the order; production passes nothing). */
  trace?: (step: DurableStep, path: string) => void;
}

/** fsync a folder so that the names created or renamed in it survive a power loss. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** mkdir -p, fsyncing each parent that got a new entry. */
export function ensureDirDurable(dir: string, mode = 0o755): void {
  if (existsSync(dir)) return;
  ensureDirDurable(dirname(dir), mode);
  try {
    mkdirSync(dir, { mode });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return;
  }
  fsyncDir(dirname(dir));
}

export function writeFileDurable(path: string, data: string | Uint8Array, o: DurableWriteOptions): void {
  const dir = dirname(path);
  ensureDirDurable(dir, o.dirMode);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  // Hidden, unique, same folder (rename is atomic only within one file system).
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const trace = o.trace ?? (() => undefined);
  const fd = openSync(tmp, 'wx', o.mode);
  trace('tmp-open', tmp);
  try {
    fchmodSync(fd, o.mode);
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    trace('tmp-write', tmp);
    fsyncSync(fd);
    trace('tmp-fsync', tmp);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  try {
    if (o.exclusive) {
      // link(2) fails with EEXIST atomically: a concurrent writer cannot clobber a key.
      linkSync(tmp, path);
      trace('link', path);
      unlinkSync(tmp);
    } else {
      renameSync(tmp, path);
      trace('rename', path);
    }
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
  fsyncDir(dir);
  trace('dir-fsync', dir);
}
