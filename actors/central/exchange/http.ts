/**
 * The hub's two listeners (issue 17 "Security"):
 *
 * - **external** — HTTPS with mutual TLS for the systems of connected organisations: `requestCert: true,
 *   rejectUnauthorized: true` with the exchange CA only, so a connection without a client certificate or with one
 *   of another CA never completes the handshake and no handler runs. An `onRequest` hook maps the certificate
 *   (subject CN = organisation id, ca.ts) to the registry: unknown → 403 `ORG_UNKNOWN`, suspended → 403
 *   `ORG_SUSPENDED` — asked of the registry actor on every request, so a suspension refuses the very next call.
 *   The certificate itself must be one the registry issued to that organisation (SHA-256 of its DER) and not
 *   revoked: otherwise 403 `CERT_UNKNOWN` / `CERT_REVOKED` (checked before the suspension).
 * - **admin** — plain HTTP on loopback: the public registry page (`/public/...`, no certificate: a public web server
 *   or reverse proxy publishes it) and the judiciary's operator routes (`/exchange/...`, console token of an
 *   operator or administrator, actors/central/console). Decided: a separate listener rather than
 *   `rejectUnauthorized: false` + a hook — a TLS-level refusal cannot be bypassed by a routing mistake.
 *
 * E2/E3 add routes as plugins:
 *
 *   const filings: ExchangeRoute = (app, ctx) => app.post('/exchange/filings', async (req) => {
 *     const org = ctx.organisationOf(req);          // the calling organisation (never from the body)
 *     ...
 *   });
 *   await startExchangeHub({ ..., routes: [filings], adminRoutes: [journals] });
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { TLSSocket } from 'node:tls';
import { createHash } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import { AskTimeout, AsdsError, MailboxFull, ShuttingDown, ValidationFailed, type ActorSystem, type Logger } from '../../../runtime/index.ts';
import { schemaErrors } from '../../../runtime/validate.ts';
import type { TrustStore } from '../../pki/index.ts';
import type { Guard } from '../console/index.ts';
import { ORGS_ID, ORGS_KIND } from './organisations/registry.ts';
import type { OrganisationRecordV1 } from '../../../contracts/exchange/organisations.ts';

export interface Organisation {
  id: string;
  kind: 'prosecutor' | 'police' | 'other';
  name: string;
  /** ЄДР code or conditional identification code. */
  code: string;
  status: 'connected' | 'suspended';
}

export interface ExchangeCtx {
  system: ActorSystem;
  log: Logger;
  dataDir: string;
  /** The organisation of the request's client certificate (set by the hook); throws 403 OrgUnknown otherwise. */
  organisationOf(req: FastifyRequest): Organisation;
  /** Now (epoch ms); tests inject it. */
  now(): number;
  /** Trust anchors of qualified signatures (qualified CAs): documents and cabinet registrations are checked on them. */
  qualified(): TrustStore;
}

export type ExchangeRoute = (app: FastifyInstance, ctx: ExchangeCtx) => void | Promise<void>;

export interface ExchangeAdminCtx extends Omit<ExchangeCtx, 'organisationOf'> {
  /** preHandler: an operator or administrator with a console token (`Authorization: Bearer …` or the cookie). */
  guard: Guard;
  /** Who made a request, for attributed events: `оператор <name>`. */
  byOf(req: FastifyRequest): string;
}

/** Routes of the admin listener (operator pages and routes, public pages). */
export type ExchangeAdminRoute = (app: FastifyInstance, ctx: ExchangeAdminCtx) => void | Promise<void>;

/** A refusal of the hub's HTTP layer: HTTP status, stable code, Ukrainian message. */
export class ExchangeRefused extends AsdsError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    details?: unknown,
  ) {
    super(code, message, details);
  }
}

export class OrgUnknown extends ExchangeRefused {
  constructor(detail: string) {
    super(403, 'ORG_UNKNOWN', `сертифікат клієнта не належить жодній організації, підключеній до обміну (${detail})`);
  }
}

export class OrgSuspended extends ExchangeRefused {
  constructor(org: OrganisationRecordV1) {
    const until = org.suspension?.expectedUntil ? `; орієнтовно до ${org.suspension.expectedUntil.split('-').reverse().join('.')}` : '';
    super(403, 'ORG_SUSPENDED', `обмін з «${org.name}» тимчасово зупинено: ${org.suspension?.reason ?? 'без зазначення причини'}${until}`);
  }
}

export class CertUnknown extends ExchangeRefused {
  constructor(org: OrganisationRecordV1) {
    super(403, 'CERT_UNKNOWN', `сертифікат клієнта не видавався організації «${org.name}» через реєстр підключених організацій`);
  }
}

export class CertRevoked extends ExchangeRefused {
  constructor(org: OrganisationRecordV1, r: { at: string; reason: string }) {
    super(403, 'CERT_REVOKED', `сертифікат клієнта організації «${org.name}» відкликано ${r.at.slice(0, 10).split('-').reverse().join('.')}: ${r.reason}`);
  }
}

/** The request body checked against its contract: 400 VALIDATION_FAILED (Ukrainian, with the paths) otherwise. */
export function validBody<T extends TSchema>(schema: T, body: unknown, name: string): Static<T> {
  const errs = schemaErrors(schema, body);
  if (errs.length) throw new ExchangeRefused(400, 'VALIDATION_FAILED', `запит не відповідає ${name}: ${errs.slice(0, 5).map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors: errs });
  return body as Static<T>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The calling organisation, set by the mTLS hook of the external listener. */
    exchangeOrg?: Organisation;
  }
}

/** Map every error to `{ error: code, message }`: typed refusals with their status, schema errors 400, the rest 500. */
export function exchangeErrorHandler(log: Logger) {
  return (e: Error & { statusCode?: number; validation?: unknown }, _req: FastifyRequest, reply: FastifyReply) => {
    if (e instanceof ExchangeRefused) return reply.code(e.status).send({ error: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) });
    // an overloaded or stopping hub: the caller may retry (requests with the sender's message id are idempotent)
    if (e instanceof MailboxFull || e instanceof AskTimeout || e instanceof ShuttingDown) return reply.code(503).header('retry-after', '1').send({ error: e.code, message: 'хаб обміну перевантажений або зупиняється; повторіть запит пізніше' });
    if (e instanceof ValidationFailed) return reply.code(400).send({ error: e.code, message: e.message, details: e.details });
    if (e instanceof AsdsError && e.expected) return reply.code(e.code.endsWith('_NOT_FOUND') ? 404 : 422).send({ error: e.code, message: e.message });
    if (e.statusCode && e.statusCode < 500) return reply.code(e.statusCode).send({ error: 'BAD_REQUEST', message: `некоректний запит: ${e.message}` });
    log.error('exchange-http-error', { error: String(e) });
    return reply.code(500).send({ error: 'INTERNAL', message: 'внутрішня помилка хаба обміну' });
  };
}

const ORG_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The organisation id named by the peer certificate (the TLS layer has already checked it chains to our CA) and its SHA-256. */
function peerOrg(req: FastifyRequest): { id: string; fingerprint: string } {
  const socket = req.raw.socket as TLSSocket;
  if (!socket.authorized) throw new OrgUnknown('сертифікат не перевірено');
  const peer = socket.getPeerCertificate();
  const cn = peer?.subject?.CN;
  const id = Array.isArray(cn) ? undefined : cn;
  if (!id || !ORG_ID.test(id)) throw new OrgUnknown('у сертифікаті немає ідентифікатора організації');
  return { id, fingerprint: createHash('sha256').update(peer.raw).digest('hex') };
}

/**
 * The registry is the authority on client certificates (issue 17 "Security"): chaining to our CA is not enough — the
 * certificate must be one the registry journaled as issued to THIS organisation, and not revoked. A certificate
 * signed with the CA key outside the registry (a leaked key, a forgotten test helper) is refused.
 */
function admitted(rec: OrganisationRecordV1, fingerprint: string): void {
  const cert = rec.certificates.find((c) => c.fingerprint === fingerprint);
  if (!cert) throw new CertUnknown(rec);
  if (cert.revoked) throw new CertRevoked(rec, cert.revoked);
}

const toOrganisation = (o: OrganisationRecordV1): Organisation => ({ id: o.id, kind: o.kind, name: o.name, code: o.code, status: o.status });

export interface ExternalServerOptions {
  ctx: Omit<ExchangeCtx, 'organisationOf'>;
  tls: { key: string; cert: string; ca: string };
  routes: readonly ExchangeRoute[];
  bodyLimit?: number;
}

/** The mTLS fastify server of the external listener (not yet listening). */
export async function buildExternalServer(o: ExternalServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    bodyLimit: o.bodyLimit ?? 20 * 1024 * 1024,
    https: { key: o.tls.key, cert: o.tls.cert, ca: o.tls.ca, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
  });
  app.setErrorHandler(exchangeErrorHandler(o.ctx.log));
  app.addHook('onRequest', async (req) => {
    const { id, fingerprint } = peerOrg(req);
    const rec = (await o.ctx.system.ref(ORGS_KIND, ORGS_ID).ask({ type: 'get', id })) as OrganisationRecordV1 | null;
    if (!rec) throw new OrgUnknown(`«${id}» немає в реєстрі`);
    admitted(rec, fingerprint);
    if (rec.status === 'suspended') throw new OrgSuspended(rec);
    req.exchangeOrg = toOrganisation(rec);
  });
  const ctx: ExchangeCtx = {
    ...o.ctx,
    organisationOf(req) {
      if (!req.exchangeOrg) throw new OrgUnknown('запит без сертифіката організації');
      return req.exchangeOrg;
    },
  };
  // GET /exchange/whoami: the calling organisation as the hub sees it (a counterpart's connection check)
  app.get('/exchange/whoami', async (req) => ctx.organisationOf(req));
  for (const r of o.routes) await r(app, ctx);
  return app;
}

/** The admin listener: public pages and the operator routes. */
export async function buildAdminServer(o: { ctx: ExchangeAdminCtx; routes: readonly ExchangeAdminRoute[] }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024 });
  app.setErrorHandler(exchangeErrorHandler(o.ctx.log));
  app.get('/health', async () => ({ ok: true }));
  for (const r of o.routes) await r(app, o.ctx);
  return app;
}
