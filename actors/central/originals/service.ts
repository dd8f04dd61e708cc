/**
 * Originals at a central worker serving the analytics store: the folder (poked by ingest after each stored batch,
 * runs one fold at a time off the ingest path) and the scan fetcher (background, resumable).
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { signerOf } from '../../../runtime/bus/nats-sign.ts';
import type { Logger } from '../../../runtime/index.ts';
import { courtSealAnchor, type CourtSealAnchor } from '../../pki/index.ts';
import { defaultCourtAnchor } from '../pulls/service.ts';
import { WitnessStore } from '../witness/store.ts';
import { foldOriginalsAll } from './fold.ts';
import { ScanFetcher } from './scans.ts';
import { overdueOriginals } from './store.ts';
import { addGaugeSource } from '../../../runtime/metrics/index.ts';

export interface CentralOriginalsOptions {
  nc: NatsConnection;
  bus: BusIdentity;
  engine: () => AnalyticsEngine;
  /** Central data dir: `court-cas/<court>.crt.pem`, and `originals/scans/` for the fetched scans. */
  dataDir: string;
  log: Logger;
  scans?: { patienceMs?: number; tickMs?: number; chunkBytes?: number; maxBackoffMs?: number };
  /**
   * Least pause between two folds (ms). Default 1000: under a steady ingest the folds do not compete with every
   * batch for the store, and an Original still lands seconds after its event (the window is two hours).
   */
  foldEveryMs?: number;
}

export interface CentralOriginals {
  /** After a stored batch: fold these courts' new events (returns at once). */
  poke(courts: Iterable<string>): void;
  /** Resolves when every fold poked so far is done (tests, drain). */
  idle(): Promise<void>;
  scans: ScanFetcher;
  stop(): Promise<void>;
}

export function startCentralOriginals(o: CentralOriginalsOptions): CentralOriginals {
  const pins = new WitnessStore(o.engine);
  // the court CA the operator installed, else the one pinned from the court's sealed checkpoints (as stats and pulls)
  const anchor = async (court: string): Promise<CourtSealAnchor | undefined> => {
    const installed = defaultCourtAnchor(o.dataDir, court);
    if (installed) return installed;
    const pin = await pins.pin(court);
    return pin ? courtSealAnchor(pin.pem) : undefined;
  };
  const scans = new ScanFetcher({ nc: o.nc, signer: signerOf(o.bus), engine: o.engine, dataDir: o.dataDir, log: o.log, ...o.scans }).start();
  const pending = new Set<string>();
  let running: Promise<void> | undefined;
  let stopped = false;
  let lastEnd = 0;
  const drain = async () => {
    const wait = lastEnd + (o.foldEveryMs ?? 1000) - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (pending.size > 0 && !stopped) {
      const [court] = pending;
      pending.delete(court!);
      try {
        await foldOriginalsAll({ engine: o.engine(), anchor }, court!);
      } catch (e) {
        // the next poke of this court folds from the same mark: nothing is lost, only later
        o.log.warn('originals-fold-failed', { court, error: String(e) });
      }
    }
    lastEnd = Date.now();
    scans.poke();
  };
  const poke = (courts: Iterable<string>) => {
    if (stopped) return;
    for (const c of courts) pending.add(c);
    if (!running) running = drain().finally(() => (running = undefined));
  };
  // Prometheus: what is past the window, per court (an alert rule fires on > 0)
  const untrack = addGaugeSource('asds_originals_overdue', async () => {
    const counts = new Map<string, { labels: Record<string, string>; value: number }>();
    for (const x of await overdueOriginals(o.engine())) {
      const key = `${x.court}|${x.what}|${x.state}`;
      const c = counts.get(key) ?? { labels: { court: x.court, what: x.what, state: x.state }, value: 0 };
      c.value++;
      counts.set(key, c);
    }
    return [...counts.values()];
  });
  // catch up on start: courts whose events were stored while no worker folded them
  void (async () => {
    try {
      const rows = await o.engine().query<{ court: string }>('SELECT DISTINCT court FROM events');
      poke(rows.map((r) => r.court));
    } catch (e) {
      o.log.warn('originals-catch-up-failed', { error: String(e) });
    }
  })();
  return {
    poke,
    async idle() {
      while (running) await running;
      await scans.idle();
    },
    scans,
    async stop() {
      stopped = true;
      untrack();
      await running?.catch(() => undefined);
      await scans.stop();
    },
  };
}
