/**
 * Originals over the central HTTP API (read-only; console area «originals»: administrator, operator — console/access.ts):
 *
 *   GET /originals[?court=537][&ueun=537/1/25]       originals held, newest first (id, verification, lag)
 *   GET /originals/overdue[?court=537]                originals and scans past the 2-hour window (Засади 13.3)
 *   GET /originals/window[?court=537]                 the window measured per court: stored, within 2 h, p50/p95/max
 *   GET /originals/scans[?court=537][&state=pending]  scans and their fetch state
 *   GET /originals/:court/:documentId                 one Original: content as signed, CMS, the centre's verification, card
 */
import type { FastifyInstance } from 'fastify';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { getOriginal, listOriginals, listScans, originalsWindow, overdueOriginals } from './store.ts';

const COURT = /^[0-9]{1,4}$/;

export function registerOriginalsRoutes(app: FastifyInstance, engine: () => AnalyticsEngine): void {
  const bad = (court: string | undefined) => court !== undefined && court !== '' && !COURT.test(court);
  const refuse = (reply: { code(n: number): { send(b: unknown): unknown } }, court: string) => reply.code(400).send({ error: 'BAD_REQUEST', message: `код суду — від 1 до 4 цифр: ${JSON.stringify(court).slice(0, 40)}` });
  app.get<{ Querystring: { court?: string; ueun?: string } }>('/originals', async (req, reply) => {
    if (bad(req.query.court)) return refuse(reply, req.query.court!);
    return { originals: await listOriginals(engine(), { ...(req.query.court ? { court: req.query.court } : {}), ...(req.query.ueun ? { ueun: req.query.ueun } : {}) }) };
  });
  app.get<{ Querystring: { court?: string } }>('/originals/overdue', async (req, reply) => {
    if (bad(req.query.court)) return refuse(reply, req.query.court!);
    return { windowHours: 2, overdue: await overdueOriginals(engine(), req.query.court ? { court: req.query.court } : {}) };
  });
  app.get<{ Querystring: { court?: string } }>('/originals/window', async (req, reply) => {
    if (bad(req.query.court)) return refuse(reply, req.query.court!);
    return { windowHours: 2, courts: await originalsWindow(engine(), req.query.court ? { court: req.query.court } : {}) };
  });
  app.get<{ Querystring: { court?: string; state?: string } }>('/originals/scans', async (req, reply) => {
    if (bad(req.query.court)) return refuse(reply, req.query.court!);
    return { scans: await listScans(engine(), { ...(req.query.court ? { court: req.query.court } : {}), ...(req.query.state ? { state: req.query.state } : {}) }) };
  });
  app.get<{ Params: { court: string; documentId: string } }>('/originals/:court/:documentId', async (req, reply) => {
    if (bad(req.params.court)) return refuse(reply, req.params.court);
    const r = await getOriginal(engine(), req.params.court, req.params.documentId);
    if (!r) return reply.code(404).send({ error: 'NOT_FOUND', message: `оригіналу ${req.params.documentId} суду ${req.params.court} у центральній базі немає` });
    return r;
  });
}
