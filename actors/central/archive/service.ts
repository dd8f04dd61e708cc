/**
 * The central archive on a central worker (Засади 17.1; issue 15 items 4–5): the `archive-transfer` processor on
 * queue asds-archive, the `archive-sweep` processor and its daily schedule, and the NATS answers behind
 * `asds archive get | inventory | retention | transfer`. Any worker may take any job (BullMQ); answers come from a
 * worker that serves the analytics store (answerQuery's queue group).
 */
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Job } from 'bullmq';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { ActorSystem, Logger } from '../../../runtime/index.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { senderOf, signerOf } from '../../../runtime/bus/nats-sign.ts';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { ArchiveQueryV1, ArchiveTransferV1, CENTRAL_ARCHIVE_SUBJECT, CENTRAL_ARCHIVE_TRANSFER_SUBJECT } from '../../../contracts/archive/index.ts';
import type { CentralJobs, Schedule } from '../jobs/index.ts';
import { answerQuery } from '../ingest/queries.ts';
import { WitnessStore } from '../witness/store.ts';
import { FsArchiveStore } from './fs-store.ts';
import type { ArchiveStore } from './store.ts';
import { archiveJobId, runArchiveJob, type ArchiveJobContext, type ArchiveJobData, type CourtFiles, type ValidatePackage } from './job.ts';
import { listArchive, type ArchiveRecord } from './records.ts';
import { ARCHIVE_JOB, ARCHIVE_QUEUE, ARCHIVE_SWEEP_JOB, ARCHIVE_SWEEP_PATTERN, sweepArchive } from './sweep.ts';
import { ArchiveQueryRefused } from './errors.ts';

export interface CentralArchiveOptions {
  node: string;
  nc: NatsConnection;
  bus: BusIdentity;
  system: ActorSystem;
  engine: () => AnalyticsEngine;
  jobs: CentralJobs;
  /** Central data dir: packages under `<dataDir>/archive/packages` (filesystem store), staging beside them. */
  dataDir: string;
  /** The court file service (actors/central/files). */
  files: CourtFiles;
  /** validatePackage (actors/archive). */
  validate: ValidatePackage;
  /** Another store behind the same interface; default the filesystem store. */
  store?: ArchiveStore;
  /** The sweep: every this many ms instead of daily (tests, a busy centre). */
  sweepEveryMs?: number;
  /** Unlisted tag files asked for by name (the seal over the tag manifest). */
  unlistedTagFiles?: readonly string[];
  /**
   * Follow ingest (`poke` after each stored batch): a court's new `package-built` starts its transfer within
   * `pokeEveryMs` (default 30 s) instead of at the daily sweep. Default true; tests that tamper with a package
   * before it is fetched turn it off.
   */
  onIngest?: boolean;
  pokeEveryMs?: number;
  log: Logger;
}

/** A court's stored batches start at most one look for new packages this often. */
export const POKE_EVERY_MS = 30_000;

/** A package with its job's live progress (0–100) while it is being transferred. */
export interface ArchiveView extends ArchiveRecord {
  jobProgress: number | null;
}

const queryCheck = TypeCompiler.Compile(ArchiveQueryV1);
const transferCheck = TypeCompiler.Compile(ArchiveTransferV1);

export class CentralArchive {
  private subs: Subscription[] = [];
  readonly store: ArchiveStore;
  private started = false;
  private readonly pending = new Set<string>();
  private pokeTimer: NodeJS.Timeout | undefined;
  private lastLook = 0;
  private looking: Promise<void> | undefined;

  constructor(private readonly o: CentralArchiveOptions) {
    this.store = o.store ?? new FsArchiveStore(join(o.dataDir, 'archive', 'packages'));
    const pins = new WitnessStore(o.engine);
    const ctx: ArchiveJobContext = {
      node: o.node,
      system: o.system,
      engine: o.engine,
      signer: signerOf(o.bus),
      operatorPublicKey: o.bus.operatorPublicKey,
      store: this.store,
      stagingDir: join(o.dataDir, 'archive', 'staging'),
      files: o.files,
      validate: o.validate,
      // the witness's pin is the one record of the court CA (first checkpoint, the operator's file, or a re-pin)
      courtCaPem: async (court) => (await pins.pin(court))?.pem ?? operatorCaPem(o.dataDir, court),
      ...(o.unlistedTagFiles ? { unlistedTagFiles: o.unlistedTagFiles } : {}),
      log: o.log,
    };
    o.jobs.register(ARCHIVE_QUEUE, ARCHIVE_JOB, (job: Job<ArchiveJobData>) => runArchiveJob(ctx, job));
    o.jobs.register('asds-scheduled', ARCHIVE_SWEEP_JOB, async () => ({ added: await sweepArchive(o.engine(), o.jobs) }));
  }

  /** The sweep's schedule (idempotent per id; every worker upserts the same one). */
  get schedule(): Schedule {
    return this.o.sweepEveryMs
      ? { id: ARCHIVE_SWEEP_JOB, queue: 'asds-scheduled', name: ARCHIVE_SWEEP_JOB, everyMs: this.o.sweepEveryMs }
      : { id: ARCHIVE_SWEEP_JOB, queue: 'asds-scheduled', name: ARCHIVE_SWEEP_JOB, pattern: ARCHIVE_SWEEP_PATTERN };
  }

  /** Schedule the sweep and answer the CLI (after `jobs.start()`). */
  async start(): Promise<this> {
    await this.o.jobs.schedule(this.schedule);
    this.subs = [
      answerQuery(this.o.nc, CENTRAL_ARCHIVE_TRANSFER_SUBJECT, async (req, m) => {
        // starting transfers is a write: an operator identity only
        senderOf(m, this.o.bus.operatorPublicKey, { class: 'operator' });
        return this.transfer(req);
      }),
      answerQuery(this.o.nc, CENTRAL_ARCHIVE_SUBJECT, async (req) => this.query(req)),
    ];
    this.started = true;
    return this;
  }

  /** Courts whose events were just stored (ingest's onStored): look for their new packages soon, not at every batch. */
  poke(courts: ReadonlySet<string>): void {
    if (!this.started || this.o.onIngest === false) return;
    for (const c of courts) this.pending.add(c);
    if (this.pokeTimer) return;
    const wait = Math.max(0, this.lastLook + (this.o.pokeEveryMs ?? POKE_EVERY_MS) - Date.now());
    this.pokeTimer = setTimeout(() => {
      this.pokeTimer = undefined;
      if (this.looking) return this.poke(new Set());
      const courts = [...this.pending];
      this.pending.clear();
      this.lastLook = Date.now();
      this.looking = (async () => {
        for (const court of courts) await sweepArchive(this.o.engine(), this.o.jobs, { court });
      })()
        .catch((e: unknown) => this.o.log.warn('archive-look-failed', { error: String(e) }))
        .finally(() => (this.looking = undefined));
    }, wait);
    this.pokeTimer.unref();
  }

  /** Add the transfer jobs now (as the sweep does); returns the job ids. */
  async transfer(req: unknown): Promise<{ jobs: string[] }> {
    if (!transferCheck.Check(req)) throw new ArchiveQueryRefused(`запит передавання: ${[...transferCheck.Errors(req)][0]?.message}`);
    return { jobs: await sweepArchive(this.o.engine(), this.o.jobs, req) };
  }

  async query(req: unknown): Promise<unknown> {
    if (!queryCheck.Check(req)) throw new ArchiveQueryRefused(`запит до архіву: ${[...queryCheck.Errors(req)][0]?.message}`);
    const engine = this.o.engine();
    switch (req.op) {
      case 'list': {
        const { op: _op, ...f } = req;
        return Promise.all((await listArchive(engine, f)).map((r) => this.view(r)));
      }
      case 'retention':
        return listArchive(engine, { ...(req.court ? { court: req.court } : {}), pastTermAt: req.at ?? Date.now() });
      case 'files':
        return this.store.files({ court: req.court, packageId: req.packageId });
      case 'read': {
        const bytes = await this.store.read({ court: req.court, packageId: req.packageId }, req.path, req.offset, req.length);
        return { data: Buffer.from(bytes).toString('base64') };
      }
    }
  }

  private async view(r: ArchiveRecord): Promise<ArchiveView> {
    const job = r.state === 'transferring' ? await this.o.jobs.job(ARCHIVE_QUEUE, archiveJobId(r.court, r.packageId)) : undefined;
    return { ...r, jobProgress: typeof job?.progress === 'number' ? job.progress : null };
  }

  stop(): void {
    this.started = false;
    if (this.pokeTimer) clearTimeout(this.pokeTimer);
    this.pokeTimer = undefined;
    for (const s of this.subs) s.unsubscribe();
    this.subs = [];
  }
}

/** `<central data>/court-cas/<court>.crt.pem`, put there when the court is connected. */
function operatorCaPem(dataDir: string, court: string): string | undefined {
  const f = join(dataDir, 'court-cas', `${court}.crt.pem`);
  return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
}
