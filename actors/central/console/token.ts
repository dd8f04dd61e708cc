/**
 * Operator console tokens: a person at the centre proves they hold the bus operator key once, and the central
 * worker's console (Bull Board, database pull requests over HTTP) lets them in for a few hours.
 *
 *   const token = signConsoleToken((bytes) => ops.signAsOperator(bytes), { sub: 'Коваленко Ірина Петрівна', ttlMs: 8 * 3600_000 });
 *   const claim = verifyConsoleToken(token, ops.operatorPublicKey);   // { sub, role: 'operator', iat, exp, aud: 'asds-central-console', v: 1 }
 *   signConsoleToken(sign, { sub: 'Мельник Олена Василівна', role: 'analyst' });   // v: 2 (see ROLE_VERSION)
 *
 * Format: `<claim b64url>.<ed25519 signature b64url>`, the signature over `asds-console-token-v1\n<claim b64url>`
 * — a text no passport or bus message signs (passports sign the bare claim, messages `asds-msg-v1\n…`), so a token
 * can never be replayed as either, nor either as a token. The worker needs no new secret: it already trusts the
 * operator public key for passports. Times are in seconds (as in JWT); the lifetime is bounded (MAX_TTL_MS).
 */
import { verify as edVerify } from 'node:crypto';
import { publicKeyOf } from '../../../runtime/bus/passport.ts';
import { AsdsError } from '../../../runtime/errors.ts';
import type { ConsoleRoleV1 } from '../../../contracts/central/console.ts';

export type ConsoleRole = ConsoleRoleV1;
export const CONSOLE_ROLES: readonly ConsoleRole[] = ['administrator', 'analyst', 'operator'];

export const CONSOLE_AUDIENCE = 'asds-central-console';
/** Default lifetime: one working shift. */
export const DEFAULT_TTL_MS = 8 * 3600_000;
/** Longest lifetime a worker accepts (a token is a bearer secret: it cannot be revoked one by one). */
export const MAX_TTL_MS = 24 * 3600_000;
/** Clock difference between the operator's machine and the worker that is tolerated for `iat`. */
const SKEW_S = 300;

/**
 * The claim's version by role. An operator's token stays v1 (a worker from before roles reads it as it always did).
 * An administrator's or analyst's token is v2, which such a worker refuses as malformed: read as v1 it would have
 * given an analyst the operator's rights during a rolling upgrade. The signed text's domain is unchanged — the role
 * is a claim field under the same signature, so it cannot be edited without the operator key.
 */
const ROLE_VERSION = (role: ConsoleRole): 1 | 2 => (role === 'operator' ? 1 : 2);

export interface ConsoleClaim {
  v: 1 | 2;
  /** The person's name (ASDS_OPERATOR, `--name`, else the OS user). */
  sub: string;
  /** What the person may do in the console (contracts/central/console.ts); verified tokens always have it. */
  role: ConsoleRole;
  iat: number;
  exp: number;
  aud: typeof CONSOLE_AUDIENCE;
}

/** A console token that is malformed, forged, expired or for another audience. */
export class ConsoleTokenRejected extends AsdsError {
  constructor(
    readonly reason: 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED' | 'NOT_YET_VALID' | 'WRONG_AUDIENCE' | 'TOO_LONG',
    message: string,
  ) {
    super('CONSOLE_TOKEN_REJECTED', message);
  }
}

const signedText = (claim: string) => Buffer.from(`asds-console-token-v1\n${claim}`);

export function signConsoleToken(sign: (data: Uint8Array) => Uint8Array, o: { sub: string; role?: ConsoleRole; ttlMs?: number; now?: number }): string {
  const role = o.role ?? 'operator';
  if (!CONSOLE_ROLES.includes(role)) throw new ConsoleTokenRejected('MALFORMED', `unknown console role ${String(role)}: ${CONSOLE_ROLES.join(', ')}`);
  const ttl = o.ttlMs ?? DEFAULT_TTL_MS;
  if (!(ttl > 0 && ttl <= MAX_TTL_MS)) throw new ConsoleTokenRejected('TOO_LONG', `the token lifetime must be above 0 and at most ${MAX_TTL_MS / 3600_000} h`);
  if (!o.sub.trim()) throw new ConsoleTokenRejected('MALFORMED', 'the operator name is empty');
  const iat = Math.floor((o.now ?? Date.now()) / 1000);
  const claim: ConsoleClaim = { v: ROLE_VERSION(role), sub: o.sub.trim(), role, iat, exp: iat + Math.floor(ttl / 1000), aud: CONSOLE_AUDIENCE };
  const body = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return `${body}.${Buffer.from(sign(signedText(body))).toString('base64url')}`;
}

export function verifyConsoleToken(token: string, operatorPublicKey: string, now = Date.now()): ConsoleClaim {
  const [body, sig, extra] = token.trim().split('.');
  if (!body || !sig || extra !== undefined || token.length > 4096) throw new ConsoleTokenRejected('MALFORMED', 'не схоже на токен оператора');
  if (!edVerify(null, signedText(body), publicKeyOf(operatorPublicKey), Buffer.from(sig, 'base64url'))) {
    throw new ConsoleTokenRejected('BAD_SIGNATURE', 'токен не підписано ключем оператора цієї шини');
  }
  let c: ConsoleClaim;
  try {
    c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ConsoleClaim;
  } catch {
    throw new ConsoleTokenRejected('MALFORMED', 'не схоже на токен оператора');
  }
  // a v1 token from before roles has none: it was an operator's (and stays one)
  const role = c.v === 1 && c.role === undefined ? 'operator' : c.role;
  if (!CONSOLE_ROLES.includes(role) || (c.v !== 1 && c.v !== 2) || ROLE_VERSION(role) !== c.v) throw new ConsoleTokenRejected('MALFORMED', 'не схоже на токен оператора');
  if (typeof c.sub !== 'string' || !c.sub || !Number.isInteger(c.iat) || !Number.isInteger(c.exp)) throw new ConsoleTokenRejected('MALFORMED', 'не схоже на токен оператора');
  if (c.aud !== CONSOLE_AUDIENCE) throw new ConsoleTokenRejected('WRONG_AUDIENCE', 'токен виданий не для консолі центрального вузла');
  const s = Math.floor(now / 1000);
  if (c.exp - c.iat > MAX_TTL_MS / 1000) throw new ConsoleTokenRejected('TOO_LONG', 'строк дії токена довший за добу');
  if (c.iat > s + SKEW_S) throw new ConsoleTokenRejected('NOT_YET_VALID', 'токен виданий у майбутньому (перевірте годинник)');
  if (c.exp <= s) throw new ConsoleTokenRejected('EXPIRED', 'строк дії токена минув — отримайте новий: asds ops token');
  return { ...c, role };
}
