/**
 * Database pulls over the central HTTP API (console area «pulls»: administrator, operator — console/access.ts):
 *
 *   POST /pulls               {court, by, note?}   request a court's database (Засади 18.3) → the pull record;
 *                                                  operators only (console login: cookie or Bearer token,
 *                                                  actors/central/console), recorded with the operator's name
 *   GET  /pulls[?court=537][&overdue=1]            pulls, newest first, with job progress and overdue flag
 *   GET  /pulls/:id/report[?format=text]           the pull report (JSON, or the Ukrainian text)
 */
import type { FastifyInstance } from 'fastify';
import { AsdsError } from '../../../runtime/index.ts';
import type { CentralPulls } from './service.ts';
import type { Guard } from '../console/index.ts';

export function registerPullRoutes(app: FastifyInstance, pulls: () => CentralPulls | undefined, guard: Guard): void {
  const svc = () => {
    const s = pulls();
    if (!s) throw Object.assign(new Error('запити баз даних на цьому вузлі не працюють (немає --redis)'), { statusCode: 503 });
    return s;
  };
  app.post('/pulls', { preHandler: guard }, async (req, reply) => {
    try {
      return reply.code(201).send(await svc().request(req.body, `http, оператор ${req.operator!.sub}`));
    } catch (e) {
      if (e instanceof AsdsError) return reply.code(400).send({ error: e.code, message: e.message });
      throw e;
    }
  });
  app.get<{ Querystring: { court?: string; overdue?: string } }>('/pulls', async (req, reply) => {
    try {
      return await svc().list({ ...(req.query.court ? { court: req.query.court } : {}), ...(req.query.overdue === '1' ? { overdue: true } : {}) });
    } catch (e) {
      return reply.code((e as { statusCode?: number }).statusCode ?? 400).send({ error: 'BAD_REQUEST', message: (e as Error).message });
    }
  });
  app.get<{ Params: { id: string }; Querystring: { format?: string } }>('/pulls/:id/report', async (req, reply) => {
    const r = await svc().report(req.params.id);
    if (!r) return reply.code(404).send({ error: 'NOT_FOUND', message: `звіту за запитом ${req.params.id} немає` });
    if (req.query.format === 'text') return reply.type('text/plain; charset=utf-8').send(r.text);
    return r;
  });
}
