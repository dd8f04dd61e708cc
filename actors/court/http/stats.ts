/**
 * Court statistics over HTTP (Засади 16):
 *   GET  /cases/…/stat-card?proceedingNumber=     the card (derived + entered) and its recorded warnings
 *   PUT|PATCH /cases/…/stat-card                  enter or correct the entered fields (input logical control, 16.1.2)
 *   GET  /stats/reports?form=&from=&to=&kind=[&format=csv|html]   a report formed now from the court's own cards (16.1.3, offline)
 *   POST /stats/originals                         form a report and keep it for signing (gets its unique id)
 *   GET  /stats/originals/:id[/content|/print]    the kept report / the exact bytes to sign / printable, with its signatory
 *   POST /stats/originals/:id/signatures          the statistician's CMS → "Original" (16.3), then sent to the centre
 *   GET  /stats/submissions                       every report's journey, statuses in Ukrainian (16.1.6)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBodyV1, type CardV1, type RoleV1 } from '../../../contracts/court/index.ts';
import { StatCardEntryBodyV1, StatCardReplyV1, StatOriginalBodyV1, StatReportGetQueryV1, StatReportQueryV1, StatSignBodyV1, STAT_STATUS_UK, type StatSubmissionRowV1 } from '../../../contracts/court/stats.ts';
import { reportCsv, reportHtml, reportXlsx, type ReportNames } from '../../../analytics/stats/index.ts';
import type { StatReportV1 as StatReport } from '../../../contracts/stats/index.ts';
import { printNames } from './print-names.ts';
import { kyivDate } from '../dates.ts';
import { StatReportV1 } from '../../../contracts/stats/index.ts';
import { CourtRejected } from '../errors.ts';
import { courtTrust } from '../documents/trust.ts';
import { courtPkiDir } from '../seal/index.ts';
import { POSITION_UK } from '../orders/links.ts';
import { formReport, loadStatsForms, sendProblemOf, statCardIndexOf, STATS_KIND, wakeStatsSender, type KeptReport } from '../stats/index.ts';
import type { EnteredFields } from '../../../analytics/stats/derive.ts';
import type { FormDefinitionV1 } from '../../../contracts/stats/form.ts';
import { caseAsker } from './case-ask.ts';
import { guard, principalOf } from './auth.ts';
import { asUser, type CourtHttpContext } from './context.ts';
import { CaseParamsV1, ueunOf } from './params.ts';
import { dataDirOf } from './distribution.ts';

const errors = { 200: Type.Unknown(), 201: Type.Unknown(), 400: ErrorBodyV1, 401: ErrorBodyV1, 403: ErrorBodyV1, 404: ErrorBodyV1, 409: ErrorBodyV1, 422: ErrorBodyV1, 503: ErrorBodyV1 };
const security = [{ bearer: [] }];
const tags = ['statistics'];
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }) }, { additionalProperties: false });
const ProceedingQuery = Type.Object({ proceedingNumber: Type.Optional(Type.String({ maxLength: 30 })) }, { additionalProperties: false });

/** Who enters primary data (16.1.1): the statistician, the registry staff that keeps the cards, the head of staff. */
const ENTRY: RoleV1[] = ['statistician', 'registrar', 'head_of_staff'];
const CARD_READERS: RoleV1[] = ['statistician', 'registrar', 'head_of_staff', 'chief_judge', 'judge', 'auditor'];
const REPORT_READERS: RoleV1[] = ['statistician', 'head_of_staff', 'chief_judge', 'auditor'];
/** Засади 16.3: the report's author — the court's statistician — signs it. */
const AUTHORS: RoleV1[] = ['statistician'];


export function statsRoutes(ctx: CourtHttpContext) {
  const askCase = caseAsker(ctx);
  const stats = () => ctx.system.ref(STATS_KIND, ctx.court);
  const cards = () => statCardIndexOf(ctx.system, ctx.court);
  // read at first use (a form file changed needs a restart, like the Засади); a bad file is refused with every error
  let forms: Map<string, FormDefinitionV1> | undefined;
  const formsOf = () => (forms ??= loadStatsForms(ctx.statsFormsDirs));

  /** The proceeding of the case the request names (default: its latest). */
  async function proceedingOf(req: FastifyRequest, proceedingNumber: string | undefined): Promise<string> {
    const p = principalOf(req);
    const card = await askCase<CardV1>(ueunOf(req.params as CaseParamsV1), { type: 'card' }, { author: p.login, role: p.role });
    const found = proceedingNumber === undefined ? card.proceedings.at(-1) : card.proceedings.find((x) => x.proceedingNumber === proceedingNumber);
    if (!found) throw new CourtRejected('PROCEEDING_NOT_FOUND', { proceedingNumber });
    return found.proceedingNumber;
  }

  async function cardReply(proceedingNumber: string) {
    const card = await cards().card(proceedingNumber);
    if (!card) throw new CourtRejected('STAT_CARD_NOT_FOUND', { proceedingNumber });
    const entry = await stats().ask<{ fields: EnteredFields; warnings: unknown[] }>({ type: 'read-entry', proceedingNumber });
    return { card, entered: entry.fields, warnings: entry.warnings };
  }

  /** The court's full name and the Засади names of judges and categories (labels never show ids). */
  async function namesOf(): Promise<ReportNames> {
    const n = await printNames(ctx);
    const z = n.zasady as { judges?: Array<{ id: string; name: string }>; categories?: Array<{ id: string; name: string }> } | null;
    return { scope: n.court, judges: Object.fromEntries((z?.judges ?? []).map((j) => [j.id, j.name])), categories: Object.fromEntries((z?.categories ?? []).map((c) => [c.id, c.name])) };
  }

  async function send(reply: FastifyReply, format: 'csv' | 'html' | 'xlsx', report: StatReport, names: ReportNames) {
    const def = formsOf().get(report.form.id);
    if (!def) throw new CourtRejected('STAT_FORM_NOT_FOUND', { form: report.form.id });
    if (format === 'xlsx') return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await reportXlsx(def, report, names));
    return format === 'csv' ? reply.type('text/csv; charset=utf-8').send(reportCsv(def, report, names)) : reply.type('text/html; charset=utf-8').send(reportHtml(def, report, names));
  }

  const problemOf = (id: string) => {
    const problem = sendProblemOf(ctx.system, id);
    return problem ? { problem } : {};
  };

  return async (app: FastifyInstance) => {
    app.get(
      '/cases/:court/:seq/:yy/stat-card',
      { onRequest: guard(ctx, CARD_READERS), schema: { tags, summary: 'Статистична картка провадження (Засади 16.1.1) / the statistical card', security, params: CaseParamsV1, querystring: ProceedingQuery, response: { ...errors, 200: StatCardReplyV1 } } },
      async (req) => cardReply(await proceedingOf(req, (req.query as { proceedingNumber?: string }).proceedingNumber)),
    );

    // PUT and PATCH alike: the body names only the fields it enters or corrects (a partial update either way)
    app.route({
      method: ['PUT', 'PATCH'],
      url: '/cases/:court/:seq/:yy/stat-card',
      onRequest: guard(ctx, ENTRY),
      schema: {
        tags,
        summary: 'Внести або виправити дані статистичної картки (Засади 16.1.1–16.1.2) / enter or correct the card',
        description: 'Checked by the rules of stats-control.yaml: any error refuses the whole entry with EVERY failing rule (STAT_CARD_INVALID); warnings are recorded with it. `null` clears a field.',
        security,
        params: CaseParamsV1,
        body: StatCardEntryBodyV1,
        response: { ...errors, 200: StatCardReplyV1 },
      },
      handler: async (req) => {
        const body = req.body as StatCardEntryBodyV1;
        const proceedingNumber = await proceedingOf(req, body.proceedingNumber);
        const base = await cards().card(proceedingNumber);
        if (!base) throw new CourtRejected('STAT_CARD_NOT_FOUND', { proceedingNumber });
        await stats().ask({ type: 'enter', proceedingNumber, base, fields: body.fields, ...(body.basis ? { basis: body.basis } : {}) }, asUser(principalOf(req)));
        return cardReply(proceedingNumber);
      },
    });

    app.get(
      '/stats/reports',
      {
        onRequest: guard(ctx, REPORT_READERS),
        schema: { tags, summary: 'Сформувати звіт за формою з даних суду (Засади 16.1.3, 16.1.7) / form a report from the court’s own data', description: '`format=csv|xlsx|html`: the form’s own layout in Ukrainian, with the court’s full name and the signature block.', security, querystring: StatReportGetQueryV1, response: { ...errors, 200: Type.Union([StatReportV1, Type.String()]) } },
      },
      async (req, reply) => {
        const { format, ...q } = req.query as StatReportGetQueryV1;
        const report = formReport(formsOf(), ctx.court, await cards().all(), q);
        return format === 'csv' || format === 'html' || format === 'xlsx' ? send(reply, format, report, await namesOf()) : report;
      },
    );

    app.post(
      '/stats/originals',
      {
        onRequest: guard(ctx, AUTHORS),
        schema: { tags, summary: 'Сформувати звіт для підписання (отримує унікальний ідентифікатор) / form a report to sign', security, body: StatOriginalBodyV1, response: errors },
      },
      async (req, reply) => {
        const report = formReport(formsOf(), ctx.court, await cards().all(), req.body as StatReportQueryV1);
        const kept = await stats().ask<{ documentId: string; sha256: string; content: string }>({ type: 'keep-report', report }, asUser(principalOf(req)));
        return reply.status(201).send({ ...kept, report });
      },
    );

    app.get(
      '/stats/originals/:id',
      { onRequest: guard(ctx, REPORT_READERS), schema: { tags, summary: 'Звіт, його підпис і статус / a kept report', security, params: IdParams, response: errors } },
      async (req) => {
        const r = await stats().ask<KeptReport>({ type: 'read-report', documentId: (req.params as { id: string }).id });
        return { ...r, statusUk: STAT_STATUS_UK[r.status] ?? r.status };
      },
    );

    app.get(
      '/stats/originals/:id/print',
      { onRequest: guard(ctx, REPORT_READERS), schema: { tags, summary: 'Друкована форма звіту з підписом автора (Засади 16.3) / printable report with its signatory', security, params: IdParams } },
      async (req, reply) => {
        const r = await stats().ask<KeptReport>({ type: 'read-report', documentId: (req.params as { id: string }).id });
        const signer = r.signature ? [{ position: r.signature.author.position, name: r.signature.author.name }] : [{ position: POSITION_UK.statistician }];
        return send(reply, 'html', r.report, { ...(await namesOf()), signatories: signer, ...(r.signature ? { drawnUpOn: kyivDate(r.signature.signedAt) } : {}) });
      },
    );

    app.get(
      '/stats/originals/:id/content',
      { onRequest: guard(ctx, REPORT_READERS), schema: { tags, summary: 'Байти звіту, що підписуються / the exact bytes to sign', security, params: IdParams } },
      async (req, reply) => {
        const r = await stats().ask<KeptReport>({ type: 'read-report', documentId: (req.params as { id: string }).id });
        return reply.type('application/json; charset=utf-8').send(Buffer.from(r.content, 'utf8'));
      },
    );

    app.post(
      '/stats/originals/:id/signatures',
      {
        onRequest: guard(ctx, AUTHORS),
        schema: { tags, summary: 'Підписати звіт (Засади 16.3): оригінал, далі — надсилання до центру / sign into Original', security, params: IdParams, body: StatSignBodyV1, response: errors },
      },
      async (req, reply) => {
        const p = principalOf(req);
        // the trust material is re-read here, outside decide (a CRL made since takes effect now)
        courtTrust(courtPkiDir(dataDirOf(ctx))).refresh();
        const out = await stats().ask({ type: 'sign', documentId: (req.params as { id: string }).id, cms: (req.body as { cms: string }).cms, author: { name: p.fullName, position: POSITION_UK[p.role] } }, asUser(p));
        wakeStatsSender(ctx.system);
        return reply.status(201).send(out);
      },
    );

    app.get(
      '/stats/submissions',
      { onRequest: guard(ctx, REPORT_READERS), schema: { tags, summary: 'Звіти та їх статуси (Засади 16.1.6) / submissions and statuses', security, response: errors } },
      async () => {
        const all = await stats().ask<KeptReport[]>({ type: 'list' });
        const rows: StatSubmissionRowV1[] = all.map((r) => ({
          documentId: r.documentId,
          form: `${r.report.form.id} v${r.report.form.version}`,
          period: r.report.period,
          status: r.status,
          statusUk: STAT_STATUS_UK[r.status] ?? r.status,
          attempts: r.attempts,
          ...(r.status === 'signed' ? problemOf(r.documentId) : {}),
          history: r.history.map((h) => ({ status: h.status, statusUk: STAT_STATUS_UK[h.status] ?? h.status, at: h.at, ...(h.remarks ? { remarks: h.remarks } : {}) })),
        }));
        return { items: rows };
      },
    );
  };
}
