/**
 * Reload a running nats-server's configuration (SIGHUP, what `nats-server --signal reload=<pid>` sends) and wait
 * until the server logs that it did, so the caller knows a new user may connect / a removed one is cut off.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';

const RELOADED = 'Reloaded server configuration';

function count(log: string): number {
  if (!existsSync(log)) return 0;
  return readFileSync(log, 'utf8').split(RELOADED).length - 1;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** false when no server runs (no pid file, or its process is gone): the change applies at its next start. */
export async function reloadServer(pidFile: string, logFile: string, timeoutMs = 10_000): Promise<boolean> {
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return false;
  const before = count(logFile);
  const size = existsSync(logFile) ? statSync(logFile).size : 0;
  process.kill(pid, 'SIGHUP');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    if (existsSync(logFile) && statSync(logFile).size !== size && count(logFile) > before) return true;
    if (!alive(pid)) throw new Error(`nats-server ${pid} exited during reload; see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`nats-server ${pid} did not confirm the reload within ${timeoutMs} ms; see ${logFile}`);
  }
}
