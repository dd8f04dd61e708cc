/**
 * Test harness: real servers as child processes on free loopback ports with
 * temporary data dirs, stopped by PID. Tests never use servers already
 * running on the machine.
 *
 * NATS runs in the production shape (runtime/bus): TLS with a bus CA, nkey users with subject permissions, no
 * anonymous client. Each server gets its own operator folder; tests mint identities through it:
 *
 *   const nats = await startNats({ jetstream: true });
 *   const nc = await nats.bus.connect('central-1');           // adds central-1 (reload), connects with nkey + TLS
 *   const dir = await nats.bus.bundle('court-537');           // bundle folder for `court serve --bus <dir>`
 *   await nats.bus.revoke('court-537');                       // removed from users, reloaded: connection cut
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { connect, nkeyAuthenticator, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node';
import { createUser } from '@nats-io/nkeys';
import { OperatorFolder, busConnectOptions, type BusIdentity } from '../../runtime/bus/index.ts';
import { freePort, waitForPort } from '../../runtime/net.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { freePort, waitForPort };

const tracked = new Set<ChildProcess>();
const dirs = new Set<string>();

/** A fresh temporary directory, removed by `cleanup()`. */
export function tempDir(prefix = 'asds-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.add(d);
  return d;
}

export interface ServerHandle {
  pid: number;
  port: number;
  url: string;
  dataDir: string;
  /** SIGTERM and wait for exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for exit. */
  kill(): Promise<void>;
}

function track(child: ChildProcess): void {
  tracked.add(child);
  child.on('exit', () => tracked.delete(child));
}

/** Send a signal to a child and wait for it to exit. */
export function signalAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    try {
      process.kill(child.pid!, signal);
    } catch {
      resolve();
    }
  });
}

function handle(child: ChildProcess, port: number, url: string, dataDir: string): ServerHandle {
  return {
    pid: child.pid!,
    port,
    url,
    dataDir,
    stop: () => signalAndWait(child, 'SIGTERM'),
    kill: () => signalAndWait(child, 'SIGKILL'),
  };
}

export interface NatsServerOptions {
  jetstream?: boolean;
  /** Reuse a port (restart on the same address). */
  port?: number;
  /** Reuse a data dir (restart with the same JetStream store and the same operator folder: identities stay valid). */
  dataDir?: string;
}

/** A test bus: the server's operator folder and short ways to mint identities. */
export interface TestBus {
  /** The operator folder (`asds ops … --ops <dir>`). */
  dir: string;
  ops: OperatorFolder;
  /** The identity of `node`, added (and the server reloaded) if it is not on the bus yet. */
  identity(node: string): Promise<BusIdentity>;
  /** The bundle folder of `node` (for `--bus <dir>`), added if needed. */
  bundle(node: string): Promise<string>;
  /** Connect as `node` (nkey + TLS + its inbox prefix). */
  connect(node: string, extra?: Partial<NodeConnectionOptions>): Promise<NatsConnection>;
  /** Revoke `node` and reload: its connections are closed, its next login refused. */
  revoke(node: string): Promise<void>;
  /** A capture connection allowed to subscribe to every subject (tests that inspect the wire; no node has this). */
  wiretap(): Promise<NatsConnection>;
}

export interface NatsHandle extends ServerHandle {
  bus: TestBus;
}

let template: string | undefined;

/** One operator key + bus CA + server certificate per test process, copied per server (RSA keygen costs ~1 s). */
function operatorTemplate(): string {
  if (!template || !existsSync(template)) {
    template = join(tempDir('asds-bus-template-'), 'ops');
    OperatorFolder.init(template, { jetstreamDir: null, port: 4222 });
  }
  return template;
}

/** An operator folder without a server (identities for nodes that run cut off, or CLI tests of `asds ops`). */
export function testOperator(): OperatorFolder {
  const dir = join(tempDir('asds-ops-'), 'ops');
  cpSync(operatorTemplate(), dir, { recursive: true });
  return OperatorFolder.init(dir);
}

/** Start `nats-server` (Debian package) on a free loopback port, with TLS and nkey users (runtime/bus). */
export async function startNats(opts: NatsServerOptions = {}): Promise<NatsHandle> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? tempDir('asds-nats-');
  const opsDir = join(dataDir, 'ops');
  if (!existsSync(opsDir)) cpSync(operatorTemplate(), opsDir, { recursive: true });
  const ops = OperatorFolder.init(opsDir, { port, jetstreamDir: opts.jetstream ? join(dataDir, 'jetstream') : null });
  rmSync(ops.paths.pid, { force: true });
  const child = spawn('nats-server', ['-c', ops.paths.config], { stdio: ['ignore', 'ignore', 'pipe'] });
  track(child);
  child.stderr!.resume();
  await waitForPort(port);
  return { ...handle(child, port, ops.server.url, dataDir), bus: testBus(ops) };
}

/** A cluster of nats-servers at the centre (issue 12 item 1): members can be killed and restarted on their ports. */
export interface NatsClusterHandle {
  /** Every member's client URL, comma-separated (what nodes are given). */
  url: string;
  bus: TestBus;
  members: Array<{ name: string; port: number; pid(): number }>;
  /** SIGKILL member i (0-based) and wait for its exit. */
  killMember(i: number): Promise<void>;
  /** Start member i again on its ports with its JetStream store. */
  restartMember(i: number): Promise<void>;
  stop(): Promise<void>;
}

/** `size` nats-servers with routes (TLS + route user) and JetStream, sharing one operator folder. */
export async function startNatsCluster(size = 3): Promise<NatsClusterHandle> {
  const dataDir = tempDir('asds-nats-cluster-');
  const opsDir = join(dataDir, 'ops');
  cpSync(operatorTemplate(), opsDir, { recursive: true });
  const cluster = [];
  for (let i = 0; i < size; i++) cluster.push({ port: await freePort(), clusterPort: await freePort() });
  const ops = OperatorFolder.init(opsDir, { cluster, jetstreamDir: join(dataDir, 'jetstream') });
  const members = ops.server.cluster!.servers;
  const children: ChildProcess[] = [];
  const start = async (i: number) => {
    const m = members[i]!;
    rmSync(m.pid, { force: true });
    const child = spawn('nats-server', ['-c', m.config], { stdio: ['ignore', 'ignore', 'pipe'] });
    track(child);
    child.stderr!.resume();
    children[i] = child;
    await waitForPort(m.port);
  };
  await Promise.all(members.map((_, i) => start(i)));
  return {
    url: ops.server.url,
    bus: testBus(ops),
    members: members.map((m, i) => ({ name: m.name, port: m.port, pid: () => children[i]!.pid! })),
    killMember: (i) => signalAndWait(children[i]!, 'SIGKILL'),
    restartMember: (i) => start(i),
    stop: async () => {
      await Promise.all(children.map((c) => signalAndWait(c, 'SIGTERM')));
    },
  };
}

function testBus(ops: OperatorFolder): TestBus {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  const ensure = (node: string) =>
    serial(async () => {
      if (!ops.active(node)) {
        ops.addNode(node, { by: 'test-harness' });
        await ops.reload();
      }
      return ops.identity(node);
    });
  return {
    dir: ops.dir,
    ops,
    identity: ensure,
    bundle: async (node) => (await ensure(node), ops.bundleDir(node)),
    connect: async (node, extra = {}) => connect(busConnectOptions(await ensure(node), ops.server.url, extra)),
    revoke: (node) =>
      serial(async () => {
        ops.revokeNode(node, { by: 'test-harness' });
        await ops.reload();
      }),
    wiretap: () =>
      serial(async () => {
        const kp = createUser();
        ops.extraUsers.push({ node: 'test-wiretap', nkey: kp.getPublicKey(), permissions: { publish: { allow: ['_wiretap.none'] }, subscribe: { allow: ['>'] }, allowResponses: false } });
        ops.writeUsers();
        await ops.reload();
        const caPem = readFileSync(ops.paths.ca, 'utf8');
        return connect({ servers: ops.server.url, authenticator: nkeyAuthenticator(kp.getSeed()), tls: { ca: caPem }, name: 'test-wiretap' });
      }),
  };
}

export interface RedisHandle extends ServerHandle {
  /** The `requirepass` secret (also inside `url`). */
  password: string;
}

/**
 * Start `redis-server` (Debian package) on a free loopback port, nothing shared with the machine's Redis, in the
 * production shape of deploy/redis/redis.conf: a password (from an owner-only config file, never argv), append-only
 * persistence and `noeviction` (BullMQ's keys must never be evicted). Restart on the same `dataDir` and `port` to
 * keep the jobs (the password is kept in the data dir).
 */
export async function startRedis(opts: { port?: number; dataDir?: string } = {}): Promise<RedisHandle> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? tempDir('asds-redis-');
  const secret = join(dataDir, 'password');
  if (!existsSync(secret)) writeFileSync(secret, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secret, 'utf8').trim();
  const conf = join(dataDir, 'redis.conf');
  writeFileSync(conf, `requirepass ${password}\nappendonly yes\nappendfsync everysec\nmaxmemory-policy noeviction\nsave ""\n`, { mode: 0o600 });
  const args = [conf, '--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  track(child);
  child.stderr!.resume();
  await waitForPort(port);
  return { ...handle(child, port, `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`, dataDir), password };
}

/** Kill every child started by this harness and remove temporary dirs. */
export async function cleanup(): Promise<void> {
  await Promise.all([...tracked].map((c) => signalAndWait(c, 'SIGKILL')));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs.clear();
}

export function trackChild(child: ChildProcess): void {
  track(child);
}
