/**
 * What the centre, as witness, found wrong at the courts — listed and
 * acknowledged by people (issue 11 item 6). The alarms themselves live in
 * analytics/alarms.ts; raised by verified ingest, checkpoints, pulls and detectors.
 *
 *   const subs = serveAlarmQueries(nc, () => engine, busIdentity, registry);
 *   registerAlarmRoutes(fastifyApp, () => engine, registry);   // GET /integrity/alarms
 *
 * From a shell: `asds central integrity --nats <url> [--open] [--court 537]`,
 * `asds central integrity --nats <url> --ack <id> --by "<ПІБ>" --note "<висновок>"`.
 */
export { serveAlarmQueries, registerAlarmRoutes, withCourtNames, type ShownAlarm } from './queries.ts';
