/**
 * Central ingest, as started by `asds central serve`: the ingest worker
 * (consumer + mark answers), CLI query answers over NATS, an admin subject to
 * restart the analytics writer, and the HTTP API when a port is given.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyInstance } from 'fastify';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { join } from 'node:path';
import { openEngine } from '../../../analytics/engine.ts';
import type { Logger } from '../../../runtime/index.ts';
import type { ConnectedCourtV1 } from '../../../contracts/ingest/index.ts';
import { IngestWorker } from './worker.ts';
import { serveCentralQueries } from './queries.ts';
import { startCentralHttp } from './http.ts';
import { serveAlarmQueries } from '../integrity/index.ts';
import { addGaugeSource } from '../../../runtime/metrics/index.ts';
import { courtLags } from '../../../analytics/lag.ts';
import { registryNow } from '../../../analytics/court-registry.ts';
import { listAlarms, type Alarm } from '../../../analytics/alarms.ts';

export { IngestWorker } from './worker.ts';
export { ensureIngestStream, ingestStreamConfig, ingestConsumerConfig } from './stream.ts';

export interface CentralIngestOptions {
  node: string;
  nc: NatsConnection;
  /** The worker's bus identity: verifies courts' frames and mark requests, signs marks (worker.ts). */
  bus: BusIdentity;
  dataDir: string;
  clickhouseUrl?: string;
  /** chdb folder (default `<dataDir>/analytics`); several workers may name one folder — one owns it (actors/central/lease). */
  analyticsDir?: string;
  /** Open the engine another way (a leased store's fenced engine: actors/central/lease/fence.ts; tests). */
  openEngine?: () => Promise<AnalyticsEngine>;
  httpPort?: number;
  log: Logger;
  /** JetStream replicas of the ingest stream (3 production, 1 embedded). */
  replicas?: number;
  /** Courts connected to the centre (13.3): the lag monitor lists those that never reported. */
  registry?: readonly ConnectedCourtV1[] | (() => readonly ConnectedCourtV1[]);
  /** More routes on the HTTP API (database pulls: actors/central/pulls/http.ts). */
  httpRoutes?: Array<(app: FastifyInstance) => void>;
  /** Accept events of any court with a valid passport, registry or not (development and tests; worker.ts). */
  anyCourt?: boolean;
  /** Told the courts of every stored batch (statistical cards: actors/central/stats/cards.ts). */
  onStored?: (courts: ReadonlySet<string>) => void;
}

export interface CentralIngest {
  worker: IngestWorker;
  httpUrl?: string;
  stop(): Promise<void>;
}

/** Admin subject: restart this worker's analytics writer (operations; chaos test (c)). */
export const engineRestartSubject = (node: string) => `asds.central.${node}.analytics-restart`;

export async function startCentralIngest(opts: CentralIngestOptions): Promise<CentralIngest> {
  const engineOpts = opts.clickhouseUrl ? { clickhouseUrl: opts.clickhouseUrl } : { dataDir: opts.analyticsDir ?? join(opts.dataDir, 'analytics') };
  const worker = await new IngestWorker({
    nc: opts.nc,
    bus: opts.bus,
    log: opts.log,
    openEngine: opts.openEngine ?? (() => openEngine(engineOpts)),
    node: opts.node,
    // verified ingest refuses events of a court not in the registry (13.3)
    ...(opts.registry ? { registry: opts.registry } : {}),
    ...(opts.anyCourt ? { anyCourt: true } : {}),
    ...(opts.replicas ? { replicas: opts.replicas } : {}),
    ...(opts.onStored ? { onStored: opts.onStored } : {}),
  }).start();
  const subs = serveCentralQueries(opts.nc, () => worker.analytics, () => worker.flushStatus(), opts.registry, opts.node);
  subs.push(...serveAlarmQueries(opts.nc, () => worker.analytics, opts.bus, opts.registry));
  subs.push(
    opts.nc.subscribe(engineRestartSubject(opts.node), {
      callback: (_e, m) => void worker.restartEngine().then(
        () => m.respond(new TextEncoder().encode('{"ok":true}')),
        (e) => m.respond(new TextEncoder().encode(JSON.stringify({ ok: false, error: String(e) }))),
      ),
    }),
  );
  const untrack = trackCentreGauges(opts, () => worker.analytics, () => worker.flushStatus());
  let app: FastifyInstance | undefined;
  let httpUrl: string | undefined;
  if (opts.httpPort !== undefined) ({ app, url: httpUrl } = await startCentralHttp(opts.node, opts.log, () => worker.analytics, opts.httpPort, () => worker.flushStatus(), opts.registry, undefined, opts.httpRoutes, {
    // the data routes need the console login (console/access.ts)
    console: { operatorPublicKey: opts.bus.operatorPublicKey },
  }));
  return {
    worker,
    ...(httpUrl ? { httpUrl } : {}),
    async stop() {
      untrack();
      await app?.close();
      for (const s of subs) {
        try {
          s.unsubscribe();
        } catch {
          // closed
        }
      }
      await worker.stop();
    },
  };
}

function alarmGauge(alarms: Alarm[]): Array<{ labels: Record<string, string>; value: number }> {
  const counts = new Map<string, { court: string; kind: string; acknowledged: string; n: number }>();
  for (const a of alarms) {
    const acknowledged = a.acknowledged && !a.reopened ? 'yes' : 'no';
    const key = `${a.court}\n${a.kind}\n${acknowledged}`;
    const c = counts.get(key) ?? { court: a.court, kind: a.kind, acknowledged, n: 0 };
    c.n += 1;
    counts.set(key, c);
  }
  return [...counts.values()].map((c) => ({ labels: { court: c.court, kind: c.kind, acknowledged: c.acknowledged }, value: c.n }));
}

/** Gauges the centre answers at scrape time: lag per court (13.3) and integrity alarms. Returns the untrack function. */
function trackCentreGauges(opts: CentralIngestOptions, engine: () => AnalyticsEngine, beforeLag: () => Promise<void>): () => void {
  const lags = async () => (await beforeLag(), courtLags(engine(), Date.now(), registryNow(opts.registry ?? [])));
  const stops = [
    addGaugeSource('asds_replication_lag_seconds', async () => (await lags()).map((l) => ({ labels: { node: opts.node, court: l.court }, value: l.lagMs / 1000 }))),
    addGaugeSource('asds_replication_lag_events', async () => (await lags()).map((l) => ({ labels: { node: opts.node, court: l.court }, value: Math.max(0, l.head - l.mark) }))),
    // acknowledged = acknowledged and not re-opened since (analytics/alarms.ts)
    addGaugeSource('asds_integrity_alarms', async () => alarmGauge(await listAlarms(engine(), { limit: 1_000_000 }))),
  ];
  return () => stops.forEach((s) => s());
}
