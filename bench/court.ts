/**
 * Court benchmark: registrations per second through the HTTP API of a real
 * `asds court serve` process (persisted: WAL, synchronous=FULL), with p50/p99,
 * from ~50 concurrent keep-alive clients (Node's fetch). Each registration is
 * the full path: bearer auth (users actor), registry decision + durable write,
 * then the card's opening and its confirmation (two more events).
 */
import { fileURLToPath } from 'node:url';
import { cleanup, tempDir } from '../test/support/servers.ts';
import { startNodeProcess } from '../test/support/processes.ts';
import { api } from '../test/court/support.ts';
import { claim } from '../test/court/support.ts';
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
  try {
    const a = api(JSON.parse(await node.waitFor(/"ready":true/)).url as string);
    const admin = await a.login('admin', 'bench-admin-password');
    await a.call('POST', '/users', {
      token: admin,
      body: { login: 'registrar1', fullName: 'Реєстратор', role: 'registrar', password: 'bench-registrar-pw', order: { number: '1-к', date: '2025-01-10' } },
    });
    const token = await a.login('registrar1', 'bench-registrar-pw');
    const body = claim();
    const register = async () => {
      const r = await a.call('POST', '/registrations', { token, body });
      if (r.status !== 201) throw new Error(`registration failed: ${r.status} ${JSON.stringify(r.body)}`);
    };
    await closedLoop(CONCURRENCY, WARMUP, register);
    const r = await closedLoop(CONCURRENCY, TOTAL, register);
    const last = await a.call('GET', '/cases?limit=1', { token });
    if (last.body.total !== WARMUP + TOTAL) throw new Error(`expected ${WARMUP + TOTAL} registrations, the registry has ${last.body.total}`);
    return [
      { name: 'court.registrations_per_s', value: round(r.perSec, 0), unit: 'registrations/s', target: 2000, concurrency: CONCURRENCY, total: TOTAL },
      { name: 'court.registration_p50_ms', value: round(r.p50), unit: 'ms' },
      { name: 'court.registration_p99_ms', value: round(r.p99), unit: 'ms', target: 50 },
    ];
  } finally {
    await node.kill('SIGTERM');
    await cleanup();
  }
}
