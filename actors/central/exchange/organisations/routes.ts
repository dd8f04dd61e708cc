/**
 * The registry of connected organisations over the hub's admin listener (issue 17 §C).
 *
 * Operator or administrator (console token, `Authorization: Bearer …`):
 *   GET  /exchange/organisations                 → { organisations: OrganisationRecordV1[] }
 *   POST /exchange/organisations                 RegisterOrganisationV1 → 201 { organisation }
 *   POST /exchange/organisations/:id/suspend     SuspendOrganisationV1 → { organisation }   (refused at the next call)
 *   POST /exchange/organisations/:id/resume      ResumeOrganisationV1 → { organisation }
 *   POST /exchange/organisations/:id/certificate [IssueCertificateV1] → 201 { certPem, keyPem, caPem, serial, fingerprint, notAfter }
 *        the organisation's mTLS client certificate (journaled: serial, fingerprint, who issued it). Only a
 *        certificate journaled here is admitted by the mTLS hook. Earlier certificates stay valid unless
 *        `{ revokePrevious: { reason } }` asks to revoke them in the same write.
 *   POST /exchange/organisations/:id/certificates/:fingerprint/revoke  RevokeCertificateV1 → { organisation }
 *        revoked at once: its next call gets 403 CERT_REVOKED (unknown → 404 CERT_NOT_FOUND)
 * Public (no login):
 *   GET  /public/organisations                   the printable page (HTML, Ukrainian)
 *   GET  /public/organisations.json              PublicOrganisationsV1
 */
import type { ActorSystem } from '../../../../runtime/index.ts';
import { IssueCertificateV1, RegisterOrganisationV1, ResumeOrganisationV1, RevokeCertificateV1, SuspendOrganisationV1, type OrganisationRecordV1 } from '../../../../contracts/exchange/organisations.ts';
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

/**
 * Issue a client certificate through the registry: journaled (serial, fingerprint, who) before the key leaves the
 * hub — the only way to a certificate the mTLS hook admits.
 */
export async function issueRecorded(
  system: ActorSystem,
  issue: (orgId: string, opt?: { notBefore?: Date; notAfter?: Date }) => IssuedClientCert,
  orgId: string,
  by: string,
  revokePrevious?: string,
  opt?: { notBefore?: Date; notAfter?: Date },
): Promise<IssuedClientCert> {
  const cert = issue(orgId, opt);
  await orgs(system).ask({ type: 'record-certificate', id: orgId, serial: cert.serial, fingerprint: cert.fingerprint, notAfter: cert.notAfter, ...(revokePrevious ? { revokePrevious } : {}), by }, { meta: { author: by } });
  return cert;
}

export function organisationAdminRoutes(o: { issueClientCert: (orgId: string, opt?: { notBefore?: Date; notAfter?: Date }) => IssuedClientCert; caPem: string }): ExchangeAdminRoute {
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
      const body = validBody(IssueCertificateV1, req.body ?? {}, 'IssueCertificateV1');
      const org = await getOrg(ctx.system, req.params.id);
      const cert = await issueRecorded(ctx.system, o.issueClientCert, org.id, ctx.byOf(req), body.revokePrevious?.reason);
      return reply.code(201).send({ ...cert, caPem: o.caPem });
    });
    app.post<{ Params: { id: string; fingerprint: string } }>('/exchange/organisations/:id/certificates/:fingerprint/revoke', guard, async (req) => {
      const body = validBody(RevokeCertificateV1, req.body, 'RevokeCertificateV1');
      const by = ctx.byOf(req);
      const fingerprint = req.params.fingerprint.toLowerCase().replace(/:/g, '');
      await getOrg(ctx.system, req.params.id);
      if (!/^[0-9a-f]{64}$/.test(fingerprint)) throw new ExchangeRefused(400, 'VALIDATION_FAILED', 'відбиток сертифіката — 64 шістнадцяткові символи SHA-256');
      await orgs(ctx.system).ask({ type: 'revoke-certificate', id: req.params.id, fingerprint, reason: body.reason, by }, { meta: { author: by } });
      return { organisation: await getOrg(ctx.system, req.params.id) };
    });
    app.get('/public/organisations.json', async () => publicOrganisations(await list(ctx.system), ctx.now()));
    app.get('/public/organisations', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(publicOrganisationsHtml(publicOrganisations(await list(ctx.system), ctx.now()))),
    );
  };
}
