/**
 * HTTP for the court's own documents (Засади 2.1, 2.3, 2.4, 4.2, 4.9, 4.13, 4.15, 13.1): orders, directives,
 * memos, timesheets and acts from the court's configured templates (`documents.yaml`).
 *
 *   GET  /orders/kinds                    the court's kinds: who creates, who signs, inputs, deadlines
 *   POST /orders                          create from a kind's template → Draft, numbered in its register
 *   GET  /orders[?kind=]                  the registers: every court document with its state and what it caused,
 *                                         and the numbers records named that the system does not have
 *   GET  /orders/:id                      one document with its links
 *   GET  /control/overdue-orders[?date=&format=html|text]   past the next-working-day deadlines
 *
 * Signing is the documents' own path (POST /documents/:id/signatures → Original; GET /documents/:id/verification,
 * /pdf, /content): a court document is a document of the one documents actor.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DomainRejected } from '../../../runtime/index.ts';
import { ErrorBodyV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { ControlQueryV1 } from '../../../contracts/court/control.ts';
import { DOCUMENTS_KIND } from '../../../contracts/court/documents.ts';
import { CreateOrderBodyV1, OrdersQueryV1, type CourtDocumentsConfigV1, type DocumentKindConfigV1, type OverdueOrdersListV1 } from '../../../contracts/court/orders.ts';
import { defaultCalendarConfig, loadCalendar } from '../../distribution/calendar.ts';
import type { IsoDate } from '../../distribution/dates.ts';
import { canonicalContent, sha256, type CourtDocument } from '../documents/index.ts';
import { checkSigners, type SignerCandidate } from '../documents/signers.ts';
import type { PendingReference } from '../orders/decide.ts';
import { POSITION_UK } from '../orders/links.ts';
import { controlHtml, controlText, overdueOrderRows } from '../control/index.ts';
import { USERS_KIND } from '../users/behavior.ts';
import { COURT_ERRORS } from '../errors.ts';
import { signatureName } from '../print.ts';
import { isCalendarDate, kyivDate, longDateUk } from '../dates.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, CASE_READERS, type CourtHttpContext } from './context.ts';
import { CONTROL_READERS } from './control.ts';
import { errorHandler } from './errors.ts';
import { printNames } from './print-names.ts';

const security = [{ bearer: [] }];
const response = { 200: Type.Unknown(), 201: Type.Unknown(), 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 409: ErrorBodyV1, 422: ErrorBodyV1 };
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }) }, { additionalProperties: false });

/** Any staff member may ask; the kind's `creators` (documents.yaml) decide in the actor. */
const AUTHORS: RoleV1[] = ['registrar', 'distribution_officer', 'judge', 'head_of_staff', 'chief_judge', 'tech_admin'];
/** Who reads the registers: case readers and the technical administrator, who sets workplaces by the head of staff's order (Засади 2.1 ¶2). */
const READERS: RoleV1[] = [...CASE_READERS, 'tech_admin'];
/** The overdue list: the control lists' readers and the chief judge, who signs orders (2.4). */
const OVERDUE_READERS: RoleV1[] = [...CONTROL_READERS, 'chief_judge'];

const REFUSALS: Record<string, { status: number; uk: string }> = {
  DOCUMENT_KIND_NOT_FOUND: { status: 404, uk: 'Такого виду документа немає в налаштуваннях суду (documents.yaml)' },
  CREATOR_ROLE_NOT_ALLOWED: { status: 403, uk: 'Документ цього виду створює інша посадова особа (див. details.creators)' },
  SIGNED_ON_IN_FUTURE: { status: 422, uk: 'Дата підписання пізніша за сьогодні' },
  FOLLOWS_NOT_A_MEMO: { status: 422, uk: 'Зазначений документ не є службовою запискою, на виконання якої видається документ цього виду' },
  FIELD_NOT_IN_TEMPLATE: { status: 422, uk: 'Шаблон не містить такого поля' },
  TEMPLATE_FIELD_MISSING: { status: 422, uk: 'Не заповнено поле шаблону' },
  PERSON_UNKNOWN: { status: 422, uk: 'Поле має містити логін чинного користувача суду' },
  BAD_FIELD_DATE: { status: 422, uk: 'Поле дати має містити дату у форматі РРРР-ММ-ДД' },
  SIGNER_NOT_ALLOWED: { status: 422, uk: 'Підписувачем може бути лише чинний користувач суду з посадою, яку дозволяє вид документа (див. details.problems)' },
  DOCUMENT_NOT_FOUND: { status: 404, uk: 'Документ не знайдено' },
};

function ordersErrorHandler(ctx: CourtHttpContext) {
  const shared = errorHandler(ctx.log);
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const r = err instanceof DomainRejected && !(err.code in COURT_ERRORS) ? REFUSALS[err.code] : undefined;
    if (r) return void reply.status(r.status).send({ error: { code: err.code, message: { uk: r.uk, en: err.message }, ...((err as DomainRejected).details !== undefined ? { details: (err as DomainRejected).details } : {}) } });
    shared(err, req, reply);
  };
}

const refuse = (code: string, message: string, details?: unknown): never => {
  throw new DomainRejected(code, message, details);
};

type User = SignerCandidate & { fullName: string };

/** The author's input as printed: persons by full name and signature name, dates in words. */
function printedInput(k: DocumentKindConfigV1, input: Record<string, string>, users: readonly User[], person: (login: string) => string): Record<string, string> {
  const out: Record<string, string> = { ...input };
  for (const f of k.persons ?? []) {
    const login = input[f];
    if (login === undefined) continue;
    const u = users.find((x) => x.login === login && x.active);
    if (!u) refuse('PERSON_UNKNOWN', `${f}: "${login}" is not an active user of the court`, { field: f });
    out[f] = person(login);
    out[`${f}Signature`] = signatureName(out[f]!);
  }
  for (const f of k.dates ?? []) {
    const d = input[f];
    if (d === undefined) continue;
    if (!isCalendarDate(d)) refuse('BAD_FIELD_DATE', `${f}: "${d}" is not a date YYYY-MM-DD`, { field: f });
    out[f] = longDateUk(d);
  }
  return out;
}

export function orderRoutes(ctx: CourtHttpContext) {
  const docs = () => ctx.system.ref(DOCUMENTS_KIND, ctx.court);
  const calendar = ctx.calendar ?? loadCalendar(defaultCalendarConfig());
  const config = () => docs().ask<CourtDocumentsConfigV1>({ type: 'court-kinds' });
  const users = () => ctx.system.ref(USERS_KIND, ctx.court).ask<User[]>({ type: 'list' });
  const view = (d: CourtDocument) => ({ ...d, contentSha256: sha256(canonicalContent(d)) });

  return async (app: FastifyInstance) => {
    app.setErrorHandler(ordersErrorHandler(ctx));
    const tags = ['orders'];

    app.get('/orders/kinds', { onRequest: guard(ctx, READERS), schema: { tags, summary: 'Види документів суду та їх шаблони / the court’s document kinds', security, response } }, async () => {
      const c = await config();
      return { jurisdiction: c.jurisdiction, registers: c.registers, kinds: c.kinds, caseTemplates: c.caseTemplates ?? [] };
    });

    const headers = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ pattern: IDEMPOTENCY_KEY.source })) });
    app.post('/orders', { onRequest: guard(ctx, AUTHORS), schema: { tags, summary: 'Створити наказ, розпорядження, службову записку, табель чи акт із шаблону суду / create from the court’s template', description: 'A retry with the same `idempotency-key` returns the same document: a register number is never spent twice on one order.', security, headers, body: CreateOrderBodyV1, response } }, async (req, reply) => {
      const b = req.body as CreateOrderBodyV1;
      const p = principalOf(req);
      const k = (await config()).kinds.find((x) => x.id === b.kind) ?? refuse('DOCUMENT_KIND_NOT_FOUND', `no document kind ${b.kind}`);
      // the kind's creators are checked here too, so a refused author causes no lookups either (the actor checks again)
      if (!(k.creators as string[]).includes(p.role)) refuse('CREATOR_ROLE_NOT_ALLOWED', `${k.title}: created by ${k.creators.join(' or ')}, not ${p.role}`, { creators: k.creators, role: p.role });
      const signedOn = b.signedOn ?? kyivDate(Date.now());
      const all = await users();
      checkSigners({ id: k.id, version: 1, type: k.type, title: k.title, input: k.input, signerRoles: k.signers, text: k.text }, b.signers, all);
      const names = await printNames(ctx, signedOn);
      const signer = names.person(b.signers[0]!);
      const role = all.find((u) => u.login === b.signers[0])!.role;
      const fields = { ...printedInput(k, b.fields ?? {}, all, names.person), court: names.court, signer, signerSignature: signatureName(signer), signerPosition: POSITION_UK[role] };
      const key = req.headers['idempotency-key'];
      const once = typeof key === 'string' ? { commandId: `create-court-document:${p.login}:${key}` } : {};
      const d = await docs().ask<CourtDocument>({ type: 'create-court-document', kind: k.id, signedOn, fields, signers: b.signers, ...(b.follows ? { follows: b.follows } : {}) }, asUser(p, once));
      return reply.status(201).send(view(d));
    });

    app.get('/orders', { onRequest: guard(ctx, READERS), schema: { tags, summary: 'Реєстри документів суду та що вони спричинили / the registers with links', security, querystring: OrdersQueryV1, response } }, async (req) => {
      const q = req.query as { kind?: string };
      const r = await docs().ask<{ documents: CourtDocument[]; pending: PendingReference[] }>({ type: 'court-register', ...(q.kind ? { kind: q.kind } : {}) });
      const documents = r.documents.map((d) => ({ id: d.id, kind: d.register!.kind, title: d.title, number: d.register!.number, date: d.register!.signedOn, state: d.state, requiredSigners: d.requiredSigners, signedBy: d.signatures.map((g) => g.login), follows: d.register!.follows ?? null, links: d.links ?? [] }));
      return { documents, notEntered: r.pending.filter((x) => !x.resolvedBy) };
    });

    app.get('/orders/:id', { onRequest: guard(ctx, READERS), schema: { tags, summary: 'Документ суду зі зв’язками / a court document with its links', security, params: IdParams, response } }, async (req) => {
      const d = await docs().ask<CourtDocument>({ type: 'read', documentId: (req.params as { id: string }).id });
      if (!d.register) refuse('DOCUMENT_NOT_FOUND', `${d.id} is a case document (GET /documents/:id)`);
      return view(d);
    });

    app.get('/control/overdue-orders', { onRequest: guard(ctx, OVERDUE_READERS), schema: { tags: ['control'], summary: 'Документи суду, не внесені у строк «не пізніше наступного робочого дня» (Засади 2.1, 2.3, 2.4, 4.9, 4.13, 4.15) / court documents past their deadline', security, querystring: ControlQueryV1, response } }, async (req, reply) => {
      const q = req.query as ControlQueryV1;
      const date = (q.date ?? kyivDate(Date.now())) as IsoDate;
      const [c, r, names] = await Promise.all([config(), docs().ask<{ documents: CourtDocument[]; pending: PendingReference[] }>({ type: 'court-register' }), printNames(ctx, date)]);
      const rows = overdueOrderRows({ config: c, documents: r.documents, pending: r.pending, calendar, date, person: names.person });
      const l: OverdueOrdersListV1 = { list: 'overdue-orders', court: { code: ctx.court, name: names.court }, date, generatedAt: new Date().toISOString(), rows };
      if (q.format === 'html') return reply.type('text/html; charset=utf-8').send(controlHtml(l));
      if (q.format === 'text') return reply.type('text/plain; charset=utf-8').send(controlText(l));
      return l;
    });
  };
}
