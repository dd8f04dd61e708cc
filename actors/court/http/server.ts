/**
 * The court node's HTTP API (Fastify). One plugin per area, registered here:
 * add yours (documents, legal force, public lists, distribution…) as
 * `actors/court/http/<area>.ts` exporting `(ctx) => plugin` and list it below.
 *
 * The server holds no records: every read and write is an `ask` to the
 * court's actors, with the authenticated user as `meta` on every write.
 */
import { DISTRIBUTION_KIND } from '../distribution/env.ts';
import { instrumentHttp } from '../../../runtime/metrics/index.ts';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { errorBody, errorHandler } from './errors.ts';
import { typeboxValidatorCompiler } from './validate.ts';
import type { CourtHttpContext } from './context.ts';
import { authRoutes } from './auth.ts';
import { registrationRoutes } from './registration.ts';
import { caseRoutes } from './cases.ts';
import { attachmentRoutes } from './attachments.ts';
import { userRoutes } from './users.ts';
import { judgeRoutes } from './judges.ts';
import { jurorRoutes } from './jurors.ts';
import { outageRoutes } from './outage.ts';
import { distributionRoutes } from './distribution.ts';
import { publicListRoutes } from './public-lists.ts';
import { documentRoutes } from './documents.ts';
import { legalForceRoutes } from './legal-force.ts';
import { sealCertificateRoutes } from './seal-certificate.ts';
import { controlRoutes } from './control.ts';
import { correspondenceRoutes } from './correspondence.ts';
import { exchangeRoutes } from './exchange.ts';
import { orderRoutes } from './orders.ts';
import { statsRoutes } from './stats.ts';
import { archiveRoutes } from './archive.ts';
import { securePages, serveConsole } from '../../../console/serve.ts';
import { searchRoutes } from './search.ts';

export type { CourtHttpContext } from './context.ts';

/** The package this node runs: its version is the API's version (one number to quote in a support request). */
const PACKAGE = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

const API_DESCRIPTION = [
  'API вузла суду АСДС / the court node API.',
  'Розділи: вхід і токени; реєстрація документів і справ (Засади 3.1–3.5, 4.1); вхідна кореспонденція у справах, що перебувають у провадженні (Засади 3.1–3.2); картки справ і виправлення; скановані вкладення; ' +
    'користувачі та ролі; судді, їх відсутності й навантаження (Засади 10); присяжні та чергування (Засади 4.6, 6); режим збою (Засади 15); ' +
    'автоматизований розподіл справ і протоколи (Засади 4–5); документи суду та їх підписання (Засади 13.1–13.2); публічні списки (Засади 12.4); ' +
    'набрання законної сили (Засади 11); контрольні списки (Засади 4.1, 4.18, 4.10); електронний архів суду (Засади 17.1); сертифікат печатки суду для перевірки протоколів (публічно).',
  'Помилки / errors: `{ error: { code, message: { uk, en }, details? } }`; `code` is stable, `message.uk` is for people.',
].join('\n\n');

const AREAS = [authRoutes, registrationRoutes, caseRoutes, attachmentRoutes, userRoutes, judgeRoutes, jurorRoutes, outageRoutes, distributionRoutes, documentRoutes, publicListRoutes, legalForceRoutes, sealCertificateRoutes, controlRoutes, correspondenceRoutes, exchangeRoutes, orderRoutes, statsRoutes, archiveRoutes, searchRoutes];

export async function buildCourtHttp(ctx: CourtHttpContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    // Long hostile URLs and deep JSON are refused early.
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    keepAliveTimeout: 65_000,
    // Errors raised before routing (bad URL encoding, bad content-type header) get our shape too.
    frameworkErrors: (err, _req, reply) => void (reply as FastifyReply).status(400).send(errorBody('VALIDATION_FAILED', { reason: err.message })),
  });
  app.setValidatorCompiler(typeboxValidatorCompiler);
  // Response schemas document the API (OpenAPI); the replies themselves are plain JSON.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.decorateRequest('principal', null);
  app.setErrorHandler(errorHandler(ctx.log));
  app.setNotFoundHandler((_req, reply) => void reply.status(404).send(errorBody('NOT_FOUND')));
  // the printable pages this node renders (public lists, control lists, the load report) run no script (issue 16)
  securePages(app);
  // what a person reads with their token (cards, parties, lists) is not kept in the browser's disk cache of a shared
  // court computer; a route that says otherwise (the console's bundle) keeps its own header
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.headers.authorization && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
  // GET /metrics and one log line per request (route template, never the URL or body: no covert value is logged)
  instrumentHttp(app, { node: ctx.system.node, log: ctx.log, user: (req) => req.principal?.login ?? null });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `АСДС — суд ${ctx.court}`,
        version: PACKAGE.version,
        description: API_DESCRIPTION,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'POST /auth/login → token' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/health', { schema: { tags: ['system'], summary: 'Живий? / alive?' } }, async () => ({
    ok: true,
    court: ctx.court,
    node: ctx.system.node,
    // a court without its Засади in force distributes nothing (started with --no-distribution): say so, never silently
    distribution: ctx.system.hasKind(DISTRIBUTION_KIND) ? 'on' : 'off',
  }));

  for (const area of AREAS) await app.register(area(ctx));
  // the staff's web console: pages over this same API (console/)
  await serveConsole(app, { entry: 'court', title: `АСДС — суд ${ctx.court}` });
  return app;
}
