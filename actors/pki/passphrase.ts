/**
 * Where the passphrase of the court's keys comes from: env
 * `ASDS_KEY_PASSPHRASE` or a passphrase file with owner-only permissions —
 * never the command line (argv is world-readable in `ps` and /proc).
 * The same owner-only rule guards every secret file the node reads.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurable } from '../../runtime/durable-file.ts';
import { KeyFilePermissionError, KeyPassphraseMissingError } from './errors.ts';
import { MIN_PASSPHRASE_LENGTH } from './keys.ts';

export const KEY_PASSPHRASE_ENV = 'ASDS_KEY_PASSPHRASE';
/** Name of the generated demo passphrase file (`asds up`, tests). */
export const DEMO_PASSPHRASE_FILE = 'key-passphrase';

/** Refuse a secret file that group or others may read or write (mode & 077 ≠ 0). */
export function assertOwnerOnly(path: string, what: string): void {
  const st = statSync(path);
  if ((st.mode & 0o077) !== 0) throw new KeyFilePermissionError(path, st.mode, what);
}

/** Read a secret file after the permission check. */
export function readSecretFile(path: string, what: string): string {
  assertOwnerOnly(path, what);
  return readFileSync(path, 'utf8');
}

function checked(passphrase: string, where: string): string {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new KeyPassphraseMissingError(`the key passphrase from ${where} is shorter than ${MIN_PASSPHRASE_LENGTH} characters`);
  return passphrase;
}

export interface KeyPassphrase {
  passphrase: string;
  /** For messages: `env ASDS_KEY_PASSPHRASE` or `file <path>`. */
  source: string;
}

/** `--key-passphrase-file` (wins) or env ASDS_KEY_PASSPHRASE; undefined when neither is given. */
export function resolveKeyPassphrase(o: { file?: string | undefined; env?: string | undefined }): KeyPassphrase | undefined {
  if (o.file) {
    // One trailing newline is the editor's, not the passphrase's.
    const text = readSecretFile(o.file, 'key passphrase file').replace(/\r?\n$/, '');
    return { passphrase: checked(text, `file ${o.file}`), source: `file ${o.file}` };
  }
  if (o.env !== undefined && o.env !== '') return { passphrase: checked(o.env, `env ${KEY_PASSPHRASE_ENV}`), source: `env ${KEY_PASSPHRASE_ENV}` };
  return undefined;
}

/**
 * A random passphrase in `<dir>/key-passphrase` (0600), created on first use:
 * for `asds up` and tests, so a fresh machine starts with no manual step. It
 * protects a copied `pki/` folder or backup, not a stolen data disk — in
 * production the passphrase lives elsewhere (env from a secret store, or a
 * file on another volume).
 */
export function demoKeyPassphraseFile(dir: string): string {
  const file = join(dir, DEMO_PASSPHRASE_FILE);
  if (!existsSync(file)) {
    try {
      writeFileDurable(file, randomBytes(24).toString('base64url') + '\n', { mode: 0o600, exclusive: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return file;
}
