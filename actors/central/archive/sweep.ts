/**
 * The `archive-sweep` job (queue asds-scheduled, daily by `upsertJobScheduler`; also `asds archive transfer`):
 * every `package-built` event of a court's `archive` actor among the replicated events (Засади 13.2: the centre
 * holds them all) whose package has no outcome yet gets its transfer job. Job ids are per package, so a sweep that
 * runs twice, or on two workers, adds each job once. (No FINAL on `events`: a redelivered twin of the event gives
 * the same job id — reading without it keeps the sweep cheap enough to follow ingest.)
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { CentralJobs } from '../jobs/index.ts';
import { archiveJobId, type ArchiveJobData } from './job.ts';

export const ARCHIVE_QUEUE = 'asds-archive' as const;
export const ARCHIVE_JOB = 'archive-transfer';
export const ARCHIVE_SWEEP_JOB = 'archive-sweep';
/** Daily at 02:30 UTC (after the courts' nightly due lists; outside office hours in Kyiv). */
export const ARCHIVE_SWEEP_PATTERN = '30 2 * * *';

/** Packages built at the courts and not yet accepted or refused at the centre. */
export async function packagesWithoutOutcome(engine: AnalyticsEngine, f: { court?: string; packageId?: string } = {}): Promise<ArchiveJobData[]> {
  const rows = await engine.query(
    `SELECT court, seq, ts,
            JSONExtractString(payload, 'packageId') AS package_id,
            JSONExtractString(payload, 'ueun') AS ueun,
            JSONExtractString(payload, 'tagmanifestSha256') AS tagmanifest_sha256,
            JSONExtractUInt(payload, 'files') AS files,
            JSONExtractUInt(payload, 'bytes') AS bytes
     FROM events
     WHERE kind = 'archive' AND type = 'package-built'
       AND ({court:String} = '' OR court = {court:String})
       AND ({pid:String} = '' OR JSONExtractString(payload, 'packageId') = {pid:String})
       AND (court, JSONExtractString(payload, 'packageId')) NOT IN (
         SELECT court, package_id FROM archive_packages FINAL WHERE state IN ('accepted', 'refused') AND court_told_at != 0)
     ORDER BY court, seq LIMIT 1 BY court, package_id LIMIT 10000`,
    { court: f.court ?? '', pid: f.packageId ?? '' },
  );
  return rows
    .map((r) => ({ court: String(r.court), packageId: String(r.package_id), ueun: String(r.ueun), tagmanifestSha256: String(r.tagmanifest_sha256), eventSeq: Number(r.seq), builtAt: Number(r.ts), files: Number(r.files), bytes: Number(r.bytes) }))
    .filter((d) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(d.packageId) && /^[0-9a-f]{64}$/.test(d.tagmanifestSha256) && d.ueun !== '');
}

/** Add the transfer job of every package without an outcome; returns their job ids. */
export async function sweepArchive(engine: AnalyticsEngine, jobs: CentralJobs, f: { court?: string; packageId?: string } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (const d of await packagesWithoutOutcome(engine, f)) {
    const id = archiveJobId(d.court, d.packageId);
    const existing = await jobs.job(ARCHIVE_QUEUE, id);
    // a job that failed for good (court silent past every retry) is started again by the next sweep
    if (existing && (await existing.isFailed())) await existing.remove();
    await jobs.add(ARCHIVE_QUEUE, ARCHIVE_JOB, d, id);
    ids.push(id);
  }
  return ids;
}
