/**
 * The bus: who may connect to NATS, over what, and to which subjects.
 *
 *   import { OperatorFolder, busConnectOptions, loadBusIdentity } from './runtime/bus/index.ts';
 *   import { connect } from '@nats-io/transport-node';
 *
 *   const ops = OperatorFolder.init('./data/ops', { port: 4222 });   // operator nkey, bus CA, server cert + config
 *   const { bundle } = ops.addNode('court-537', { name: 'Лубенський міськрайонний суд' });
 *   await ops.reload();                                              // running nats-server picks up the new user
 *   // nats-server -c ./data/ops/nats/nats-server.conf
 *   const id = loadBusIdentity(bundle);                             // refuses a seed readable by others
 *   const nc = await connect(busConnectOptions(id, ops.server.url)); // nkey login + TLS (bus CA) + _INBOX_court-537
 *
 * Pieces: operator.ts (operator folder, add/revoke, registry of nodes and of connected courts), bundle.ts (a
 * node's credentials folder), tls.ts (bus CA, server certificate), permissions.ts (subject permissions per
 * identity, with the table), server-config.ts (nats-server.conf and users.conf), reload.ts (SIGHUP + wait),
 * passport.ts (operator-signed node identity, signed messages), nats-sign.ts (those signatures on NATS messages),
 * sessions.ts (HMAC sessions after one signed request), connect.ts (client options).
 */
export { OperatorFolder, type NodeRecord, type ServerSettings, type InitOptions } from './operator.ts';
export { loadBusIdentity, writeBundle, bundlePaths } from './bundle.ts';
export { busConnectOptions } from './connect.ts';
export { permissionsFor, inboxPrefixOf, type Permissions } from './permissions.ts';
export { renderServerConfig, renderUsers } from './server-config.ts';
export { createBusCa, issueServerCert, LOOPBACK_NAMES } from './tls.ts';
export { reloadServer } from './reload.ts';
export { BusCredentialsError } from './errors.ts';
export { readSecret, writeDurable } from './files.ts';
export type { BusIdentity } from './identity.ts';
export * from './passport.ts';
export { senderOf, signedHeaders, signerOf } from './nats-sign.ts';
export { SessionBook, SessionIssuer, sessionHeaders, type SessionGrant } from './sessions.ts';
