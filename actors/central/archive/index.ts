/**
 * The central electronic archive (Засади 17.1; issue 15 items 4–6): a BullMQ job per archival package — every file
 * fetched resumably from the court, validated (fixity, court seal, journal proof), compared with the centre's
 * replicated events of the case, stored (filesystem by default, behind ArchiveStore), answered with a receipt signed
 * by the worker's bus key (`record-receipt` to the court's archive actor) or a refusal with code and reason.
 *
 *   const archive = new CentralArchive({ node: 'central-1', nc, bus, system, engine: () => engine, jobs, dataDir,
 *     files: { stat: (o) => statCourtFile({ nc, signer, ...o }), fetch: (o) => fetchCourtFile({ nc, signer, ...o }) },
 *     validate: validatePackage, log });
 *   jobs.start();
 *   await archive.start();                                     // daily sweep scheduled, CLI answered
 *   archive.poke(new Set(['537']));                            // ingest stored court 537's events: look for new packages
 *   await archive.transfer({ court: '537' });                  // jobs for every built package without an outcome
 *   await archive.query({ op: 'list', court: '537', year: 2026 });   // the inventory
 */
export { CentralArchive, POKE_EVERY_MS, type CentralArchiveOptions, type ArchiveView } from './service.ts';
export { runArchiveJob, acceptPackage, archiveJobId, manifestLines, COURT_ARCHIVE_KIND, TAGMANIFEST, MANIFEST, SEAL_FILE, type ArchiveJobData, type ArchiveJobContext, type Accepted, type ArchiveJobResult, type CourtFiles, type ValidatePackage } from './job.ts';
export { sweepArchive, packagesWithoutOutcome, ARCHIVE_QUEUE, ARCHIVE_JOB, ARCHIVE_SWEEP_JOB, ARCHIVE_SWEEP_PATTERN } from './sweep.ts';
export { compareCaseEvents, checkCaseEvents, type CaseEventRef, type Completeness } from './completeness.ts';
export { listArchive, getArchiveRecord, type ArchiveRecord, type ArchiveState, type ArchiveFilter } from './records.ts';
export { refusalOf, refusalCodeOf, PackageRefused, REASON_HEAD, type PackageProblem } from './refusal.ts';
export { retentionOf } from './retention.ts';
export { FsArchiveStore, walk } from './fs-store.ts';
export type { ArchiveStore, PackageKey, StoredFile } from './store.ts';
export { ArchiveNotStored, ArchiveBadPath, ArchiveQueryRefused, safeBagPath } from './errors.ts';
