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

export type InstallPlan = { action: 'none' } | { action: 'install'; packages: string[]; command: string } | { action: 'refuse'; message: string };

/** Pure: what to do given which binaries exist and whether we are root. */
export function planInstall(has: (bin: string) => boolean, isRoot: boolean): InstallPlan {
  const missing = NEEDED.filter((n) => !has(n.bin)).map((n) => n.pkg);
  if (missing.length === 0) return { action: 'none' };
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (!isRoot) return { action: 'refuse', message: `missing ${missing.join(', ')}. Install with:\n\n  sudo sh -c '${command}'\n` };
  return { action: 'install', packages: missing, command };
}

function has(bin: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

export function ensureServerBinaries(): void {
  const plan = planInstall(has, process.getuid?.() === 0);
  if (plan.action === 'none') return;
  if (plan.action === 'refuse') throw new CliError(plan.message, 3);
  process.stdout.write(`installing ${plan.packages.join(', ')} (Debian packages)…\n`);
  const r = spawnSync('sh', ['-c', plan.command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new CliError(`could not install ${plan.packages.join(', ')}; run as root:\n\n  ${plan.command}\n`, 3);
  const still = NEEDED.filter((n) => !has(n.bin)).map((n) => n.bin);
  if (still.length > 0) throw new CliError(`still missing after install: ${still.join(', ')}`, 3);
}
