/**
 * HTTP for jurors (Засади 7), investigating judges' duty (4.6, 8.2) and load
 * information (10.1–10.2). Every write is an ask to the court's actor with
 * the user as author; a refusal writes nothing. Roles: the head of staff
 * keeps the jurors' list and enters orders (7.2); selections are run by the
 * distribution officer (4.4) or the head of staff; the duty schedule is the
 * chief judge's (4.6); load information goes to judges, the head of staff
 * and the chief judge (10.2), the yearly report to the head of staff (10.1).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { DomainRejected } from '../../../runtime/index.ts';
import { ErrorBodyV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { JurorAbsenceSchema, JurorCaseSchema, JUROR_KIND } from '../../../contracts/court/jurors.ts';
import { DUTY_KIND } from '../../../contracts/court/duty.ts';
import { DocumentRefSchema, IsoDateSchema } from '../../../contracts/distribution/common.ts';
import { JurorProceedingSchema } from '../../../contracts/distribution/juror-protocol.ts';
import { windowStartFor, type JudgeLoad } from '../../distribution/load.ts';
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import type { AssignmentsReply } from '../../../contracts/court/distribution.ts';
import { withPrintStyle } from '../print-style.ts';
import { loadReportHtml } from './load-report-html.ts';
import { balanceReport, loadInformationFromFigures, loadInformationHtml, type BalanceReport, type LoadInfoSet } from '../../distribution/load-info.ts';
import { longDateUk } from '../dates.ts';
import { courtByCode } from '../print.ts';
import { printNames } from './print-names.ts';
import { recordPdf } from '../jurors/pdf.ts';
import { recordStreamHeadProblems } from '../jurors/stream-head.ts';
import { checkDates, dataDirOf } from './distribution.ts';
import { join } from 'node:path';
import { courtSealAnchorOf } from '../seal/index.ts';
import { checkJurorOrDutyRecord } from '../jurors/check.ts';
import { readRecord, recordSource } from '../jurors/store.ts';
import { COURT_ERRORS } from '../errors.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, CASE_READERS, type CourtHttpContext } from './context.ts';
import { errorHandler } from './errors.ts';

const security = [{ bearer: [] }];
const errors = { 200: Type.Unknown(), 201: Type.Unknown(), 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 409: ErrorBodyV1, 422: ErrorBodyV1 };
const obj = (props: Parameters<typeof Type.Object>[0]) => Type.Object(props, { additionalProperties: false });
const JurorParams = obj({ id: Type.String({ pattern: '^P[0-9]{4,6}$' }) });
const CaseParams = obj({ caseId: Type.String({ minLength: 1, maxLength: 100 }) });
const DocParams = obj({ id: Type.String({ minLength: 1, maxLength: 120 }) });

/** Status of the jurors/duty/outage refusal codes (not in the court's shared table). */
export function statusOf(code: string): number {
  if (/NOT_FOUND$|^NO_JUROR_SELECTION$/.test(code)) return 404;
  if (/^ALREADY_|_EXISTS$|_PENDING$|^OUTAGE_OPEN$|^NOTHING_TO_HAND_OVER$/.test(code)) return 409;
  if (code === 'BAD_DATE' || code === 'VALIDATION_FAILED') return 400;
  return 422;
}

/**
 * Domain refusals of these actors → 4xx with their own code (the message is
 * the actor's, in English; `uk` names the rule family). Everything else goes
 * to the court's shared handler.
 */
export function recordErrorHandler(ctx: CourtHttpContext) {
  const shared = errorHandler(ctx.log);
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DomainRejected && !(err.code in COURT_ERRORS)) {
      const body = { error: { code: err.code, message: { uk: 'Відмовлено згідно із Засадами використання АСДС (див. code)', en: err.message }, ...(err.details !== undefined ? { details: err.details } : {}) } };
      return void reply.status(statusOf(err.code)).send(body);
    }
    shared(err, req, reply);
  };
}

/** What load information is made of: the set for the judges in force, and the counts of EVERY judge in the period. */
export interface LoadSources {
  set: LoadInfoSet;
  counts: AssignmentsReply['counts'];
  config?: ZasadyConfig;
}

/** Load figures (read-load), the Засади in force (read-zasady) and the counts of the period (read-assignments). */
export async function loadSources(ctx: Pick<CourtHttpContext, 'system' | 'court'>, q: { date?: string; from?: string; year?: boolean }): Promise<LoadSources> {
  checkDates(q.date, q.from);
  const dist = ctx.system.ref('distribution', ctx.court);
  const load = await dist.ask<{ date: string; zasady?: string; judges: JudgeLoad[] }>({ type: 'read-load', ...(q.date ? { date: q.date } : {}) });
  if (!load.zasady) return { set: { date: load.date, coefficients: { categories: [], participation: { presiding: 1, member: 1, reserve: 0 } }, judges: [] }, counts: {} };
  const config = await dist.ask<ZasadyConfig>({ type: 'read-zasady', date: load.date });
  // Counts cover the accounting window the load figures cover (6.4), the calendar year for the yearly report (10.1), or the period asked.
  const from = q.from ?? (q.year ? `${load.date.slice(0, 4)}-01-01` : windowStartFor(config.load.window, load.date));
  if (from !== null && from > load.date) throw new DomainRejected('BAD_PERIOD', `period starts (${from}) after its end (${load.date})`);
  const a = await dist.ask<AssignmentsReply>({ type: 'read-assignments', ...(from !== null ? { from } : {}), to: load.date, limit: 0 });
  return { set: { ...loadInformationFromFigures(config, load.judges, load.date, a.counts), counted: { from, to: load.date } }, counts: a.counts, config };
}

type CategoryTotal = { category: string; name: string; presiding: number; member: number; reserve: number };

/**
 * 10.1: the yearly report. Figures (N, deviation) are for the judges of the
 * Засади in force on the date; the cases per category are EVERY judge's in
 * the year — a judge who left mid-year (dropped from a later version) keeps
 * the cases distributed to them (review 10) — and such judges are listed
 * with their counts as `formerJudges`.
 */
export function yearlyReport(src: LoadSources): BalanceReport & { formerJudges: Array<{ judgeId: string; byCategory: CategoryTotal[] }> } {
  const report = balanceReport(src.set);
  const cats = src.config?.categories ?? [];
  const nameOf = (id: string) => cats.find((c) => c.id === id)?.name ?? id;
  const order = (ids: string[]) => [...cats.map((c) => c.id).filter((id) => ids.includes(id)), ...ids.filter((id) => !cats.some((c) => c.id === id)).sort()];
  const totals = new Map<string, CategoryTotal>();
  for (const byCategory of Object.values(src.counts)) {
    for (const [category, c] of Object.entries(byCategory)) {
      const t = totals.get(category) ?? { category, name: nameOf(category), presiding: 0, member: 0, reserve: 0 };
      totals.set(category, { ...t, presiding: t.presiding + c.presiding, member: t.member + c.member, reserve: t.reserve + c.reserve });
    }
  }
  const inForce = new Set(src.set.judges.map((j) => j.judgeId));
  const formerJudges = Object.keys(src.counts)
    .filter((id) => !inForce.has(id))
    .sort()
    .map((judgeId) => ({ judgeId, byCategory: order(Object.keys(src.counts[judgeId]!)).map((category) => ({ category, name: nameOf(category), ...src.counts[judgeId]![category]! })) }));
  return { ...report, ...(src.config ? { categories: order([...totals.keys()]).map((id) => totals.get(id)!) } : {}), formerJudges };
}

const LIST_KEEPERS: RoleV1[] = ['head_of_staff'];
const SELECTORS: RoleV1[] = ['distribution_officer', 'head_of_staff'];
const LOAD_READERS: RoleV1[] = ['judge', 'head_of_staff', 'chief_judge'];

export function jurorRoutes(ctx: CourtHttpContext) {
  const jurors = () => ctx.system.ref(JUROR_KIND, ctx.court);
  const duty = () => ctx.system.ref(DUTY_KIND, ctx.court);
  const write = (req: FastifyRequest, ref: ReturnType<typeof jurors>, cmd: unknown) => ref.ask(cmd, asUser(principalOf(req)));
  const read = (ref: ReturnType<typeof jurors>, cmd: unknown) => ref.ask(cmd);

  return async (app: FastifyInstance) => {
    app.setErrorHandler(recordErrorHandler(ctx));
    const post = (url: string, roles: RoleV1[], summary: string, schema: Record<string, unknown>, handler: (req: FastifyRequest) => Promise<unknown>, tag = 'jurors') =>
      app.post(url, { onRequest: guard(ctx, roles), schema: { tags: [tag], summary, security, ...schema, response: errors } }, async (req, reply) => reply.status(201).send(await handler(req)));
    const get = (url: string, roles: RoleV1[], summary: string, schema: Record<string, unknown>, handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>, tag = 'jurors') =>
      app.get(url, { onRequest: guard(ctx, roles), schema: { tags: [tag], summary, security, ...schema, response: errors } }, handler);

    // --- the jurors' list (7.2, 7.5)
    post('/jurors', LIST_KEEPERS, 'Додати присяжного до списку / add a juror', { body: obj({ fullName: Type.String({ minLength: 1, maxLength: 200 }), addedOn: IsoDateSchema, basis: DocumentRefSchema }) }, (req) =>
      write(req, jurors(), { type: 'add-juror', ...(req.body as object) }),
    );
    get('/jurors', [...CASE_READERS], 'Список присяжних / the jurors list', { querystring: obj({ date: Type.Optional(IsoDateSchema) }) }, (req) => read(jurors(), { type: 'read-list', ...(req.query as object) }));
    post('/jurors/:id/removal', LIST_KEEPERS, 'Виключити зі списку / remove from the list', { params: JurorParams, body: obj({ removedOn: IsoDateSchema, basis: DocumentRefSchema }) }, (req) =>
      write(req, jurors(), { type: 'remove-juror', jurorId: (req.params as { id: string }).id, ...(req.body as object) }),
    );
    post('/jurors/:id/unavailability', LIST_KEEPERS, 'Відпустка, хвороба, відрядження, інше — за розпорядженням / unavailability on order', { params: JurorParams, body: obj({ absence: JurorAbsenceSchema }) }, (req) =>
      write(req, jurors(), { type: 'record-unavailability', jurorId: (req.params as { id: string }).id, ...(req.body as object) }),
    );
    post('/jurors/:id/service', LIST_KEEPERS, 'Дні участі у розгляді справ / service days', { params: JurorParams, body: obj({ caseId: Type.String({ minLength: 1, maxLength: 100 }), from: IsoDateSchema, to: IsoDateSchema }) }, (req) =>
      write(req, jurors(), { type: 'record-service', jurorId: (req.params as { id: string }).id, ...(req.body as object) }),
    );

    // --- selections (7.3–7.9)
    post('/jurors/selections', SELECTORS, 'Визначити присяжних / select jurors (7.4 ¶1, 7.5)', { body: obj({ case: JurorCaseSchema, proceeding: JurorProceedingSchema }) }, (req) =>
      write(req, jurors(), { type: 'select', ...(req.body as object) }),
    );
    post(
      '/jurors/selections/:caseId/exclusions',
      SELECTORS,
      'Звільнення, відвід (ст. 387 КПК) чи виключення ухвалою / release, recusal, exclusion by ruling',
      { params: CaseParams, body: obj({ jurorId: Type.String({ pattern: '^P[0-9]{4,6}$' }), ground: Type.Union([Type.Literal('released'), Type.Literal('recused'), Type.Literal('ruling')]), ruling: DocumentRefSchema, text: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })) }) },
      (req) => write(req, jurors(), { type: 'exclude-juror', caseId: (req.params as { caseId: string }).caseId, ...(req.body as object) }),
    );
    post('/jurors/selections/:caseId/composition', SELECTORS, 'Три основні та два запасні / 3 main + 2 reserve (7.4 ¶2–3)', { params: CaseParams }, (req) =>
      write(req, jurors(), { type: 'compose', caseId: (req.params as { caseId: string }).caseId }),
    );
    post('/jurors/selections/:caseId/replacements', SELECTORS, 'Заміна присяжного / replace a juror (7.7, 7.8)', { params: CaseParams, body: obj({ jurorId: Type.String({ pattern: '^P[0-9]{4,6}$' }), basis: Type.Optional(DocumentRefSchema) }) }, (req) =>
      write(req, jurors(), { type: 'replace', caseId: (req.params as { caseId: string }).caseId, ...(req.body as object) }),
    );
    get('/jurors/selections/:caseId', [...CASE_READERS], 'Присяжні у справі / jurors of a case', { params: CaseParams }, (req) => read(jurors(), { type: 'read-case', caseId: (req.params as { caseId: string }).caseId }));
    get('/jurors/documents/:id', [...CASE_READERS], 'Протокол (JSON) / protocol', { params: DocParams }, (req) => read(jurors(), { type: 'read-document', documentId: (req.params as { id: string }).id }));
    get('/jurors/documents/:id/pdf', [...CASE_READERS], 'Протокол (PDF) / protocol as PDF', { params: DocParams }, async (req, reply) => {
      const doc = await read(jurors(), { type: 'read-document', documentId: (req.params as { id: string }).id });
      // Jurors by full name from the list (court language, issue 13 item 12); staff-only, as the list is.
      const list = (await read(jurors(), { type: 'read-list' })) as { jurors: Array<{ jurorId: string; fullName: string }> };
      const fullNames = new Map(list.jurors.map((j) => [j.jurorId, j.fullName]));
      const names = await printNames(ctx, (doc as { protocol: { date: string } }).protocol.date);
      return reply.type('application/pdf').send(await recordPdf(doc as never, { ...names, juror: (id) => fullNames.get(id) ?? id }));
    });

    /** The same check as `asds verify-protocol`: recomputation, court seal, the journal row (read from disk, not the actor). */
    const verifyRecord = (id: string) => {
      const data = dataDirOf(ctx);
      const got = recordSource(id) ? readRecord(join(data, 'journal.sqlite'), id) : undefined;
      if (!got) throw new DomainRejected('DOCUMENT_NOT_FOUND', `no juror or duty protocol ${id} in this court`);
      // Only this court's own CA (never the imported trust/ anchors): Засади 13, the court's seal.
      const trust = courtSealAnchorOf(data);
      const check = checkJurorOrDutyRecord(got.document, trust);
      const problems = [...check.problems, ...recordStreamHeadProblems(join(data, 'journal.sqlite'), got.document), ...(got.rowHashOk ? [] : ['journal: the event row does not match its hash or the chain around it (edited in place)'])];
      return { documentId: id, ok: problems.length === 0, seal: check.seal, trustAnchor: trust !== undefined, journalRowOk: got.rowHashOk, problems };
    };
    get('/jurors/documents/:id/verify', [...CASE_READERS], 'Перевірити протокол: жереб, печатка, журнал / verify', { params: DocParams }, async (req) => verifyRecord((req.params as { id: string }).id));

    // --- investigating judges' duty (4.6, 8.2)
    app.put(
      '/duty/investigating-judges',
      { onRequest: guard(ctx, ['chief_judge', 'head_of_staff']), schema: { tags: ['duty'], summary: 'Рішення зборів про слідчих суддів / the assembly decision (8.2)', security, body: obj({ count: Type.Integer({ minimum: 1, maximum: 50 }), judgeIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 50 }), decision: DocumentRefSchema }), response: errors } },
      async (req) => write(req, duty(), { type: 'set-investigating-judges', ...(req.body as object) }),
    );
    post(
      '/duty/schedules',
      ['chief_judge'],
      'Графік чергувань (наказ голови суду) / duty schedule (4.6)',
      { body: obj({ order: DocumentRefSchema, entries: Type.Array(obj({ date: IsoDateSchema, judgeIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 10 }) }), { minItems: 1, maxItems: 400 }) }) },
      (req) => write(req, duty(), { type: 'approve-schedule', ...(req.body as object) }),
      'duty',
    );
    get('/duty/schedules', [...CASE_READERS], 'Графік чергувань / duty schedule', { querystring: obj({ from: Type.Optional(IsoDateSchema), to: Type.Optional(IsoDateSchema) }) }, (req) => read(duty(), { type: 'read-schedule', ...(req.query as object) }), 'duty');
    post(
      '/duty/requests',
      ['distribution_officer', 'registrar'],
      'Клопотання у вихідний день → черговому слідчому судді / a request on a day off',
      { body: obj({ case: obj({ caseId: Type.String({ minLength: 1, maxLength: 100 }), uniqueNumber: Type.Optional(Type.String({ maxLength: 20 })), proceedingNumber: Type.Optional(Type.String({ maxLength: 30 })), category: Type.String({ minLength: 1, maxLength: 64 }) }) }) },
      (req) => write(req, duty(), { type: 'assign-request', ...(req.body as object) }),
      'duty',
    );
    get('/duty/documents/:id', [...CASE_READERS], 'Протокол чергування (JSON)', { params: DocParams }, (req) => read(duty(), { type: 'read-document', documentId: (req.params as { id: string }).id }), 'duty');
    get('/duty/documents/:id/pdf', [...CASE_READERS], 'Протокол чергування (PDF)', { params: DocParams }, async (req, reply) => {
      const doc = await read(duty(), { type: 'read-document', documentId: (req.params as { id: string }).id });
      return reply.type('application/pdf').send(await recordPdf(doc as never, await printNames(ctx, (doc as { protocol: { date: string } }).protocol.date)));
    }, 'duty');

    get('/duty/documents/:id/verify', [...CASE_READERS], 'Перевірити протокол чергування / verify', { params: DocParams }, async (req) => verifyRecord((req.params as { id: string }).id), 'duty');

    // --- load information (10.1–10.2), from the distribution actor: figures, the Засади in force, counts by category
    get(
      '/load',
      LOAD_READERS,
      'Стан навантаження на кожного суддю / load of each judge (10.2); ?format=html to print',
      { querystring: obj({ date: Type.Optional(IsoDateSchema), from: Type.Optional(IsoDateSchema), judge: Type.Optional(Type.String({ maxLength: 64 })), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html')])) }) },
      async (req, reply) => {
        const q = req.query as { date?: string; from?: string; judge?: string; format?: string };
        const { set, config } = await loadSources(ctx, q);
        if (q.judge) set.judges = set.judges.filter((j) => j.judgeId.toLowerCase() === q.judge!.toLowerCase());
        // the court's full name and dates in words (issue 13 item 12)
        if (q.format === 'html') return reply.type('text/html; charset=utf-8').send(withPrintStyle(loadInformationHtml(set, config?.court.name ?? courtByCode(ctx.court), longDateUk)));
        return set;
      },
      'load',
    );
    get(
      '/load/report',
      ['head_of_staff', 'chief_judge', 'auditor'],
      'Звіт про збалансованість навантаження / yearly balance report (10.1): figures as of date, counts since 1 January',
      { querystring: obj({ date: Type.Optional(IsoDateSchema), format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html')])) }) },
      async (req, reply) => {
        const q = req.query as { date?: string; format?: string };
        const report = yearlyReport(await loadSources(ctx, { ...(q.date ? { date: q.date } : {}), year: true }));
        // a page people print (issue 16): the court's full name, judges by full name
        if (q.format === 'html') return reply.type('text/html; charset=utf-8').send(loadReportHtml(report, await printNames(ctx, report.date)));
        return report;
      },
      'load',
    );
  };
}
