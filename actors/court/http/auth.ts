/**
 * Authentication: POST /auth/login, POST /auth/logout, GET /auth/me, and the
 * `guard(roles)` hook every other route uses. A bearer token is looked up by
 * its SHA-256 in the `users` actor on every request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ChangeOwnPasswordBodyV1, ErrorBodyV1, LoginBodyV1, PrincipalV1, TokenReplyV1, type RoleV1, type ScryptHashV1 } from '../../../contracts/court/index.ts';
import { USERS_KIND } from '../users/behavior.ts';
import { hashPassword, newToken, tokenHash, verifyPassword } from '../users/passwords.ts';
import { asUser, type CourtHttpContext } from './context.ts';
import { HttpRefusal } from './errors.ts';
import { LoginThrottle } from './throttle.ts';

const BEARER = /^Bearer ([A-Za-z0-9_-]{43})$/;

/** onRequest hook: authenticate, then require one of `roles` (any authenticated user when omitted). */
export function guard(ctx: CourtHttpContext, roles?: readonly RoleV1[]) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const m = BEARER.exec(req.headers.authorization ?? '');
    if (!m) throw new HttpRefusal('UNAUTHENTICATED');
    const principal = await ctx.system.ref(USERS_KIND, ctx.court).ask<PrincipalV1>({ type: 'authenticate', tokenHash: tokenHash(m[1]!) });
    req.principal = principal;
    if (roles && !roles.includes(principal.role)) throw new HttpRefusal('FORBIDDEN', { needed: roles, role: principal.role });
  };
}

export function principalOf(req: FastifyRequest): PrincipalV1 {
  if (!req.principal) throw new HttpRefusal('UNAUTHENTICATED');
  return req.principal;
}

export function authRoutes(ctx: CourtHttpContext) {
  // A hash to burn time on for unknown logins, so that timing does not reveal which logins exist.
  const dummy: Promise<ScryptHashV1> = hashPassword('not-a-password-at-all');
  const throttle = new LoginThrottle(ctx.loginThrottle);
  return async (app: FastifyInstance) => {
    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Вхід: логін і пароль → Bearer-токен / log in',
          body: LoginBodyV1,
          description: 'After 5 attempts for one login (30 for one address) each further one waits twice as long as the one before: 429 LOGIN_THROTTLED with Retry-After.',
          response: { 200: TokenReplyV1, 401: ErrorBodyV1, 429: ErrorBodyV1 },
        },
      },
      async (req, reply) => {
        const { login, password } = req.body as { login: string; password: string };
        // Checked and counted before the password hash is computed: refused guesses cost the court nothing.
        const admission = throttle.begin(login, req.ip);
        if (!admission.ok) {
          ctx.log.warn('login-throttled', { login, address: req.ip, scope: admission.scope });
          const seconds = Math.ceil(admission.retryAfterMs / 1000);
          void reply.header('retry-after', String(seconds));
          throw new HttpRefusal('LOGIN_THROTTLED', { retryAfterSeconds: seconds, scope: admission.scope });
        }
        const users = ctx.system.ref(USERS_KIND, ctx.court);
        const cred = await users.ask<{ login: string; role: RoleV1; password: ScryptHashV1; generation: number } | null>({ type: 'credentials', login });
        const ok = await verifyPassword(password, cred?.password ?? (await dummy));
        if (!cred || !ok) {
          ctx.log.warn('login-failed', { login, address: req.ip });
          throw new HttpRefusal('BAD_CREDENTIALS');
        }
        throttle.succeeded(login, req.ip);
        const { token, hash } = newToken();
        const expiresAt = Date.now() + ctx.tokenTtlMs;
        await users.ask({ type: 'issue-token', login, tokenHash: hash, expiresAt, generation: cred.generation }, { meta: { author: login, role: cred.role } });
        return { token, tokenType: 'Bearer', expiresAt: new Date(expiresAt).toISOString(), login, role: cred.role };
      },
    );

    app.post(
      '/auth/logout',
      { onRequest: guard(ctx), schema: { tags: ['auth'], summary: 'Відкликати свій токен / revoke own token', security: [{ bearer: [] }] } },
      async (req) => {
        const m = BEARER.exec(req.headers.authorization ?? '')!;
        await ctx.system.ref(USERS_KIND, ctx.court).ask({ type: 'revoke-token', tokenHash: tokenHash(m[1]!) }, asUser(principalOf(req)));
        return { revoked: true };
      },
    );

    app.post(
      '/auth/password',
      {
        onRequest: guard(ctx),
        schema: {
          tags: ['auth'],
          summary: 'Змінити свій пароль / change own password',
          description: 'Needs the current password (counted by the login limits). Every token of the user — this one too — is revoked: log in again.',
          security: [{ bearer: [] }],
          body: ChangeOwnPasswordBodyV1,
          response: { 200: Type.Object({ changed: Type.Boolean(), tokensRevoked: Type.Boolean() }), 401: ErrorBodyV1, 429: ErrorBodyV1 },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const { currentPassword, newPassword } = req.body as { currentPassword: string; newPassword: string };
        // A stolen token must not turn into the password: the current password is a guess like a login's.
        const admission = throttle.begin(p.login, req.ip);
        if (!admission.ok) {
          const seconds = Math.ceil(admission.retryAfterMs / 1000);
          void reply.header('retry-after', String(seconds));
          throw new HttpRefusal('LOGIN_THROTTLED', { retryAfterSeconds: seconds, scope: admission.scope });
        }
        const users = ctx.system.ref(USERS_KIND, ctx.court);
        const cred = await users.ask<{ password: ScryptHashV1 } | null>({ type: 'credentials', login: p.login });
        if (!cred || !(await verifyPassword(currentPassword, cred.password))) throw new HttpRefusal('BAD_CREDENTIALS');
        throttle.succeeded(p.login, req.ip);
        return users.ask({ type: 'change-own-password', login: p.login, password: await hashPassword(newPassword) }, asUser(p));
      },
    );

    app.get(
      '/auth/me',
      { onRequest: guard(ctx), schema: { tags: ['auth'], summary: 'Хто я / who am I', security: [{ bearer: [] }], response: { 200: PrincipalV1 } } },
      async (req) => principalOf(req),
    );
  };
}

export const EmptyObject = Type.Object({}, { additionalProperties: false });
