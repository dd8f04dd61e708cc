/**
 * NATS answers for CLIs (`asds central lag`, `asds report workload --nats`):
 * with chdb only the worker process can open the analytics data, so tools
 * ask a worker (queue group: any one answers).
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { courtLags } from '../../../analytics/lag.ts';
import { workloadReport, type WorkloadQuery } from '../../../analytics/workload.ts';
import { CENTRAL_LAG_SUBJECT, CENTRAL_WORKLOAD_SUBJECT, INGEST_QUEUE, type ConnectedCourtV1 } from '../../../contracts/ingest/index.ts';
import { registryNow, type CourtRegistrySource } from '../../../analytics/court-registry.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

export function serveCentralQueries(
  nc: NatsConnection,
  engine: () => AnalyticsEngine,
  beforeLag: () => Promise<void>,
  registry: CourtRegistrySource = [],
  node?: string,
): Subscription[] {
  const answer = (subject: string, fn: (req: unknown) => Promise<unknown>) => answerQuery(nc, subject, fn, node);
  return [
    answer(CENTRAL_LAG_SUBJECT, async () => (await beforeLag(), courtLags(engine(), Date.now(), registryNow(registry)))),
    answer(CENTRAL_WORKLOAD_SUBJECT, async (req) => workloadReport(engine(), req as WorkloadQuery)),
  ];
}

/**
 * Answer `subject` in the central workers' queue group (any one answers): the request body as JSON (or `{}`),
 * the reply `{ ok: true, result }` or `{ ok: false, error }` — the shape every `asds central …` command reads —
 * plus `by`, the answering worker, when given. Only workers that serve the analytics store subscribe (the owner
 * of an embedded store, or every worker on a ClickHouse server), so no answer comes from a partial copy.
 */
export function answerQuery(nc: NatsConnection, subject: string, fn: (req: unknown, m: Msg) => Promise<unknown>, by?: string): Subscription {
  return nc.subscribe(subject, {
    queue: INGEST_QUEUE,
    callback: (_e, m) => {
      void (async () => {
        let out: unknown;
        try {
          out = { ok: true, result: await fn(m.data.length > 0 ? JSON.parse(dec.decode(m.data)) : {}, m), ...(by ? { by } : {}) };
        } catch (e) {
          out = { ok: false, error: (e as Error).message, ...(by ? { by } : {}) };
        }
        m.respond(enc.encode(JSON.stringify(out)));
      })();
    },
  });
}
