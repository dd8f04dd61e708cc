/**
 * HTTP metrics, `GET /metrics` and the request log for a Fastify app (issue 12 item 4).
 *
 * The request log is one JSON line per request: id, user, method, route
 * TEMPLATE (`/cases/:ueun`, never the URL: a path may name a covert case),
 * status, duration. Never a body, a query string or a header.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from '../log.ts';
import { httpRequests, httpSeconds, metricsText } from './registry.ts';

export interface InstrumentOptions {
  node: string;
  log: Logger;
  /** Who made the request, if known (a login; never a token). */
  user?: (req: FastifyRequest) => string | null;
}

export function instrumentHttp(app: FastifyInstance, o: InstrumentOptions): void {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    const status = String(reply.statusCode);
    httpRequests.inc({ node: o.node, route, method: req.method, status });
    httpSeconds.observe({ node: o.node, route, method: req.method }, seconds);
    o.log.info('http', { id: req.id, user: o.user?.(req) ?? null, method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    const m = await metricsText();
    return reply.type(m.contentType).send(m.body);
  });
}
