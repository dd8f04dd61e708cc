/** Shared fixtures for the PKI tests: temp court directories that are always removed. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initCourtCa, type CourtCaInfo } from '../../actors/pki/index.ts';
import { TEST_KEY_PASSPHRASE } from '../support/keys.ts';

export const DAY = 86_400_000;
export const daysFromNow = (days: number): Date => new Date(Date.now() + days * DAY);

export class TempDirs {
  private readonly dirs: string[] = [];
  make(prefix = 'asds-pki-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }
  removeAll(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

export function makeCourt(temp: TempDirs, courtCode = '2601', courtName = 'Печерський районний суд міста Києва'): CourtCaInfo {
  return initCourtCa({ passphrase: TEST_KEY_PASSPHRASE, dir: temp.make(), courtCode, courtName });
}

/** Absolute path of the openssl binary; throws (fails the test) when it is missing, never skips. */
export function requireOpenssl(): string {
  try {
    return execFileSync('which', ['openssl'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('openssl binary not found on PATH: the independent-parser check cannot run. Install openssl (apt-get install openssl); this test must not be skipped.');
  }
}

export interface RunResult {
  status: number;
  output: string;
}

/** Runs a command, capturing exit status and stdout+stderr instead of throwing. */
export function run(cmd: string, args: string[]): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status ?? -1, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}
