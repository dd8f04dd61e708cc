/**
 * Judges' availability (Засади 2.3, 2.4, 4.2): the head of staff records an
 * absence with its basis.
 *
 * ONE source of truth per judge, so the two records cannot diverge: for a
 * judge in ANY loaded version of the court's Засади — the one in force, a
 * later one the judge joins with, an earlier one (review 8) — (login = the Засади id in lower case,
 * `lub-03` ↔ `LUB-03`) it is the distribution actor — the record eligibility
 * reads (4.5) — and both PUT and GET go there only (the author and time are
 * in its journal event's meta). Earlier the absence was also copied to the
 * judge actor, and a crash between the two writes, or a `cancel-absence`
 * (distribution only), left them different. A judge user outside the
 * Засади is never drawn; the judge actor keeps that judge's absences.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { AvailabilityBodyV1, ErrorBodyV1, JudgeIdParamsV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { JUDGE_KIND } from '../judge/behavior.ts';
import { USERS_KIND } from '../users/behavior.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, type CourtHttpContext } from './context.ts';
import { HttpRefusal } from './errors.ts';
import { isCalendarDate } from '../dates.ts';
import { DISTRIBUTION_KIND } from '../distribution/behavior.ts';
import { distributionRoster, zasadyJudgeOf, type Roster } from './distribution.ts';
import { recordErrorHandler } from './jurors.ts';
import { absenceEffect, basisLink } from '../orders/links.ts';
import { printNames } from './print-names.ts';

const security = [{ bearer: [] }];
const errors = { 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 422: ErrorBodyV1 };

export function judgeRoutes(ctx: CourtHttpContext) {
  return async (app: FastifyInstance) => {
    app.setErrorHandler(recordErrorHandler(ctx));
    app.put(
      '/judges/:id/availability',
      {
        // Засади 4.2: the head of staff enters judges' absences (memo) — a registrar may not.
        onRequest: guard(ctx, ['head_of_staff']),
        schema: { tags: ['judges'], summary: 'Записати відсутність судді / record a judge absence', security, params: JudgeIdParamsV1, body: AvailabilityBodyV1, response: { 201: Type.Object({ recorded: Type.Boolean(), absences: Type.Integer(), distribution: Type.Unknown() }), ...errors } },
      },
      async (req, reply) => {
        const { id } = req.params as { id: string };
        const who = await ctx.system.ref(USERS_KIND, ctx.court).ask<{ role: RoleV1 } | null>({ type: 'credentials', login: id });
        if (!who || who.role !== 'judge') throw new HttpRefusal('NOT_A_JUDGE', { id });
        const a = req.body as AvailabilityBodyV1;
        // The judge actor's date checks, for either source (the distribution actor also checks the period on its calendar).
        for (const d of [a.from, a.to, a.basis.date]) if (d !== undefined && !isCalendarDate(d)) throw new HttpRefusal('BAD_DATE', { date: d });
        if (a.to !== undefined && a.to < a.from) throw new HttpRefusal('BAD_DATE', { from: a.from, to: a.to });
        const roster = await distributionRoster(ctx);
        const zasadyId = zasadyJudgeOf(roster, id);
        // Засади 2.4, 4.2: the order or memo it names is checked and linked (orders/links.ts); a contradicting one refuses it here
        const link = await basisLink(ctx, a.basis, absenceEffect((await printNames(ctx)).judge(id), zasadyId ?? id, a), asUser(principalOf(req)));
        if (zasadyId) {
          const dist = ctx.system.ref(DISTRIBUTION_KIND, ctx.court);
          const d = await dist.ask<{ seq: number }>({ type: 'record-absence', judgeId: zasadyId, absence: a }, asUser(principalOf(req)));
          await link();
          const after = await dist.ask<Roster>({ type: 'read-roster' });
          return reply.status(201).send({ recorded: true, absences: after.absences[zasadyId]?.length ?? 0, distribution: { judgeId: zasadyId, seq: d.seq } });
        }
        const r = await ctx.system.ref(JUDGE_KIND, id).ask<object>({ type: 'record-absence', absence: a }, asUser(principalOf(req)));
        await link();
        return reply.status(201).send({ ...r, distribution: null });
      },
    );
    app.get(
      '/judges/:id/availability',
      {
        onRequest: guard(ctx, ['head_of_staff', 'distribution_officer', 'chief_judge', 'judge', 'auditor']),
        schema: { tags: ['judges'], summary: 'Відсутності судді / a judge’s absences', security, params: JudgeIdParamsV1, response: errors },
      },
      async (req) => {
        const { id } = req.params as { id: string };
        const roster = await distributionRoster(ctx);
        const zasadyId = zasadyJudgeOf(roster, id);
        // The same source the PUT wrote to (see the module comment).
        if (zasadyId) return (roster!.absences[zasadyId] ?? []).map((x) => ({ ...x, recordedIn: `${DISTRIBUTION_KIND}/${ctx.court}` }));
        return ctx.system.ref(JUDGE_KIND, id).ask({ type: 'availability' });
      },
    );
  };
}
