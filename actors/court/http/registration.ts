/**
 * POST /registrations — register an incoming document, get its ЄУН and
 * proceeding number (Засади 3.1–3.4). An `Idempotency-Key` header makes a
 * retry after a lost answer return the same numbers instead of new ones.
 *
 * Засади 4.1: the automated distribution is not run here but by the durable
 * hand-off (registry/handoff.ts), which follows the registry's journal — a
 * crash right after the registration no longer leaves the case undistributed.
 * The reply waits (≤ 5 s) for that outcome only when the case will be drawn.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBodyV1, RegisterBodyV1, RegistrationReplyV1, type RegistrationInputV1 } from '../../../contracts/court/index.ts';
import { REGISTRY_KIND } from '../registry/behavior.ts';
import { covertAad } from '../covert/vault.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, REGISTRY_STAFF, type CourtHttpContext } from './context.ts';
import { HttpRefusal } from './errors.ts';
import { DistributionHandoff } from '../registry/handoff.ts';
import { checkExistingUeun } from './ueun.ts';
import { prepareRoute } from './registration-route.ts';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;
/** How long the reply waits for the automated distribution before saying `pending`. */
const DISTRIBUTION_WAIT_MS = 5000;

export function registrationRoutes(ctx: CourtHttpContext) {
  return async (app: FastifyInstance) => {
    const journal = ctx.system.journal;
    if (!journal) throw new Error('the court HTTP API needs the node journal');
    const handoff = new DistributionHandoff({ court: ctx.court, system: ctx.system, journal, log: ctx.log });
    app.addHook('onReady', async () => void handoff.start());
    app.addHook('onClose', async () => handoff.stop());

    app.post(
      '/registrations',
      {
        onRequest: guard(ctx, REGISTRY_STAFF),
        schema: {
          tags: ['registration'],
          summary: 'Зареєструвати вхідний документ / register an incoming document',
          description:
            'Assigns the ЄУН (new case) or keeps the given one, and a proceeding number. Late registration needs `late` (Засади 3.1). ' +
            'Covert fields (3.1 ¶2) are encrypted before anything is stored. Header `Idempotency-Key` (8–100 chars) makes retries safe. ' +
            'Засади 4.1: a new case whose `category` is a Засади category is distributed right after (caseId = proceeding number) and the judge written to the card, by a hand-off that survives a crash; `distribution` in the reply says what happened — ' +
            '`route` (Засади 4.11, 4.17, 5.1–5.2, 5.1.11) states what routes it past the draw: the ground, the earlier case, the split ruling, the ЄРДР number, the person (kept only as keyed hashes); a route the records do not bear out is `held` in GET /distribution/waiting for a person’s decision, never drawn — ' +
            '`skipped` (with the reason), the outcome, or `pending` when the draw takes longer than 5 s (then `GET /distribution/case?caseId=<proceedingNumber>` and the card’s `assignment` tell).',
          security: [{ bearer: [] }],
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ pattern: IDEMPOTENCY_KEY.source })) }),
          body: RegisterBodyV1,
          response: { 201: Type.Object({ ...RegistrationReplyV1.properties, distribution: Type.Unknown() }), 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 422: ErrorBodyV1 },
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const body = req.body as RegisterBodyV1;
        const { covert, route: _route, ...rest } = body;
        const registration: RegistrationInputV1 = rest;
        if (registration.existingUeun) checkExistingUeun(registration.existingUeun, { knownCourts: ctx.knownCourts, now: Date.now() });
        // Засади 4.11, 4.17, 5.1–5.2: the route is checked before anything is written; the person is kept only as keyed hashes.
        const route = await prepareRoute(ctx, body);
        if (route) registration.route = route;
        if (covert) {
          // Decided: a node starts without a key; covert registration is then refused (and the node refuses to start
          // without the key once its journal holds covert records — see node.ts).
          if (!ctx.key) throw new HttpRefusal('COVERT_KEY_MISSING');
          registration.covert = ctx.key.seal(covert, covertAad(ctx.court));
        }
        const key = req.headers['idempotency-key'];
        const r = await ctx.system
          .ref(REGISTRY_KIND, ctx.court)
          .ask<RegistrationReplyV1>({ type: 'register', registration }, asUser(p, typeof key === 'string' ? { commandId: `register:${p.login}:${key}` } : {}));
        // Засади 4.1: distribution follows the registration (after it is durable; never undoes it) — the hand-off draws it.
        const distribution = await handoff.replyFor(registration, r.proceedingNumber, DISTRIBUTION_WAIT_MS);
        return reply.status(201).send({ ...r, distribution });
      },
    );
  };
}
