/**
 * Host process of one node: journal under the data dir, actor system, the
 * node's run log, NATS when configured (connected in the background with
 * endless reconnects — a court keeps working while cut off), signal handling.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { join } from 'node:path';
import type { Behavior } from './actor.ts';
import { ActorSystem, type ActorSystemOptions } from './system.ts';
import { Journal } from './journal/journal.ts';
import { createLogger } from './log.ts';
import { nodeBehavior } from './node-log.ts';

export interface HostOptions {
  node: string;
  role: 'court' | 'central';
  /** Directory of the node's data; the journal is `<dataDir>/journal.sqlite`. */
  dataDir: string;
  /** NATS server URL(s), comma-separated. Without it the node runs alone. */
  natsUrl?: string;
  behaviors: Behavior[];
  version?: string;
  system?: Partial<ActorSystemOptions>;
}

export interface Host {
  system: ActorSystem;
  journal: Journal;
  /** Resolves when NATS is connected (never rejects; the node works without it). */
  natsReady: Promise<NatsConnection | undefined>;
  stop(reason?: string): Promise<void>;
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const log = createLogger(`node:${opts.node}`);
  const journal = new Journal(join(opts.dataDir, 'journal.sqlite'));
  const system = new ActorSystem({ ...opts.system, node: opts.node, journal, logger: log });
  system.register(nodeBehavior);
  for (const b of opts.behaviors) system.register(b);
  system.start();
  const lastActivity = journal.read(Math.max(1, journal.head().gseq), 1)[0]?.ts;
  await system.ref('node', opts.node).ask({
    type: 'record-start',
    role: opts.role,
    version: opts.version ?? '0.1.0',
    pid: process.pid,
    ...(lastActivity !== undefined ? { lastActivity } : {}),
  });
  let nc: NatsConnection | undefined;
  const natsReady = opts.natsUrl
    ? connectForever(opts.natsUrl, opts.node).then((c) => {
        nc = c;
        system.attachNats(c);
        log.info('nats-connected', { server: c.getServer() });
        return c;
      })
    : Promise.resolve(undefined);
  natsReady.catch((e) => log.error('nats-failed', { error: String(e) }));
  return {
    system,
    journal,
    natsReady,
    async stop(reason = 'stop requested') {
      await system.ref('node', opts.node).ask({ type: 'record-stop', reason }).catch(() => undefined);
      await system.shutdown();
      if (nc) await nc.drain().catch(() => undefined);
      journal.close();
    },
  };
}

/** Connect with endless reconnects; the first connection is awaited in the background. */
function connectForever(servers: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: servers.split(','),
    name,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
  });
}

/** SIGTERM/SIGINT → graceful stop, then exit. */
export function stopOnSignals(host: Host): void {
  let stopping = false;
  const handler = (sig: string) => {
    if (stopping) return;
    stopping = true;
    host.stop(`signal ${sig}`).finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}
