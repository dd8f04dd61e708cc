/**
 * HTTP for court documents (Засади 13.1–13.2): create from a template with
 * fields from the case card, read, the canonical bytes to sign, sign with a
 * detached CMS (DER, base64) made with the signer's staff certificate, and
 * verify. Writes are asks to `documents/<court>` with the user as author; a
 * refused signature writes nothing.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DomainRejected } from '../../../runtime/index.ts';
import { ErrorBodyV1, type CardV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { DOCUMENTS_KIND, InputFieldsV1, LoginV1 } from '../../../contracts/court/documents.ts';
import { canonicalContent, courtTrust, sha256, verifyWithTrust, type CourtDocument } from '../documents/index.ts';
import { templatesWith } from '../documents/templates.ts';
import type { CourtDocumentsConfigV1 } from '../../../contracts/court/orders.ts';
import { checkSigners, type SignerCandidate } from '../documents/signers.ts';
import { documentPdf } from '../documents/pdf.ts';
import { USERS_KIND } from '../users/behavior.ts';
import { courtPkiDir } from '../distribution/seal.ts';
import { COURT_ERRORS } from '../errors.ts';
import { guard, principalOf } from './auth.ts';
import { caseAsker } from './case-ask.ts';
import { asUser, CASE_READERS, type CourtHttpContext } from './context.ts';
import { dataDirOf } from './distribution.ts';
import { errorHandler } from './errors.ts';
import { printNames, type PrintNames } from './print-names.ts';
import { longDateUk } from '../dates.ts';
import { signatureName } from '../print.ts';

const security = [{ bearer: [] }];
const errors = { 200: Type.Unknown(), 201: Type.Unknown(), 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 409: ErrorBodyV1, 422: ErrorBodyV1 };
const obj = (props: Parameters<typeof Type.Object>[0]) => Type.Object(props, { additionalProperties: false });
const IdParams = obj({ id: Type.String({ minLength: 1, maxLength: 120 }) });
const UEUN = '^[0-9]{1,4}/[1-9][0-9]{0,6}/[0-9]{2}$';

const CREATORS: RoleV1[] = ['judge', 'registrar'];

/** Status and Ukrainian text of the documents' refusal codes. */
const REFUSALS: Record<string, { status: number; uk: string }> = {
  DOCUMENT_NOT_FOUND: { status: 404, uk: 'Документ не знайдено' },
  TEMPLATE_NOT_FOUND: { status: 422, uk: 'Шаблон не знайдено' },
  FIELD_NOT_IN_TEMPLATE: { status: 422, uk: 'Шаблон не містить такого поля (поля справи беруться з картки)' },
  TEMPLATE_FIELD_MISSING: { status: 422, uk: 'Не заповнено поле шаблону' },
  DOCUMENT_ORIGINAL: { status: 409, uk: 'Документ уже є оригіналом: змінювати чи підписувати його не можна' },
  COURT_DOCUMENT_NOT_EDITABLE: { status: 409, uk: 'Наказ, розпорядження чи інший документ суду має номер і дату в реєстрі: змінений текст — це новий документ (POST /orders)' },
  DOCUMENT_SIGNED: { status: 409, uk: 'Документ уже підписано: змінювати його зміст не можна' },
  ALREADY_SIGNED: { status: 409, uk: 'Ви вже підписали цей документ' },
  NOT_A_REQUIRED_SIGNER: { status: 403, uk: 'Вас немає серед обов’язкових підписувачів документа' },
  SIGNATURE_REJECTED: { status: 422, uk: 'Підпис не пройшов перевірку (див. details.reason)' },
  SIGNER_CERTIFICATE_MISMATCH: { status: 422, uk: 'Підпис зроблено не вашим сертифікатом' },
  PKI_NOT_CONFIGURED: { status: 503, uk: 'У суду немає центру сертифікації (asds pki init)' },
  AUTHOR_REQUIRED: { status: 401, uk: 'Потрібен автор' },
  SIGNER_NOT_ALLOWED: { status: 422, uk: 'Підписувачем може бути лише чинний користувач суду з роллю, яку дозволяє шаблон (див. details.problems)' },
};

function documentsErrorHandler(ctx: CourtHttpContext) {
  const shared = errorHandler(ctx.log);
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DomainRejected && !(err.code in COURT_ERRORS) && REFUSALS[err.code]) {
      const r = REFUSALS[err.code]!;
      return void reply.status(r.status).send({ error: { code: err.code, message: { uk: r.uk, en: err.message }, ...(err.details !== undefined ? { details: err.details } : {}) } });
    }
    shared(err, req, reply);
  };
}

/**
 * Values the templates take from the card (templates.ts CASE_FIELDS), as
 * printed: the court's full name, the judge's full name and signature name,
 * the registration date in words (never a login or an ISO date).
 */
export function caseFieldsOf(card: CardV1, proceedingNumber: string | undefined, names: Pick<PrintNames, 'court' | 'judge'>): { proceedingNumber: string; fields: Record<string, string> } {
  const p = proceedingNumber ? card.proceedings.find((x) => x.proceedingNumber === proceedingNumber) : card.proceedings.at(-1);
  if (!p) throw new DomainRejected('PROCEEDING_NOT_FOUND', `no proceeding ${proceedingNumber} in case ${card.ueun}`);
  const r = p.current as { category?: string; description: string; parties: Array<{ role: string; name: string }>; document: { kind: string; title?: string; sender?: string } };
  const byRole = (role: string) => r.parties.filter((x) => x.role === role).map((x) => x.name).join(', ');
  const judge = p.assignment?.judge;
  const f: Record<string, string> = {
    ueun: card.ueun,
    proceedingNumber: p.proceedingNumber,
    registrationDate: longDateUk(p.registrationDate),
    court: names.court,
    description: r.description,
    parties: r.parties.map((x) => `${x.role}: ${x.name}`).join('; '),
    documentKind: r.document.kind,
  };
  const opt: Record<string, string | undefined> = { category: r.category, claimant: byRole('позивач'), respondent: byRole('відповідач'), judge: judge && names.judge(judge), judgeSignature: judge && signatureName(names.judge(judge)), documentTitle: r.document.title, sender: r.document.sender };
  for (const [k, v] of Object.entries(opt)) if (v) f[k] = v;
  return { proceedingNumber: p.proceedingNumber, fields: f };
}

export function documentRoutes(ctx: CourtHttpContext) {
  const docs = () => ctx.system.ref(DOCUMENTS_KIND, ctx.court);
  const askCase = caseAsker(ctx);
  const read = (id: string) => docs().ask<CourtDocument>({ type: 'read', documentId: id });
  const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

  return async (app: FastifyInstance) => {
    app.setErrorHandler(documentsErrorHandler(ctx));
    const tags = ['documents'];

    app.post(
      '/documents',
      {
        onRequest: guard(ctx, CREATORS),
        schema: {
          tags,
          summary: 'Створити документ із шаблону (поля — з картки справи) / create from a template',
          security,
          body: obj({
            template: Type.String({ minLength: 1, maxLength: 64 }),
            ueun: Type.String({ pattern: UEUN }),
            proceedingNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
            signers: Type.Array(LoginV1, { minItems: 1, maxItems: 10, uniqueItems: true }),
            fields: Type.Optional(InputFieldsV1),
          }),
          response: errors,
        },
      },
      async (req, reply) => {
        const b = req.body as { template: string; ueun: string; proceedingNumber?: string; signers: string[]; fields?: Record<string, string> };
        const p = principalOf(req);
        // Засади 13.2: the required signers must be able to sign (checked before anything is written).
        // the court's own templates (documents.yaml) count as the actor counts them
        const t = templatesWith((await docs().ask<CourtDocumentsConfigV1>({ type: 'court-kinds' })).caseTemplates)[b.template];
        if (t) checkSigners(t, b.signers, await ctx.system.ref(USERS_KIND, ctx.court).ask<SignerCandidate[]>({ type: 'list' }));
        const card = await askCase<CardV1>(b.ueun, { type: 'card' }, { author: p.login, role: p.role });
        const c = caseFieldsOf(card, b.proceedingNumber, await printNames(ctx));
        // a covert case's documents stay in the court (Засади 3.1 ¶2): marked here, from the card, never by the client
        const doc = await docs().ask<CourtDocument>({ type: 'create', template: b.template, ueun: card.ueun, proceedingNumber: c.proceedingNumber, caseFields: c.fields, fields: b.fields ?? {}, signers: b.signers, ...(card.covert ? { restricted: true as const } : {}) }, asUser(p));
        return reply.status(201).send(view(doc));
      },
    );

    app.get('/documents', { onRequest: guard(ctx, CASE_READERS), schema: { tags, summary: 'Документи суду / list', security, querystring: obj({ ueun: Type.Optional(Type.String({ pattern: UEUN })) }), response: errors } }, async (req) =>
      docs().ask({ type: 'list', ...(req.query as object) }),
    );

    app.get('/documents/:id', { onRequest: guard(ctx, CASE_READERS), schema: { tags, summary: 'Документ: зміст, стан, підписи / content, state, signatures', security, params: IdParams, response: errors } }, async (req) => view(await read(idOf(req))));

    app.get('/documents/:id/content', { onRequest: guard(ctx, CASE_READERS), schema: { tags, summary: 'Канонічні байти для підпису / the exact bytes to sign (detached CMS)', security, params: IdParams, response: errors } }, async (req, reply) => {
      const bytes = canonicalContent(await read(idOf(req)));
      return reply.type('application/octet-stream').header('x-content-sha256', sha256(bytes)).send(bytes);
    });

    app.get('/documents/:id/pdf', { onRequest: guard(ctx, CASE_READERS), schema: { tags, summary: 'Друкована форма (PDF, українською) / printable PDF', security, params: IdParams, response: errors } }, async (req, reply) => {
      const d = await read(idOf(req));
      return reply.type('application/pdf').header('content-disposition', `inline; filename="document-${d.idParts.documentNo}.pdf"`).send(await documentPdf(d, await printNames(ctx)));
    });

    app.put(
      '/documents/:id/fields',
      { onRequest: guard(ctx, CREATORS), schema: { tags, summary: 'Змінити поля чернетки (до першого підпису) / edit a draft before any signature', security, params: IdParams, body: obj({ fields: InputFieldsV1 }), response: errors } },
      async (req) => view(await docs().ask<CourtDocument>({ type: 'edit', documentId: idOf(req), ...(req.body as object) }, asUser(principalOf(req)))),
    );

    app.post(
      '/documents/:id/signatures',
      { onRequest: guard(ctx, CASE_READERS), schema: { tags, summary: 'Підписати: відокремлений CMS (DER, base64) / sign with a detached CMS', security, params: IdParams, body: obj({ cms: Type.String({ minLength: 1, maxLength: 64 * 1024, pattern: '^[A-Za-z0-9+/=\\s]+$' }) }), response: errors } },
      async (req, reply) => {
        // a CRL or trust anchor written since the last signature counts for this one
        courtTrust(courtPkiDir(dataDirOf(ctx))).refresh();
        return reply.status(201).send(await docs().ask({ type: 'sign', documentId: idOf(req), ...(req.body as object) }, asUser(principalOf(req))));
      },
    );

    app.get('/documents/:id/verification', { onRequest: guard(ctx, CASE_READERS), schema: { tags, summary: 'Перевірити підписи зараз / verify the signatures now', security, params: IdParams, response: errors } }, async (req) => {
      const d = await read(idOf(req));
      const content = canonicalContent(d);
      const trust = courtTrust(courtPkiDir(dataDirOf(ctx)));
      trust.refresh();
      // Proof of existence: the court journal recorded each signature at its `at`.
      const signatures = d.signatures.map((g) => {
        const r = verifyWithTrust(trust.current(), content, Buffer.from(g.cms, 'base64'), new Date(g.at), trust.pkiDir);
        return { login: g.login, at: g.at, indication: r.indication, reason: r.reason.code, message: { uk: r.reason.uk, en: r.reason.en }, contentMatches: g.contentSha256 === sha256(content) };
      });
      const signed = new Set(signatures.filter((g) => g.indication === 'TOTAL_PASSED' && g.contentMatches).map((g) => g.login));
      const missing = d.requiredSigners.filter((l) => !signed.has(l));
      return { id: d.id, state: d.state, contentSha256: sha256(content), valid: d.state === 'Original' && missing.length === 0, missing, signatures };
    });
  };
}

function view(d: CourtDocument) {
  return { ...d, contentSha256: sha256(canonicalContent(d)) };
}
