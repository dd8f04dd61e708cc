/**
 * The court's copy of its journal for a database pull (Засади 18.3): taken
 * while the node runs with SQLite's online backup API (better-sqlite3
 * `db.backup()`: a consistent snapshot even as events are written), switched
 * out of WAL so it is one self-contained file, hashed, and described by a
 * manifest sealed with the court seal. Kept on disk under
 * `<data>/pulls/<pullId>/` so a restarted node serves the same bytes and a cut
 * transfer resumes.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, fsyncSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeFileDurable } from '../../../runtime/durable-file.ts';
import { GENESIS_HASH } from '../../../runtime/journal/hash.ts';
import { sealDocument } from '../seal/index.ts';
import type { Signer } from '../../pki/index.ts';
import type { PullManifestV1 } from '../../../contracts/pull/index.ts';

export const pullDir = (dataDir: string, pullId: string) => join(dataDir, 'pulls', pullId);
export const copyPath = (dataDir: string, pullId: string) => join(pullDir(dataDir, pullId), 'copy.sqlite');

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** The court keeps its copies 7 days: long enough for any interrupted transfer to resume, then they go. */
export const COURT_COPY_RETENTION_DAYS = 7;

/** Remove copies of earlier pulls older than the retention (called when a new copy is made). */
export function removeOldCopies(dataDir: string, now = Date.now()): string[] {
  const root = join(dataDir, 'pulls');
  if (!existsSync(root)) return [];
  const removed: string[] = [];
  for (const id of readdirSync(root)) {
    const dir = join(root, id);
    if (now - statSync(dir).mtimeMs > COURT_COPY_RETENTION_DAYS * 86_400_000) {
      rmSync(dir, { recursive: true, force: true });
      removed.push(id);
    }
  }
  return removed;
}

/** Make (or find, if made before a restart) the sealed copy of `db` for pull `pullId`. */
export async function preparePullCopy(db: Database.Database, dataDir: string, court: string, pullId: string, signer: Signer): Promise<PullManifestV1> {
  const dir = pullDir(dataDir, pullId);
  const manifestFile = join(dir, 'manifest.json');
  if (existsSync(manifestFile)) return JSON.parse(readFileSync(manifestFile, 'utf8')) as PullManifestV1;
  removeOldCopies(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const part = join(dir, 'copy.sqlite.part');
  rmSync(part, { force: true });
  await db.backup(part);
  const head = finishCopy(part);
  fsyncFile(part);
  const final = copyPath(dataDir, pullId);
  renameSync(part, final);
  const createdAt = new Date();
  const manifest: PullManifestV1 = {
    schema: 'asds.pull-manifest/v1',
    pullId,
    court,
    sha256: await sha256File(final),
    size: statSync(final).size,
    head,
    createdAt: createdAt.toISOString(),
  };
  const sealed = sealDocument(manifest, signer, createdAt);
  writeFileDurable(manifestFile, JSON.stringify(sealed), { mode: 0o600, dirMode: 0o700 });
  return sealed;
}

/** One file, no WAL beside it, on disk; its chain head. */
function finishCopy(path: string): { gseq: number; hash: string } {
  const c = new Database(path);
  try {
    c.pragma('journal_mode = DELETE');
    const h = c.prepare('SELECT gseq, hash FROM events ORDER BY gseq DESC LIMIT 1').get() as { gseq: number; hash: string } | undefined;
    return h ?? { gseq: 0, hash: GENESIS_HASH };
  } finally {
    c.close();
  }
}

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
