/**
 * Statistics on the central HTTP API (console area «statistics»: administrator, analyst — console/access.ts;
 * Засади 16.1.5, 16.1.6, 16.1.7):
 *
 *   GET /stats/report?form=&from=&to=[&kind=any]&(court=|region=|nation=1)[&format=json|csv|xlsx|html][&cepej=0|1]
 *                                         an operational report for any period, in the format people use
 *                                         (CEPEJ indicators by default in region and nation reports)
 *   GET /stats/consolidated?form=&from=&to=[&kind=any]&(region=|nation=1)[&format=…][&cepej=0|1]
 *                                         the consolidation as the job built and stored it (404 STATS_NOT_CONSOLIDATED
 *                                         before `asds stats consolidate`); x-asds-built-at / -by say when and where
 *   GET /stats/overdue?form=&from=&to=[&kind=][&format=text]   reports past their deadline
 *   GET /stats/submissions[?court=][&form=]                    received Originals with their statuses
 *   GET /stats/cepej?from=&to=&by=court|region|category|judge[&court=]   CEPEJ indicators (by judge with the
 *                                         judge's assigned cases and weighted load from the workload facts, and
 *                                         `judgeName` from the court's Засади, null when they do not name the judge)
 *
 * Bad input → 400 with the stable code; nothing runs.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { cepejSql, cepejTotal, withJudgeLoad } from '../../../analytics/stats-sql/index.ts';
import { workloadReport } from '../../../analytics/workload.ts';
import { judgeNames } from '../../../analytics/judge-names.ts';
import { isRefusal } from './engine-link.ts';
import { overdueReports, overdueTextUk } from './overdue.ts';
import { consolidatedReport, operationalReport, StatsQueryInvalid, type StatsContext } from './reports.ts';
import type { FormDefinitionV1, StatReportV1 } from '../../../contracts/stats/index.ts';
import { CONTENT_TYPES, cepejWanted, renderReport, reportFormat } from './render.ts';
import { listSubmissions } from './store.ts';
import { nationCourts } from './consolidate.ts';

type Q = Record<string, string | undefined>;

export function registerStatsRoutes(app: FastifyInstance, engine: () => AnalyticsEngine, ctx: () => StatsContext): void {
  app.get<{ Querystring: Q }>('/stats/report', async (req, reply) =>
    guarded(reply, async () => {
      const format = reportFormat(req.query.format);
      const r = await operationalReport(engine(), ctx(), reportQuery(req.query));
      return sendReport(reply, r, format, req.query.cepej);
    }),
  );
  app.get<{ Querystring: Q }>('/stats/consolidated', async (req, reply) =>
    guarded(reply, async () => {
      const format = reportFormat(req.query.format);
      const r = await consolidatedReport(engine(), ctx(), reportQuery(req.query));
      reply.header('x-asds-built-at', new Date(r.builtAt).toISOString()).header('x-asds-built-by', r.builtBy);
      return sendReport(reply, r, format, req.query.cepej);
    }),
  );
  app.get<{ Querystring: Q }>('/stats/overdue', async (req, reply) =>
    guarded(reply, async () => {
      const { form, from, to } = req.query;
      const c = ctx();
      const def = form ? c.forms.get(form) : undefined;
      if (!def || !from || !to) throw new StatsQueryInvalid('потрібні form (відома центру), from і to');
      const period = { kind: (req.query.kind ?? 'any') as 'any', from, to };
      const items = await overdueReports(engine(), c.config, def.id, period);
      if (req.query.format === 'text') return reply.type('text/plain; charset=utf-8').send(overdueTextUk(items, def.name, period));
      return { form: def.id, period, overdue: items };
    }),
  );
  app.get<{ Querystring: Q }>('/stats/submissions', async (req, reply) =>
    guarded(reply, async () => {
      const list = await listSubmissions(engine(), { ...(req.query.court ? { court: req.query.court } : {}), ...(req.query.form ? { form: req.query.form } : {}) });
      // the report and the CMS are the Original: listed without them (the cells are in `report` of /stats/report)
      return list.map(({ report: _r, ...s }) => s);
    }),
  );
  app.get<{ Querystring: Q }>('/stats/cepej', async (req, reply) =>
    guarded(reply, async () => {
      const { from, to } = req.query;
      const by = req.query.by ?? 'court';
      if (!from || !to || !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) throw new StatsQueryInvalid('потрібні from і to (РРРР-ММ-ДД)');
      if (!['court', 'region', 'category', 'judge'].includes(by)) throw new StatsQueryInvalid('by: court, region, category або judge');
      const c = ctx();
      const period = { kind: 'any' as const, from, to };
      const courts = req.query.court ? [req.query.court] : await nationCourts(engine(), c.config);
      if (by === 'region') {
        const rows = await cepejSql(engine(), period, courts, 'court');
        return c.config.regions.map((r) => cepejTotal(r.id, rows.filter((x) => r.courts.some((k) => k.code === x.key))));
      }
      const rows = await cepejSql(engine(), period, courts, by as 'court' | 'category' | 'judge');
      if (by !== 'judge') return rows;
      // per judge, beside the indicators: the load from the workload facts (Засади 16.1.5)
      const [load, names] = await Promise.all([workloadReport(engine(), { from, to, ...(req.query.court ? { court: req.query.court } : {}) }), judgeNames(engine(), courts)]);
      return withJudgeLoad(rows, load.filter((w) => courts.includes(w.court)), names);
    }),
  );
}

/** The query string of a report request as ReportQueryV1 (checked by checkReportQuery). */
function reportQuery(q: Q): Record<string, unknown> {
  return {
    form: q.form,
    from: q.from,
    to: q.to,
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.version ? { version: Number(q.version) } : {}),
    ...(q.court ? { court: q.court } : {}),
    ...(q.region ? { region: q.region } : {}),
    ...(q.nation === '1' || q.nation === 'true' ? { nation: true } : {}),
  };
}

async function sendReport(reply: FastifyReply, r: { def: FormDefinitionV1; report: StatReportV1; scopeName: string }, format: ReturnType<typeof reportFormat>, cepej: string | undefined): Promise<FastifyReply> {
  const bytes = await renderReport(r.def, r.report, r.scopeName, format, { cepej: cepejWanted(r.report, cepej) });
  reply.type(CONTENT_TYPES[format]);
  if (format === 'xlsx') reply.header('content-disposition', `attachment; filename="${encodeURIComponent(`${r.def.id}_${r.report.period.from}_${r.report.period.to}.xlsx`)}"`);
  return reply.send(bytes);
}

async function guarded(reply: FastifyReply, fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return await fn();
  } catch (e) {
    // a stand-by worker's refusal carries its own status (503, naming the owner)
    const status = (e as { statusCode?: number }).statusCode;
    if (isRefusal(e)) return reply.code(status ?? 400).send({ error: e.code, message: e.message });
    if (status) return reply.code(status).send({ error: 'UNAVAILABLE', message: (e as Error).message });
    throw e;
  }
}
