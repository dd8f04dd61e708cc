/**
 * The Redis connection of the central jobs: the worker's `--redis` URL, with the
 * password from the URL or, better (argv is visible in `ps`), from the
 * environment `ASDS_REDIS_PASSWORD` (what `asds up` sets from its owner-only
 * file). The client is built here and handed to BullMQ (BullMQ 6 loads no Redis
 * driver itself in ESM).
 */
import { Redis } from 'ioredis';

export const REDIS_PASSWORD_ENV = 'ASDS_REDIS_PASSWORD';

/** A connection BullMQ can use for queues and workers (`maxRetriesPerRequest: null` is what BullMQ workers require). */
export function redisConnection(url: string, env: NodeJS.ProcessEnv = process.env): Redis {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--redis: not a URL: ${JSON.stringify(url)} (redis://[:password@]host:port)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`--redis: expected redis:// or rediss://, got ${u.protocol}`);
  const password = u.password ? decodeURIComponent(u.password) : env[REDIS_PASSWORD_ENV];
  return new Redis({
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(password ? { password } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    // a central worker waits for Redis to come back rather than dying with it
    retryStrategy: (times: number) => Math.min(times * 200, 5000),
  });
}
