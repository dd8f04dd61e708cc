import { resolve } from 'node:path';
import { startCourtNode, courtNodeName } from '../../actors/court/node.ts';
import { startCentralNode } from '../../actors/central/node.ts';
import { stopOnSignals } from '../../runtime/host.ts';
import { emit, options } from './util.ts';

/** `asds court serve --court <code> --data <dir> [--nats <url>]` — runs until SIGTERM/SIGINT. */
export async function courtServe(argv: string[]): Promise<number> {
  const o = options(argv, { court: { type: 'string' }, data: { type: 'string' }, nats: { type: 'string' }, port: { type: 'string' } }, [
    'court',
    'data',
  ]);
  const host = await startCourtNode({
    court: o.court as string,
    dataDir: resolve(o.data as string),
    ...(o.nats ? { natsUrl: o.nats as string } : {}),
  });
  stopOnSignals(host);
  emit({ ready: true, role: 'court', node: courtNodeName(o.court as string), data: resolve(o.data as string), pid: process.pid });
  void host.natsReady.then((nc) => nc && emit({ nats: 'connected', node: courtNodeName(o.court as string) }));
  await new Promise(() => undefined);
  return 0;
}

/** `asds central serve --data <dir> --nats <url> [--redis <url>] [--node central-1]` */
export async function centralServe(argv: string[]): Promise<number> {
  const o = options(argv, { data: { type: 'string' }, nats: { type: 'string' }, redis: { type: 'string' }, node: { type: 'string' } }, [
    'data',
    'nats',
  ]);
  const node = (o.node as string | undefined) ?? 'central-1';
  const host = await startCentralNode({
    node,
    dataDir: resolve(o.data as string),
    natsUrl: o.nats as string,
    ...(o.redis ? { redisUrl: o.redis as string } : {}),
  });
  stopOnSignals(host);
  emit({ ready: true, role: 'central', node, data: resolve(o.data as string), pid: process.pid });
  void host.natsReady.then((nc) => nc && emit({ nats: 'connected', node }));
  await new Promise(() => undefined);
  return 0;
}
