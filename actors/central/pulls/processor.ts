/**
 * The `pull` job (queue asds-pulls, id `pull:<court>:<pullId>`): journal the
 * request at the court, get its sealed manifest, fetch the copy (resumable),
 * verify it and store the report. Every step is idempotent — the court
 * records a request once per pull id, the manifest and the chunks on disk are
 * reused, the report and alarms have stable ids — so a rerun after a worker's
 * death has no double effect, and a finished pull is never redone.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { UnrecoverableError, type Job } from 'bullmq';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ActorSystem, Logger } from '../../../runtime/index.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { signedHeaders, signerOf } from '../../../runtime/bus/nats-sign.ts';
import { writeFileDurable } from '../../../runtime/durable-file.ts';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { raiseAlarms, type NewAlarm } from '../../../analytics/alarms.ts';
import { PullManifestV1, pullPrepareSubject } from '../../../contracts/pull/index.ts';
import { checkSeal } from '../../court/seal/index.ts';
import type { CourtSealAnchor } from '../../pki/index.ts';
import { compareCopy } from './compare.ts';
import { freshCheckpoint } from './fresh-checkpoint.ts';
import { reportText, verdictOf, type PullReport } from './report.ts';
import { getPull, saveReport, updatePull, type PullRecord } from './store.ts';
import { PULL_REGISTER_KIND } from './register.ts';
import { copyDoesNotFit, fetchCopy, parseReply, DEFAULT_CHUNK_BYTES, DEFAULT_MAX_COPY_BYTES } from './transfer.ts';

const manifestCheck = TypeCompiler.Compile(PullManifestV1);

export interface PullJobData {
  pullId: string;
  court: string;
}

export interface PullContext {
  node: string;
  nc: NatsConnection;
  bus: BusIdentity;
  system: ActorSystem;
  engine: () => AnalyticsEngine;
  /** Where verified copies are kept: `<dir>/<court>/<pullId>/`. */
  dir: string;
  /** The court's CA, to check the seal on its manifest; undefined = unknown court CA (the pull fails, alarmed). */
  courtAnchor: (court: string) => Promise<CourtSealAnchor | undefined>;
  chunkBytes?: number;
  patienceMs?: number;
  /** The largest copy accepted; default DEFAULT_MAX_COPY_BYTES (64 GiB). */
  maxCopyBytes?: number;
  log: Logger;
}

export const pullJobId = (court: string, pullId: string) => `pull:${court}:${pullId}`;
export const pullCopyDir = (dir: string, court: string, pullId: string) => join(dir, court, pullId);

export async function runPullJob(ctx: PullContext, job: Job<PullJobData>): Promise<{ verdict: string }> {
  const engine = ctx.engine();
  let pull = await getPull(engine, job.data.pullId);
  if (!pull) throw new UnrecoverableError(`pull ${job.data.pullId} is not recorded at the centre`);
  if (pull.state === 'done' || pull.state === 'failed') return { verdict: pull.verdict };
  // Засади 18.3: the request goes into the court's own journal first
  await ctx.system
    .ref('database-pull', pull.court, `court-${pull.court}`)
    .ask({ type: 'request-pull', pullId: pull.id, requestedBy: pull.requestedBy, requestedAt: pull.requestedAt, dueAt: pull.dueAt }, { commandId: `request:${pull.id}`, timeoutMs: 30_000 });
  const dir = pullCopyDir(ctx.dir, pull.court, pull.id);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // the court's head sealed and receipted right before the copy is made (fresh-checkpoint.ts)
  const checkpointBefore = await freshCheckpoint({ nc: ctx.nc, bus: ctx.bus, court: pull.court, pullId: pull.id, dir });
  if ('error' in checkpointBefore) ctx.log.warn('pull-no-fresh-checkpoint', { pull: pull.id, court: pull.court, error: checkpointBefore.error });
  const manifest = await sealedManifest(ctx, pull, dir);
  if (!manifest) {
    await recordOutcome(ctx, pull, 'failed', 'печатка маніфесту не перевірена');
    await updatePull(engine, pull, { state: 'failed', verdict: 'bad-manifest', detail: 'печатка маніфесту не перевірена', completedAt: Date.now() });
    throw new UnrecoverableError(`pull ${pull.id}: the manifest's seal does not verify`);
  }
  const stat = statfsSync(dir);
  const misfit = copyDoesNotFit(manifest.size, { maxBytes: ctx.maxCopyBytes ?? DEFAULT_MAX_COPY_BYTES, freeBytes: stat.bavail * stat.bsize });
  if (misfit?.fatal) {
    await recordOutcome(ctx, pull, 'failed', misfit.reason);
    await updatePull(engine, pull, { state: 'failed', verdict: 'bad-manifest', detail: misfit.reason, completedAt: Date.now() });
    throw new UnrecoverableError(`pull ${pull.id}: ${misfit.reason}`);
  }
  if (misfit) throw new Error(`pull ${pull.id}: ${misfit.reason}`);
  pull = await updatePull(engine, pull, { state: 'transferring', detail: `${manifest.size} байт` });
  const chunkBytes = ctx.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  let lastTenth = -1;
  const { file, record } = await fetchCopy({
    nc: ctx.nc,
    signer: signerOf(ctx.bus),
    manifest,
    dir,
    chunkBytes,
    ...(ctx.patienceMs ? { patienceMs: ctx.patienceMs } : {}),
    onChunk: async (received, size) => {
      const fraction = size === 0 ? 1 : received / size;
      await job.updateProgress(Math.floor(fraction * 90));
      const tenth = Math.floor(fraction * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        pull = await updatePull(engine, pull!, { progress: fraction * 0.9 });
      }
    },
  });
  pull = await updatePull(engine, pull, { state: 'verifying', progress: 0.9 });
  const comparison = await compareCopy(file, engine, pull.court, askedAt(dir), 'gseq' in checkpointBefore ? checkpointBefore.gseq : 0);
  const receivedAt = Date.now();
  const { signature, ...unsigned } = manifest;
  const report: PullReport = {
    pullId: pull.id,
    court: pull.court,
    verdict: verdictOf(comparison),
    requestedBy: pull.requestedBy,
    requestedAt: pull.requestedAt,
    dueAt: pull.dueAt,
    receivedAt,
    onTime: receivedAt < pull.dueAt,
    manifest: { ...unsigned, sealedBy: signature?.signer ?? '' },
    checkpointBefore,
    comparison,
    transfer: { chunks: Math.ceil(manifest.size / chunkBytes), chunkBytes, fetched: record.fetched, resumedAt: record.resumedAt },
  };
  const text = reportText(report);
  await saveReport(engine, { pullId: pull.id, court: pull.court, at: receivedAt, verdict: report.verdict, report, text, copyPath: file, copySha256: manifest.sha256 });
  if (report.verdict === 'different') await raiseDifference(ctx, engine, report);
  await recordOutcome(ctx, pull, report.verdict, report.verdict === 'identical' ? '' : 'рядки, що відрізняються, — у звіті', createHash('sha256').update(JSON.stringify(report)).digest('hex'));
  await job.updateProgress(100);
  await updatePull(engine, pull, { state: 'done', progress: 1, verdict: report.verdict, completedAt: receivedAt, detail: '' });
  ctx.log.info('pull-done', { pull: pull.id, court: pull.court, verdict: report.verdict, fetched: record.fetched });
  return { verdict: report.verdict };
}

/** The outcome into the centre's journaled record (register.ts): once per pull, whatever the retries. */
async function recordOutcome(ctx: PullContext, pull: PullRecord, verdict: 'identical' | 'different' | 'failed', detail: string, reportSha256?: string): Promise<void> {
  await ctx.system
    .ref(PULL_REGISTER_KIND, pull.court)
    .ask({ type: 'record-outcome', pullId: pull.id, verdict, detail, ...(reportSha256 ? { reportSha256 } : {}) }, { meta: { author: `system:${ctx.node}` }, commandId: `outcome:${pull.id}` });
}

/** The manifest saved from an earlier attempt, or asked from the court; undefined (alarmed) when its seal fails. */
async function sealedManifest(ctx: PullContext, pull: PullRecord, dir: string): Promise<PullManifestV1 | undefined> {
  const file = join(dir, 'manifest.json');
  let manifest: PullManifestV1;
  if (existsSync(file)) manifest = JSON.parse(readFileSync(file, 'utf8')) as PullManifestV1;
  else {
    if (!existsSync(join(dir, 'asked-at'))) writeFileDurable(join(dir, 'asked-at'), String(Date.now()), { mode: 0o600 });
    const subject = pullPrepareSubject(pull.court);
    const body = JSON.stringify({ pullId: pull.id });
    // making the copy of a large journal takes a while (backup + SHA-256)
    const m = await ctx.nc.request(subject, body, { timeout: 600_000, headers: signedHeaders(signerOf(ctx.bus), subject, body) });
    const err = m.headers?.get('Asds-Error');
    if (err) throw new Error(`court ${pull.court}: ${decodeURIComponent(err)}`);
    manifest = parseReply<PullManifestV1>(m.data);
  }
  const problems: string[] = [];
  if (!manifestCheck.Check(manifest)) problems.push('the manifest does not match asds.pull-manifest/v1');
  else if (manifest.pullId !== pull.id || manifest.court !== pull.court) problems.push(`the manifest is of pull ${manifest.pullId} of court ${manifest.court}`);
  else problems.push(...checkSeal(manifest, await ctx.courtAnchor(pull.court), pull.court).problems);
  if (problems.length > 0) {
    const alarm: NewAlarm = {
      court: pull.court,
      kind: 'pull-bad-manifest',
      key: `pull:${pull.id}`,
      summary: `Маніфест бази даних суду ${pull.court} (запит ${pull.id}) не засвідчено печаткою суду: ${problems.join('; ')}`,
      evidence: { pullId: pull.id, problems },
    };
    ctx.log.warn('pull-bad-manifest', { pull: pull.id, court: pull.court, problems });
    await raiseAlarms(ctx.engine(), [alarm], ctx.node);
    return undefined;
  }
  if (!existsSync(file)) writeFileDurable(file, JSON.stringify(manifest), { mode: 0o600, dirMode: 0o700 });
  return manifest;
}

/** When this centre first asked the court for the copy (compare.ts: what must be in it). */
function askedAt(dir: string): number {
  const f = join(dir, 'asked-at');
  return existsSync(f) ? Number(readFileSync(f, 'utf8')) : Number.POSITIVE_INFINITY;
}

/** Evidence capped so an alarm stays readable; the report holds every listed row. */
const EVIDENCE_ROWS = 200;

async function raiseDifference(ctx: PullContext, engine: AnalyticsEngine, r: PullReport): Promise<void> {
  const c = r.comparison;
  const n = c.counts;
  const alarm: NewAlarm = {
    court: r.court,
    kind: 'pull-difference',
    key: `pull:${r.pullId}`,
    summary:
      `База даних суду ${r.court} (запит ${r.pullId}) відрізняється від засвідченого центром журналу: ` +
      `змінено ${n.edited}, видалено ${n.deleted}, вставлено ${n.inserted}, переобчислено ${n.rehashed} подій; ` +
      `таблиць поза ланцюжком із розбіжністю: ${c.tables.length}`,
    evidence: {
      pullId: r.pullId,
      sha256: r.manifest.sha256,
      counts: n,
      edited: c.rows.edited.slice(0, EVIDENCE_ROWS),
      deleted: c.rows.deleted.slice(0, EVIDENCE_ROWS),
      inserted: c.rows.inserted.slice(0, EVIDENCE_ROWS),
      rehashed: c.rows.rehashed.slice(0, EVIDENCE_ROWS),
      tables: c.tables,
      checkpoints: c.checkpoints.contradicted.slice(0, EVIDENCE_ROWS),
      chainBreak: c.copy.firstBreak ?? null,
    },
  };
  ctx.log.warn('pull-difference', { pull: r.pullId, court: r.court, counts: n, tables: c.tables.length });
  await raiseAlarms(engine, [alarm], ctx.node);
}
