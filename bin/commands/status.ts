import { ActorSystem } from '../../runtime/index.ts';
import { options } from './util.ts';
import { cliIdentity, connectCli } from './bus.ts';

/** `asds node status --nats <url> --node <name> [--bus <ops bundle>]`: ask a node's run log over NATS. */
export async function nodeStatus(argv: string[]): Promise<number> {
  const o = options(argv, { nats: { type: 'string' }, node: { type: 'string' }, bus: { type: 'string' } }, ['nats', 'node']);
  const id = cliIdentity(o);
  const nc = await connectCli(o, o.nats as string, id);
  try {
    const cli = new ActorSystem({ node: id.node, nats: nc, bus: id, logger: quiet }).start();
    const status = await cli.ref('node', o.node as string, o.node as string).ask({ type: 'status' }, { timeoutMs: 5000 });
    process.stdout.write(JSON.stringify(status, null, 2) + '\n');
    return 0;
  } finally {
    await nc.close();
  }
}

const noop = () => undefined;
export const quiet = { debug: noop, info: noop, warn: noop, error: noop };
