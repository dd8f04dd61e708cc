/**
 * The filesystem archive store (default): `<root>/<court>/<packageId>/` holds the bag exactly as the court built it
 * (so `sha256sum -c manifest-sha256.txt` runs there as is). A package arrives from a staging folder on the same
 * filesystem: every file fsynced, then one rename of the folder onto its final name and an fsync of the parent —
 * the rename is the commit, so a kill leaves either no package or the whole one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fsyncDir } from '../../../runtime/durable-file.ts';
import type { ArchiveStore, PackageKey, StoredFile } from './store.ts';
import { ArchiveNotStored, safeBagPath } from './errors.ts';

export class FsArchiveStore implements ArchiveStore {
  readonly kind = 'fs' as const;
  constructor(readonly root: string) {}

  location(k: PackageKey): string {
    return join(this.root, safeBagPath(k.court), safeBagPath(k.packageId));
  }

  async has(k: PackageKey): Promise<boolean> {
    return existsSync(this.location(k));
  }

  async put(k: PackageKey, dir: string): Promise<{ location: string }> {
    const final = this.location(k);
    if (existsSync(final)) return { location: final };
    const parent = join(this.root, k.court);
    mkdirSync(parent, { recursive: true, mode: 0o750 });
    for (const f of walk(dir)) fsyncFile(join(dir, f));
    for (const d of dirs(dir)) fsyncDir(join(dir, d));
    fsyncDir(dir);
    renameSync(dir, final);
    fsyncDir(parent);
    return { location: final };
  }

  async files(k: PackageKey): Promise<StoredFile[]> {
    const at = this.location(k);
    if (!existsSync(at)) throw new ArchiveNotStored(k.court, k.packageId);
    return walk(at).map((path) => ({ path, size: statSync(join(at, path)).size }));
  }

  async read(k: PackageKey, path: string, offset: number, length: number): Promise<Uint8Array> {
    const at = this.location(k);
    if (!existsSync(at)) throw new ArchiveNotStored(k.court, k.packageId);
    const fd = openSync(join(at, safeBagPath(path)), 'r');
    try {
      const buf = Buffer.alloc(length);
      const n = readSync(fd, buf, 0, length, offset);
      return buf.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  }
}

/** Every regular file under `dir`, as `/`-separated relative paths, sorted. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  const go = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) go(p);
      else if (e.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  go(dir);
  return out.sort();
}

function dirs(dir: string): string[] {
  const out: string[] = [];
  const go = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const p = join(d, e.name);
      out.push(relative(dir, p));
      go(p);
    }
  };
  go(dir);
  return out;
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
