/**
 * The information-file exchange over the hub's listeners (actors/central/exchange/http.ts).
 *
 * Organisations (mTLS; the organisation is the client certificate's, never the body's):
 *   POST /exchange/v1/files                UploadFileBodyV1 → 201 receipt { id, sha256, size, receivedAt, duplicate }
 *   GET  /exchange/v1/files?after=&limit=  → { files: DeliveredFile[], next }   files addressed to the caller, not yet acknowledged
 *   POST /exchange/v1/files/:id/ack        → { id, ackedAt }                    404 for a file not addressed to it
 *   GET  /exchange/v1/journal?direction=sent|received → { entries }            its own journal
 *   GET  /exchange/v1/journal/print?direction=…       → printable HTML (A4)
 *   POST /exchange/v1/impossibility        ImpossibilityBodyV1 → 201 notice (late when past 2 working days)
 *   GET  /exchange/v1/impossibility        → { notices }   its own and the hub's notices to it
 * The judiciary's operator (admin listener, console token):
 *   POST /exchange/files/send              SendFileBodyV1 → 201 receipt (hub → organisation, stripped to its list)
 *   POST /exchange/files/impossibility     HubImpossibilityBodyV1 → 201 { notices }
 *   GET  /exchange/files/journal/:org?direction=…        → { entries }
 *   GET  /exchange/files/journal/:org/print?direction=…  → printable HTML
 *   GET  /exchange/files/journal/:org/files/:id          → { entry, content, signature? }  (e.g. a request to answer)
 *   GET  /exchange/files/journals          → { participants: [{ org, name, sent, received, unacknowledged, overdue }] }
 *   GET  /exchange/files/overdue           → { findings }   impossibilities not notified within 2 working days
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import { AsdsError, type ActorSystem } from '../../../../runtime/index.ts';
import { FetchQueryV1, HubImpossibilityBodyV1, ImpossibilityBodyV1, JournalQueryV1, SendFileBodyV1, UploadFileBodyV1 } from '../../../../contracts/exchange/files/index.ts';
import type { OrganisationRecordV1 } from '../../../../contracts/exchange/organisations.ts';
import type { Calendar } from '../../../distribution/index.ts';
import type { Signer } from '../../../pki/index.ts';
import { ExchangeRefused, validBody, type ExchangeAdminCtx, type ExchangeAdminRoute, type ExchangeCtx, type ExchangeRoute } from '../http.ts';
import { ORGS_ID, ORGS_KIND } from '../organisations/registry.ts';
import { loadAgreementsYaml, type Agreements } from './allow-list.ts';
import { httpStatusOf } from './errors.ts';
import { journalHtml } from './print.ts';
import { InfoFilesHub } from './service.ts';

/** The example agreements (deploy/examples/exchange/agreements.yaml). */
export const DEFAULT_AGREEMENTS_FILE = fileURLToPath(new URL('../../../../deploy/examples/exchange/agreements.yaml', import.meta.url));

export interface InfoFilesRoutesOptions {
  /** The agreements themselves, or the YAML file they are in (default DEFAULT_AGREEMENTS_FILE). */
  agreements?: Agreements;
  agreementsFile?: string;
  calendar?: Calendar;
  /** The hub's signer: every file it sends carries its CMS signature. */
  signer?: Signer;
}

export const agreementsOf = (o: InfoFilesRoutesOptions): Agreements => o.agreements ?? loadAgreementsYaml(readFileSync(o.agreementsFile ?? DEFAULT_AGREEMENTS_FILE, 'utf8'));

function hubOf(o: InfoFilesRoutesOptions, agreements: Agreements, ctx: Pick<ExchangeCtx, 'system' | 'now' | 'qualified'>): InfoFilesHub {
  return new InfoFilesHub({ system: ctx.system, agreements, now: ctx.now, trustStore: ctx.qualified(), ...(o.calendar ? { calendar: o.calendar } : {}), ...(o.signer ? { signer: o.signer } : {}) });
}

/** A refusal of the files layer as the HTTP status its code names (typed, Ukrainian, nothing written). */
async function http<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AsdsError && !(e instanceof ExchangeRefused) && e.code !== 'VALIDATION_FAILED' && e.expected) throw new ExchangeRefused(httpStatusOf(e.code), e.code, e.message, e.details);
    throw e;
  }
}

const query = <T>(schema: Parameters<typeof validBody>[0], q: unknown) => validBody(schema, q ?? {}, 'параметрам запиту') as T;

function sendHtml(reply: FastifyReply, html: string) {
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** Organisation routes of the mTLS listener. */
export function infoFilesRoutes(o: InfoFilesRoutesOptions = {}, agreements = agreementsOf(o)): ExchangeRoute {
  return (app, ctx) => {
    const hub = hubOf(o, agreements, ctx);
    app.post('/exchange/v1/files', async (req, reply) => {
      const org = ctx.organisationOf(req);
      const body = validBody(UploadFileBodyV1, req.body, 'UploadFileBodyV1');
      const r = await http(() => hub.upload(org.id, body));
      return reply.code(r.duplicate ? 200 : 201).send({ id: r.id, sha256: r.sha256, size: r.size, receivedAt: new Date(r.at).toISOString(), duplicate: r.duplicate });
    });
    app.get('/exchange/v1/files', async (req) => {
      const org = ctx.organisationOf(req);
      const q = query<{ after?: string; limit?: string }>(FetchQueryV1, req.query);
      return http(() => hub.fetch(org.id, Number(q.after ?? 0), Math.min(Number(q.limit ?? 100), 500) || 100));
    });
    app.post<{ Params: { id: string } }>('/exchange/v1/files/:id/ack', async (req) => {
      const org = ctx.organisationOf(req);
      // a malformed id names no file of the caller's: the same 404 as another's file (no probing)
      if (!/^[0-9a-f-]{36}$/.test(req.params.id)) throw new ExchangeRefused(404, 'FILE_NOT_FOUND', 'Файл не знайдено.');
      const r = await http(() => hub.ack(org.id, req.params.id));
      return { id: r.id, ackedAt: new Date(r.ackedAt).toISOString() };
    });
    app.get('/exchange/v1/journal', async (req) => {
      const org = ctx.organisationOf(req);
      const q = query<{ direction?: 'sent' | 'received' }>(JournalQueryV1, req.query);
      return { entries: await http(() => hub.journal(org.id, q.direction)) };
    });
    app.get('/exchange/v1/journal/print', async (req, reply) => {
      const org = ctx.organisationOf(req);
      const q = query<{ direction?: 'sent' | 'received' }>(JournalQueryV1, req.query);
      const direction = q.direction ?? 'received';
      const entries = await http(() => hub.journal(org.id, direction));
      return sendHtml(reply, journalHtml({ participant: org.name, direction, entries, printedAt: ctx.now() }));
    });
    app.post('/exchange/v1/impossibility', async (req, reply) => {
      const org = ctx.organisationOf(req);
      const body = validBody(ImpossibilityBodyV1, req.body, 'ImpossibilityBodyV1');
      return reply.code(201).send(await http(() => hub.notifyImpossibility(org.id, 'org', body)));
    });
    app.get('/exchange/v1/impossibility', async (req) => {
      const org = ctx.organisationOf(req);
      return { notices: await http(() => hub.notices(org.id)) };
    });
  };
}

async function orgName(system: ActorSystem, id: string): Promise<string> {
  const rec = (await system.ref(ORGS_KIND, ORGS_ID).ask({ type: 'get', id })) as OrganisationRecordV1 | null;
  if (!rec) throw new ExchangeRefused(404, 'ORG_NOT_FOUND', `організацію «${id}» не зареєстровано в реєстрі підключених`);
  return rec.name;
}

async function registeredOrgs(system: ActorSystem): Promise<OrganisationRecordV1[]> {
  return (await system.ref(ORGS_KIND, ORGS_ID).ask({ type: 'list' })) as OrganisationRecordV1[];
}

/** The judiciary operator's routes of the admin listener. */
export function infoFilesAdminRoutes(o: InfoFilesRoutesOptions = {}, agreements = agreementsOf(o)): ExchangeAdminRoute {
  return (app, ctx: ExchangeAdminCtx) => {
    const hub = hubOf(o, agreements, ctx);
    const guard = { preHandler: ctx.guard };
    app.post('/exchange/files/send', guard, async (req, reply) => {
      const body = validBody(SendFileBodyV1, req.body, 'SendFileBodyV1');
      await orgName(ctx.system, body.to);
      const r = await http(() => hub.sendInformationFile(body.to, body.type, body.payload, { ...(body.version ? { version: body.version } : {}), ...(body.id ? { id: body.id } : {}), ...(body.restriction ? { restriction: body.restriction } : {}), author: ctx.byOf(req) }));
      return reply.code(r.duplicate ? 200 : 201).send({ id: r.id, sha256: r.sha256, size: r.size, sentAt: new Date(r.at).toISOString(), duplicate: r.duplicate });
    });
    app.post('/exchange/files/impossibility', guard, async (req, reply) => {
      const { to, ...notice } = validBody(HubImpossibilityBodyV1, req.body, 'HubImpossibilityBodyV1');
      // every addressee checked before the first notice is written: all or nothing
      const registered = new Set((await registeredOrgs(ctx.system)).map((r) => r.id));
      const orgs = to ?? [...agreements.keys()].filter((id) => registered.has(id));
      for (const id of orgs) {
        if (!agreements.has(id)) throw new ExchangeRefused(404, 'PARTICIPANT_UNKNOWN', `для «${id}» не укладено угоди про обмін інформаційними файлами`);
        if (!registered.has(id)) throw new ExchangeRefused(404, 'ORG_NOT_FOUND', `організацію «${id}» не зареєстровано в реєстрі підключених`);
      }
      const notices = [];
      for (const org of orgs) notices.push({ org, ...(await http(() => hub.notifyImpossibility(org, 'hub', notice, ctx.byOf(req)))) });
      return reply.code(201).send({ notices });
    });
    app.get<{ Params: { org: string } }>('/exchange/files/journal/:org', guard, async (req) => {
      const q = query<{ direction?: 'sent' | 'received' }>(JournalQueryV1, req.query);
      return { entries: await http(() => hub.journal(req.params.org, q.direction)) };
    });
    app.get<{ Params: { org: string } }>('/exchange/files/journal/:org/print', guard, async (req, reply) => {
      const q = query<{ direction?: 'sent' | 'received' }>(JournalQueryV1, req.query);
      const direction = q.direction ?? 'received';
      const participant = await orgName(ctx.system, req.params.org);
      const entries = await http(() => hub.journal(req.params.org, direction));
      return sendHtml(reply, journalHtml({ participant, direction, entries, printedAt: ctx.now() }));
    });
    app.get<{ Params: { org: string; id: string } }>('/exchange/files/journal/:org/files/:id', guard, async (req) => {
      if (!/^[0-9a-f-]{36}$/.test(req.params.id)) throw new ExchangeRefused(404, 'FILE_NOT_FOUND', 'Файл не знайдено.');
      return http(() => hub.file(req.params.org, req.params.id));
    });
    app.get('/exchange/files/journals', guard, async () => {
      const names = new Map((await registeredOrgs(ctx.system)).map((r) => [r.id, r.name]));
      const participants = [];
      for (const org of agreements.keys()) {
        const entries = await hub.journal(org);
        participants.push({
          org,
          name: names.get(org) ?? null,
          sent: entries.filter((e) => e.direction === 'sent').length,
          received: entries.filter((e) => e.direction === 'received').length,
          unacknowledged: entries.filter((e) => e.direction === 'received' && e.status !== 'acked').length,
          overdue: entries.filter((e) => e.overdue).length,
        });
      }
      return { participants };
    });
    app.get('/exchange/files/overdue', guard, async () => ({ findings: await hub.overdue() }));
  };
}
