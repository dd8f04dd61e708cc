/**
 * `asds ops status --nats <url> [--bus <ops bundle>] [--redis <url>] [--courts <courts.yaml>] [--timeout-seconds 10] [--json]`
 *
 * The cluster for an operator, in Ukrainian (Kyiv times, "3 год 12 хв позаду"), or JSON with --json: the NATS
 * servers this identity can see, JetStream streams and consumers, central workers and their analytics leases (KV
 * `asds_workers`, `asds_leases`), the BullMQ job queues (with --redis; password from the URL or env
 * ASDS_REDIS_PASSWORD) and the replication lag of every court (Засади 13.3; --courts adds registry courts that never
 * reported). Read-only. Exit 0; 3 when something needs an operator (a court over 2 h behind, a stale worker, an
 * expired lease, a lagging or unreachable JetStream peer); 1 when the bus cannot be reached.
 */
import { resolve } from 'node:path';
import { connectCli, cliIdentity } from './bus.ts';
import { CliError, options } from './util.ts';
import { loadCourtRegistry } from '../../analytics/court-registry.ts';
import { LAG_THRESHOLD_MS } from '../../analytics/lag.ts';
import type { ConnectedCourtV1 } from '../../contracts/ingest/index.ts';
import { clusterStatus, type ClusterStatus } from './ops-cluster.ts';
import { describeStatus } from './ops-status-text.ts';

export async function opsStatus(argv: string[]): Promise<number> {
  const o = options(argv, { nats: { type: 'string' }, bus: { type: 'string' }, redis: { type: 'string' }, courts: { type: 'string' }, 'timeout-seconds': { type: 'string' }, json: { type: 'boolean' } }, ['nats']);
  let registry: ConnectedCourtV1[] = [];
  try {
    if (o.courts) registry = loadCourtRegistry(resolve(o.courts as string));
  } catch (e) {
    throw new CliError(`--courts: ${(e as Error).message}`, 2);
  }
  const seconds = o['timeout-seconds'] === undefined ? 10 : Number(o['timeout-seconds']);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new CliError('--timeout-seconds must be a positive number', 2);
  const id = cliIdentity(o);
  const nc = await connectCli(o, o.nats as string, id);
  let status: ClusterStatus;
  try {
    status = await clusterStatus(nc, { identity: id.node, ...(o.redis ? { redisUrl: o.redis as string } : {}), registry, timeoutMs: seconds * 1000 });
  } finally {
    await nc.close();
  }
  process.stdout.write(o.json ? JSON.stringify(status, null, 2) + '\n' : describeStatus(status));
  return needsOperator(status) ? 3 : 0;
}

/**
 * Something an operator should look at (the exit code 3 of monitoring scripts). Failed jobs are shown but do not
 * count: BullMQ keeps them for inspection and the board is read-only, so they would hold the exit code at 3 for good
 * (the alert AsdsJobsFailing watches their growth instead).
 */
export function needsOperator(s: ClusterStatus): boolean {
  return (
    (s.lags.ok && s.lags.value.some((l) => l.lagMs > LAG_THRESHOLD_MS)) ||
    (s.workers.ok && s.workers.value.some((w) => w.stale)) ||
    (s.leases.ok && s.leases.value.some((l) => l.expired)) ||
    s.servers.some((x) => x.current === false || x.offline === true)
  );
}
