/**
 * The operator folder (at the centre, `asds ops … --ops <dir>`, default `./data/ops`): everything that decides
 * who may use the bus.
 *
 *   operator.seed / operator.pub   bus operator nkey (SO…, 0600): signs every node's passport
 *   ca.pem / ca.key.pem            bus CA (key 0600): signs the NATS server's TLS certificate
 *   nats/server.pem, server.key.pem, users.conf, nats-server.conf, nats-server.pid, nats-server.log
 *   nodes.json                     every node ever added: nkey, who added it and when, revoked when and by whom
 *   courts.yaml                    the centre's registry of connected courts (asds.courts/v1), derived from nodes.json
 *   bundles/<node>/                each node's credentials bundle (bundle.ts), to hand over to that node
 *
 * Every write is durable (files.ts). Revoking keeps the node's entry (attributed, timed); only the server's users
 * list loses it. One operator works on a folder at a time (no lock: it is a person's tool, not a service).
 */
import { randomBytes, sign as edSign } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { createOperator, createUser } from '@nats-io/nkeys';
import { stringify } from 'yaml';
import { issuePassport, classOfNode, privateKeyOfSeed, type NodeClass } from './passport.ts';
import type { BusIdentity } from './identity.ts';
import { readPublic, readSecret, writeDurable } from './files.ts';
import { BusCredentialsError } from './errors.ts';
import { createBusCa, issueServerCert, LOOPBACK_NAMES, type CaMaterial } from './tls.ts';
import { permissionsFor } from './permissions.ts';
import { renderServerConfig, renderUsers, type UserEntry } from './server-config.ts';
import { bundlePaths, loadBusIdentity, writeBundle } from './bundle.ts';
import { reloadServer } from './reload.ts';

export interface NodeRecord {
  node: string;
  class: NodeClass;
  nkey: string;
  /** A court's full name (registry of connected courts). */
  name?: string;
  addedAt: string;
  addedBy: string;
  revokedAt?: string;
  revokedBy?: string;
}

export interface ServerSettings {
  /** Client URL(s) of the bus, as nodes should use them (comma-separated for a cluster). */
  url: string;
  host: string;
  port: number;
  names: string[];
  jetstreamDir?: string;
  /** A cluster of servers at the centre (issue 12 item 1); `port` is then the first server's. */
  cluster?: { name: string; servers: ClusterMember[] };
}

/** One server of the centre's cluster: its client and route ports and its own files. */
export interface ClusterMember {
  name: string;
  port: number;
  clusterPort: number;
  config: string;
  pid: string;
  log: string;
  jetstreamDir?: string;
}

export interface InitOptions {
  port?: number;
  host?: string;
  /** Extra names (DNS or IP) in the server certificate besides loopback. */
  serverNames?: string[];
  /** JetStream store folder; default `<ops>/nats/jetstream`. `null`: no JetStream. */
  jetstreamDir?: string | null;
  /**
   * Run the bus as a cluster (issue 12 item 1): one entry per server (client port, route port), named nats-1…;
   * each gets its own config, pid, log and JetStream folder; routes are TLS with the bus CA and a route user.
   */
  cluster?: Array<{ port: number; clusterPort: number }>;
}

/** Who acts: env ASDS_OPERATOR, else the OS user. */
export const operatorBy = (): string => {
  try {
    return process.env.ASDS_OPERATOR ?? userInfo().username;
  } catch {
    return 'operator';
  }
};

export class OperatorFolder {
  readonly dir: string;
  /**
   * Users of this process's users file beyond the registry — for the test harness's capture identity only
   * (it proves what crosses the wire). Never stored: `asds ops` in another process writes the registry's nodes alone.
   */
  readonly extraUsers: UserEntry[] = [];

  private constructor(dir: string) {
    this.dir = resolve(dir);
  }

  get paths() {
    const d = this.dir;
    return {
      seed: join(d, 'operator.seed'),
      pub: join(d, 'operator.pub'),
      ca: join(d, 'ca.pem'),
      caKey: join(d, 'ca.key.pem'),
      serverCert: join(d, 'nats', 'server.pem'),
      serverKey: join(d, 'nats', 'server.key.pem'),
      users: join(d, 'nats', 'users.conf'),
      config: join(d, 'nats', 'nats-server.conf'),
      pid: join(d, 'nats', 'nats-server.pid'),
      log: join(d, 'nats', 'nats-server.log'),
      server: join(d, 'nats', 'server.json'),
      routeSecret: join(d, 'nats', 'route.secret'),
      nodes: join(d, 'nodes.json'),
      courts: join(d, 'courts.yaml'),
      bundles: join(d, 'bundles'),
    };
  }

  /** Create the folder (operator key, bus CA, server certificate and config) or open the existing one. */
  static init(dir: string, o: InitOptions = {}): OperatorFolder {
    const f = new OperatorFolder(dir);
    const p = f.paths;
    if (!existsSync(p.seed)) {
      const op = createOperator();
      const ca = createBusCa();
      writeDurable(p.caKey, ca.keyPem, 0o600);
      writeDurable(p.ca, ca.certPem);
      writeDurable(p.seed, new TextDecoder().decode(op.getSeed()) + '\n', 0o600);
      writeDurable(p.pub, op.getPublicKey() + '\n');
      writeDurable(p.nodes, '[]\n');
    }
    const old = existsSync(p.server) ? (JSON.parse(readFileSync(p.server, 'utf8')) as ServerSettings) : undefined;
    if (!old || o.port !== undefined || o.host !== undefined || o.serverNames !== undefined || o.jetstreamDir !== undefined || o.cluster !== undefined) {
      const host = o.host ?? old?.host ?? '127.0.0.1';
      const port = o.cluster?.[0]?.port ?? o.port ?? old?.port ?? 4222;
      const names = [...new Set([...LOOPBACK_NAMES, ...(o.serverNames ?? old?.names ?? []), ...(host !== '0.0.0.0' && host !== '::' ? [host] : [])])];
      const js = o.jetstreamDir === null ? undefined : (o.jetstreamDir ?? old?.jetstreamDir ?? join(f.dir, 'nats', 'jetstream'));
      const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
      const settings: ServerSettings = { url: `nats://${urlHost}:${port}`, host, port, names, ...(js ? { jetstreamDir: resolve(js) } : {}) };
      if (o.cluster) {
        const servers = o.cluster.map((m, i) => f.member(`nats-${i + 1}`, m.port, m.clusterPort, settings.jetstreamDir));
        settings.cluster = { name: 'asds-central', servers };
        settings.url = servers.map((m) => `nats://${urlHost}:${m.port}`).join(',');
      }
      if (!existsSync(p.serverCert) || !old || old.names.join(',') !== names.join(',')) {
        const ca: CaMaterial = { certPem: readPublic(p.ca) + '\n', keyPem: readSecret(p.caKey) + '\n' };
        const tls = issueServerCert(ca, names);
        writeDurable(p.serverKey, tls.keyPem, 0o600);
        writeDurable(p.serverCert, tls.certPem);
      }
      writeDurable(p.server, JSON.stringify(settings, null, 2) + '\n');
      writeDurable(
        p.config,
        renderServerConfig({ host, port, certFile: p.serverCert, keyFile: p.serverKey, usersInclude: 'users.conf', pidFile: p.pid, logFile: p.log, ...(settings.jetstreamDir ? { jetstreamDir: settings.jetstreamDir } : {}) }),
      );
      if (settings.cluster) f.writeClusterConfigs(host, settings.cluster.servers);
    }
    f.writeUsers();
    return f;
  }

  /** Open an existing folder; `BusCredentialsError` if it was never initialised. */
  static open(dir: string): OperatorFolder {
    const f = new OperatorFolder(dir);
    if (!existsSync(f.paths.seed)) throw new BusCredentialsError('NO_OPERATOR', `no bus operator folder at ${f.dir} (run: asds ops init --ops ${dir})`);
    return f;
  }

  get server(): ServerSettings {
    return JSON.parse(readFileSync(this.paths.server, 'utf8')) as ServerSettings;
  }

  /**
   * Sign `data` with the operator key (ed25519). For the operator's console tokens
   * (actors/central/console/token.ts), which the central workers check with the operator public key they hold.
   */
  signAsOperator(data: Uint8Array): Uint8Array {
    return edSign(null, data, privateKeyOfSeed(readSecret(this.paths.seed)));
  }

  get operatorPublicKey(): string {
    return readPublic(this.paths.pub);
  }

  nodes(): NodeRecord[] {
    return JSON.parse(readFileSync(this.paths.nodes, 'utf8')) as NodeRecord[];
  }

  active(node: string): NodeRecord | undefined {
    return this.nodes().find((n) => n.node === node && !n.revokedAt);
  }

  bundleDir(node: string): string {
    return join(this.paths.bundles, node);
  }

  /**
   * Add node `node`: a fresh nkey, its passport, its bundle folder; the server's users list gains it.
   * Refused when the node is already active (revoke first: a node has one key at a time).
   */
  addNode(node: string, o: { name?: string; by?: string; now?: Date } = {}): { identity: BusIdentity; bundle: string; record: NodeRecord } {
    const cls = classOfNode(node);
    if (!cls) throw new BusCredentialsError('BAD_NODE', `not a bus node name: ${JSON.stringify(node)} (court-<1–4 digits>, central-<name>, ops-<name>)`);
    if (this.active(node)) throw new BusCredentialsError('ALREADY_ACTIVE', `${node} is already on the bus; revoke it first to issue new credentials`);
    const now = o.now ?? new Date();
    const kp = createUser();
    const seed = new TextDecoder().decode(kp.getSeed());
    const nkey = kp.getPublicKey();
    const passport = issuePassport(readSecret(this.paths.seed), { node, class: cls, nkey }, now);
    const identity: BusIdentity = { node, class: cls, seed, passport, operatorPublicKey: this.operatorPublicKey, caPem: readPublic(this.paths.ca) + '\n' };
    const bundle = this.bundleDir(node);
    rmSync(bundle, { recursive: true, force: true });
    writeBundle(bundle, identity);
    const record: NodeRecord = { node, class: cls, nkey, ...(o.name ? { name: o.name } : {}), addedAt: now.toISOString(), addedBy: o.by ?? operatorBy() };
    this.saveNodes([...this.nodes(), record]);
    return { identity, bundle, record };
  }

  /** The bundle folder of `node`, adding the node first when it is not active (tools that onboard as they go). */
  ensureNode(node: string, o: { name?: string; by?: string } = {}): { bundle: string; added: boolean } {
    if (this.active(node) && existsSync(bundlePaths(this.bundleDir(node)).seed)) return { bundle: this.bundleDir(node), added: false };
    if (this.active(node)) this.revokeNode(node, o);
    return { bundle: this.addNode(node, o).bundle, added: true };
  }

  /** Revoke `node`: kept in nodes.json with who and when; gone from the users list; its bundle's seed deleted. */
  revokeNode(node: string, o: { by?: string; now?: Date } = {}): NodeRecord {
    const all = this.nodes();
    const i = all.findIndex((n) => n.node === node && !n.revokedAt);
    if (i < 0) throw new BusCredentialsError('NOT_ACTIVE', `${node} is not an active bus node`);
    const rec: NodeRecord = { ...all[i]!, revokedAt: (o.now ?? new Date()).toISOString(), revokedBy: o.by ?? operatorBy() };
    all[i] = rec;
    this.saveNodes(all);
    rmSync(bundlePaths(this.bundleDir(node)).seed, { force: true });
    return rec;
  }

  identity(node: string): BusIdentity {
    return loadBusIdentity(this.bundleDir(node));
  }

  /** Ask the running server(s) (pid files) to reload the users list; false when no server runs from this folder. */
  async reload(timeoutMs?: number): Promise<boolean> {
    const members = this.server.cluster?.servers;
    if (!members) return reloadServer(this.paths.pid, this.paths.log, timeoutMs);
    const done = await Promise.all(members.map((m) => reloadServer(m.pid, m.log, timeoutMs)));
    return done.some(Boolean);
  }

  private member(name: string, port: number, clusterPort: number, jetstreamDir: string | undefined): ClusterMember {
    const d = join(this.dir, 'nats');
    return { name, port, clusterPort, config: join(d, `${name}.conf`), pid: join(d, `${name}.pid`), log: join(d, `${name}.log`), ...(jetstreamDir ? { jetstreamDir: join(jetstreamDir, name) } : {}) };
  }

  /** One config per member, in the same folder as users.conf (the include resolves there); owner-only: it holds the route password. */
  private writeClusterConfigs(host: string, servers: ClusterMember[]): void {
    const p = this.paths;
    if (!existsSync(p.routeSecret)) writeDurable(p.routeSecret, randomBytes(24).toString('hex') + '\n', 0o600);
    const password = readSecret(p.routeSecret);
    const routes = servers.map((m) => `nats-route://asds-route:${password}@${host === '0.0.0.0' ? '127.0.0.1' : host}:${m.clusterPort}`);
    for (const m of servers) {
      const text = renderServerConfig({
        host,
        port: m.port,
        serverName: m.name,
        certFile: p.serverCert,
        keyFile: p.serverKey,
        usersInclude: 'users.conf',
        pidFile: m.pid,
        logFile: m.log,
        ...(m.jetstreamDir ? { jetstreamDir: m.jetstreamDir } : {}),
        cluster: { name: 'asds-central', port: m.clusterPort, routes, user: 'asds-route', password, caFile: p.ca },
      });
      writeDurable(m.config, text, 0o600);
    }
  }

  private saveNodes(all: NodeRecord[]): void {
    writeDurable(this.paths.nodes, JSON.stringify(all, null, 2) + '\n');
    this.writeUsers(all);
    this.writeCourts(all);
  }

  /** users.conf from the active nodes. */
  writeUsers(all = this.nodes()): void {
    const users = all.filter((n) => !n.revokedAt).map((n) => ({ node: n.node, nkey: n.nkey, permissions: permissionsFor(n.node, n.class) }));
    const listed = [...users, ...this.extraUsers];
    // nats-server 2.9 treats an EMPTY users list as "no authorization" and admits anonymous clients; a key whose
    // seed nobody holds (discarded here), allowed nothing, keeps the list non-empty so every login is checked.
    if (listed.length === 0) listed.push({ node: 'nobody (keeps the list non-empty)', nkey: createUser().getPublicKey(), permissions: { publish: { allow: [], deny: ['>'] }, subscribe: { allow: [], deny: ['>'] }, allowResponses: false } });
    writeDurable(this.paths.users, renderUsers(listed));
  }

  /** courts.yaml (asds.courts/v1): the latest entry per court; a revoked court stays listed, marked revoked. */
  private writeCourts(all: NodeRecord[]): void {
    const latest = new Map<string, NodeRecord>();
    for (const n of all) if (n.class === 'court') latest.set(n.node, n);
    const courts = [...latest.values()].map((n) => ({
      code: n.node.slice('court-'.length),
      name: n.name ?? n.node,
      since: n.addedAt.slice(0, 10),
      addedBy: n.addedBy,
      ...(n.revokedAt ? { revoked: { at: n.revokedAt, by: n.revokedBy ?? 'operator' } } : {}),
    }));
    courts.sort((a, b) => Number(a.code) - Number(b.code));
    writeDurable(this.paths.courts, '# Generated by `asds ops court add|revoke`; the central worker re-reads it on change.\n' + stringify({ schema: 'asds.courts/v1', courts }));
  }
}
