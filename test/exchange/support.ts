/**
 * Exchange hub tests' kit (issue 17): a hub on a bare ActorSystem with its journal in a temp dir, an operator with
 * a console token, organisations with their client certificates, an mTLS client, and a qualified CA that issues
 * heads' certificates naming an organisation code (organizationIdentifier NTRUA-<code>).
 *
 *   const h = await startTestHub();
 *   const org = await h.addOrg({ id: 'prok-poltava', kind: 'prosecutor', name: 'Полтавська обласна прокуратура', code: '02910060' });
 *   const r = await h.call(org, 'GET', '/exchange/whoami');        // { status: 200, json: { id: 'prok-poltava', ... } }
 *   const a = await h.admin('POST', '/exchange/organisations/prok-poltava/suspend', { reason: 'технічні роботи' });
 *   h.events()                                                      // events in the hub's journal (nothing written?)
 *   await h.stop();
 */
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import forge from 'node-forge';
import { createOperator } from '@nats-io/nkeys';
import { ActorSystem, createLogger, type Behavior } from '../../runtime/index.ts';
import { exchangeBehaviors, openExchangeCa, startExchangeHub, type ExchangeAdminRoute, type ExchangeHub, type ExchangeRoute } from '../../actors/central/exchange/index.ts';
import { signConsoleToken } from '../../actors/central/console/index.ts';
import { buildCertificate, keyIdentifier } from '../../actors/pki/cert-builder.ts';
import { certPartsFromPem } from '../../actors/pki/cert-parts.ts';
import { generateRsaKeyPair } from '../../actors/pki/keys.ts';
import { createPrivateKey } from 'node:crypto';
import type { RegisterOrganisationV1 } from '../../contracts/exchange/organisations.ts';
import { tempDir } from '../support/servers.ts';
import { issueHeadCertificate } from '../../actors/counterpart/qualified-ca.ts';

process.env.ASDS_LOG ??= 'silent';

export interface Reply {
  status: number;
  text: string;
  json: any;
  headers: Record<string, string | string[] | undefined>;
}

export interface ClientCert {
  certPem: string;
  keyPem: string;
}

export interface TestOrg extends ClientCert {
  id: string;
}

/** One HTTPS request with an optional client certificate; rejects when the TLS handshake is refused. */
export function mtlsRequest(o: { url: string; method: string; path: string; body?: unknown; cert?: ClientCert; ca: string; headers?: Record<string, string> }): Promise<Reply> {
  const u = new URL(o.path, o.url);
  const payload = o.body === undefined ? undefined : Buffer.from(JSON.stringify(o.body));
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        hostname: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method: o.method,
        ca: o.ca,
        ...(o.cert ? { cert: o.cert.certPem, key: o.cert.keyPem } : {}),
        agent: false,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...o.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json, headers: res.headers });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** A plain HTTP request to the admin listener. */
export async function httpRequest(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(new URL(path, url), { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: Object.fromEntries(res.headers.entries()) };
}

/** A test qualified CA (stands for a qualified trust service provider) issuing heads' certificates. */
export interface QualifiedCa {
  certPem: string;
  issueHead(o: { code: string; fullName: string; notBefore?: Date; notAfter?: Date }): ClientCert & { serial: string };
}

const UTF8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;

export function qualifiedCa(name = 'Тестовий кваліфікований надавач електронних довірчих послуг'): QualifiedCa {
  const keys = generateRsaKeyPair();
  const key = createPrivateKey(keys.privateKeyPem);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000);
  const subject = [{ name: 'countryName', value: 'UA' }, { name: 'organizationName', value: name, valueTagClass: UTF8 }, { name: 'commonName', value: `КНЕДП: ${name}`, valueTagClass: UTF8 }];
  const ca = buildCertificate({ subject, subjectPublicKeyPem: keys.publicKeyPem, issuerKey: key, notBefore: now, notAfter: new Date(now.getTime() + 3650 * 86_400_000), isCa: true });
  const parts = certPartsFromPem(ca.pem);
  const keyId = keyIdentifier(forge.pki.publicKeyFromPem(keys.publicKeyPem) as forge.pki.rsa.PublicKey);
  return {
    certPem: ca.pem,
    issueHead: (o) => issueHeadCertificate({ key, subject: parts.subject, keyId }, { notBefore: now, ...o }),
  };
}

export interface TestHub {
  dir: string;
  system: ActorSystem;
  hub: ExchangeHub;
  /** The operator's console token (role operator). */
  token: string;
  /** Set (or clear with undefined) the hub's and the actors' "now". */
  setNow(ms: number | undefined): void;
  addOrg(org: RegisterOrganisationV1): Promise<TestOrg>;
  call(cert: ClientCert | undefined, method: string, path: string, body?: unknown, ca?: string): Promise<Reply>;
  admin(method: string, path: string, body?: unknown, token?: string | null): Promise<Reply>;
  /** Events in the hub's journal so far. */
  events(): number;
  /**
   * A certificate signed directly with the hub's CA key, NOT through the registry (as a thief of the key would):
   * the hub must refuse it (CERT_UNKNOWN, or ORG_UNKNOWN for an id not in the registry).
   */
  signOutsideRegistry(orgId: string): ClientCert;
  /** A token of another role (e.g. analyst) or name. */
  tokenFor(role: 'operator' | 'administrator' | 'analyst', sub?: string): string;
  stop(): Promise<void>;
}

export async function startTestHub(o: { qualifiedCas?: string[]; routes?: ExchangeRoute[]; adminRoutes?: ExchangeAdminRoute[]; behaviors?: Behavior[]; districtCodesFile?: string; keyPassphrase?: string; dir?: string } = {}): Promise<TestHub> {
  const dir = o.dir ?? tempDir('asds-exchange-');
  let fixed: number | undefined;
  const now = () => fixed ?? Date.now();
  const system = new ActorSystem({ node: 'central-1', journal: join(dir, 'journal.sqlite'), passivateAfterMs: 0, clock: now, holdClock: false, logger: createLogger('exchange-test') });
  for (const b of [...exchangeBehaviors(), ...(o.behaviors ?? [])]) system.register(b);
  system.start();
  const op = createOperator();
  const tokenFor = (role: 'operator' | 'administrator' | 'analyst', sub = 'Коваленко Ірина Петрівна') => signConsoleToken((b) => op.sign(b), { sub, role });
  const hub = await startExchangeHub({
    system,
    log: createLogger('exchange-test'),
    dataDir: dir,
    port: 0,
    operatorPublicKey: op.getPublicKey(),
    now,
    ...(o.qualifiedCas ? { qualifiedCas: o.qualifiedCas } : {}),
    ...(o.routes ? { routes: o.routes } : {}),
    ...(o.adminRoutes ? { adminRoutes: o.adminRoutes } : {}),
    ...(o.districtCodesFile ? { districtCodesFile: o.districtCodesFile } : {}),
    ...(o.keyPassphrase ? { keyPassphrase: o.keyPassphrase } : {}),
  });
  const token = tokenFor('operator');
  const admin = (method: string, path: string, body?: unknown, t: string | null = token) => httpRequest(hub.adminUrl, method, path, body, t ? { authorization: `Bearer ${t}` } : {});
  return {
    dir,
    system,
    hub,
    token,
    tokenFor,
    setNow: (ms) => void (fixed = ms),
    async addOrg(org) {
      const r = await admin('POST', '/exchange/organisations', org);
      if (r.status !== 201) throw new Error(`register ${org.id}: ${r.status} ${r.text}`);
      const c = await admin('POST', `/exchange/organisations/${org.id}/certificate`);
      if (c.status !== 201) throw new Error(`certificate ${org.id}: ${c.status} ${c.text}`);
      return { id: org.id, certPem: c.json.certPem, keyPem: c.json.keyPem };
    },
    call: (cert, method, path, body, ca = hub.ca.certPem) => mtlsRequest({ url: hub.url, method, path, body, ...(cert ? { cert } : {}), ca }),
    admin,
    events: () => system.journal!.head().gseq,
    signOutsideRegistry: (orgId) => openExchangeCa({ dir: join(dir, 'exchange', 'ca'), ...(o.keyPassphrase ? { passphrase: o.keyPassphrase } : {}) }).issueClientCert(orgId),
    async stop() {
      await hub.stop();
      await system.shutdown();
    },
  };
}
