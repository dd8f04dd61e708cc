/**
 * Process plumbing for the simulator and `asds up`: start `asds court serve
 * --port 0` children, read the court's journal head, wait until the centre's
 * durable mark reaches it (replication confirmed end to end).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { NatsConnection } from '@nats-io/transport-node';
import { CENTRAL_LAG_SUBJECT } from '../../../contracts/ingest/index.ts';
import type { CourtLag } from '../../../analytics/lag.ts';
import { demoKeyPassphraseFile, KEY_PASSPHRASE_ENV } from '../../pki/index.ts';

const ASDS = fileURLToPath(new URL('../../../bin/asds.js', import.meta.url));

/** The bootstrap admin's password for a data dir: ASDS_ADMIN_PASSWORD, else one generated once into `<dir>/admin-password` (0600). */
export function adminPasswordFor(dir: string): { password: string; source: string } {
  if (process.env.ASDS_ADMIN_PASSWORD && process.env.ASDS_ADMIN_PASSWORD.length >= 10) return { password: process.env.ASDS_ADMIN_PASSWORD, source: 'env ASDS_ADMIN_PASSWORD' };
  const file = join(dir, 'admin-password');
  mkdirSync(dir, { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(18).toString('base64url') + '\n', { mode: 0o600 });
  return { password: readFileSync(file, 'utf8').trim(), source: `file ${file}` };
}

/**
 * Where a court process started by the simulator or `asds up` gets its key passphrase: env
 * ASDS_KEY_PASSPHRASE when set (inherited), else a demo file generated once into `<dir>/key-passphrase` (0600).
 */
export function keyPassphraseArgs(dir: string): { args: string[]; source: string } {
  if (process.env[KEY_PASSPHRASE_ENV]) return { args: [], source: `env ${KEY_PASSPHRASE_ENV}` };
  const file = demoKeyPassphraseFile(dir);
  return { args: ['--key-passphrase-file', file], source: `file ${file} (demo; in production keep it off the data disk)` };
}

export interface CourtChild {
  court: string;
  child: ChildProcess;
  url: string;
  dataDir: string;
}

/** `asds court serve --court <c> --port 0 [--nats <url> --bus <bundle>]`; resolves when it listens (and, with NATS, is connected). */
export function startCourtProcess(o: { court: string; dataDir: string; natsUrl?: string; bus?: string; adminPassword: string; zasady?: string; log: string; simulatedClock?: string }): Promise<CourtChild> {
  const args = ['court', 'serve', '--court', o.court, '--data', o.dataDir, '--port', '0', ...(o.natsUrl ? ['--nats', o.natsUrl] : []), ...(o.bus ? ['--bus', o.bus] : []), ...(o.zasady ? ['--zasady', o.zasady] : []), ...(o.simulatedClock ? ['--simulated-clock', o.simulatedClock] : []), ...keyPassphraseArgs(dirname(o.dataDir)).args];
  const child = spawn(process.execPath, [ASDS, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ASDS_ADMIN_PASSWORD: o.adminPassword } });
  child.stderr!.pipe(createWriteStream(o.log, { flags: 'a' }));
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    let nats = !o.natsUrl;
    const timer = setTimeout(() => reject(new Error(`court ${o.court} did not start within 60 s; see ${o.log}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"ready":true')) url = (JSON.parse(line) as { url: string }).url;
      if (line.includes('"nats":"connected"')) nats = true;
      if (url && nats) {
        clearTimeout(timer);
        resolve({ court: o.court, child, url, dataDir: o.dataDir });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`court ${o.court} exited with code ${code}; see ${o.log}`));
    });
  });
}

/** The court journal's head gseq (SQLite WAL: a reader beside the running node). */
export function journalHead(dataDir: string): number {
  const db = new Database(join(dataDir, 'journal.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT coalesce(max(gseq), 0) AS h FROM events').get() as { h: number }).h;
  } finally {
    db.close();
  }
}

/** Ask a central worker (over NATS) for its per-court marks until `court`'s mark ≥ `head`. */
export async function waitForCentreMark(nc: NatsConnection, court: string, head: number, timeoutMs = 120_000): Promise<CourtLag> {
  const deadline = Date.now() + timeoutMs;
  let last: CourtLag | undefined;
  for (;;) {
    try {
      const m = await nc.request(CENTRAL_LAG_SUBJECT, JSON.stringify({}), { timeout: 10_000 });
      const r = JSON.parse(new TextDecoder().decode(m.data)) as { ok: boolean; result?: CourtLag[] };
      last = r.result?.find((l) => l.court === court);
      if (last && last.mark >= head) return last;
    } catch {
      // no worker answering yet
    }
    if (Date.now() > deadline) throw new Error(`the centre's mark for court ${court} did not reach ${head} (last: ${JSON.stringify(last ?? null)})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
