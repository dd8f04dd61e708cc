/**
 * The centre console's own read routes (issue 16), each behind its role (roles.ts):
 *
 *   GET /courts[?thresholdMinutes=120]     lag, last sealed checkpoint and registry name of every court (lag: administrator, analyst)
 *   GET /jobs[?queue=asds-pulls][&limit=20] central queues: counts per state and recent jobs (jobs: administrator, operator)
 *   GET /cluster                           workers, store owner, NATS link, registry courts (cluster: administrator, operator)
 *
 * Replies: contracts/central/console.ts. /courts reads the analytics store (a stand-by answers 503, ingest/http.ts);
 * /jobs and /cluster do not, so an operator sees the cluster from any worker.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Queue } from 'bullmq';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { LAG_THRESHOLD_MS } from '../../../analytics/lag.ts';
import { CourtsQueryV1, JobsQueryV1 } from '../../../contracts/central/console.ts';
import { schemaErrors } from '../../../runtime/validate.ts';
import type { TSchema } from '@sinclair/typebox';
import { redisConnection } from '../jobs/connection.ts';
import { QUEUES, type QueueName } from '../jobs/queues.ts';
import type { Guard } from './login.ts';
import type { ConsoleArea } from './roles.ts';
import { courtsView } from './courts.ts';
import { jobsView } from './jobs.ts';
import { clusterView, type ClusterSource } from './cluster.ts';

export interface ConsoleRoutesOptions extends ClusterSource {
  engine: () => AnalyticsEngine;
  /** Called before the lag is read (the ingest worker flushes the courts' last status). */
  beforeLag?: () => Promise<void>;
  redisUrl?: string;
  prefix?: string;
}

/** 400 with every schema error, in the words of the contract. */
function invalid(reply: FastifyReply, schema: TSchema & { $id?: string }, name: string, value: unknown): boolean {
  const errs = schemaErrors(schema, value ?? {});
  if (errs.length === 0) return false;
  void reply.code(400).send({ error: 'VALIDATION_FAILED', message: `запит не відповідає ${name}: ${errs.map((e) => `${e.path} ${e.message}`).join('; ')}` });
  return true;
}

export function registerConsoleRoutes(app: FastifyInstance, area: (a: ConsoleArea) => Guard, o: ConsoleRoutesOptions): void {
  const connection = o.redisUrl ? redisConnection(o.redisUrl) : undefined;
  const queues = new Map<string, Queue>(connection ? (Object.keys(QUEUES) as QueueName[]).map((name) => [name, new Queue(name, { connection, prefix: o.prefix ?? 'asds' })]) : []);
  app.addHook('onClose', async () => {
    await Promise.all([...queues.values()].map((q) => q.close()));
    connection?.disconnect();
  });

  app.get<{ Querystring: CourtsQueryV1 }>('/courts', { preHandler: area('lag') }, async (req, reply) => {
    if (invalid(reply, CourtsQueryV1, 'CourtsQueryV1', req.query)) return reply;
    const thresholdMs = req.query.thresholdMinutes === undefined ? LAG_THRESHOLD_MS : Math.round(Number(req.query.thresholdMinutes) * 60_000);
    await o.beforeLag?.();
    return courtsView(o.engine(), o.registry(), thresholdMs);
  });

  app.get<{ Querystring: JobsQueryV1 }>('/jobs', { preHandler: area('jobs') }, async (req, reply) => {
    if (invalid(reply, JobsQueryV1, 'JobsQueryV1', req.query)) return reply;
    if (queues.size === 0) return reply.code(503).send({ error: 'NO_QUEUES', message: 'черги завдань на цьому вузлі не працюють (немає --redis)' });
    const limit = Math.min(100, Math.max(1, Number(req.query.limit ?? 20)));
    const pick = req.query.queue ? [queues.get(req.query.queue)] : [...queues.values()];
    if (pick.some((q) => !q)) return reply.code(404).send({ error: 'NO_SUCH_QUEUE', message: `черги ${req.query.queue} немає (є: ${[...queues.keys()].join(', ')})` });
    return jobsView(pick as Queue[], limit);
  });

  app.get('/cluster', { preHandler: area('cluster') }, async () => clusterView(o));
}
