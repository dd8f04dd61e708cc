import { connect } from '@nats-io/transport-node';
import { ActorSystem } from '../../runtime/index.ts';
import { options } from './util.ts';

/** `asds node status --nats <url> --node <name>`: ask a node's run log over NATS. */
export async function nodeStatus(argv: string[]): Promise<number> {
  const o = options(argv, { nats: { type: 'string' }, node: { type: 'string' } }, ['nats', 'node']);
  const nc = await connect({ servers: (o.nats as string).split(','), name: `asds-cli-${process.pid}` });
  try {
    const cli = new ActorSystem({ node: `cli-${process.pid}`, nats: nc, logger: quiet }).start();
    const status = await cli.ref('node', o.node as string, o.node as string).ask({ type: 'status' }, { timeoutMs: 5000 });
    process.stdout.write(JSON.stringify(status, null, 2) + '\n');
    return 0;
  } finally {
    await nc.close();
  }
}

const noop = () => undefined;
export const quiet = { debug: noop, info: noop, warn: noop, error: noop };
