/**
 * Court benchmark: registrations per second through the HTTP API of a real
 * `asds court serve` process (persisted: WAL, every acknowledged write
 * fsynced), with p50/p99, from 50 concurrent keep-alive clients. Each
 * registration is the full path: bearer auth (users actor), registry decision
 * + durable write, then the card's opening and its confirmation, and the
 * Засади 4.1 hand-off examining it (the bench's free-text category is not
 * drawn, as most incoming documents are not new cases of a Засади category).
 *
 * The client is `node:http` with a keep-alive Agent and the body serialised
 * once: on 2 cores the bench's own CPU competes with the server, and `fetch`
 * (undici + WHATWG streams) spent more CPU per request than the server did.
 * Every reply is still read, parsed and checked (201, numbers present).
 * Also printed: CPU seconds of the client and of the server during the run.
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanup, tempDir } from '../test/support/servers.ts';
import { startNodeProcess } from '../test/support/processes.ts';
import { api, claim } from '../test/court/support.ts';
import type { Figure } from './index.ts';
import { closedLoop, round } from './stats.ts';

const CLI = fileURLToPath(new URL('../bin/cli.ts', import.meta.url));
const CONCURRENCY = 50;
const WARMUP = 1_000;
const TOTAL = 20_000;

export async function run(): Promise<Figure[]> {
  const data = tempDir('asds-bench-court-');
  const node = startNodeProcess(CLI, ['court', 'serve', '--court', '537', '--data', data, '--port', '0'], {
    ASDS_LOG: 'error',
    ASDS_ADMIN_PASSWORD: 'bench-admin-password',
  });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const url = new URL(JSON.parse(await node.waitFor(/"ready":true/)).url as string);
    const a = api(url.origin);
    const admin = await a.login('admin', 'bench-admin-password');
    await a.call('POST', '/users', {
      token: admin,
      body: { login: 'registrar1', fullName: 'Реєстратор', role: 'registrar', password: 'bench-registrar-pw', order: { number: '1-к', date: '2025-01-10' } },
    });
    const token = await a.login('registrar1', 'bench-registrar-pw');
    const register = registrar(agent, url, token, Buffer.from(JSON.stringify(claim())));
    await closedLoop(CONCURRENCY, WARMUP, register);
    const cpu0 = process.cpuUsage();
    const server0 = cpuSeconds(node.pid);
    const r = await closedLoop(CONCURRENCY, TOTAL, register);
    const client = process.cpuUsage(cpu0);
    const server = cpuSeconds(node.pid) - server0;
    const last = await a.call('GET', '/cases?limit=1', { token });
    if (last.body.total !== WARMUP + TOTAL) throw new Error(`expected ${WARMUP + TOTAL} registrations, the registry has ${last.body.total}`);
    return [
      { name: 'court.registrations_per_s', value: round(r.perSec, 0), unit: 'registrations/s', target: 2000, concurrency: CONCURRENCY, total: TOTAL },
      { name: 'court.registration_p50_ms', value: round(r.p50), unit: 'ms' },
      { name: 'court.registration_p99_ms', value: round(r.p99), unit: 'ms', target: 50 },
      { name: 'court.bench_client_cpu_s', value: round((client.user + client.system) / 1e6), unit: 's' },
      { name: 'court.server_cpu_s', value: round(server), unit: 's' },
    ];
  } finally {
    agent.destroy();
    await node.kill('SIGTERM');
    await cleanup();
  }
}

/** One POST /registrations per call; rejects unless 201 with both numbers. */
function registrar(agent: Agent, url: URL, token: string, body: Buffer): () => Promise<void> {
  const headers = { 'content-type': 'application/json', 'content-length': String(body.length), authorization: `Bearer ${token}` };
  const opts = { agent, hostname: url.hostname, port: url.port, path: '/registrations', method: 'POST', headers };
  return () =>
    new Promise<void>((resolve, reject) => {
      const req = request(opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const reply = JSON.parse(text) as { ueun?: string; proceedingNumber?: string };
          if (res.statusCode !== 201 || !reply.ueun || !reply.proceedingNumber) reject(new Error(`registration failed: ${res.statusCode} ${text}`));
          else resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
}

/** User + system CPU seconds of a process so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
