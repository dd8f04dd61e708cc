/**
 * The console of a central worker (issue 12 item 5, issue 16): a login with a token signed by the bus operator key
 * naming a person and a role (login.ts + token.ts + roles.ts), Bull Board read-only (board.ts), and the console's
 * read routes (routes.ts: /courts, /jobs, /cluster). Every route of the central HTTP gets its area's guard when it is
 * added (access.ts, by path; a route no one listed: the administrator's only); a route may also name its guard
 * itself as a preHandler (POST /pulls takes the returned guard; another area takes `area(<area>)`).
 *
 *   const { guard, area } = registerConsole(app, { operatorPublicKey: bus.operatorPublicKey, redisUrl: 'redis://127.0.0.1:6379' });
 *   app.post('/pulls', { preHandler: guard }, handler);              // administrator, operator
 *   app.get('/stats/x', { preHandler: area('statistics') }, handler); // administrator, analyst
 *   // a person: asds ops token --ops /var/lib/asds/ops --role analyst --name "Мельник Олена Василівна"
 *   //           → open http://127.0.0.1:<port>/ops/login (or the console's login page), paste it
 */
import type { FastifyInstance } from 'fastify';
import { consoleGuard, registerLogin, type Guard, type LoginOptions } from './login.ts';
import { registerBoard, type BoardOptions } from './board.ts';
import { rolesOf, type ConsoleArea } from './roles.ts';

export { signConsoleToken, verifyConsoleToken, ConsoleTokenRejected, CONSOLE_AUDIENCE, CONSOLE_ROLES, DEFAULT_TTL_MS, MAX_TTL_MS, type ConsoleClaim, type ConsoleRole } from './token.ts';
export { consoleGuard, safeNext, COOKIE, LOGIN_PATH, type Guard } from './login.ts';
export { CONSOLE_AREAS, ROLE_UK, rolesOf, type ConsoleArea } from './roles.ts';
export { BOARD_PATH } from './board.ts';
export { registerConsoleRoutes, type ConsoleRoutesOptions } from './routes.ts';
export { guardCentralRoutes, accessOf, CENTRAL_ROUTE_ACCESS, type RouteAccess } from './access.ts';

export interface ConsoleOptions extends LoginOptions, BoardOptions {}

export function registerConsole(app: FastifyInstance, o: ConsoleOptions): { guard: Guard; area: (a: ConsoleArea) => Guard } {
  const guard = registerLogin(app, o);
  const guards = new Map<ConsoleArea, Guard>();
  const area = (a: ConsoleArea): Guard => {
    let g = guards.get(a);
    if (!g) guards.set(a, (g = consoleGuard(o, rolesOf(a))));
    return g;
  };
  registerBoard(app, o, area('queues'));
  return { guard, area };
}
