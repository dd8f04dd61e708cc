/**
 * `asds pki init --data <dir> [--court <code>] [--name <court name>]`: the
 *   court CA and seal in `<dir>/pki` (demo and tests; the court node creates
 *   the same on its first start). Defaults: the court of the example Засади.
 * `asds pki issue --data <dir> --user <login> [--name <full name>] [--role <position>] [--days <n>]`:
 *   a staff certificate + key in `<dir>/pki/users/` for signing documents.
 * `asds pki encrypt-keys --data <dir>`: encrypt the CA and seal keys of a data
 *   dir written by an older version (in clear) — the node refuses those.
 * Every one needs the key passphrase: env ASDS_KEY_PASSPHRASE or
 * `--key-passphrase-file <file>` (owner-only), never an argument value.
 * One JSON line on stdout each.
 */
import { resolve } from 'node:path';
import { encryptCourtKeys, initCourtCa, issueUserCertificate, KEY_PASSPHRASE_ENV, PkiError, resolveKeyPassphrase, type KeyPassphrase } from '../../actors/pki/index.ts';
import { DEFAULT_ZASADY, loadRulesFiles } from '../../actors/court/distribution/config.ts';
import { courtPkiDir } from '../../actors/court/distribution/seal.ts';
import { CliError, emit, options } from './util.ts';

/** The option every command that opens or writes court keys takes. */
export const KEY_PASSPHRASE_OPTION = { 'key-passphrase-file': { type: 'string' } } as const;

/**
 * `--key-passphrase-file` (wins) or env ASDS_KEY_PASSPHRASE; refused when neither is given,
 * when the file is readable by others, or when the passphrase is short.
 */
export function keyPassphraseFromCli(file: string | undefined): KeyPassphrase {
  let p: KeyPassphrase | undefined;
  try {
    p = resolveKeyPassphrase({ file: file ? resolve(file) : undefined, env: process.env[KEY_PASSPHRASE_ENV] });
  } catch (e) {
    if (e instanceof PkiError || (e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`key passphrase: ${(e as Error).message}`, 2);
    throw e;
  }
  if (!p) {
    throw new CliError(
      `the court keys are encrypted at rest: give their passphrase in env ${KEY_PASSPHRASE_ENV} or in a file --key-passphrase-file <file> (chmod 600); never as an argument`,
      2,
    );
  }
  return p;
}

function pkiErrors<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof PkiError) throw new CliError(e.message);
    throw e;
  }
}

export async function pkiInit(argv: string[]): Promise<number> {
  const o = options(argv, { data: { type: 'string' }, court: { type: 'string' }, name: { type: 'string' }, ...KEY_PASSPHRASE_OPTION }, ['data']);
  const { passphrase } = keyPassphraseFromCli(o['key-passphrase-file'] as string | undefined);
  let court = o.court as string | undefined;
  let name = o.name as string | undefined;
  if (!court || !name) {
    const example = loadRulesFiles(DEFAULT_ZASADY).court;
    court ??= example.code;
    name ??= court === example.code ? example.name : `Суд ${court}`;
  }
  if (!/^[0-9]{1,4}$/.test(court)) throw new CliError(`--court must be 1–4 digits, got "${court}"`, 2);
  const dir = courtPkiDir(resolve(o.data as string));
  const info = pkiErrors(() => initCourtCa({ dir, courtCode: court, courtName: name, passphrase }));
  emit({ created: 'court-ca', dir, court, caSerial: info.caSerial, sealSerial: info.sealSerial });
  return 0;
}

export async function pkiIssue(argv: string[]): Promise<number> {
  const o = options(argv, { data: { type: 'string' }, user: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, days: { type: 'string' }, ...KEY_PASSPHRASE_OPTION }, ['data', 'user']);
  const { passphrase } = keyPassphraseFromCli(o['key-passphrase-file'] as string | undefined);
  const days = o.days === undefined ? undefined : Number(o.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) throw new CliError('--days must be a positive integer', 2);
  const dir = courtPkiDir(resolve(o.data as string));
  const login = o.user as string;
  const c = pkiErrors(() => issueUserCertificate({ dir, login, fullName: (o.name as string | undefined) ?? login, ...(o.role ? { role: o.role as string } : {}), ...(days ? { validDays: days } : {}), passphrase }));
  emit({ issued: login, serial: c.serial, cert: c.certPath, key: c.keyPath, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString() });
  return 0;
}

/**
 * Decided: an older data dir's plaintext keys are encrypted by this explicit
 * step, not silently on start. The operator then knows the keys were exposed
 * in clear (old backups, copies of `pki/`) and can decide on a re-key, and no
 * start ever rewrites key files behind their back.
 */
export async function pkiEncryptKeys(argv: string[]): Promise<number> {
  const o = options(argv, { data: { type: 'string' }, ...KEY_PASSPHRASE_OPTION }, ['data']);
  const { passphrase, source } = keyPassphraseFromCli(o['key-passphrase-file'] as string | undefined);
  const dir = courtPkiDir(resolve(o.data as string));
  const encrypted = pkiErrors(() => encryptCourtKeys(dir, passphrase));
  emit({ encrypted, dir, passphrase: source, note: encrypted.length ? 'backups made before now still hold these keys in clear' : 'nothing to do: the keys were already encrypted' });
  return 0;
}
