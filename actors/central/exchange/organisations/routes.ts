/**
 * The registry of connected organisations over the hub's admin listener (issue 17 §C).
 *
 * Operator or administrator (console token, `Authorization: Bearer …`):
 *   GET  /exchange/organisations                 → { organisations: OrganisationRecordV1[] }
 *   POST /exchange/organisations                 RegisterOrganisationV1 → 201 { organisation }
 *   POST /exchange/organisations/:id/suspend     SuspendOrganisationV1 → { organisation }   (refused at the next call)
 *   POST /exchange/organisations/:id/resume      ResumeOrganisationV1 → { organisation }
 *   POST /exchange/organisations/:id/certificate → 201 { certPem, keyPem, caPem, serial, fingerprint, notAfter }
 *        the organisation's mTLS client certificate (journaled: serial, fingerprint, who issued it)
 * Public (no login):
 *   GET  /public/organisations                   the printable page (HTML, Ukrainian)
 *   GET  /public/organisations.json              PublicOrganisationsV1
 */
import type { ActorSystem } from '../../../../runtime/index.ts';
import { RegisterOrganisationV1, ResumeOrganisationV1, SuspendOrganisationV1, type OrganisationRecordV1 } from '../../../../contracts/exchange/organisations.ts';
import { ExchangeRefused, validBody, type ExchangeAdminRoute } from '../http.ts';
import type { IssuedClientCert } from '../ca.ts';
import { ORGS_ID, ORGS_KIND } from './registry.ts';
import { publicOrganisations, publicOrganisationsHtml } from './public.ts';

const orgs = (system: ActorSystem) => system.ref(ORGS_KIND, ORGS_ID);
async function getOrg(system: ActorSystem, id: string): Promise<OrganisationRecordV1> {
  const o = (await orgs(system).ask({ type: 'get', id })) as OrganisationRecordV1 | null;
  if (!o) throw new ExchangeRefused(404, 'ORG_NOT_FOUND', `організацію «${id}» не зареєстровано в реєстрі підключених`);
  return o;
}
const list = async (system: ActorSystem) => (await orgs(system).ask({ type: 'list' })) as OrganisationRecordV1[];

export function organisationAdminRoutes(o: { issueClientCert: (orgId: string) => IssuedClientCert; caPem: string }): ExchangeAdminRoute {
  return (app, ctx) => {
    const guard = { preHandler: ctx.guard };
    app.get('/exchange/organisations', guard, async () => ({ organisations: await list(ctx.system) }));
    app.post('/exchange/organisations', guard, async (req, reply) => {
      const org = validBody(RegisterOrganisationV1, req.body, 'RegisterOrganisationV1');
      const by = ctx.byOf(req);
      await orgs(ctx.system).ask({ type: 'register', org, by }, { meta: { author: by } });
      return reply.code(201).send({ organisation: await getOrg(ctx.system, org.id) });
    });
    app.post<{ Params: { id: string } }>('/exchange/organisations/:id/suspend', guard, async (req) => {
      const suspension = validBody(SuspendOrganisationV1, req.body, 'SuspendOrganisationV1');
      const by = ctx.byOf(req);
      await orgs(ctx.system).ask({ type: 'suspend', id: req.params.id, suspension, by }, { meta: { author: by } });
      return { organisation: await getOrg(ctx.system, req.params.id) };
    });
    app.post<{ Params: { id: string } }>('/exchange/organisations/:id/resume', guard, async (req) => {
      const body = validBody(ResumeOrganisationV1, req.body ?? {}, 'ResumeOrganisationV1');
      const by = ctx.byOf(req);
      await orgs(ctx.system).ask({ type: 'resume', id: req.params.id, ...(body.note ? { note: body.note } : {}), by }, { meta: { author: by } });
      return { organisation: await getOrg(ctx.system, req.params.id) };
    });
    app.post<{ Params: { id: string } }>('/exchange/organisations/:id/certificate', guard, async (req, reply) => {
      const org = await getOrg(ctx.system, req.params.id);
      const cert = o.issueClientCert(org.id);
      const by = ctx.byOf(req);
      // journaled before the key leaves the hub: every client certificate in circulation is accounted for
      await orgs(ctx.system).ask({ type: 'record-certificate', id: org.id, serial: cert.serial, fingerprint: cert.fingerprint, notAfter: cert.notAfter, by }, { meta: { author: by } });
      return reply.code(201).send({ ...cert, caPem: o.caPem });
    });
    app.get('/public/organisations.json', async () => publicOrganisations(await list(ctx.system), ctx.now()));
    app.get('/public/organisations', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(publicOrganisationsHtml(publicOrganisations(await list(ctx.system), ctx.now()))),
    );
  };
}
