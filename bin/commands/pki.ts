/**
 * `asds pki init --data <dir> [--court <code>] [--name <court name>]`: the
 *   court CA and seal in `<dir>/pki` (demo and tests; the court node creates
 *   the same on its first start). Defaults: the court of the example Засади.
 * `asds pki issue --data <dir> --user <login> [--name <full name>] [--role <position>] [--days <n>]`:
 *   a staff certificate + key in `<dir>/pki/users/` for signing documents.
 * One JSON line on stdout each.
 */
import { resolve } from 'node:path';
import { initCourtCa, issueUserCertificate, PkiError } from '../../actors/pki/index.ts';
import { DEFAULT_ZASADY, loadRulesFiles } from '../../actors/court/distribution/config.ts';
import { courtPkiDir } from '../../actors/court/distribution/seal.ts';
import { CliError, emit, options } from './util.ts';

function pkiErrors<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof PkiError) throw new CliError(e.message);
    throw e;
  }
}

export async function pkiInit(argv: string[]): Promise<number> {
  const o = options(argv, { data: { type: 'string' }, court: { type: 'string' }, name: { type: 'string' } }, ['data']);
  let court = o.court as string | undefined;
  let name = o.name as string | undefined;
  if (!court || !name) {
    const example = loadRulesFiles(DEFAULT_ZASADY).court;
    court ??= example.code;
    name ??= court === example.code ? example.name : `Суд ${court}`;
  }
  if (!/^[0-9]{1,4}$/.test(court)) throw new CliError(`--court must be 1–4 digits, got "${court}"`, 2);
  const dir = courtPkiDir(resolve(o.data as string));
  const info = pkiErrors(() => initCourtCa({ dir, courtCode: court, courtName: name }));
  emit({ created: 'court-ca', dir, court, caSerial: info.caSerial, sealSerial: info.sealSerial });
  return 0;
}

export async function pkiIssue(argv: string[]): Promise<number> {
  const o = options(argv, { data: { type: 'string' }, user: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, days: { type: 'string' } }, ['data', 'user']);
  const days = o.days === undefined ? undefined : Number(o.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 1)) throw new CliError('--days must be a positive integer', 2);
  const dir = courtPkiDir(resolve(o.data as string));
  const login = o.user as string;
  const c = pkiErrors(() => issueUserCertificate({ dir, login, fullName: (o.name as string | undefined) ?? login, ...(o.role ? { role: o.role as string } : {}), ...(days ? { validDays: days } : {}) }));
  emit({ issued: login, serial: c.serial, cert: c.certPath, key: c.keyPath, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString() });
  return 0;
}
