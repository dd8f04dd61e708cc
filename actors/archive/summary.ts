/**
 * What an existing package holds, in buildPackage's result shape: the court's archive actor rebuilds its
 * `package-built` record from this when a build finished but the record was not written (a crash between
 * the rename and the journal write — buildPackage then answers ARCHIVE_PACKAGE_EXISTS). Validate first:
 * this only lists and hashes.
 *
 *   const built = await packageSummary(join(packagesDir, packageId));
 */
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { byPath, hashFile, TAGMANIFEST } from './bag.ts';
import type { BuiltPackage, PackageFile } from './types.ts';

export async function packageSummary(dir: string): Promise<BuiltPackage> {
  const root = resolve(dir);
  const rels: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) rels.push(p);
    }
  };
  walk('');
  const files: PackageFile[] = [];
  for (const path of rels) files.push({ path, ...(await hashFile(join(root, path))) });
  files.sort(byPath);
  const tm = files.find((f) => f.path === TAGMANIFEST);
  return { packageId: basename(root), dir: root, files, bytes: files.reduce((s, f) => s + f.size, 0), tagmanifestSha256: tm?.sha256 ?? '' };
}
