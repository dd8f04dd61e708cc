/**
 * Host process of one node: journal under the data dir, actor system, the
 * node's run log, NATS when configured (connected in the background with
 * endless reconnects — a court keeps working while cut off), signal handling.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { join } from 'node:path';
import type { Behavior } from './actor.ts';
import { ActorSystem, type ActorSystemOptions } from './system.ts';
import type { Journal } from './journal/journal.ts';
import type { PublicViewFn } from './journal/hash.ts';
import { openJournalForStart } from './journal/open.ts';
import { createLogger } from './log.ts';
import { nodeBehavior } from './node-log.ts';
import { busConnectOptions } from './bus/connect.ts';
import { loadBusIdentity } from './bus/bundle.ts';
import type { BusIdentity } from './bus/identity.ts';
import { lockDataDir } from './data-lock.ts';
import type { Logger } from './log.ts';

export interface HostOptions {
  node: string;
  role: 'court' | 'central';
  /** Directory of the node's data; the journal is `<dataDir>/journal.sqlite`. */
  dataDir: string;
  /** NATS server URL(s), comma-separated. Without it the node runs alone. */
  natsUrl?: string;
  /**
   * The node's bus credentials: its bundle folder (runtime/bus/bundle.ts) or the loaded identity. Required with
   * `natsUrl` — no node connects anonymously. Loaded before anything starts, so an exposed seed stops the node.
   */
  bus?: string | BusIdentity;
  behaviors: Behavior[];
  version?: string;
  /** The node runs on a simulated clock (`asds simulate --timeline`): recorded in its run log, which reaches the centre. */
  simulatedClock?: boolean;
  system?: Partial<ActorSystemOptions>;
  /**
   * What of each journal event may leave the node (chain format 2, runtime/journal/hash.ts); a court passes its
   * redaction policy. Absent = nothing public (fail-closed).
   */
  publicView?: PublicViewFn;
}

export interface Host {
  system: ActorSystem;
  journal: Journal;
  /** The node's bus identity (signs what the node sends beside the actor bridge: replication, marks). */
  bus: BusIdentity | undefined;
  /** Resolves when NATS is connected, or undefined if stopped first (never rejects; the node works without it). */
  natsReady: Promise<NatsConnection | undefined>;
  /**
   * Give up connecting (natsReady then resolves undefined). Called first by a stopping node, so parts that wait
   * for the bus (replicator, ingest) stop at once while the bus is unreachable instead of waiting for it.
   */
  cancelConnect(): void;
  stop(reason?: string): Promise<void>;
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const log = createLogger(`node:${opts.node}`);
  const identity = opts.natsUrl ? busIdentityOf(opts) : undefined;
  // One process per data folder: a second one refuses before it touches the journal.
  const lock = lockDataDir(opts.dataDir);
  let journal: Journal;
  try {
    // Refuses a corrupt journal or one whose snapshots/tables the chain does not vouch for, writing nothing.
    journal = openJournalForStart(join(opts.dataDir, 'journal.sqlite'), opts.publicView ? { publicView: opts.publicView } : {});
  } catch (e) {
    lock.release();
    throw e;
  }
  // A clock jump backwards goes into the node's run log too (runtime/clock.ts: held, not refused).
  const onClockAlarm = (a: { wall: number; held: number }) => {
    try {
      system.tell({ node: opts.node, kind: 'node', id: opts.node }, { type: 'record-clock-alarm', wall: a.wall, held: a.held });
    } catch (e) {
      log.warn('clock-alarm-not-recorded', { error: String(e) });
    }
  };
  const system: ActorSystem = new ActorSystem({ ...opts.system, node: opts.node, journal, logger: log, onClockAlarm });
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
    ...(opts.simulatedClock ? { clock: 'simulated' as const } : {}),
  });
  let nc: NatsConnection | undefined;
  const stopConnecting = new AbortController();
  const natsReady = opts.natsUrl && identity
    ? connectForever(opts.natsUrl, identity, stopConnecting.signal, log).then(async (c) => {
        nc = c;
        system.attachNats(c, identity);
        // a round trip after the subscription: "connected" then means the server routes this node's subjects to it
        await c.flush().catch(() => undefined);
        log.info('nats-connected', { server: c.getServer() });
        return c;
      })
    : Promise.resolve(undefined);
  const settled = natsReady.catch((e) => {
    if (!stopConnecting.signal.aborted) log.error('nats-failed', { error: String(e) });
    return undefined;
  });
  return {
    system,
    journal,
    bus: identity,
    natsReady: settled,
    cancelConnect: () => stopConnecting.abort(),
    async stop(reason = 'stop requested') {
      stopConnecting.abort();
      await settled;
      await system.ref('node', opts.node).ask({ type: 'record-stop', reason }).catch(() => undefined);
      await system.shutdown();
      if (nc) await nc.drain().catch(() => undefined);
      journal.close();
      lock.release();
    },
  };
}

/**
 * Connect, retrying with backoff (1 s doubling to 30 s) until connected or
 * `signal` aborts (a court may start with no network), saying so at each try.
 * Once connected, the client reconnects by itself after any later outage
 * (maxReconnectAttempts -1).
 */
async function connectForever(servers: string, identity: BusIdentity, signal: AbortSignal, log: Logger): Promise<NatsConnection> {
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new Error('stopped before NATS was reachable');
    try {
      const nc = await connect(busConnectOptions(identity, servers, { maxReconnectAttempts: -1, reconnectTimeWait: 1000, timeout: 2000 }));
      if (signal.aborted) {
        await nc.close();
        throw new Error('stopped before NATS was reachable');
      }
      return nc;
    } catch (e) {
      if (signal.aborted) throw e;
      const waitMs = Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 5));
      log.warn('nats-unreachable', { message: `NATS unreachable at ${servers}, retry ${attempt} in ${waitMs / 1000} s`, error: String((e as Error).message ?? e) });
      await abortableSleep(waitMs, signal);
    }
  }
}

/** Sleep that an abort ends early; its listener is removed either way (no leak over many retries). */
function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function busIdentityOf(opts: HostOptions): BusIdentity {
  if (!opts.bus) throw new Error(`node ${opts.node}: NATS needs the node's bus credentials (--bus <dir>); no node connects anonymously`);
  const id = typeof opts.bus === 'string' ? loadBusIdentity(opts.bus) : opts.bus;
  if (id.node !== opts.node) throw new Error(`node ${opts.node}: the bus credentials are for ${id.node}`);
  return id;
}

/** How long a graceful stop may take before the process exits anyway (the journal is durable at every commit). */
export const STOP_GRACE_MS = 4500;

/** SIGTERM/SIGINT → graceful stop, then exit — within 5 s whatever the state of NATS (issue 12 item 3). */
export function stopOnSignals(host: Host): void {
  let stopping = false;
  const handler = (sig: string) => {
    if (stopping) return;
    stopping = true;
    host.cancelConnect();
    setTimeout(() => {
      process.stderr.write(`asds: graceful stop took over ${STOP_GRACE_MS} ms; exiting (every acknowledged write is already durable)\n`);
      process.exit(1);
    }, STOP_GRACE_MS).unref();
    host.stop(`signal ${sig}`).finally(() => process.exit(0));
  };
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGINT', () => handler('SIGINT'));
}
