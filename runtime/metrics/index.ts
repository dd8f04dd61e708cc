/**
 * Prometheus metrics of a node (issue 12 item 4): latency histograms observed
 * where the work happens, gauges read at scrape time from their owners.
 *
 *   import { askSeconds, addGaugeSource, metricsText } from './runtime/metrics/index.ts';
 *   askSeconds.observe({ node: 'court-537', kind: 'registry', outcome: 'ok' }, 0.004);
 *   const stop = addGaugeSource('asds_mailbox_depth', () => [{ labels: { node: 'court-537', kind: 'case' }, value: 3 }]);
 *   const { contentType, body } = await metricsText();   // what GET /metrics answers
 */
export {
  registry,
  askSeconds,
  journalCommitSeconds,
  journalFsyncSeconds,
  httpRequests,
  httpSeconds,
  ingestEvents,
  ingestRejected,
  scrapedGauge,
  addGaugeSource,
  metricsText,
  type GaugeSource,
} from './registry.ts';
export { instrumentHttp } from './http.ts';
