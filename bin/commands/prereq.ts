/**
 * `npm start` on a fresh machine: nats-server and redis-server come from
 * Debian packages. Installed with apt-get when we are root; otherwise the exact
 * command is printed and we stop (no stack trace).
 */
import { spawnSync } from 'node:child_process';
import { CliError } from './util.ts';

const NEEDED = [
  { bin: 'nats-server', pkg: 'nats-server' },
  { bin: 'redis-server', pkg: 'redis-server' },
];

function has(bin: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

export function ensureServerBinaries(): void {
  const missing = NEEDED.filter((n) => !has(n.bin)).map((n) => n.pkg);
  if (missing.length === 0) return;
  const cmd = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new CliError(`missing ${missing.join(', ')}. Install with:\n\n  sudo sh -c '${cmd}'\n`, 3);
  }
  process.stdout.write(`installing ${missing.join(', ')} (Debian packages)…\n`);
  const r = spawnSync('sh', ['-c', cmd], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new CliError(`could not install ${missing.join(', ')}; run as root:\n\n  ${cmd}\n`, 3);
  const still = NEEDED.filter((n) => !has(n.bin)).map((n) => n.bin);
  if (still.length > 0) throw new CliError(`still missing after install: ${still.join(', ')}`, 3);
}
