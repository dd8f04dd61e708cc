/**
 * The central worker's small HTTP API (`--http-port`): the 13.3 lag monitor
 * and the workload report. Loopback by default.
 *
 *   GET /metrics                                  Prometheus text (runtime/metrics)
 *   GET /health
 *   GET /lag[?thresholdMinutes=120][&all=1]       courts lagging more than the threshold (all courts with all=1),
 *                                                 registry courts that never reported included
 *   GET /reports/workload?from=YYYY-MM-DD&to=YYYY-MM-DD[&court=537][&format=json|csv]
 *                                                 rows name the judge by id and `judgeName` (the court's Засади)
 *   GET /integrity/alarms[?court=537][&kind=detector:][&open=1]   integrity alarms (actors/central/integrity)
 *   POST /pulls, GET /pulls, GET /pulls/:id/report                database pulls (actors/central/pulls/http.ts)
 *   /ops/login, /ops/me, /ops/logout, /ops/queues, GET /courts, /jobs, /cluster   the console (actors/central/console)
 *
 * Every route but /health, /metrics, /console/ and the login needs the console login of a role admitted to its area
 * (actors/central/console/access.ts: HttpOnly cookie or `Authorization: Bearer <token>`; `asds ops token --role
 * analyst` for a script) — the port may sit behind the console's reverse proxy, so nothing relies on the loopback.
 *
 * Every route that reads the analytics store answers 503 on a worker that does not serve it (a stand-by of an
 * embedded store: `refuse` returns the NotAnalyticsOwner naming the owner, actors/central/lease/refusal.ts) — to
 * a person with the login only.
 */
import Fastify, { type FastifyInstance, type preHandlerHookHandler } from 'fastify';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { ConnectedCourtV1 } from '../../../contracts/ingest/index.ts';
import { courtLags, LAG_THRESHOLD_MS } from '../../../analytics/lag.ts';
import { checkWorkloadQuery, workloadCsv, workloadReport } from '../../../analytics/workload.ts';
import { registryNow, type CourtRegistrySource } from '../../../analytics/court-registry.ts';
import { registerAlarmRoutes } from '../integrity/index.ts';
import { instrumentHttp } from '../../../runtime/metrics/index.ts';
import type { Logger } from '../../../runtime/index.ts';
import type { NotAnalyticsOwner } from '../lease/refusal.ts';
import { securePages, serveConsole } from '../../../console/serve.ts';
import { guardCentralRoutes } from '../console/access.ts';
import type { LoginOptions } from '../console/login.ts';

/** Routes that read or write the analytics store (refused on a worker that does not serve it). */
const STORE_ROUTES = ['/lag', '/reports', '/integrity', '/pulls', '/courts'];

export interface CentralHttpServing {
  /** The bus operator's key that signs console tokens: every data route needs one (console/access.ts). */
  console: LoginOptions;
  /** The refusal when this worker does not serve the analytics store now (undefined: it does). */
  refuse?: () => NotAnalyticsOwner | undefined;
  /** What /health says beside `ok` (role, owner); default the engine kind. */
  health?: () => Record<string, unknown>;
}

export async function startCentralHttp(
  node: string,
  log: Logger,
  engine: () => AnalyticsEngine,
  port: number,
  beforeLag: () => Promise<void>,
  registry: CourtRegistrySource = [],
  host = '127.0.0.1',
  routes: Array<(app: FastifyInstance) => void> = [],
  serving: CentralHttpServing,
): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  // the login page and the statistics pages this worker renders run no script (issue 16)
  securePages(app);
  // the operator proven by a console token (console/login.ts) is who the request log names
  instrumentHttp(app, { node, log, user: (req) => req.operator?.sub ?? null });
  if (serving.refuse) {
    const refuse = serving.refuse;
    const refusal: preHandlerHookHandler = async (_req, reply) => {
      const no = refuse();
      if (no) return void reply.code(503).send({ error: no.message, code: no.code, owner: no.owner });
    };
    // added before the access hook below, which puts the login check in front of it
    app.addHook('onRoute', (route) => {
      if (!STORE_ROUTES.some((p) => route.url === p || route.url.startsWith(`${p}/`))) return;
      const own = route.preHandler === undefined ? [] : Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
      // a GET's HEAD twin comes here with the GET's handlers already
      if (!own.includes(refusal)) route.preHandler = [refusal, ...own];
    });
  }
  guardCentralRoutes(app, serving.console);
  app.get('/health', async () => ({ ok: true, ...(serving.health ? serving.health() : { engine: engine().kind }) }));
  app.get<{ Querystring: { thresholdMinutes?: string; all?: string } }>('/lag', async (req, reply) => {
    const minutes = req.query.thresholdMinutes === undefined ? LAG_THRESHOLD_MS / 60_000 : Number(req.query.thresholdMinutes);
    if (!Number.isFinite(minutes) || minutes < 0) return reply.code(400).send({ error: 'thresholdMinutes must be a non-negative number' });
    await beforeLag();
    const lags = await courtLags(engine(), Date.now(), registryNow(registry));
    const thresholdMs = minutes * 60_000;
    return { thresholdMs, courts: req.query.all === '1' ? lags : lags.filter((l) => l.lagMs > thresholdMs) };
  });
  app.get<{ Querystring: { from?: string; to?: string; court?: string; format?: string } }>('/reports/workload', async (req, reply) => {
    const q = { from: req.query.from ?? '', to: req.query.to ?? '', ...(req.query.court ? { court: req.query.court } : {}) };
    const format = req.query.format ?? 'json';
    try {
      checkWorkloadQuery(q);
      if (format !== 'json' && format !== 'csv') throw new Error('format must be json or csv');
    } catch (e) {
      return reply.code(400).send({ error: (e as Error).message });
    }
    const rows = await workloadReport(engine(), q);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(workloadCsv(rows));
    return { from: q.from, to: q.to, court: q.court ?? null, rows };
  });
  registerAlarmRoutes(app, engine, registry);
  await serveConsole(app, { entry: 'centre', title: 'АСДС — центр' });
  for (const add of routes) add(app);
  const url = await app.listen({ port, host });
  return { app, url };
}
