/**
 * HTTP for force-majeure mode (Засади 15.1–15.4). The head of staff chairs
 * the commission and enters the act (15.1); urgent assignments by the
 * assembly's decision are entered by the head of staff or the distribution
 * officer (15.3); the backlog is entered by the registry (15.4); hand-over
 * to distribution by the head of staff or the distribution officer (15.2).
 * A stop of five working days or less is closed without an act by the head
 * of staff (POST /outages/:id/closure, 15.1).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBodyV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { OUTAGE_KIND, OutageCommandSchema } from '../../../contracts/court/outage.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, CASE_READERS, type CourtHttpContext } from './context.ts';
import { recordErrorHandler } from './jurors.ts';
import { checkCardOf, prepareUrgent, recordUrgent, rosterJudges, writeUrgentCard, type UrgentAssignmentBody } from './distribution-cards.ts';

const security = [{ bearer: [] }];
const response = { 200: Type.Unknown(), 201: Type.Unknown(), 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 409: ErrorBodyV1, 422: ErrorBodyV1 };
const Params = Type.Object({ id: Type.String({ pattern: '^O[0-9]{1,6}$' }) }, { additionalProperties: false });

/** The body of a route = the command's schema without `type` (and without the id taken from the path). */
function bodyOf(type: string, drop: string[] = []) {
  const cmd = OutageCommandSchema.anyOf.find((s) => (s.properties.type as { const: string }).const === type)!;
  const props = Object.fromEntries(Object.entries(cmd.properties).filter(([k]) => k !== 'type' && !drop.includes(k)));
  return Type.Object(props, { additionalProperties: false });
}

export function outageRoutes(ctx: CourtHttpContext) {
  const outage = () => ctx.system.ref(OUTAGE_KIND, ctx.court);
  return async (app: FastifyInstance) => {
    app.setErrorHandler(recordErrorHandler(ctx));
    const post = (url: string, roles: RoleV1[], summary: string, type: string, withId: boolean, check?: (body: any, meta: { author: string; role: string }) => Promise<void>) =>
      app.post(
        url,
        { onRequest: guard(ctx, roles), schema: { tags: ['outage'], summary, security, ...(withId ? { params: Params } : {}), body: bodyOf(type, withId ? ['outageId'] : []), response } },
        async (req: FastifyRequest, reply) => {
          const id = withId ? { outageId: (req.params as { id: string }).id } : {};
          if (check) await check(req.body, { author: principalOf(req).login, role: principalOf(req).role });
          return reply.status(201).send(await outage().ask({ type, ...id, ...(req.body as object) }, asUser(principalOf(req))));
        },
      );
    post('/outages', ['head_of_staff'], 'Початок форс-мажорних обставин / outage starts (15.1)', 'open-outage', false);
    app.post(
      '/outages/:id/urgent-assignments',
      {
        onRequest: guard(ctx, ['head_of_staff', 'distribution_officer']),
        schema: { tags: ['outage'], summary: 'Невідкладна справа за рішенням зборів / urgent case by assembly decision (15.3)', security, params: Params, body: bodyOf('record-urgent-assignment', ['outageId']), response },
      },
      async (req: FastifyRequest, reply) => {
        const outageId = (req.params as { id: string }).id;
        const body = req.body as UrgentAssignmentBody;
        const p = principalOf(req);
        // 15.3: only judges of this court (the Засади roster); the card then shows the judge as a non-random assignment.
        const judges = await rosterJudges(ctx, body.judges);
        const meta = { author: p.login, role: p.role };
        // 15.4: a registered case with its card; checked (and its Засади category found) before anything is written.
        const category = await prepareUrgent(ctx, body, meta);
        const out = await outage().ask<{ seq: number; categoryText: string }>({ type: 'record-urgent-assignment', outageId, ...body, judges }, asUser(p));
        if (category === undefined) {
          const cardUpdated = await writeUrgentCard(ctx, outageId, out.seq, { ...body, judges }, out.categoryText, meta);
          return reply.status(201).send({ ...out, cardUpdated });
        }
        // In the distribution record: on the card from a sealed protocol, in the judges' load, the earlier case of later 5.1 transfers.
        const rec = await recordUrgent(ctx, `${outageId}-${out.seq}`, { ...body, judges }, category, out.categoryText, meta);
        return reply.status(201).send({ ...out, cardUpdated: rec.cardUpdated, documentId: 'documentId' in rec.out ? rec.out.documentId : null });
      },
    );
    post('/outages/:id/act', ['head_of_staff'], 'Акт комісії / the commission act (15.1)', 'enter-act', true);
    post('/outages/:id/backlog', ['registrar', 'head_of_staff'], 'Кореспонденція за час збою — у хронологічному порядку / backlog in chronological order (15.4)', 'enter-backlog', true, async (body, meta) => {
      // 15.4: a case for distribution is a registered case of this court — its card holds the proceeding.
      if (body.item?.distribute?.case.uniqueNumber) await checkCardOf(ctx, body.item.distribute, meta);
    });
    post('/outages/:id/closure', ['head_of_staff'], 'Закрити короткий збій без акта (≤ 5 робочих днів) / close a short outage without an act (15.1)', 'close-without-act', true);
    post('/outages/:id/hand-over', ['head_of_staff', 'distribution_officer'], 'Передати на розподіл / hand over for distribution (15.2)', 'hand-over', true);
    app.get('/outages', { onRequest: guard(ctx, [...CASE_READERS]), schema: { tags: ['outage'], summary: 'Збої / outages', security, response } }, async () => outage().ask({ type: 'read-outages' }));
    app.get('/outages/:id', { onRequest: guard(ctx, [...CASE_READERS]), schema: { tags: ['outage'], summary: 'Збій / an outage', security, params: Params, response } }, async (req) =>
      outage().ask({ type: 'read-outage', outageId: (req.params as { id: string }).id }),
    );
  };
}
