/**
 * User management by the technical administrator (Засади 2.1: rights per the
 * head of staff's order, which every user record cites).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { CreateUserBodyV1, DisableUserBodyV1, ErrorBodyV1, LoginV1, RoleV1, SetPasswordBodyV1, SetRoleBodyV1, UserViewV1 } from '../../../contracts/court/index.ts';
import { USERS_KIND } from '../users/behavior.ts';
import { hashPassword } from '../users/passwords.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, type CourtHttpContext } from './context.ts';
import { basisLink, POSITION_UK } from '../orders/links.ts';

const LoginParams = Type.Object({ login: LoginV1 }, { additionalProperties: false });
const errors = { 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 409: ErrorBodyV1 };
const security = [{ bearer: [] }];

export function userRoutes(ctx: CourtHttpContext) {
  const users = () => ctx.system.ref(USERS_KIND, ctx.court);
  // Засади 2.1: the head of staff's order a rights change names is checked and linked (orders/links.ts)
  const rightsLink = async (login: string, order: { number: string; date: string }, what: string, req: FastifyRequest, fullName?: string) => {
    const name = fullName ?? (await users().ask<Array<{ login: string; fullName: string }>>({ type: 'list' })).find((u) => u.login === login)?.fullName ?? login;
    return basisLink(ctx, order, { kind: 'user-rights', summary: `${what}: ${name}`, target: login }, asUser(principalOf(req)));
  };
  return async (app: FastifyInstance) => {
    app.post(
      '/users',
      { onRequest: guard(ctx, ['tech_admin']), schema: { tags: ['users'], summary: 'Створити користувача / create a user', security, body: CreateUserBodyV1, response: { 201: UserViewV1, ...errors } } },
      async (req, reply) => {
        const { password, ...user } = req.body as CreateUserBodyV1;
        const link = await rightsLink(user.login, user.order, 'створено користувача АСДС', req, user.fullName);
        const r = await users().ask({ type: 'create', user, password: await hashPassword(password) }, asUser(principalOf(req)));
        await link();
        return reply.status(201).send(r);
      },
    );
    app.get(
      '/users',
      { onRequest: guard(ctx, ['tech_admin']), schema: { tags: ['users'], summary: 'Користувачі / users', security, response: { 200: Type.Array(UserViewV1), ...errors } } },
      async () => users().ask({ type: 'list' }),
    );
    app.post(
      '/users/:login/password',
      {
        onRequest: guard(ctx, ['tech_admin']),
        schema: { tags: ['users'], summary: 'Встановити пароль / set a password', description: 'Every token of the user is revoked (tokens-revoked event).', security, params: LoginParams, body: SetPasswordBodyV1, response: { 200: Type.Object({ changed: Type.Boolean(), tokensRevoked: Type.Boolean() }), ...errors } },
      },
      async (req) => {
        const { login } = req.params as { login: string };
        const { password } = req.body as { password: string };
        return users().ask({ type: 'set-password', login, password: await hashPassword(password) }, asUser(principalOf(req)));
      },
    );
    app.post(
      '/users/:login/role',
      {
        onRequest: guard(ctx, ['tech_admin']),
        schema: {
          tags: ['users'],
          summary: 'Змінити роль за наказом / change the role by an order',
          description: 'Засади 2.1: rights follow the head of staff’s order. Every token of the user is revoked (tokens-revoked event).',
          security,
          params: LoginParams,
          body: SetRoleBodyV1,
          response: { 200: Type.Object({ login: LoginV1, role: RoleV1, tokensRevoked: Type.Boolean() }), ...errors },
        },
      },
      async (req) => {
        const { login } = req.params as { login: string };
        const { role, order } = req.body as SetRoleBodyV1;
        const link = await rightsLink(login, order, `змінено роль користувача АСДС на «${POSITION_UK[role]}»`, req);
        const r = await users().ask({ type: 'set-role', login, role, order }, asUser(principalOf(req)));
        await link();
        return r;
      },
    );
    app.post(
      '/users/:login/disable',
      { onRequest: guard(ctx, ['tech_admin']), schema: { tags: ['users'], summary: 'Позбавити доступу / withdraw access', security, params: LoginParams, body: DisableUserBodyV1, response: { 200: Type.Object({ disabled: Type.Boolean() }), ...errors } } },
      async (req) => {
        const { login } = req.params as { login: string };
        const body = req.body as { order: { number: string; date: string }; reason: string };
        const link = await rightsLink(login, body.order, 'позбавлено доступу до АСДС', req);
        const r = await users().ask({ type: 'disable', login, order: body.order, reason: body.reason }, asUser(principalOf(req)));
        await link();
        return r;
      },
    );
  };
}
