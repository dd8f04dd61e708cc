/**
 * Legal force and ЄДРСР (Засади 11, 12.4.2):
 *
 *   POST /cases/…/appeals          an appeal received (registry staff): stops the automatic legal force
 *   POST /cases/…/appeals/sent     the case file went to the appellate court (registry staff)
 *   POST /cases/…/legal-force      legal force after the higher instance (the presiding judge or head of staff)
 *   POST /cases/…/decision/full-text  the full text made later / a судовий наказ served: the term is recomputed
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
import { AsdsError } from '../../../runtime/index.ts';
import { ErrorBodyV1, type CardV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { AppealBodyV1, AppealSentBodyV1, EdrsrQueueQueryV1, EdrsrQueueReplyV1, FullTextBodyV1, LegalForceBodyV1 } from '../../../contracts/court/legal-force.ts';
import { DOCUMENTS_KIND } from '../../../contracts/court/documents.ts';
import { CourtRejected } from '../errors.ts';
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

/**
 * The decision's document id is the ЄДРСР key (Засади 11.2, 13.2): it must be a document of the court's
 * documents actor, of this case and proceeding, and named by no other proceeding's decision — otherwise
 * two items share a key and one is never sent. Checked before anything is written; throws DOCUMENT_ID_INVALID.
 */
export async function checkDecisionDocument(ctx: CourtHttpContext, ueun: string, body: { proceedingNumber?: string; documentId?: string }, m: { author: string; role: string }): Promise<void> {
  const id = body.documentId;
  if (id === undefined) return;
  let doc: { ueun: string; proceedingNumber: string };
  try {
    doc = await ctx.system.ref(DOCUMENTS_KIND, ctx.court).ask({ type: 'read', documentId: id });
  } catch (e) {
    if (e instanceof AsdsError && e.code === 'DOCUMENT_NOT_FOUND') throw new CourtRejected('DOCUMENT_ID_INVALID', { documentId: id, reason: 'not-found' });
    throw e;
  }
  const card = await caseAsker(ctx)<CardV1>(ueun, { type: 'card' }, m);
  const p = body.proceedingNumber === undefined ? card.proceedings.at(-1) : card.proceedings.find((x) => x.proceedingNumber === body.proceedingNumber);
  if (!p) throw new CourtRejected('PROCEEDING_NOT_FOUND', { proceedingNumber: body.proceedingNumber });
  if (doc.ueun !== card.ueun || doc.proceedingNumber !== p.proceedingNumber) {
    throw new CourtRejected('DOCUMENT_ID_INVALID', { documentId: id, reason: 'other-proceeding', document: { ueun: doc.ueun, proceedingNumber: doc.proceedingNumber } });
  }
  const other = card.proceedings.find((x) => x.proceedingNumber !== p.proceedingNumber && x.decision?.documentId === id);
  if (other) throw new CourtRejected('DOCUMENT_ID_INVALID', { documentId: id, reason: 'named-by-another-decision', proceedingNumber: other.proceedingNumber });
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
          description:
            'Late = dated after the last day of the term. A timely appeal stops the automatic legal force; entered after the reminder recorded it, it withdraws it (`legalForceRevoked`) and queues a withdrawal item for ЄДРСР.',
          security,
          params: CaseParamsV1,
          body: AppealBodyV1,
          response: { 201: Type.Object({ recorded: Type.Boolean(), proceedingNumber: Type.String(), late: Type.Boolean(), legalForceRevoked: Type.Optional(Type.Boolean()) }), ...errors },
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

    app.post(
      '/cases/:court/:seq/:yy/decision/full-text',
      {
        // The actor checks the decision; the document id is checked here against the documents actor.
        onRequest: guard(ctx, ['judge', 'head_of_staff', ...REGISTRY_STAFF]),
        schema: {
          tags: ['legal force'],
          summary: 'Дата повного тексту / вручення судового наказу (строк перераховується) / full text made or order served: the term is recomputed',
          description:
            'When only the operative part was announced the term runs from the full text (ЦПК ст. 354 ч. 1, КАС ст. 295 ч. 1); a судовий наказ from its service (ЦПК ст. 170). The reminder is re-armed in the same write.',
          security,
          params: CaseParamsV1,
          body: FullTextBodyV1,
          response: {
            201: Type.Object({
              recorded: Type.Boolean(),
              proceedingNumber: Type.String(),
              appealTerm: Type.Optional(Type.Object({ category: Type.String(), days: Type.Integer(), start: Type.String(), from: Type.String(), lastDay: Type.String(), legalForceDate: Type.String(), source: Type.String() })),
            }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const ueun = ueunOf(req.params as CaseParamsV1);
        const body = req.body as FullTextBodyV1;
        await checkDecisionDocument(ctx, ueun, body, meta(req));
        return reply.status(201).send(await askCase(ueun, { type: 'full-text', fullText: body }, meta(req)));
      },
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
        return ctx.system.ref(EDRSR_KIND, ctx.court).ask({ type: 'list', ...(q.state ? { state: q.state } : {}), ...(q.limit ? { limit: q.limit } : {}), ...(q.offset ? { offset: q.offset } : {}) });
      },
    );
  };
}
