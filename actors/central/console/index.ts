/**
 * The operator console of a central worker (issue 12 item 5): an operator login (a token signed with the bus
 * operator key, login.ts + token.ts) and, behind it, Bull Board read-only (board.ts). Other routes that need an
 * operator take the returned guard as a preHandler (POST /pulls).
 *
 *   const { guard } = registerConsole(app, { operatorPublicKey: bus.operatorPublicKey, redisUrl: 'redis://127.0.0.1:6379' });
 *   app.post('/pulls', { preHandler: guard }, handler);
 *   // operator: asds ops token --ops /var/lib/asds/ops  →  open http://127.0.0.1:<port>/ops/login, paste it
 */
import type { FastifyInstance } from 'fastify';
import { registerLogin, type Guard, type LoginOptions } from './login.ts';
import { registerBoard, type BoardOptions } from './board.ts';

export { signConsoleToken, verifyConsoleToken, ConsoleTokenRejected, CONSOLE_AUDIENCE, DEFAULT_TTL_MS, MAX_TTL_MS, type ConsoleClaim } from './token.ts';
export { consoleGuard, COOKIE, LOGIN_PATH, type Guard } from './login.ts';
export { BOARD_PATH } from './board.ts';

export interface ConsoleOptions extends LoginOptions, BoardOptions {}

export function registerConsole(app: FastifyInstance, o: ConsoleOptions): { guard: Guard } {
  const guard = registerLogin(app, o);
  registerBoard(app, o, guard);
  return { guard };
}
