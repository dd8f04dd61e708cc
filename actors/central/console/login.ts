/**
 * The console login of the central worker's HTTP (issue 12 item 5, issue 16). Every route that shows data or changes
 * state needs a console token (token.ts) that only the holder of the bus operator key can make (`asds ops token`),
 * of a role admitted to the route's area (access.ts) — not only the loopback stands between the data and a person.
 *
 *   GET  /ops/login[?next=/ops/queues]   the login page (Ukrainian): paste the token once
 *   POST /ops/login  token=<token>       sets the cookie `asds_console` (HttpOnly, SameSite=Strict, Secure unless
 *                                        plain HTTP on loopback), then 303 to `next` (a path under /ops/ or /console/)
 *   POST /ops/login  {"token": "…"}      the same for a browser app (JSON): 200 { operator, role, expiresAt }
 *   GET  /ops/me                         { name, role, expiresAt, areas } of the cookie or bearer; 401 without one
 *   POST /ops/logout                     clears the cookie (JSON asked: 200 { ok: true }, else 303 to the login)
 *
 * Roles (token.ts, roles.ts): `consoleGuard(o, roles)` answers 403 ROLE_FORBIDDEN to a valid token of another role.
 *
 * A script sends `Authorization: Bearer <token>` instead of the cookie. A request with a cookie from another
 * site's page (`Origin` not this host) is refused even if the browser sent the cookie (defence beside SameSite).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyConsoleToken, ConsoleTokenRejected, type ConsoleClaim, type ConsoleRole } from './token.ts';
import { CONSOLE_AREAS, ROLE_UK, rolesOf, type ConsoleArea } from './roles.ts';
import { ConsoleLoginBodyV1 } from '../../../contracts/central/console.ts';
import { schemaErrors } from '../../../runtime/validate.ts';

export const COOKIE = 'asds_console';
export const LOGIN_PATH = '/ops/login';

export interface LoginOptions {
  /** The bus operator's public key (`O…`): the worker already holds it to check passports. */
  operatorPublicKey: string;
  now?: () => number;
}

export type Guard = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The operator proven by a console token (set by the guard). */
    operator?: ConsoleClaim;
  }
}

function cookieOf(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;
/** Secure cookies need HTTPS; only plain HTTP on loopback (an SSH tunnel, the machine itself) goes without. */
const secure = (req: FastifyRequest) => req.protocol === 'https' || !LOOPBACK.test(req.socket.remoteAddress ?? '');

/** A local path under /ops/ or /console/ to return to after the login (never another site: no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(ops|console)\/[A-Za-z0-9/_.-]*$/.test(next) && !next.includes('..') ? next : '/ops/queues';
}

function crossSite(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/**
 * The preHandler that lets only a proven person through: 401 (or, for a page, a redirect to the login); with
 * `roles`, a valid token of another role gets 403 ROLE_FORBIDDEN (the administrator is always admitted).
 */
export function consoleGuard(o: LoginOptions, roles?: readonly ConsoleRole[]): Guard {
  const admitted = roles ? new Set<ConsoleRole>(['administrator', ...roles]) : undefined;
  return async (req, reply) => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const cookie = cookieOf(req, COOKIE);
    const token = bearer ?? cookie;
    let why = 'потрібен вхід оператора: asds ops token, потім сторінка /ops/login';
    if (token) {
      if (!bearer && crossSite(req)) {
        return void reply.code(403).send({ error: 'CROSS_SITE', message: 'запит з іншого сайту відхилено' });
      }
      try {
        const claim = verifyConsoleToken(token, o.operatorPublicKey, o.now?.());
        if (admitted && !admitted.has(claim.role)) {
          const who = [...admitted].map((r) => ROLE_UK[r]).join(', ');
          return void reply.code(403).send({ error: 'ROLE_FORBIDDEN', message: `ця частина консолі не для ролі «${ROLE_UK[claim.role]}» (доступна: ${who})` });
        }
        req.operator = claim;
        return;
      } catch (e) {
        if (!(e instanceof ConsoleTokenRejected)) throw e;
        why = e.message;
      }
    }
    const page = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
    if (page) return void reply.redirect(`${LOGIN_PATH}?next=${encodeURIComponent(safeNext(req.url.split('?')[0]))}`, 302);
    return void reply.code(401).header('www-authenticate', 'Bearer realm="asds-central-console"').send({ error: 'UNAUTHORIZED', message: why });
  };
}

/** The console areas a role may use (roles.ts), for the app's navigation. */
const areasOf = (role: ConsoleRole): ConsoleArea[] => (Object.keys(CONSOLE_AREAS) as ConsoleArea[]).filter((a) => rolesOf(a).includes(role));

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(next: string, error?: string): string {
  return `<!doctype html>
<html lang="uk"><head><meta charset="utf-8"><title>Вхід оператора — АСДС, центральний вузол</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em}textarea{width:100%;height:8em;font-family:monospace}
.error{color:#a00}button{font-size:1em;padding:.4em 1.2em}</style></head>
<body><h1>Вхід оператора</h1>
<p>Консоль центрального вузла (черги завдань, запити баз даних судів) доступна лише оператору, який має ключ оператора шини.
Отримайте токен командою <code>asds ops token --ops &lt;тека оператора&gt;</code> і вставте його нижче. Токен діє обмежений час (типово 8 годин).</p>
${error ? `<p class="error" role="alert">Вхід не виконано: ${esc(error)}.</p>` : ''}
<form method="post" action="${LOGIN_PATH}">
<input type="hidden" name="next" value="${esc(next)}">
<label for="token">Токен оператора</label><br><textarea id="token" name="token" required autocomplete="off" spellcheck="false"></textarea><br>
<button type="submit">Увійти</button></form></body></html>`;
}

/** The login routes; returns the guard for the routes it protects. */
export function registerLogin(app: FastifyInstance, o: LoginOptions): Guard {
  app.register(async (scope) => {
    // forms post urlencoded; parsed here only (the rest of the API is JSON)
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    scope.get<{ Querystring: { next?: string } }>(LOGIN_PATH, async (req, reply) => reply.type('text/html; charset=utf-8').send(loginPage(safeNext(req.query.next))));
    scope.post<{ Body: { token?: string; next?: string } }>(LOGIN_PATH, async (req, reply) => {
      const next = safeNext(req.body?.next);
      const html = !(req.headers['content-type'] ?? '').includes('application/json');
      if (crossSite(req)) return reply.code(403).send({ error: 'CROSS_SITE', message: 'запит з іншого сайту відхилено' });
      const errs = html ? [] : schemaErrors(ConsoleLoginBodyV1, req.body);
      if (errs.length > 0) return reply.code(400).send({ error: 'VALIDATION_FAILED', message: `запит входу не відповідає ConsoleLoginBodyV1: ${errs.map((e) => `${e.path} ${e.message}`).join('; ')}` });
      let claim: ConsoleClaim;
      try {
        claim = verifyConsoleToken(String(req.body?.token ?? ''), o.operatorPublicKey, o.now?.());
      } catch (e) {
        if (!(e instanceof ConsoleTokenRejected)) throw e;
        return html ? reply.code(401).type('text/html; charset=utf-8').send(loginPage(next, e.message)) : reply.code(401).send({ error: 'UNAUTHORIZED', message: e.message });
      }
      const maxAge = Math.max(0, claim.exp - Math.floor((o.now?.() ?? Date.now()) / 1000));
      const cookie = `${COOKIE}=${encodeURIComponent(String(req.body!.token).trim())}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure(req) ? '; Secure' : ''}`;
      reply.header('set-cookie', cookie).header('cache-control', 'no-store');
      return html ? reply.redirect(next, 303) : reply.send({ operator: claim.sub, role: claim.role, expiresAt: new Date(claim.exp * 1000).toISOString() });
    });
    scope.get('/ops/me', { preHandler: consoleGuard(o) }, async (req, reply) => {
      const c = req.operator!;
      return reply.header('cache-control', 'no-store').send({ name: c.sub, role: c.role, expiresAt: new Date(c.exp * 1000).toISOString(), areas: areasOf(c.role) });
    });
    scope.post('/ops/logout', async (req, reply) => {
      // a cross-site page may not log the person out either (a nuisance, but the same rule as the login)
      if (crossSite(req)) return reply.code(403).send({ error: 'CROSS_SITE', message: 'запит з іншого сайту відхилено' });
      reply.header('set-cookie', `${COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure(req) ? '; Secure' : ''}`).header('cache-control', 'no-store');
      const json = (req.headers['content-type'] ?? '').includes('application/json') || (req.headers.accept ?? '').includes('application/json');
      return json ? reply.send({ ok: true }) : reply.redirect(LOGIN_PATH, 303);
    });
  });
  return consoleGuard(o, ['operator']);
}
