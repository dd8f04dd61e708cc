/**
 * Bull Board (a maintained UI for BullMQ) on the central worker's HTTP under /ops/queues, read-only and behind the
 * operator login (login.ts). Read-only twice: every queue is given to Bull Board with `readOnlyMode` (its API then
 * answers 405 to retry, remove, clean, pause…), and this scope refuses any method but GET/HEAD before Bull Board
 * sees it — a later Bull Board release that forgets a check still changes nothing.
 */
import type { FastifyInstance } from 'fastify';
import { Queue } from 'bullmq';
import { redisConnection } from '../jobs/connection.ts';
import { QUEUES } from '../jobs/queues.ts';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Guard } from './login.ts';

export const BOARD_PATH = '/ops/queues';

export interface BoardOptions {
  /** Redis of the central job queues (`--redis`); without it the board answers 503 "no queues". */
  redisUrl?: string;
  /** Key prefix of the queues (CentralJobs' default `asds`). */
  prefix?: string;
}

/**
 * The board reads the queues through its own Redis connection and Queue objects (they only read): it works on any
 * worker — owner or stand-by — whatever the state of that worker's own jobs, and is closed with the HTTP server.
 */
export function registerBoard(app: FastifyInstance, o: BoardOptions, guard: Guard): void {
  const connection = o.redisUrl ? redisConnection(o.redisUrl) : undefined;
  const queues = connection ? Object.keys(QUEUES).map((name) => new Queue(name, { connection, prefix: o.prefix ?? 'asds' })) : [];
  app.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close()));
    connection?.disconnect();
  });
  app.register(async (scope) => {
    scope.addHook('onRequest', guard);
    scope.addHook('onRequest', async (req, reply) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return void reply.code(405).header('allow', 'GET, HEAD').send({ error: 'READ_ONLY', message: 'панель черг лише для перегляду' });
    });
    if (queues.length === 0) {
      scope.get(BOARD_PATH, async (_req, reply) => reply.code(503).send({ error: 'NO_QUEUES', message: 'черги завдань на цьому вузлі не працюють (немає --redis)' }));
      return;
    }
    const adapter = new FastifyAdapter();
    adapter.setBasePath(BOARD_PATH);
    createBullBoard({
      queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true, allowRetries: false })),
      serverAdapter: adapter,
      options: { uiConfig: { boardTitle: 'Черги АСДС (лише перегляд)' } },
    });
    await scope.register(adapter.registerPlugin(), { prefix: BOARD_PATH });
  });
}
