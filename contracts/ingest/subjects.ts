/** NATS names of the court → centre ingest (issue 6). */
export const INGEST_STREAM = 'ASDS_INGEST';
export const INGEST_DURABLE = 'asds-central-ingest';
/** Queue group of central workers answering mark requests. */
export const INGEST_QUEUE = 'asds-central-ingest';

export const ingestSubject = (court: string) => `asds.ingest.${court}`;
export const INGEST_WILDCARD = 'asds.ingest.>';
export const ingestMsgId = (court: string, seq: number) => `${court}:${seq}`;
/** Message id of a frame of seqs first..last (JetStream dedup of quick repeats; the centre dedups by (court, seq) anyway). */
export const ingestFrameMsgId = (court: string, first: number, last: number) => `${court}:${first}-${last}`;
/** Court asks, any central worker answers (queue group). */
export const markRequestSubject = (court: string) => `asds.central.ingest-mark.${court}`;
export const MARK_REQUEST_WILDCARD = 'asds.central.ingest-mark.*';
/** Centre pushes mark advances and gap re-requests to the court. */
export const markPushSubject = (court: string) => `asds.court.${court}.ingest-mark`;
/** Central queries (lag, reports) for CLIs that cannot open the engine themselves. */
export const CENTRAL_LAG_SUBJECT = 'asds.central.query.lag';
export const CENTRAL_WORKLOAD_SUBJECT = 'asds.central.query.workload';
