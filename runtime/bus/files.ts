/**
 * Durable, permission-aware files for bus credentials. A crash mid-write must leave either the old file or the
 * new one, never an empty key (a power cut once left every PEM of a court empty): write a temporary file,
 * fsync it, rename over the target, fsync the folder. Secrets are created 0600 and refused on load when the
 * group or others may read them (the seed is the node's whole identity on the bus).
 */
import { readFileSync, statSync } from 'node:fs';
import { writeFileDurable } from '../durable-file.ts';
import { BusCredentialsError } from './errors.ts';

/** Write `text` to `path` atomically and durably with `mode` (0600 for secrets); new folders are 0700. */
export function writeDurable(path: string, text: string, mode = 0o644): void {
  writeFileDurable(path, text, { mode, dirMode: 0o700 });
}

/** Read a secret file; refuse it when the group or others have any access (like ssh does for its keys). */
export function readSecret(path: string): string {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    throw new BusCredentialsError('NO_SECRET', `bus secret ${path} does not exist`);
  }
  if ((mode & 0o077) !== 0) {
    throw new BusCredentialsError('SEED_EXPOSED', `bus secret ${path} is readable by others (mode ${(mode & 0o777).toString(8)}); run: chmod 600 ${path}`);
  }
  return readFileSync(path, 'utf8').trim();
}

export function readPublic(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    throw new BusCredentialsError('NO_BUNDLE', `bus credential file ${path} does not exist`);
  }
}
