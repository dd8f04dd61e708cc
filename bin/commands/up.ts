/**
 * `asds up`: a working cluster on one machine with embedded defaults —
 * nats-server (JetStream) and redis-server from Debian packages on loopback,
 * one central worker and one demo court node — then the main job, and
 * everything stays up until Ctrl-C. `--smoke` stops after the main job.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { ActorSystem } from '../../runtime/index.ts';
import { freePort, waitForPort } from '../../runtime/net.ts';
import { courtNodeName } from '../../actors/court/node.ts';
import { ensureServerBinaries } from './prereq.ts';
import { quiet } from './status.ts';
import { CliError, options } from './util.ts';

const ASDS = fileURLToPath(new URL('../asds.js', import.meta.url));

interface Proc {
  name: string;
  child: ChildProcess;
  where: string;
}

export async function up(argv: string[]): Promise<number> {
  const o = options(argv, { data: { type: 'string' }, court: { type: 'string' }, smoke: { type: 'boolean' } });
  const data = resolve((o.data as string | undefined) ?? 'data');
  const court = (o.court as string | undefined) ?? '537';
  ensureServerBinaries();
  mkdirSync(join(data, 'logs'), { recursive: true });
  const procs: Proc[] = [];
  const stopAll = installStop(procs);
  try {
    const nats = await startNats(data, procs);
    const redis = await startRedis(data, procs);
    await startNode(procs, data, 'central-1', ['central', 'serve', '--node', 'central-1', '--data', join(data, 'central-1'), '--nats', nats, '--redis', redis]);
    await startNode(procs, data, courtNodeName(court), ['court', 'serve', '--court', court, '--data', join(data, courtNodeName(court)), '--nats', nats]);
    printTable(procs);
    await mainJob(nats, court);
    if (o.smoke) {
      await stopAll();
      return 0;
    }
    process.stdout.write('\nRunning. Press Ctrl-C to stop the cluster.\n');
    await new Promise(() => undefined);
    return 0;
  } catch (e) {
    await stopAll();
    throw e;
  }
}

async function startNats(data: string, procs: Proc[]): Promise<string> {
  const port = await freePort();
  const dir = join(data, 'nats');
  mkdirSync(dir, { recursive: true });
  // Debian's nats-server 2.9 has no `sync_interval`; the court journal (SQLite, FULL sync) is the
  // system of record, JetStream only the transport (architecture.md). deploy/nats/ holds the production config.
  const child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir, '-l', join(data, 'logs', 'nats-server.log')], {
    stdio: 'ignore',
  });
  procs.push({ name: 'nats-server', child, where: `nats://127.0.0.1:${port}  (JetStream store ${dir})` });
  await waitForPort(port);
  return `nats://127.0.0.1:${port}`;
}

async function startRedis(data: string, procs: Proc[]): Promise<string> {
  const port = await freePort();
  const dir = join(data, 'redis');
  mkdirSync(dir, { recursive: true });
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--logfile', join(data, 'logs', 'redis-server.log')];
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  procs.push({ name: 'redis-server', child, where: `redis://127.0.0.1:${port}  (data ${dir})` });
  await waitForPort(port);
  return `redis://127.0.0.1:${port}`;
}

/** Start `asds <args>` and wait for its `{"ready":true}` line; its log goes to data/logs/<name>.log. */
function startNode(procs: Proc[], data: string, name: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, [ASDS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.pipe(createWriteStream(join(data, 'logs', `${name}.log`), { flags: 'a' }));
  procs.push({ name, child, where: `data ${args[args.indexOf('--data') + 1]}  (log ${join(data, 'logs', `${name}.log`)})` });
  return new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new CliError(`${name} did not start within 30 s; see ${join(data, 'logs', `${name}.log`)}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"ready":true')) {
        clearTimeout(timer);
        resolveReady();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new CliError(`${name} exited with code ${code}; see ${join(data, 'logs', `${name}.log`)}`));
    });
  });
}

function printTable(procs: Proc[]): void {
  process.stdout.write('asds cluster is up:\n');
  for (const p of procs) process.stdout.write(`  ${p.name.padEnd(14)} pid ${String(p.child.pid).padEnd(8)} ${p.where}\n`);
}

/** The main job for now: the centre reaches the court over NATS and reads its run log. */
async function mainJob(natsUrl: string, court: string): Promise<void> {
  const nc = await connect({ servers: natsUrl, name: 'asds-up' });
  try {
    const probe = new ActorSystem({ node: `cli-${process.pid}`, nats: nc, logger: quiet }).start();
    const node = courtNodeName(court);
    const status = await retry(() => probe.ref('node', node, node).ask({ type: 'status' }, { timeoutMs: 2000 }));
    process.stdout.write(`\ncourt ${node} answers over NATS: ${JSON.stringify(status)}\n`);
    await probe.shutdown();
  } finally {
    await nc.close();
  }
}

async function retry<T>(fn: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Ctrl-C / exit: nodes first (graceful), then the servers; every child by PID. */
function installStop(procs: Proc[]): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      for (const p of [...procs].reverse()) await terminate(p.child);
    })());
  process.on('SIGINT', () => void stop().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
  process.on('exit', () => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  });
  return stop;
}

function terminate(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit();
    });
    child.kill('SIGTERM');
  });
}

