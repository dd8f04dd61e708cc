/**
 * Judges' availability (Засади 2.3, 2.4, 4.2): the head of staff records an
 * absence with its basis. Minimal: the distribution engineer extends it.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AvailabilityBodyV1, ErrorBodyV1, JudgeIdParamsV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { JUDGE_KIND } from '../judge/behavior.ts';
import { USERS_KIND } from '../users/behavior.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, type CourtHttpContext } from './context.ts';
import { HttpRefusal } from './errors.ts';

const security = [{ bearer: [] }];
const errors = { 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 422: ErrorBodyV1 };

export function judgeRoutes(ctx: CourtHttpContext) {
  return async (app: FastifyInstance) => {
    app.put(
      '/judges/:id/availability',
      {
        // Засади 4.2: the head of staff enters judges' absences (memo) — a registrar may not.
        onRequest: guard(ctx, ['head_of_staff']),
        schema: { tags: ['judges'], summary: 'Записати відсутність судді / record a judge absence', security, params: JudgeIdParamsV1, body: AvailabilityBodyV1, response: { 201: Type.Object({ recorded: Type.Boolean(), absences: Type.Integer() }), ...errors } },
      },
      async (req, reply) => {
        const { id } = req.params as { id: string };
        const who = await ctx.system.ref(USERS_KIND, ctx.court).ask<{ role: RoleV1 } | null>({ type: 'credentials', login: id });
        if (!who || who.role !== 'judge') throw new HttpRefusal('NOT_A_JUDGE', { id });
        const r = await ctx.system.ref(JUDGE_KIND, id).ask({ type: 'record-absence', absence: req.body }, asUser(principalOf(req)));
        return reply.status(201).send(r);
      },
    );
    app.get(
      '/judges/:id/availability',
      {
        onRequest: guard(ctx, ['head_of_staff', 'distribution_officer', 'chief_judge', 'judge', 'auditor']),
        schema: { tags: ['judges'], summary: 'Відсутності судді / a judge’s absences', security, params: JudgeIdParamsV1, response: errors },
      },
      async (req) => ctx.system.ref(JUDGE_KIND, (req.params as { id: string }).id).ask({ type: 'availability' }),
    );
  };
}
