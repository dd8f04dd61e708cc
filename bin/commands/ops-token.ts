/**
 * `asds ops token [--ops <dir>] [--ttl 8h] [--role operator|analyst|administrator] [--name "<ПІБ>"]` — a console token
 * for the central worker's console login (actors/central/console): signed with the bus operator key of the operator
 * folder, for `--ttl` (default 8h, at most 24h; `90m`, `8h`, `1d`), for the role (default operator), naming the
 * person (`--name`, or its older spelling `--as`, else env ASDS_OPERATOR, else the OS user).
 * The token goes to stdout alone (for a pipe or the clipboard); what it is for, to stderr.
 */
import { resolve } from 'node:path';
import { OperatorFolder } from '../../runtime/bus/index.ts';
import { operatorBy } from '../../runtime/bus/operator.ts';
import { signConsoleToken, ConsoleTokenRejected, CONSOLE_ROLES, DEFAULT_TTL_MS, ROLE_UK, type ConsoleRole } from '../../actors/central/console/index.ts';
import { kyivTime } from '../../analytics/format-uk.ts';
import { CliError, options } from './util.ts';

/** `90m`, `8h`, `1d` → milliseconds. */
export function parseTtl(text: string): number {
  const m = /^([0-9]+)(m|h|d)$/.exec(text.trim());
  if (!m) throw new CliError('--ttl takes minutes, hours or days: 90m, 8h, 1d', 2);
  return Number(m[1]) * { m: 60_000, h: 3600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
}

export async function opsToken(argv: string[]): Promise<number> {
  const o = options(argv, { ops: { type: 'string' }, ttl: { type: 'string' }, as: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } });
  const role = ((o.role as string | undefined) ?? 'operator') as ConsoleRole;
  if (!CONSOLE_ROLES.includes(role)) throw new CliError(`--role takes ${CONSOLE_ROLES.join(', ')}`, 2);
  let ops: OperatorFolder;
  try {
    ops = OperatorFolder.open(resolve((o.ops as string | undefined) ?? 'data/ops'));
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  const ttlMs = o.ttl === undefined ? DEFAULT_TTL_MS : parseTtl(o.ttl as string);
  const now = Date.now();
  let token: string;
  try {
    token = signConsoleToken((b) => ops.signAsOperator(b), { sub: (o.name as string | undefined) ?? (o.as as string | undefined) ?? operatorBy(), role, ttlMs, now });
  } catch (e) {
    if (e instanceof ConsoleTokenRejected) throw new CliError(e.message, 2);
    throw new CliError(`${ops.paths.seed}: ${(e as Error).message}`, 2);
  }
  process.stderr.write(`Токен входу до консолі центрального вузла (роль: ${ROLE_UK[role]}) діє до ${kyivTime(now + ttlMs)}. Відкрийте /ops/login на HTTP-порту вузла і вставте його; не пересилайте його іншим.\n`);
  process.stdout.write(token + '\n');
  return 0;
}
