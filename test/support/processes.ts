/**
 * Node processes for tests: start a TypeScript entry under tsx, read its
 * stdout line by line, SIGKILL it, restart it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { signalAndWait, trackChild } from './servers.ts';
import { TEST_KEY_PASSPHRASE } from './keys.ts';

export interface NodeProcess {
  child: ChildProcess;
  pid: number;
  /** Every stdout line so far. */
  lines: string[];
  /** Resolve with the first line (past or future) matching `re`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  onLine(fn: (line: string) => void): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Run `node --import tsx <script> ...args`. stderr is kept for failure messages. */
export function startNodeProcess(script: string, args: string[] = [], env: Record<string, string> = {}): NodeProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // Court keys are encrypted at rest and `asds court serve` refuses to start without a passphrase: tests give one.
    env: { ...process.env, ASDS_LOG: process.env.ASDS_LOG ?? 'error', ASDS_KEY_PASSPHRASE: process.env.ASDS_KEY_PASSPHRASE ?? TEST_KEY_PASSPHRASE, ...env },
  });
  trackChild(child);
  const lines: string[] = [];
  const listeners = new Set<(l: string) => void>();
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  createInterface({ input: child.stdout! }).on('line', (l) => {
    lines.push(l);
    for (const fn of listeners) fn(l);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    pid: child.pid!,
    lines,
    onLine: (fn) => listeners.add(fn),
    exited,
    kill: (signal = 'SIGKILL') => signalAndWait(child, signal),
    // generous: a node start after SIGKILL replays and verifies its journal, and CI machines run three test processes
    waitFor(re, timeoutMs = 60_000) {
      const hit = lines.find((l) => re.test(l));
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(fn);
          reject(new Error(`no line matching ${re} within ${timeoutMs} ms; stderr: ${stderr}`));
        }, timeoutMs);
        const fn = (l: string) => {
          if (!re.test(l)) return;
          clearTimeout(timer);
          listeners.delete(fn);
          resolve(l);
        };
        listeners.add(fn);
        void exited.then((x) => {
          if (!listeners.has(fn)) return;
          clearTimeout(timer);
          listeners.delete(fn);
          reject(new Error(`process exited (${x.code ?? x.signal}) before a line matching ${re}; stderr: ${stderr}`));
        });
      });
    },
  };
}
