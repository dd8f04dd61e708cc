/**
 * Test harness: real servers as child processes on free loopback ports with
 * temporary data dirs, stopped by PID. Tests never use servers already
 * running on the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
  /** Reuse a data dir (restart with the same JetStream store). */
  dataDir?: string;
}

/** Start `nats-server` (Debian package) on a free loopback port. */
export async function startNats(opts: NatsServerOptions = {}): Promise<ServerHandle> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? tempDir('asds-nats-');
  const args = ['-a', '127.0.0.1', '-p', String(port)];
  if (opts.jetstream) args.push('-js', '-sd', dataDir);
  const child = spawn('nats-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  track(child);
  child.stderr!.resume();
  await waitForPort(port);
  return handle(child, port, `nats://127.0.0.1:${port}`, dataDir);
}

/** Start `redis-server` (Debian package) on a free loopback port, nothing shared with the machine's Redis. */
export async function startRedis(opts: { port?: number; dataDir?: string } = {}): Promise<ServerHandle> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? tempDir('asds-redis-');
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dataDir, '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  track(child);
  child.stderr!.resume();
  await waitForPort(port);
  return handle(child, port, `redis://127.0.0.1:${port}`, dataDir);
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
