/**
 * Database pulls on a central worker: the `pull` and `pulls-sweep` job
 * processors registered on the shared queues, the sweep's schedule, and the
 * NATS answers behind `asds central pull` / `asds central pulls`.
 * Any worker may take any job (BullMQ); a worker that resumes a transfer
 * another one started re-fetches it only if it cannot see that worker's disk.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Job } from 'bullmq';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { ActorSystem, Logger } from '../../../runtime/index.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { senderOf } from '../../../runtime/bus/nats-sign.ts';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { CourtRegistrySource } from '../../../analytics/court-registry.ts';
import { CENTRAL_PULL_REQUEST_SUBJECT, CENTRAL_PULLS_SUBJECT, PullStatusQueryV1 } from '../../../contracts/pull/index.ts';
import { courtSealAnchor, type CourtSealAnchor } from '../../pki/index.ts';
import { readFileSync } from 'node:fs';
import { loadCalendarYaml, type Calendar } from '../../distribution/index.ts';
import { untilDeadline, type CentralJobs, type UntilDeadlineOptions } from '../jobs/index.ts';
import { WitnessStore } from '../witness/store.ts';
import { runPullJob, pullJobId, type PullJobData } from './processor.ts';
import { answerQuery } from '../ingest/queries.ts';
import { requestPull } from './request.ts';
import { DEFAULT_RETENTION_DAYS, SWEEP_EVERY_MS, sweepPulls } from './sweep.ts';
import { getPull, getReport, listPulls, type PullRecord, type StoredReport } from './store.ts';

export interface CentralPullsOptions {
  node: string;
  nc: NatsConnection;
  bus: BusIdentity;
  system: ActorSystem;
  engine: () => AnalyticsEngine;
  jobs: CentralJobs;
  /** Central data dir: copies under `<dataDir>/pulls`, court CAs under `<dataDir>/court-cas/<code>.crt.pem`. */
  dataDir: string;
  registry?: CourtRegistrySource;
  /** The court's working-day calendar; default `<dataDir>/court-calendars/<court>.yaml` if there, else the Ukrainian one. */
  calendarOf?: (court: string) => Calendar | undefined;
  /**
   * The court CA that vouches for its seal; default the CA the witness pinned for the court (its first sealed
   * checkpoint, the operator's `<dataDir>/court-cas/<court>.crt.pem`, or an operator's re-pin), else that file.
   */
  courtAnchor?: (court: string) => Promise<CourtSealAnchor | undefined>;
  /** Keep verified copies this many days (default 90). */
  retentionDays?: number;
  chunkBytes?: number;
  patienceMs?: number;
  /** Re-delays of a failed pull before its deadline (jobs/until-deadline.ts); default from 5 s doubling to 5 min. */
  retry?: Pick<UntilDeadlineOptions, 'baseMs' | 'capMs'>;
  log: Logger;
}

/** A pull with its job's live progress (0–100) when the job is known. */
export interface PullView extends PullRecord {
  jobProgress: number | null;
  overdue: boolean;
}

const statusCheck = TypeCompiler.Compile(PullStatusQueryV1);

export class CentralPulls {
  private subs: Subscription[] = [];
  readonly dir: string;

  constructor(private readonly o: CentralPullsOptions) {
    this.dir = join(o.dataDir, 'pulls');
    const pins = new WitnessStore(o.engine);
    const courtAnchor =
      o.courtAnchor ??
      (async (court: string) => {
        // the witness's pin is the one record (first checkpoint, the operator's file, or an operator's re-pin)
        const pin = await pins.pin(court);
        return pin ? courtSealAnchor(pin.pem) : defaultCourtAnchor(o.dataDir, court);
      });
    const ctx = { node: o.node, nc: o.nc, bus: o.bus, system: o.system, engine: o.engine, dir: this.dir, courtAnchor, log: o.log, ...(o.chunkBytes ? { chunkBytes: o.chunkBytes } : {}), ...(o.patienceMs ? { patienceMs: o.patienceMs } : {}) };
    // Засади 18.3: the court owes its copy until the deadline — a court offline for hours is asked again until then
    const dueAt = async (job: Job<PullJobData>) => (await getPull(o.engine(), job.data.pullId))?.dueAt;
    o.jobs.register('asds-pulls', 'pull', untilDeadline(dueAt, (job: Job<PullJobData>) => runPullJob(ctx, job), { ...o.retry, log: o.log }));
    o.jobs.register('asds-scheduled', 'pulls-sweep', () => sweepPulls({ engine: o.engine(), system: o.system, node: o.node, dir: this.dir, retentionDays: o.retentionDays ?? DEFAULT_RETENTION_DAYS, log: o.log }));
  }

  /** Schedule the sweep and answer the CLI (after `jobs.start()`). */
  async start(): Promise<this> {
    await this.o.jobs.schedule({ id: 'pulls-sweep', queue: 'asds-scheduled', name: 'pulls-sweep', everyMs: SWEEP_EVERY_MS });
    this.subs = [
      this.answer(CENTRAL_PULL_REQUEST_SUBJECT, async (req, m) => {
        // a request is a write: only an operator identity may make it, and the record names that identity
        const from = senderOf(m, this.o.bus.operatorPublicKey, { class: 'operator' });
        return this.request(req, from.node);
      }),
      this.answer(CENTRAL_PULLS_SUBJECT, async (req) => this.list(req)),
    ];
    return this;
  }

  request(req: unknown, via: string): Promise<PullRecord> {
    const calendarOf = this.o.calendarOf ?? ((court: string) => defaultCourtCalendar(this.o.dataDir, court));
    return requestPull({ engine: this.o.engine, system: this.o.system, jobs: this.o.jobs, calendarOf, ...(this.o.registry ? { registry: this.o.registry } : {}) }, req, via);
  }

  /** Pulls (newest first) with live job progress; `{pullId}` also brings the report when there is one. */
  async list(req: unknown): Promise<{ pulls: PullView[]; report?: StoredReport }> {
    if (!statusCheck.Check(req)) throw new Error(`запит переліку: ${[...statusCheck.Errors(req)][0]?.message}`);
    const now = Date.now();
    const pulls = await listPulls(this.o.engine(), { ...(req.court ? { court: req.court } : {}), ...(req.pullId ? { id: req.pullId } : {}), ...(req.overdue ? { overdueAt: now } : {}) });
    const views = await Promise.all(
      pulls.map(async (p) => {
        const job = p.state === 'done' ? undefined : await this.o.jobs.job('asds-pulls', pullJobId(p.court, p.id));
        return { ...p, jobProgress: typeof job?.progress === 'number' ? job.progress : null, overdue: p.state !== 'done' && p.dueAt <= now };
      }),
    );
    const report = req.pullId ? await getReport(this.o.engine(), req.pullId) : undefined;
    return report ? { pulls: views, report } : { pulls: views };
  }

  report(pullId: string): Promise<StoredReport | undefined> {
    return getReport(this.o.engine(), pullId);
  }

  private answer(subject: string, fn: (req: unknown, m: Msg) => Promise<unknown>): Subscription {
    return answerQuery(this.o.nc, subject, fn);
  }

  stop(): void {
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
  }
}

/** `<central data>/court-calendars/<court>.yaml` (asds.calendar/v1, as the court's own calendar.yaml), if there. */
export function defaultCourtCalendar(dataDir: string, court: string): Calendar | undefined {
  const file = join(dataDir, 'court-calendars', `${court}.yaml`);
  return existsSync(file) ? loadCalendarYaml(readFileSync(file, 'utf8')) : undefined;
}

/** `<central data>/court-cas/<court>.crt.pem`: the court CA certificate, put there when the court is connected. */
export function defaultCourtAnchor(dataDir: string, court: string): CourtSealAnchor | undefined {
  const file = join(dataDir, 'court-cas', `${court}.crt.pem`);
  return existsSync(file) ? courtSealAnchor(readFileSync(file, 'utf8')) : undefined;
}
