/**
 * Legal force and ЄДРСР (Засади 11, 12.4.2):
 *
 *   POST /cases/…/appeals          an appeal received (registry staff): stops the automatic legal force
 *   POST /cases/…/appeals/sent     the case file went to the appellate court (registry staff)
 *   POST /cases/…/legal-force      legal force after the higher instance (the presiding judge or head of staff)
 *   GET  /edrsr/queue?state=…      the ЄДРСР queue: overdue (default) / pending / delivered / all
 *
 * Legal force without an appeal is recorded by the case's durable reminder, not through the API.
 * The card (`GET /cases/…`) shows each proceeding's decision, appeal term, appeals and legal force.
 *
 * Decided — deputy head of staff (Засади 11.1 ¶2 "заступник керівника апарату суду або особа, яка
 * виконує його обов'язки"): no separate role; the `head_of_staff` role reads the control list (the
 * head of staff assigns the duty and acts for the deputy), the chief judge and the auditor read it too.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBodyV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { AppealBodyV1, AppealSentBodyV1, EdrsrQueueQueryV1, EdrsrQueueReplyV1, LegalForceBodyV1 } from '../../../contracts/court/legal-force.ts';
import { EDRSR_KIND } from '../edrsr/behavior.ts';
import { caseAsker } from './case-ask.ts';
import { guard, principalOf } from './auth.ts';
import { REGISTRY_STAFF, type CourtHttpContext } from './context.ts';
import { CaseParamsV1, ueunOf } from './params.ts';

const errors = { 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 409: ErrorBodyV1, 422: ErrorBodyV1 };
const security = [{ bearer: [] }];
const CONTROLLERS: RoleV1[] = ['head_of_staff', 'chief_judge', 'auditor'];

function meta(req: FastifyRequest) {
  const p = principalOf(req);
  return { author: p.login, role: p.role };
}

export function legalForceRoutes(ctx: CourtHttpContext) {
  const askCase = caseAsker(ctx);

  return async (app: FastifyInstance) => {
    app.post(
      '/cases/:court/:seq/:yy/appeals',
      {
        onRequest: guard(ctx, REGISTRY_STAFF),
        schema: {
          tags: ['legal force'],
          summary: 'Зареєструвати апеляційну скаргу (Засади 11.1, 12.4.2) / record an appeal received',
          description: 'An appeal within the term stops the automatic legal force; after legal force it is recorded as late.',
          security,
          params: CaseParamsV1,
          body: AppealBodyV1,
          response: { 201: Type.Object({ recorded: Type.Boolean(), proceedingNumber: Type.String(), late: Type.Boolean() }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await askCase(ueunOf(req.params as CaseParamsV1), { type: 'file-appeal', appeal: req.body }, meta(req))),
    );

    app.post(
      '/cases/:court/:seq/:yy/appeals/sent',
      {
        onRequest: guard(ctx, REGISTRY_STAFF),
        schema: {
          tags: ['legal force'],
          summary: 'Справу надіслано до апеляційного суду (12.4.2) / the case file was sent to the appellate court',
          security,
          params: CaseParamsV1,
          body: AppealSentBodyV1,
          response: { 201: Type.Object({ recorded: Type.Boolean() }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await askCase(ueunOf(req.params as CaseParamsV1), { type: 'appeal-sent', sent: req.body }, meta(req))),
    );

    app.post(
      '/cases/:court/:seq/:yy/legal-force',
      {
        // The actor checks the rest: a judge only in a proceeding assigned to them (Засади 11.1 ¶1).
        onRequest: guard(ctx, ['judge', 'head_of_staff']),
        schema: {
          tags: ['legal force'],
          summary: 'Внести набрання законної сили за результатами розгляду вищою інстанцією (Засади 11.1) / record legal force after a higher instance',
          security,
          params: CaseParamsV1,
          body: LegalForceBodyV1,
          response: { 201: Type.Object({ recorded: Type.Boolean(), date: Type.String(), edrsr: Type.Object({ key: Type.String(), rule: Type.String(), deadline: Type.String() }) }), ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await askCase(ueunOf(req.params as CaseParamsV1), { type: 'record-legal-force', legalForce: req.body }, meta(req))),
    );

    app.get(
      '/edrsr/queue',
      {
        onRequest: guard(ctx, CONTROLLERS),
        schema: {
          tags: ['legal force'],
          summary: 'Черга до ЄДРСР: прострочені / очікують / надіслані (Засади 11.1 ¶2, 11.2) / the ЄДРСР queue',
          description: 'Default `state=overdue`: items not delivered after their 11.2 deadline (last allowed day, court calendar).',
          security,
          querystring: EdrsrQueueQueryV1,
          response: { 200: EdrsrQueueReplyV1, ...errors },
        },
      },
      async (req) => {
        const q = req.query as EdrsrQueueQueryV1;
        return ctx.system.ref(EDRSR_KIND, ctx.court).ask({ type: 'list', ...(q.state ? { state: q.state } : {}), ...(q.limit ? { limit: q.limit } : {}) });
      },
    );
  };
}
