/**
 * Connection options for `connect()` of `@nats-io/transport-node`: the node's nkey answers the server's
 * challenge, TLS verifies the server against the bus CA only, and the inbox prefix is the node's own
 * (permissions let each node subscribe to its own inbox prefix alone).
 */
import { nkeyAuthenticator, type NodeConnectionOptions } from '@nats-io/transport-node';
import type { BusIdentity } from './identity.ts';
import { inboxPrefixOf } from './permissions.ts';

export function busConnectOptions(identity: BusIdentity, servers: string | string[], extra: Partial<NodeConnectionOptions> = {}): NodeConnectionOptions {
  return {
    servers: typeof servers === 'string' ? servers.split(',') : servers,
    name: identity.node,
    inboxPrefix: inboxPrefixOf(identity.node),
    authenticator: nkeyAuthenticator(new TextEncoder().encode(identity.seed)),
    tls: { ca: identity.caPem },
    ...extra,
  };
}
