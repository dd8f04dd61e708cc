/**
 * The centre's statistics as started by a central worker serving the
 * analytics store: the card folder (fed by ingest's onStored), the desk for
 * signed reports, and the NATS answers of `asds stats report|overdue --nats`.
 */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import type { Logger } from '../../../runtime/index.ts';
import { courtSealAnchor } from '../../pki/index.ts';
import { answerQuery } from '../ingest/queries.ts';
import { defaultCourtAnchor } from '../pulls/service.ts';
import { WitnessStore } from '../witness/store.ts';
import { CardFolder, cardMark, foldCourtAll, type CardReducer } from './cards.ts';
import { StatsDesk } from './desk.ts';
import { overdueReports } from './overdue.ts';
import { operationalReport, type StatsContext } from './reports.ts';
import { CENTRAL_STATS_OVERDUE_SUBJECT, CENTRAL_STATS_REPORT_SUBJECT } from './subjects.ts';
import type { PeriodV1 } from '../../../contracts/stats/index.ts';

export interface CentralStatsOptions {
  nc: NatsConnection;
  bus: BusIdentity;
  engine: () => AnalyticsEngine;
  /** Central data dir: `court-cas/<court>.crt.pem` (the court CA put there when the court was connected). */
  dataDir: string;
  ctx: () => StatsContext;
  reducer: CardReducer;
  log: Logger;
}

export interface CentralStats {
  folder: CardFolder;
  desk: StatsDesk;
  stop(): Promise<void>;
}

export function startCentralStats(o: CentralStatsOptions): CentralStats {
  const folder = new CardFolder({ engine: o.engine, reducer: o.reducer, log: o.log });
  const pins = new WitnessStore(o.engine);
  const desk = new StatsDesk({
    nc: o.nc,
    bus: o.bus,
    engine: o.engine,
    // the court CA the operator installed, else the one pinned from the court's sealed checkpoints (as pulls do)
    courtAnchor: async (court) => {
      const installed = defaultCourtAnchor(o.dataDir, court);
      if (installed) return installed;
      const pin = await pins.pin(court);
      return pin ? courtSealAnchor(pin.pem) : undefined;
    },
    forms: (id, version) => o.ctx().forms.get(id, version),
    // compare against every event of the court the centre holds, not only the folded ones
    beforeCompare: async (court) => {
      await foldCourtAll(o.engine(), o.reducer, court);
      return cardMark(o.engine(), court);
    },
    log: o.log,
  }).start();
  const subs = serveStatsQueries(o.nc, o.engine, o.ctx, o.bus.node);
  return {
    folder,
    desk,
    async stop() {
      for (const s of subs) {
        try {
          s.unsubscribe();
        } catch {
          // closed
        }
      }
      await desk.stop();
      await folder.idle();
    },
  };
}

export function serveStatsQueries(nc: NatsConnection, engine: () => AnalyticsEngine, ctx: () => StatsContext, node?: string): Subscription[] {
  return [
    answerQuery(
      nc,
      CENTRAL_STATS_REPORT_SUBJECT,
      async (req) => {
        const r = await operationalReport(engine(), ctx(), req);
        return { report: r.report, scopeName: r.scopeName };
      },
      node,
    ),
    answerQuery(
      nc,
      CENTRAL_STATS_OVERDUE_SUBJECT,
      async (req) => {
        const q = req as { form: string; period: PeriodV1 };
        return overdueReports(engine(), ctx().config, q.form, q.period);
      },
      node,
    ),
  ];
}
