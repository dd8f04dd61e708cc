/**
 * The judiciary's exchange hub (issue 17): external systems (prosecutors' offices, police services) talk to it over
 * HTTPS with mutual TLS; its actors live on the central worker's own journal. See http.ts for the two listeners.
 *
 *   import { ActorSystem, createLogger } from '../../../runtime/index.ts';
 *   import { exchangeBehaviors, startExchangeHub, ORGS_KIND, ORGS_ID } from './actors/central/exchange/index.ts';
 *
 *   const system = new ActorSystem({ node: 'central-1', journal: '/tmp/hub/journal.sqlite' });
 *   for (const b of exchangeBehaviors()) system.register(b);
 *   system.start();
 *   const hub = await startExchangeHub({ system, log: createLogger('exchange'), dataDir: '/tmp/hub', port: 8443, operatorPublicKey });
 *   await system.ref(ORGS_KIND, ORGS_ID).ask({ type: 'register', org: { id: 'prok-poltava', kind: 'prosecutor',
 *     name: 'Полтавська обласна прокуратура', code: '02910060' }, by: 'оператор Коваленко І. П.' });
 *   const { certPem, keyPem } = await hub.issueClientCert('prok-poltava', { by: 'оператор Коваленко І. П.' });   // journaled; → the organisation's system
 *   // curl --cert c.pem --key k.pem --cacert hub-ca.pem https://127.0.0.1:8443/exchange/whoami
 *   // http://127.0.0.1:<hub.adminUrl port>/public/organisations   (the public registry page)
 *   await hub.stop();
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ActorSystem, Logger } from '../../../runtime/index.ts';
import { createTrustStore, type TrustStore } from '../../pki/index.ts';
import { consoleGuard, type Guard } from '../console/index.ts';
import { openExchangeCa, type IssuedClientCert } from './ca.ts';
import { buildAdminServer, buildExternalServer, type ExchangeAdminCtx, type ExchangeAdminRoute, type ExchangeRoute } from './http.ts';
import { ORGS_KIND } from './organisations/registry.ts';
import { issueRecorded, organisationAdminRoutes } from './organisations/routes.ts';
import { cabinetAdminRoutes, cabinetRoutes } from './cabinets/routes.ts';
import { InfoFilesHub } from './files/service.ts';
import { agreementsOf, infoFilesAdminRoutes, infoFilesRoutes, type InfoFilesRoutesOptions } from './files/routes.ts';
import { loadDistrictCodes, DEFAULT_DISTRICT_CODES_FILE } from './cabinets/district-codes.ts';
import { checkCabinetSignature } from './cabinets/signature.ts';
import { filingRoutes, type SignerCheck } from './filings/routes.ts';

export * from './http.ts';
export { openExchangeCa, type ExchangeCa, type IssuedClientCert } from './ca.ts';
export { exchangeBehaviors } from './behaviors.ts';
export { ORGS_KIND, ORGS_ID, organisationsBehavior, OrganisationRefused } from './organisations/registry.ts';
export { kyivDate, ukDate, workingDaysDeadline, type WorkingDaysDeadline } from './deadline.ts';
export * from './cabinets/index.ts';
export { InfoFilesHub, INFO_FILES_KIND, infoFilesBehavior, type InfoFilesRoutesOptions } from './files/index.ts';
export * from './filings/index.ts';

/** §A: a document of a cabinet is signed by its head now (cabinets/signature.ts), else a typed refusal. */
export const cabinetSignerCheck: SignerCheck = async ({ ctx, orgId, content, cms }) => {
  await checkCabinetSignature({ system: ctx.system, trust: ctx.qualified(), orgId, content, cms, at: new Date(ctx.now()) });
};

export interface ExchangeHubOptions {
  system: ActorSystem;
  log: Logger;
  /** The worker's data dir: the CA in `exchange/ca/`, qualified CAs in `exchange/qualified/*.crt.pem`. */
  dataDir: string;
  /** Port of the mTLS listener (0: any free port). */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Port of the admin listener (public pages, operator routes), loopback; default any free port. */
  adminPort?: number;
  adminHost?: string;
  /** Host names / addresses the server certificate names, beside `host`, 127.0.0.1 and localhost. */
  serverNames?: string[];
  routes?: ExchangeRoute[];
  adminRoutes?: ExchangeAdminRoute[];
  /** Information files with the MVS services (files/): agreements (default deploy/examples/exchange/agreements.yaml), hub signer. */
  infoFiles?: InfoFilesRoutesOptions;
  /** The bus operator's public key: console tokens it signed admit operators (none: operator routes answer 401). */
  operatorPublicKey?: string;
  /** Encrypts the exchange CA key at rest (ca.ts). */
  keyPassphrase?: string;
  /** Qualified CAs (PEM) beside the files in `<dataDir>/exchange/qualified/`. */
  qualifiedCas?: string[];
  /** The list of district prosecutors' offices' conditional codes (YAML); default deploy/examples/exchange/. */
  districtCodesFile?: string;
  now?: () => number;
}

export interface ExchangeHub {
  /** https://host:port of the mTLS listener. */
  url: string;
  /** http://127.0.0.1:port of the admin listener. */
  adminUrl: string;
  ca: { certPem: string };
  /** The qualified CAs' trust store the hub checks signatures on (E2: documents of a cabinet). */
  qualified(): TrustStore;
  /** A client certificate issued THROUGH the registry (journaled; the only kind the mTLS hook admits). */
  issueClientCert(orgId: string, o: { by: string; notBefore?: Date; notAfter?: Date; revokePrevious?: string }): Promise<IssuedClientCert>;
  external: FastifyInstance;
  admin: FastifyInstance;
  /** Information files (files/): the hub's own `sendInformationFile(to, type, payload)`, journals, overdue. */
  infoFiles: InfoFilesHub;
  stop(): Promise<void>;
}

function qualifiedStore(dataDir: string, extra: readonly string[]): TrustStore {
  const dir = join(dataDir, 'exchange', 'qualified');
  const pems = [...extra];
  if (existsSync(dir)) for (const f of readdirSync(dir).sort()) if (f.endsWith('.crt.pem')) pems.push(readFileSync(join(dir, f), 'utf8'));
  return createTrustStore(pems);
}

const NO_OPERATOR: Guard = async (_req, reply) => void reply.code(401).send({ error: 'UNAUTHORIZED', message: 'вхід оператора не налаштовано на цьому вузлі' });

export async function startExchangeHub(o: ExchangeHubOptions): Promise<ExchangeHub> {
  if (!o.system.hasKind(ORGS_KIND)) throw new Error('the exchange actors are not registered: system.register(...exchangeBehaviors()) before start');
  const host = o.host ?? '127.0.0.1';
  const ca = openExchangeCa({ dir: join(o.dataDir, 'exchange', 'ca'), ...(o.keyPassphrase ? { passphrase: o.keyPassphrase } : {}) });
  const server = ca.serverCert([...new Set([host, '127.0.0.1', 'localhost', ...(o.serverNames ?? [])])].filter((h) => h !== '0.0.0.0' && h !== '::'));
  const trust = qualifiedStore(o.dataDir, o.qualifiedCas ?? []);
  const agreements = agreementsOf(o.infoFiles ?? {});
  const districtCodes = loadDistrictCodes(o.districtCodesFile ?? DEFAULT_DISTRICT_CODES_FILE);
  const base = { system: o.system, log: o.log, dataDir: o.dataDir, now: o.now ?? Date.now, qualified: () => trust };
  const external = await buildExternalServer({ ctx: base, tls: { key: server.keyPem, cert: server.certPem, ca: ca.certPem }, routes: [cabinetRoutes, infoFilesRoutes(o.infoFiles, agreements), filingRoutes({ checkSigner: cabinetSignerCheck }), ...(o.routes ?? [])] });
  const guard = o.operatorPublicKey ? consoleGuard({ operatorPublicKey: o.operatorPublicKey }, ['operator']) : NO_OPERATOR;
  const adminCtx: ExchangeAdminCtx = { ...base, guard, byOf: (req) => `оператор ${req.operator?.sub ?? 'невідомий'}` };
  const admin = await buildAdminServer({
    ctx: adminCtx,
    routes: [
      organisationAdminRoutes({ issueClientCert: (id) => ca.issueClientCert(id), caPem: ca.certPem }),
      cabinetAdminRoutes({ districtCodes }),
      infoFilesAdminRoutes(o.infoFiles, agreements),
      ...(o.adminRoutes ?? []),
    ],
  });
  let extAddr: string;
  try {
    extAddr = await external.listen({ port: o.port, host });
  } catch (e) {
    await external.close();
    throw e;
  }
  let adminAddr: string;
  try {
    adminAddr = await admin.listen({ port: o.adminPort ?? 0, host: o.adminHost ?? '127.0.0.1' });
  } catch (e) {
    await external.close();
    throw e;
  }
  o.log.info('exchange-hub-listening', { url: extAddr, admin: adminAddr });
  return {
    url: extAddr.replace(/^http:/, 'https:'),
    adminUrl: adminAddr,
    ca: { certPem: ca.certPem },
    qualified: () => trust,
    issueClientCert: (id, opt) => issueRecorded(o.system, (i, t) => ca.issueClientCert(i, t), id, opt.by, opt.revokePrevious, { ...(opt.notBefore ? { notBefore: opt.notBefore } : {}), ...(opt.notAfter ? { notAfter: opt.notAfter } : {}) }),
    external,
    admin,
    infoFiles: new InfoFilesHub({ system: o.system, agreements, now: base.now, trustStore: trust, ...(o.infoFiles?.calendar ? { calendar: o.infoFiles.calendar } : {}), ...(o.infoFiles?.signer ? { signer: o.infoFiles.signer } : {}) }),
    async stop() {
      await Promise.allSettled([external.close(), admin.close()]);
    },
  };
}
