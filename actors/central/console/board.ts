/**
 * Bull Board (a maintained UI for BullMQ) on the central worker's HTTP under /ops/queues, read-only and behind the
 * operator login (login.ts). Read-only twice: every queue is given to Bull Board with `readOnlyMode` (its API then
 * answers 405 to retry, remove, clean, pause…), and this scope refuses any method but GET/HEAD before Bull Board
 * sees it — a later Bull Board release that forgets a check still changes nothing.
 */
import type { FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Guard } from './login.ts';

export const BOARD_PATH = '/ops/queues';

export function registerBoard(app: FastifyInstance, queues: readonly Queue[], guard: Guard): void {
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
