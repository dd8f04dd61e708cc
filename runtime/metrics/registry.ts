/**
 * The process's Prometheus metrics (issue 12 item 4), one registry per
 * process (one node per process in production; in tests several nodes share
 * it and are told apart by the `node` label). Names follow Prometheus
 * conventions: `asds_` prefix, base units (seconds), `_total` for counters.
 *
 * Labels never carry a person, a case number or a covert value: nodes, actor
 * kinds, route templates, status codes, courts, alarm kinds.
 */
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

/** Latency buckets from 0.5 ms to 10 s: journal commits sit at the low end, remote asks and HTTP in the middle. */
const LATENCY = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const askSeconds = new client.Histogram({
  name: 'asds_ask_seconds',
  help: 'Ask latency by target actor kind and outcome (ok | error code)',
  labelNames: ['node', 'kind', 'outcome'] as const,
  buckets: LATENCY,
  registers: [registry],
});

export const journalCommitSeconds = new client.Histogram({
  name: 'asds_journal_commit_seconds',
  help: 'Journal group commit: the SQLite transaction of one batch of writes',
  labelNames: ['node'] as const,
  buckets: LATENCY,
  registers: [registry],
});

export const journalFsyncSeconds = new client.Histogram({
  name: 'asds_journal_fsync_seconds',
  help: 'Journal durability wait: fdatasync of the WAL after a commit, before anything is acknowledged',
  labelNames: ['node'] as const,
  buckets: LATENCY,
  registers: [registry],
});

export const httpRequests = new client.Counter({
  name: 'asds_http_requests_total',
  help: 'HTTP requests by route template, method and status',
  labelNames: ['node', 'route', 'method', 'status'] as const,
  registers: [registry],
});

export const httpSeconds = new client.Histogram({
  name: 'asds_http_request_seconds',
  help: 'HTTP request duration by route template',
  labelNames: ['node', 'route', 'method'] as const,
  buckets: LATENCY,
  registers: [registry],
});

export const ingestEvents = new client.Counter({
  name: 'asds_ingest_events_total',
  help: 'Court events the centre verified and stored, by court',
  labelNames: ['node', 'court'] as const,
  registers: [registry],
});

export const ingestRejected = new client.Counter({
  name: 'asds_ingest_rejected_total',
  help: 'Court events the centre refused, by court and kind (sender, malformed, or the integrity alarm kind: chain-break, hash-mismatch, unknown-court, above-head)',
  labelNames: ['node', 'court', 'kind'] as const,
  registers: [registry],
});

/** Things that report a gauge when scraped (mailboxes, lag, queues, alarms): registered by whoever owns the numbers. */
export type GaugeSource = () => Promise<Array<{ labels: Record<string, string>; value: number }>> | Array<{ labels: Record<string, string>; value: number }>;

const sources = new Map<string, Set<GaugeSource>>();

/**
 * A gauge whose values are read at scrape time from its sources (no bookkeeping on the hot path).
 * `addGaugeSource` returns the function that removes the source again (a stopped node).
 */
export function scrapedGauge(name: string, help: string, labelNames: string[]): void {
  if (sources.has(name)) return;
  const set = new Set<GaugeSource>();
  sources.set(name, set);
  new client.Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      for (const src of set) {
        try {
          for (const s of await src()) this.set(s.labels, s.value);
        } catch {
          // a source that cannot answer now (engine restarting, Redis down) is left out of this scrape
        }
      }
    },
  });
}

export function addGaugeSource(name: string, src: GaugeSource): () => void {
  const set = sources.get(name);
  if (!set) throw new Error(`no scraped gauge ${name}`);
  set.add(src);
  return () => set.delete(src);
}

scrapedGauge('asds_mailbox_depth', 'Messages waiting in actor mailboxes, by node and actor kind', ['node', 'kind']);
scrapedGauge('asds_replication_lag_events', 'Events a court wrote that the centre has not confirmed, by court', ['node', 'court']);
scrapedGauge('asds_replication_lag_seconds', 'Age of the oldest event not yet confirmed by the centre, by court (13.3: at most 2 h)', ['node', 'court']);
scrapedGauge('asds_integrity_alarms', 'Integrity alarms held by the centre, by court, kind and whether acknowledged', ['court', 'kind', 'acknowledged']);
scrapedGauge('asds_queue_jobs', 'Central job queue depths by queue and state', ['queue', 'state']);
scrapedGauge('asds_originals_overdue', 'Originals and scans past the 2-hour window at the centre (Засади 13.3), by court, what and state', ['court', 'what', 'state']);

/** The text a Prometheus server scrapes (`GET /metrics`). */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
