/**
 * Cards: list, read, movements, corrections (Засади 3.2, 3.5), the covert
 * details for the assigned investigating judge (3.1 ¶2), and the card's
 * judge written from a protocol of this proceeding (never from a body). No PUT/PATCH/DELETE exists for registration data:
 * a correction is a new, reasoned, attributed event (3.5).
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  CardV1,
  CaseListV1,
  CorrectionBodyV1,
  CovertFieldsV1,
  DecisionBodyV1,
  ErrorBodyV1,
  ListQueryV1,
  MovementBodyV1,
  type SealedV1,
} from '../../../contracts/court/index.ts';
import { REGISTRY_KIND } from '../registry/behavior.ts';
import { AssignmentSyncBodySchema, type AssignmentSyncBody } from '../../../contracts/court/distribution.ts';
import { cardAssignmentOf } from '../distribution/card.ts';
import { DISTRIBUTION_KIND } from '../distribution/index.ts';
import { readProtocol } from './distribution.ts';
import { caseAsker } from './case-ask.ts';
import { checkDecisionDocument } from './legal-force.ts';
import { covertAad } from '../covert/vault.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, CASE_READERS, REGISTRY_STAFF, type CourtHttpContext } from './context.ts';
import { HttpRefusal } from './errors.ts';
import { CaseParamsV1, ueunOf } from './params.ts';

const errors = { 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 422: ErrorBodyV1 };
const security = [{ bearer: [] }];

export function caseRoutes(ctx: CourtHttpContext) {
  const registry = () => ctx.system.ref(REGISTRY_KIND, ctx.court);
  const askCase = caseAsker(ctx);

  return async (app: FastifyInstance) => {
    app.get(
      '/cases',
      {
        onRequest: guard(ctx, CASE_READERS),
        schema: { tags: ['cases'], summary: 'Перелік зареєстрованих справ / registrations in order', security, querystring: ListQueryV1, response: { 200: CaseListV1, ...errors } },
      },
      async (req) => {
        const q = req.query as ListQueryV1;
        return registry().ask({ type: 'list', offset: q.offset ?? 0, limit: q.limit ?? 50 });
      },
    );

    app.get(
      '/cases/:court/:seq/:yy',
      {
        onRequest: guard(ctx, CASE_READERS),
        schema: { tags: ['cases'], summary: 'Реєстраційна картка з повною історією / the card with its full history', security, params: CaseParamsV1, response: { 200: CardV1, ...errors } },
      },
      async (req) => askCase(ueunOf(req.params as CaseParamsV1), { type: 'card' }, meta(req)),
    );

    app.get(
      '/cases/:court/:seq/:yy/covert',
      {
        onRequest: guard(ctx, ['judge']),
        schema: {
          tags: ['cases'],
          summary: 'Відомості НСРД — лише визначеному слідчому судді / covert details, assigned judge only',
          security,
          params: CaseParamsV1,
          response: { 200: Type.Object({ ueun: Type.String(), items: Type.Array(Type.Object({ proceedingNumber: Type.String(), fields: CovertFieldsV1 })) }), ...errors },
        },
      },
      async (req, reply) => {
        const ueun = ueunOf(req.params as CaseParamsV1);
        const sealed = await askCase<Array<{ proceedingNumber: string; sealed: SealedV1 }>>(ueun, { type: 'covert' }, meta(req));
        if (!ctx.key) throw new HttpRefusal('COVERT_KEY_MISSING');
        const key = ctx.key;
        // Never cached, never logged: the plaintext exists only in this answer.
        void reply.header('cache-control', 'no-store');
        return { ueun, items: sealed.map((s) => ({ proceedingNumber: s.proceedingNumber, fields: key.open(s.sealed, covertAad(ctx.court)) })) };
      },
    );

    app.post(
      '/cases/:court/:seq/:yy/movements',
      {
        onRequest: guard(ctx, [...REGISTRY_STAFF, 'judge']),
        schema: { tags: ['cases'], summary: 'Записати рух документа / record a movement', security, params: CaseParamsV1, body: MovementBodyV1, response: { 201: Type.Object({ recorded: Type.Boolean() }), ...errors } },
      },
      async (req, reply) => {
        const r = await askCase(ueunOf(req.params as CaseParamsV1), { type: 'move', movement: req.body }, meta(req));
        return reply.status(201).send(r);
      },
    );

    app.post(
      '/cases/:court/:seq/:yy/corrections',
      {
        onRequest: guard(ctx, REGISTRY_STAFF),
        schema: {
          tags: ['cases'],
          summary: 'Виправити технічну помилку (Засади 3.5) / correct a technical error',
          description: 'Reason and the case material (basis) are required; the original value stays on the card.',
          security,
          params: CaseParamsV1,
          body: CorrectionBodyV1,
          response: { 201: Type.Object({ corrected: Type.Boolean(), field: Type.String() }), ...errors },
        },
      },
      async (req, reply) => {
        const r = await askCase(ueunOf(req.params as CaseParamsV1), { type: 'correct', correction: req.body }, meta(req));
        return reply.status(201).send(r);
      },
    );

    app.post(
      '/cases/:court/:seq/:yy/assignment',
      {
        onRequest: guard(ctx, ['distribution_officer', 'registrar']),
        schema: {
          tags: ['cases'],
          summary: 'Записати на картку суддю з протоколу розподілу цього провадження / write the judge of this proceeding’s protocol on the card',
          description:
            'No judge in the body: the judge, the mode (random / non-random) and the ground are read from the protocol, which must be the current distribution protocol of this proceeding (Засади 4.7–4.9, 5.3). For a card the automatic hand-off could not write.',
          security,
          params: CaseParamsV1,
          body: AssignmentSyncBodySchema,
          response: { 201: Type.Object({ assigned: Type.Boolean(), judge: Type.String(), assignmentMode: Type.String() }), ...errors },
        },
      },
      async (req, reply) => {
        const ueun = ueunOf(req.params as CaseParamsV1);
        const body = req.body as AssignmentSyncBody;
        const card = await askCase<CardV1>(ueun, { type: 'card' }, meta(req));
        const proceedingNumber = body.proceedingNumber ?? card.proceedings.at(-1)?.proceedingNumber;
        if (!proceedingNumber || !card.proceedings.some((p) => p.proceedingNumber === proceedingNumber)) throw new HttpRefusal('PROCEEDING_NOT_FOUND', { proceedingNumber });
        // The protocol that holds the proceeding now, by the distribution actor's record — not any protocol the caller cites.
        const held = await ctx.system
          .ref(DISTRIBUTION_KIND, ctx.court)
          .ask<{ assignment: { protocol: string; case: { uniqueNumber?: string } } | null }>({ type: 'read-case', caseId: proceedingNumber })
          .catch(() => ({ assignment: null }));
        const rec = held.assignment;
        if (!rec || rec.protocol !== body.protocol || (rec.case.uniqueNumber !== undefined && rec.case.uniqueNumber !== ueun)) {
          throw new HttpRefusal('PROTOCOL_NOT_OF_CASE', { proceedingNumber, protocol: body.protocol, current: rec?.protocol ?? null });
        }
        const assignment = cardAssignmentOf(readProtocol(ctx, body.protocol).document, proceedingNumber);
        if (!assignment) throw new HttpRefusal('PROTOCOL_NOT_OF_CASE', { proceedingNumber, protocol: body.protocol });
        const r = await askCase<{ assigned: boolean }>(ueun, { type: 'assign', assignment }, meta(req));
        return reply.status(201).send({ assigned: r.assigned, judge: assignment.judge, assignmentMode: assignment.mode });
      },
    );

    app.post(
      '/cases/:court/:seq/:yy/decision',
      {
        // The actor checks the rest: a judge only in a proceeding assigned to them.
        onRequest: guard(ctx, ['judge', 'head_of_staff']),
        schema: {
          tags: ['cases'],
          summary: 'Записати рішення у провадженні / record the decision in a proceeding',
          security,
          params: CaseParamsV1,
          body: DecisionBodyV1,
          description: 'Arms the appeal term (Засади 11.1) with its durable reminder, or — not appealable — records legal force at once (11.2.1).',
          response: {
            201: Type.Object({
              decided: Type.Boolean(),
              proceedingNumber: Type.String(),
              date: Type.String(),
              legalForce: Type.Optional(Type.String({ description: 'not appealable: in force on this day' })),
              appealTerm: Type.Optional(Type.Object({ category: Type.String(), days: Type.Integer(), start: Type.Optional(Type.String()), from: Type.String(), lastDay: Type.String(), legalForceDate: Type.String(), source: Type.String() })),
              termAwaiting: Type.Optional(Type.String({ description: 'the term starts on an event not recorded yet (service of a судовий наказ)' })),
            }),
            409: ErrorBodyV1,
            ...errors,
          },
        },
      },
      async (req, reply) => {
        // The document id is the ЄДРСР key: a document of this proceeding (Засади 11.2, 13.2).
        await checkDecisionDocument(ctx, ueunOf(req.params as CaseParamsV1), req.body as DecisionBodyV1, meta(req));
        const r = await askCase(ueunOf(req.params as CaseParamsV1), { type: 'decide', decision: req.body }, meta(req));
        return reply.status(201).send(r);
      },
    );
  };
}

function meta(req: Parameters<typeof principalOf>[0]) {
  const p = principalOf(req);
  return { author: p.login, role: p.role };
}

