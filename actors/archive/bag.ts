/**
 * BagIt (RFC 8493) text files, written and read the same way by build.ts and validate.ts:
 * manifest lines in the form `sha256sum` writes and reads (`<hex>  <path>`, LF), bag-info
 * `Label: value` lines, the Payload-Oxum, and streaming SHA-256 of files.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const MANIFEST = 'manifest-sha256.txt';
export const TAGMANIFEST = 'tagmanifest-sha256.txt';
/** The court seal over the tag manifest (docs/archive-package.md §4): the one file no manifest lists. */
export const SEAL_FILE = 'tagmanifest-sha256.txt.p7s';
export const BAGIT = 'bagit.txt';
export const BAG_INFO = 'bag-info.txt';
export const PROFILE = 'asds-archive-package/1';

export interface ManifestEntry {
  sha256: string;
  path: string;
}

/** Byte-order sort (not locale): the same manifest on every machine. */
export const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** `<hex>  <path>\n` per entry, sorted by path. Paths are ASCII without CR/LF/% (layout.ts), so no escaping is needed. */
export function formatManifest(entries: ManifestEntry[]): string {
  return [...entries].sort(byPath).map((e) => `${e.sha256}  ${e.path}\n`).join('');
}

export interface ManifestLineProblem {
  line: number;
  text: string;
}

/**
 * Parse a manifest. RFC 8493 §2.1.3: checksum, whitespace, path; `*` before the path is sha256sum's binary
 * marker and accepted. A path that is absolute or climbs out of the bag is a bad line.
 */
export function parseManifest(text: string): { entries: ManifestEntry[]; bad: ManifestLineProblem[] } {
  const entries: ManifestEntry[] = [];
  const bad: ManifestLineProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line === '') return;
    const m = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/.exec(line);
    const path = m ? decodePath(m[2]!) : '';
    if (!m || !safeRelative(path)) bad.push({ line: i + 1, text: line.slice(0, 200) });
    else entries.push({ sha256: m[1]!.toLowerCase(), path });
  });
  return { entries, bad };
}

/** RFC 8493 §2.1.3: `%0A`, `%0D`, `%25` in manifest paths. */
function decodePath(p: string): string {
  return p.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
}

/** A relative path that stays inside the bag. */
export function safeRelative(p: string): boolean {
  if (p === '' || p.startsWith('/') || p.includes('\\') || p.includes('\0')) return false;
  return p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

/** `Label: value` lines; a value's newlines fold to spaces (one line each keeps `grep` and humans happy). */
export function formatBagInfo(fields: Array<[string, string | undefined]>): string {
  return fields
    .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '')
    .map(([k, v]) => `${k}: ${v.replace(/\s*[\r\n]+\s*/g, ' ').trim()}\n`)
    .join('');
}

/** bag-info.txt → map (a continuation line, leading whitespace, joins the previous value — RFC 8493 §2.2.2). */
export function parseBagInfo(text: string): { fields: Record<string, string>; bad: number[] } {
  const fields: Record<string, string> = {};
  const bad: number[] = [];
  let last: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line === '') return;
    if (/^[ \t]/.test(line) && last) {
      fields[last] += ` ${line.trim()}`;
      return;
    }
    const m = /^([^:\s][^:]*?)\s*:\s?(.*)$/.exec(line);
    if (!m) {
      bad.push(i + 1);
      return;
    }
    last = m[1]!;
    fields[last] = fields[last] === undefined ? m[2]! : `${fields[last]}, ${m[2]!}`;
  });
  return { fields, bad };
}

export const oxum = (files: Array<{ size: number }>): string => `${files.reduce((s, f) => s + f.size, 0)}.${files.length}`;

export const sha256Hex = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

/** SHA-256 and size of a file, streamed (scans may be large). */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}
