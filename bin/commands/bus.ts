/**
 * How CLI commands reach the bus: with an operator identity's bundle (`--bus <dir>`, else env ASDS_BUS, else
 * `./data/ops/bundles/ops-admin`, the one `asds ops init` makes). Its permissions allow central queries and
 * node status, nothing else (runtime/bus/permissions.ts).
 */
import { resolve } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { busConnectOptions, loadBusIdentity, type BusIdentity } from '../../runtime/bus/index.ts';
import { CliError } from './util.ts';

export const DEFAULT_CLI_BUS = 'data/ops/bundles/ops-admin';

export function cliIdentity(o: Record<string, string | boolean | undefined>): BusIdentity {
  const dir = resolve((o.bus as string | undefined) ?? process.env.ASDS_BUS ?? DEFAULT_CLI_BUS);
  try {
    return loadBusIdentity(dir);
  } catch (e) {
    throw new CliError(`bus credentials: ${(e as Error).message} (give --bus <bundle dir> of an ops- identity)`, 2);
  }
}

export async function connectCli(o: Record<string, string | boolean | undefined>, servers: string, id = cliIdentity(o)): Promise<NatsConnection> {
  try {
    return await connect(busConnectOptions(id, servers, { name: `${id.node}-${process.pid}` }));
  } catch (e) {
    // say what was tried: the URL and the identity, not just "connection refused"
    throw new CliError(`cannot reach NATS at ${servers} as ${id.node}: ${(e as Error).message}`, 1);
  }
}
