/**
 * Cabinets over HTTP (issue 17 §A.1).
 *
 * mTLS listener (the prosecutors' office's own system):
 *   POST /exchange/cabinets/registration  SignedRegistrationBodyV1 → 201 { cabinet: CabinetV1 }
 *        a top-level or regional office, the head's qualified signature over CabinetRegistrationRequestV1 (п. 5.1);
 *        the request's code = the calling organisation's ЄДР code = the code in the head's certificate
 *   GET  /exchange/cabinets/mine          → { cabinet: CabinetV1 } of the calling organisation only (404 without one)
 *
 * Admin listener (operator or administrator, console token):
 *   GET  /exchange/cabinets                 → { cabinets: CabinetV1[] }
 *   GET  /exchange/cabinets/overdue         → OverdueHeadChangesV1 (changes of head not completed in 2 working days)
 *   POST /exchange/cabinets/district        RegisterDistrictCabinetV1 → 201 { cabinet }   (п. 11)
 *   POST /exchange/cabinets/:orgId/head-change  HeadChangeNoticeV1 → 201 { cabinet }      (п. 13)
 *   POST /exchange/cabinets/:orgId/head     NewHeadV1 → 200 { cabinet }
 *   GET  /exchange/district-codes           → { offices: DistrictOfficeV1[] }
 *   POST /exchange/district-codes           DistrictListChangeV1 → 200 { offices }        (п. 12)
 *
 * Every refusal: `{ error: <code>, message: <Ukrainian> }`, nothing written.
 */
import type { FastifyInstance } from 'fastify';
import type { ActorSystem } from '../../../../runtime/index.ts';
import {
  CabinetRegistrationRequestV1,
  DistrictListChangeV1,
  HeadChangeNoticeV1,
  NewHeadV1,
  RegisterDistrictCabinetV1,
  SignedRegistrationBodyV1,
  type CabinetV1,
  type DistrictOfficeV1,
  type OverdueHeadChangesV1,
} from '../../../../contracts/exchange/cabinets.ts';
import type { OrganisationRecordV1 } from '../../../../contracts/exchange/organisations.ts';
import { ExchangeRefused, validBody, type ExchangeAdminRoute, type ExchangeCtx, type ExchangeRoute } from '../http.ts';
import { kyivDate, workingDaysDeadline } from '../deadline.ts';
import { ORGS_ID, ORGS_KIND } from '../organisations/registry.ts';
import { headOf, organisationCodeOf, sha256Hex } from './certificates.ts';
import { CABINETS_ID, CABINETS_KIND } from './registry.ts';
import { verifyQualified } from './signature.ts';

/** п. 13: the new head's certificate data within two working days of the change. */
export const HEAD_CHANGE_WORKING_DAYS = 2;
const DAY_MS = 86_400_000;

const cabinets = (system: ActorSystem) => system.ref(CABINETS_KIND, CABINETS_ID);
const getCabinet = async (system: ActorSystem, orgId: string) => (await cabinets(system).ask({ type: 'get', orgId })) as CabinetV1 | null;

function parseRequest(content: Buffer): CabinetRegistrationRequestV1 {
  let doc: unknown;
  try {
    doc = JSON.parse(content.toString('utf8'));
  } catch {
    throw new ExchangeRefused(400, 'REQUEST_NOT_JSON', 'підписаний запит на реєстрацію не є документом JSON (UTF-8)');
  }
  return validBody(CabinetRegistrationRequestV1, doc, 'CabinetRegistrationRequestV1');
}

/** A signed registration of a top-level or regional office's cabinet (п. 5.1). */
async function registerSigned(ctx: ExchangeCtx, org: { id: string; kind: string; name: string; code: string }, body: SignedRegistrationBodyV1): Promise<CabinetV1> {
  if (org.kind !== 'prosecutor') throw new ExchangeRefused(403, 'NOT_A_PROSECUTOR', 'електронні кабінети за цим порядком реєструють лише органи прокуратури');
  const content = Buffer.from(body.request, 'base64');
  const request = parseRequest(content);
  if (request.code !== org.code) {
    throw new ExchangeRefused(422, 'REQUEST_CODE_MISMATCH', `код ЄДР у запиті (${request.code}) не збігається з кодом організації в реєстрі підключених (${org.code})`);
  }
  const cms = body.signature.includes('-----BEGIN') ? body.signature : Buffer.from(body.signature, 'base64');
  const { parts } = verifyQualified({ content, cms, trust: ctx.qualified(), at: new Date(ctx.now()) });
  const signerCode = organisationCodeOf(parts);
  if (!signerCode) throw new ExchangeRefused(422, 'SIGNER_NO_CODE', 'сертифікат підписувача не містить коду ЄДРПОУ організації: потрібен підпис керівника органу прокуратури');
  if (signerCode !== request.code) {
    throw new ExchangeRefused(422, 'SIGNER_CODE_MISMATCH', `сертифікат підписувача виданий для організації з кодом ${signerCode}, а не ${request.code}: реєстрацію підписує керівник цього органу`);
  }
  const head = headOf(parts);
  await cabinets(ctx.system).ask(
    {
      type: 'register',
      cabinet: { orgId: org.id, level: request.level, code: request.code, officeName: request.officeName, head, via: 'qualified-signature', requestDigest: sha256Hex(content), ...(request.contact ? { contact: request.contact } : {}) },
      by: `${org.name}: підпис керівника ${parts.x509.subject.split('\n').find((l) => l.startsWith('CN='))?.slice(3) ?? ''}`.trim(),
    },
    { meta: { author: `org:${org.id}` } },
  );
  return (await getCabinet(ctx.system, org.id))!;
}

export const cabinetRoutes: ExchangeRoute = (app: FastifyInstance, ctx) => {
  app.post('/exchange/cabinets/registration', async (req, reply) => {
    const org = ctx.organisationOf(req);
    const body = validBody(SignedRegistrationBodyV1, req.body, 'SignedRegistrationBodyV1');
    return reply.code(201).send({ cabinet: await registerSigned(ctx, org, body) });
  });
  app.get('/exchange/cabinets/mine', async (req) => {
    const org = ctx.organisationOf(req);
    const cabinet = await getCabinet(ctx.system, org.id);
    if (!cabinet) throw new ExchangeRefused(404, 'CABINET_NOT_FOUND', 'електронний кабінет вашої організації не зареєстровано');
    return { cabinet };
  });
};

/** The overdue changes of head at `now` (pure; the route and tests use it). */
export function overdueHeadChanges(list: readonly CabinetV1[], now: number): OverdueHeadChangesV1 {
  const overdue = list
    .filter((c) => c.pendingChange && now >= c.pendingChange.dueAt)
    .map((c) => ({ orgId: c.orgId, officeName: c.officeName, code: c.code, changedOn: c.pendingChange!.changedOn, dueDate: c.pendingChange!.dueDate, daysLate: Math.floor((now - c.pendingChange!.dueAt) / DAY_MS) + 1 }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.orgId.localeCompare(b.orgId));
  return { asOf: new Date(now).toISOString(), overdue };
}

export function cabinetAdminRoutes(o: { districtCodes: readonly DistrictOfficeV1[]; source?: string }): ExchangeAdminRoute {
  return async (app, ctx) => {
    // the list of the configuration, journaled when it differs from the one loaded last (п. 5.2: the annex)
    const offices = [...o.districtCodes];
    await cabinets(ctx.system).ask({ type: 'sync-list', offices, digest: sha256Hex(Buffer.from(JSON.stringify(offices))), source: o.source ?? 'configuration' });
    const guard = { preHandler: ctx.guard };
    app.get('/exchange/cabinets', guard, async () => ({ cabinets: (await cabinets(ctx.system).ask({ type: 'list' })) as CabinetV1[] }));
    app.get('/exchange/cabinets/overdue', guard, async () => overdueHeadChanges((await cabinets(ctx.system).ask({ type: 'list' })) as CabinetV1[], ctx.now()));
    app.post('/exchange/cabinets/district', guard, async (req, reply) => {
      const body = validBody(RegisterDistrictCabinetV1, req.body, 'RegisterDistrictCabinetV1');
      const org = (await ctx.system.ref(ORGS_KIND, ORGS_ID).ask({ type: 'get', id: body.orgId })) as OrganisationRecordV1 | null;
      if (!org) throw new ExchangeRefused(404, 'ORG_NOT_FOUND', `організацію «${body.orgId}» не зареєстровано в реєстрі підключених`);
      if (org.kind !== 'prosecutor') throw new ExchangeRefused(422, 'NOT_A_PROSECUTOR', `«${org.name}» не є органом прокуратури`);
      if (org.code !== body.code) throw new ExchangeRefused(422, 'ORG_CODE_MISMATCH', `умовний код ${body.code} не збігається з кодом «${org.name}» у реєстрі (${org.code})`);
      const listed = ((await cabinets(ctx.system).ask({ type: 'district-list' })) as DistrictOfficeV1[]).find((d) => d.code === body.code);
      const by = ctx.byOf(req);
      await cabinets(ctx.system).ask(
        {
          type: 'register',
          cabinet: { orgId: org.id, level: 'district', code: body.code, officeName: listed?.name ?? org.name, head: body.head, via: 'conditional-code', request: body.request, ...(body.contact ? { contact: body.contact } : {}) },
          by,
        },
        { meta: { author: by } },
      );
      return reply.code(201).send({ cabinet: await getCabinet(ctx.system, org.id) });
    });
    app.post<{ Params: { orgId: string } }>('/exchange/cabinets/:orgId/head-change', guard, async (req, reply) => {
      const body = validBody(HeadChangeNoticeV1, req.body ?? {}, 'HeadChangeNoticeV1');
      const changedOn = body.changedOn ?? kyivDate(ctx.now());
      if (changedOn > kyivDate(ctx.now())) throw new ExchangeRefused(422, 'CHANGED_IN_FUTURE', 'дата зміни керівника не може бути пізнішою за сьогоднішню');
      const due = workingDaysDeadline(Date.parse(`${changedOn}T12:00:00Z`), HEAD_CHANGE_WORKING_DAYS);
      const by = ctx.byOf(req);
      const ref = cabinets(ctx.system);
      // one command: with the new head's data the change is begun and completed atomically (a refused head must not
      // leave the old head distrusted and a change pending behind a 422)
      await ref.ask(
        { type: 'begin-head-change', orgId: req.params.orgId, changedOn, dueDate: due.dueDate, dueAt: due.dueAt, ...(body.request ? { request: body.request } : {}), ...(body.note ? { note: body.note } : {}), ...(body.head ? { head: body.head } : {}), by },
        { meta: { author: by } },
      );
      return reply.code(201).send({ cabinet: await getCabinet(ctx.system, req.params.orgId) });
    });
    app.post<{ Params: { orgId: string } }>('/exchange/cabinets/:orgId/head', guard, async (req) => {
      const body = validBody(NewHeadV1, req.body, 'NewHeadV1');
      const by = ctx.byOf(req);
      await cabinets(ctx.system).ask({ type: 'complete-head-change', orgId: req.params.orgId, head: body.head, request: body.request, by }, { meta: { author: by } });
      return { cabinet: await getCabinet(ctx.system, req.params.orgId) };
    });
    app.get('/exchange/district-codes', guard, async () => ({ offices: await cabinets(ctx.system).ask({ type: 'district-list' }) }));
    app.post('/exchange/district-codes', guard, async (req) => {
      const change = validBody(DistrictListChangeV1, req.body, 'DistrictListChangeV1');
      const by = ctx.byOf(req);
      await cabinets(ctx.system).ask({ type: 'change-list', change, by }, { meta: { author: by } });
      return { offices: await cabinets(ctx.system).ask({ type: 'district-list' }) };
    });
  };
}
