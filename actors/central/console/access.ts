/**
 * Who may call each route of the central worker's HTTP (security review of issue 16): every route that shows data
 * needs the console login of a role admitted to its area (roles.ts) — the HttpOnly cookie of the console or
 * `Authorization: Bearer <token>` of a script (`asds ops token --role analyst`). Secure by default: the access is
 * attached when a route is added (`guardCentralRoutes`, an onRoute hook), so a route nobody listed here is for the
 * administrator only — never open. Open are only the routes below that show no court data.
 *
 *   guardCentralRoutes(app, { operatorPublicKey: bus.operatorPublicKey });   // before any route is added
 *   app.get('/stats/cepej', handler);   // → area «statistics»: administrator, analyst; no token → 401
 *   accessOf('/pulls/:id/report')       // 'pulls'
 */
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import { consoleGuard, type Guard, type LoginOptions } from './login.ts';
import { rolesOf, type ConsoleArea } from './roles.ts';

/** open: anyone; signed-in: the route checks the login itself (any role); an area: its roles (roles.ts). */
export type RouteAccess = 'open' | 'signed-in' | ConsoleArea;

/** By path prefix (the prefix itself or anything under it), first match wins. */
export const CENTRAL_ROUTE_ACCESS: ReadonlyArray<readonly [string, RouteAccess]> = [
  // a load balancer and `asds up` wait on it; it says only `ok`, the worker's role and the store owner's name
  ['/health', 'open'],
  // Prometheus scrapes it without a person (counts and lag per court code, no case data; deploy/README.md)
  ['/metrics', 'open'],
  // the console app shell (static files): it asks for the login itself before reading anything
  ['/console', 'open'],
  // the login page and the logout: a person without a token must reach them
  ['/ops/login', 'open'],
  ['/ops/logout', 'open'],
  ['/ops/me', 'signed-in'],
  ['/ops/queues', 'queues'],
  ['/stats', 'statistics'],
  ['/reports/workload', 'workload'],
  ['/lag', 'lag'],
  ['/courts', 'lag'],
  ['/integrity/alarms', 'alarms'],
  ['/jobs', 'jobs'],
  ['/cluster', 'cluster'],
  ['/pulls', 'pulls'],
  ['/originals', 'originals'],
  ['/witness', 'witness'],
];

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The access of a route by its path (a route pattern or a request path); unlisted → undefined (administrator only). */
export function accessOf(path: string): RouteAccess | undefined {
  return CENTRAL_ROUTE_ACCESS.find(([prefix]) => under(path, prefix))?.[1];
}

/**
 * Puts every route added to `app` from now on behind its access (the guard runs first, before the route's own
 * preHandlers, so a person without the login learns nothing — not even that the worker is a stand-by).
 */
export function guardCentralRoutes(app: FastifyInstance, o: LoginOptions): void {
  const guards = new Map<string, Guard>();
  const guardOf = (access: RouteAccess | undefined): Guard | undefined => {
    if (access === 'open' || access === 'signed-in') return undefined;
    const key = access ?? 'administrator';
    let g = guards.get(key);
    if (!g) guards.set(key, (g = consoleGuard(o, access ? rolesOf(access) : [])));
    return g;
  };
  app.addHook('onRoute', (route) => {
    const guard = guardOf(accessOf(route.url));
    if (!guard) return;
    const own = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    // a GET's HEAD twin comes here with the GET's handlers already
    if (!own.includes(guard as preHandlerHookHandler)) route.preHandler = [guard as preHandlerHookHandler, ...own];
  });
}
