/**
 * Seal-CA pins over the central HTTP API:
 *
 *   POST /witness/pins   {court, caPem, reason}   re-pin a court's CA (operators only, console login);
 *                                                  journaled as `seal-pin/<court>` with the operator's name
 *   GET  /witness/pins/:court                       the CA pinned now and every re-pin recorded on this worker
 */
import type { FastifyInstance } from 'fastify';
import type { ActorSystem } from '../../../runtime/index.ts';
import { schemaErrors } from '../../../runtime/validate.ts';
import { RepinBodyV1 } from '../../../contracts/witness/index.ts';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { Guard } from '../console/index.ts';
import { repinCourtCa, RepinRefused, SEAL_PIN_KIND } from './repin.ts';
import { WitnessStore } from './store.ts';

export function registerPinRoutes(app: FastifyInstance, o: { system: ActorSystem; engine: () => AnalyticsEngine; guard: Guard }): void {
  const store = new WitnessStore(o.engine);
  app.post('/witness/pins', { preHandler: o.guard }, async (req, reply) => {
    const errs = schemaErrors(RepinBodyV1, req.body);
    if (errs.length > 0) return reply.code(400).send({ error: 'VALIDATION_FAILED', message: `запит не відповідає RepinBodyV1: ${errs.map((e) => `${e.path} ${e.message}`).join('; ')}` });
    const body = req.body as RepinBodyV1;
    try {
      return reply.code(201).send(await repinCourtCa({ system: o.system, store, court: body.court, caPem: body.caPem, reason: body.reason, by: `оператор ${req.operator!.sub}` }));
    } catch (e) {
      if (e instanceof RepinRefused) return reply.code(422).send({ error: e.code, message: e.message });
      throw e;
    }
  });
  app.get<{ Params: { court: string } }>('/witness/pins/:court', async (req) => {
    const now = await store.pin(req.params.court);
    const history = await o.system.ref(SEAL_PIN_KIND, req.params.court).ask({ type: 'history' });
    return { court: req.params.court, fingerprint: now?.fingerprint ?? null, repins: history };
  });
}
