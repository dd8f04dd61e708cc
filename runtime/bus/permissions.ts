/**
 * Subject permissions per bus identity (nats-server `authorization.users[].permissions`). The server enforces
 * them for every connection, so a stolen court credential reaches only that court's own subjects.
 *
 * | identity        | publish                                                                 | subscribe                                                     |
 * |-----------------|-------------------------------------------------------------------------|---------------------------------------------------------------|
 * | court-<c>       | asds.ingest.<c>, asds.central.ingest-mark.<c>, asds.central.witness.checkpoint.<c>, asds.court.<c>.stats.submit, asds.*.exchange-filings.hub; replies to requests it got | asds.court-<c>.>, asds.court.<c>.ingest-mark, asds.court.<c>.checkpoint-now, asds.pull.<c>.>, asds.files.<c>.>, asds.court.<c>.stats.status, _INBOX_court-<c>.> |
 * | central-<n>     | $JS.API.>, $JS.ACK.>, $KV.asds_leases.>, $KV.asds_workers.>, asds.> except asds.ingest.>, asds.central.ingest-mark.>, asds.central.witness.checkpoint.>, asds.court.*.stats.submit; replies | asds.central.>, asds.central-<n>.>, asds.court.*.stats.submit, _INBOX_central-<n>.> |
 * | ops-<x> (CLI)   | asds.central.query.>, asds.*.node.* (run-log status), asds.central.*.drain; read-only on the lease and presence buckets (stream info, message get); JetStream info: $JS.API.INFO, STREAM.NAMES/LIST/INFO.*, CONSUMER.NAMES/LIST.*, CONSUMER.INFO.*.* | asds.ops-<x>.>, _INBOX_ops-<x>.> |
 *
 * Why these lines:
 * - a court publishes only its own replication frames, mark requests and sealed checkpoints: it cannot forge
 *   another court's events or checkpoints (architecture.md "Trust boundaries"; the centre also checks each
 *   signature and seal) nor push marks; no central worker publishes as a court on those subjects;
 * - nobody but the centre subscribes to `asds.ingest.>`, and the centre reads it through JetStream only
 *   (`$JS.API`), never as a plain subscriber — no identity can snoop every court's replication;
 * - each identity has its own inbox prefix (`_INBOX_<node>`, set as the client's `inboxPrefix`), so replies to
 *   one node's requests cannot be read by another: `_INBOX.>` is allowed to nobody;
 * - `allow_responses` lets a node answer a request it received (the reply subject is another node's inbox)
 *   without a standing publish right to any inbox;
 * - the central worker may publish to courts' actor subjects: the actor kind then accepts only the node-to-node
 *   commands it declares for central senders (runtime/remote.ts); a person's command never crosses the bus;
 * - `asds.pull.<c>.>` (database pulls, Засади 18.3: actors/court/pull) is read by court <c> only, so no other court
 *   can serve — or watch — its database copy; the centre's requests there are signed and checked by the court.
 * - `asds.files.<c>.>` (scans of originals, Засади 13.2, and archive packages, 17.1: actors/court/files) likewise:
 *   only court <c> serves its files, to signed central requests.
 * - `asds.*.exchange-filings.hub` (issue 17 §A: the exchange hub's filings actor on whichever central worker runs the
 *   hub): a court tells the outcome of a prosecutor's filing and sends its documents for prosecutors' cabinets; the
 *   actor accepts only `filing-outcome` and `send-document` from court nodes and checks the signed sender is the
 *   court of the filing or of the case (actors/central/exchange/filings).
 * - central workers write the KV buckets of leases and presence (`$KV.<bucket>.>`, contracts/ops); an operator's
 *   tools only read them (stream info and message get, no consumers) and send the signed drain request, which the
 *   worker checks again (actors/central/lease/drain.ts).
 */
import { classOfNode, type NodeClass } from './passport.ts';
import { BusCredentialsError } from './errors.ts';

/** The operations KV buckets (contracts/ops: LEASE_BUCKET, PRESENCE_BUCKET); named here to keep runtime/ free of contracts. */
const OPS_BUCKETS = ['asds_leases', 'asds_workers'];

/**
 * JetStream state an operator sees (`asds ops status`): account, stream and consumer info — names, counts, replicas,
 * leaders — never a message of a stream (a court's events in the ingest stream stay unreadable to an operator) and
 * nothing that creates, changes or deletes (no CREATE, UPDATE, DELETE, PURGE, consumer creation).
 */
const OPS_JETSTREAM_INFO = ['$JS.API.INFO', '$JS.API.STREAM.NAMES', '$JS.API.STREAM.LIST', '$JS.API.STREAM.INFO.*', '$JS.API.CONSUMER.NAMES.*', '$JS.API.CONSUMER.LIST.*', '$JS.API.CONSUMER.INFO.*.*'];

export interface SubjectRule {
  allow: string[];
  deny?: string[];
}

export interface Permissions {
  publish: SubjectRule;
  subscribe: SubjectRule;
  /** Answer requests received (one reply each, within the server's default expiry). */
  allowResponses: boolean;
}

export const inboxPrefixOf = (node: string): string => `_INBOX_${node}`;

/** The permissions of bus node `node` (its class follows from its name: court-, central-, ops-). */
export function permissionsFor(node: string, cls: NodeClass | undefined = classOfNode(node)): Permissions {
  if (!cls || classOfNode(node) !== cls) throw new BusCredentialsError('BAD_NODE', `not a bus node name: ${JSON.stringify(node)} (court-<code>, central-<name>, ops-<name>)`);
  const inbox = `${inboxPrefixOf(node)}.>`;
  if (cls === 'court') {
    const code = node.slice('court-'.length);
    return {
      // statistical reports (Засади 16.1.6, contracts/stats/submission.ts): its own submit subject out, its own statuses in
      // the exchange hub's filings actor (actors/central/exchange/filings): outcomes of filings and documents the court sends;
      // the hub checks the signed sender is the court the filing or case belongs to
      publish: { allow: [`asds.ingest.${code}`, `asds.central.ingest-mark.${code}`, `asds.central.witness.checkpoint.${code}`, `asds.court.${code}.stats.submit`, 'asds.*.exchange-filings.hub'] },
      subscribe: { allow: [`asds.${node}.>`, `asds.court.${code}.ingest-mark`, `asds.court.${code}.checkpoint-now`, `asds.pull.${code}.>`, `asds.files.${code}.>`, `asds.court.${code}.stats.status`, inbox] },
      allowResponses: true,
    };
  }
  if (cls === 'central') {
    return {
      publish: { allow: ['$JS.API.>', '$JS.ACK.>', ...OPS_BUCKETS.map((b) => `$KV.${b}.>`), 'asds.>'], deny: ['asds.ingest.>', 'asds.central.ingest-mark.>', 'asds.central.witness.checkpoint.>', 'asds.court.*.stats.submit'] },
      // the courts' signed statistical reports (Засади 16.1.6): only the centre reads them
      subscribe: { allow: ['asds.central.>', `asds.${node}.>`, 'asds.court.*.stats.submit', inbox] },
      allowResponses: true,
    };
  }
  return {
    publish: {
      allow: [
        'asds.central.query.>',
        'asds.*.node.*',
        'asds.central.*.drain',
        ...OPS_BUCKETS.flatMap((b) => [`$JS.API.STREAM.INFO.KV_${b}`, `$JS.API.STREAM.MSG.GET.KV_${b}`, `$JS.API.DIRECT.GET.KV_${b}.>`]),
        ...OPS_JETSTREAM_INFO,
      ],
    },
    subscribe: { allow: [`asds.${node}.>`, inbox] },
    allowResponses: false,
  };
}
