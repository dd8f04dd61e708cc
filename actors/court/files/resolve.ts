/**
 * Which file a request names, and whether it may leave the court. Pure path and journal checks; the service
 * (service.ts) turns a refusal into its reply.
 *
 * - `blob`: the scan must be attached to a case (a `case/scan-attached` event names it) and no case it is
 *   attached to may hold a covert proceeding: a scan of a covert request shows what the card hides, and covert
 *   material never leaves the court (Засади 3.1 ¶2; contracts/ingest/redaction.ts drops the covert fields).
 * - `archive`: `<packageId>/<relative path>` inside `<data>/archive/packages/` — a `..` segment, an absolute
 *   path, a backslash or a symbolic link leading out is refused (the centre may ask only for a bag's files).
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, sep } from 'node:path';
import type Database from 'better-sqlite3';
import type { FileRefusalCode, FileSourceV1 } from '../../../contracts/files/index.ts';
import type { BlobStore } from '../blobs/store.ts';

export class FileRefused extends Error {
  constructor(readonly code: FileRefusalCode, message: string) {
    super(message);
    this.name = 'FileRefused';
  }
}

export const archivePackagesDir = (dataDir: string) => join(dataDir, 'archive', 'packages');

/** The path of archive file `id`, or FileRefused (BAD_ID, NOT_FOUND). */
export function archivePath(dataDir: string, id: string): string {
  const parts = id.split('/');
  if (isAbsolute(id) || id.includes('\\') || id.includes('\0') || parts.length < 2 || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new FileRefused('BAD_ID', `archive file id must be <packageId>/<relative path> without '..': ${JSON.stringify(id).slice(0, 200)}`);
  }
  const root = archivePackagesDir(dataDir);
  const path = join(root, ...parts);
  if (!existsSync(path)) throw new FileRefused('NOT_FOUND', `no archive file ${id}`);
  // a symbolic link inside a bag could point anywhere on the court's disk
  const real = realpathSync(path);
  if (!real.startsWith(realpathSync(root) + sep)) throw new FileRefused('BAD_ID', `archive file ${id} leads outside the packages folder`);
  if (!statSync(real).isFile()) throw new FileRefused('NOT_FOUND', `no archive file ${id}`);
  return real;
}

/**
 * Which cases each scan is attached to, and which cases hold a covert proceeding — read from the court's journal
 * (events are stored with covert fields already sealed: only the sealed field's presence is looked at, never
 * opened). Built once, then brought up to date from the last event read on each request: a request costs a range
 * read of the newest events by primary key, never a pass over the whole journal (better-sqlite3 is synchronous:
 * a full scan per chunk would stall the court's event loop).
 */
export class AttachmentIndex {
  private through = 0;
  private readonly casesOf = new Map<string, Set<string>>();
  private readonly covert = new Set<string>();

  constructor(private readonly db: Database.Database) {}

  private refresh(): void {
    const head = Number((this.db.prepare('SELECT max(gseq) AS h FROM events').get() as { h: number | null }).h ?? 0);
    if (head <= this.through) return;
    const rows = this.db
      .prepare(
        `SELECT actor, type, json_extract(data, '$.attachment.sha256') AS sha,
                json_extract(data, '$.registered.registration.covert') IS NOT NULL AS covert
           FROM events WHERE gseq > ? AND gseq <= ? AND type IN ('scan-attached', 'card-opened') AND actor LIKE 'case/%'`,
      )
      .iterate(this.through, head) as Iterable<{ actor: string; type: string; sha: string | null; covert: number }>;
    for (const r of rows) {
      if (r.type === 'card-opened' && r.covert) this.covert.add(r.actor);
      if (r.type === 'scan-attached' && typeof r.sha === 'string') {
        if (!this.casesOf.has(r.sha)) this.casesOf.set(r.sha, new Set());
        this.casesOf.get(r.sha)!.add(r.actor);
      }
    }
    this.through = head;
  }

  /** Whether scan `sha256` may leave the court: attached to at least one case and to no covert one. */
  access(sha256: string): { ok: true } | { ok: false; code: FileRefusalCode; message: string } {
    this.refresh();
    const cases = this.casesOf.get(sha256);
    if (!cases || cases.size === 0) return { ok: false, code: 'NOT_ATTACHED', message: `scan ${sha256} is not attached to any case` };
    for (const c of cases) if (this.covert.has(c)) return { ok: false, code: 'COVERT', message: `scan ${sha256} belongs to a case with a covert proceeding: it does not leave the court` };
    return { ok: true };
  }
}

/** The local path of (source, id), or FileRefused. */
export function resolveFile(o: { dataDir: string; attachments: AttachmentIndex; blobs: BlobStore }, source: FileSourceV1, id: string): string {
  if (source === 'archive') return archivePath(o.dataDir, id);
  if (!/^[0-9a-f]{64}$/.test(id)) throw new FileRefused('BAD_ID', `a blob id is a SHA-256 (64 lowercase hex): ${JSON.stringify(id).slice(0, 100)}`);
  if (!o.blobs.has(id)) throw new FileRefused('NOT_FOUND', `no scan ${id} in this court's store`);
  const a = o.attachments.access(id);
  if (!a.ok) throw new FileRefused(a.code, a.message);
  return o.blobs.pathOf(id);
}
