/**
 * The court's electronic archive (Засади 17.1, issue 15 items 2 and 4): rules per category (archive.yaml beside the
 * Засади), the `archive` actor (pure: due list by a daily durable reminder, the archivist's or the automatic
 * confirmation, packages, the centre's receipt or refusal, recall), the journal feeder and the packager, started
 * together by the court node.
 *
 *   const a = startCourtArchive({ court: '537', dataDir, system: host.system, journal: host.journal, log,
 *     courtName, keyPassphrase, build: buildPackage });
 *   await host.system.ref('archive', '537').ask({ type: 'due' });   // { date, cases: [{ ueun, state, note, … }] }
 *   await a.packager.wake();                                         // build what is confirmed now
 *   await a.stop();
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActorSystem, Journal, Logger } from '../../../runtime/index.ts';
import { BlobStore } from '../blobs/store.ts';
import { courtPkiDir, ensureCourtSeal } from '../seal/index.ts';
import { ArchiveFeeder } from './feeder.ts';
import { ArchivePackager, type BuildPackage } from './packager.ts';
import type { CollectorOptions } from './collector.ts';

export { archiveBehavior, ARCHIVE_KIND, viewOf, type ArchiveState, type ArchiveEvent } from './behavior.ts';
export { DEFAULT_ARCHIVE, loadArchiveConfig, loadArchiveFile, archiveConfigIssues, archiveCategoryOf } from './config.ts';
export { readiness, nextKyivTime, type Readiness } from './rules.ts';
export { collectDossier } from './collector.ts';
export { ArchivePackager, packagesDir, type BuildPackage } from './packager.ts';
export { ArchiveFeeder } from './feeder.ts';

export interface CourtArchiveOptions {
  court: string;
  dataDir: string;
  system: ActorSystem;
  journal: Journal;
  log: Logger;
  courtName: string;
  keyPassphrase: string;
  build: BuildPackage;
  clock?: () => number;
  /** The node's checkpointer on the bus: packages carry a checkpoint the centre witnessed (collector.ts). */
  witness?: CollectorOptions['witness'];
}

export interface CourtArchive {
  feeder: ArchiveFeeder;
  packager: ArchivePackager;
  stop(): Promise<void>;
}

export function startCourtArchive(o: CourtArchiveOptions): CourtArchive {
  const feeder = new ArchiveFeeder({ system: o.system, journal: o.journal, court: o.court, log: o.log }).start();
  // the court seal signs the package's tag manifest (actors/archive build.ts); opened once, like the checkpoints'
  const seal = ensureCourtSeal(o.dataDir, o.court, o.courtName, o.keyPassphrase);
  const caPem = readFileSync(join(courtPkiDir(o.dataDir), 'ca.crt.pem'), 'utf8');
  const packager = new ArchivePackager({
    court: o.court,
    courtName: o.courtName,
    system: o.system,
    journal: o.journal,
    blobs: new BlobStore(o.dataDir),
    seal,
    caPem,
    dataDir: o.dataDir,
    log: o.log,
    build: o.build,
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.witness ? { witness: o.witness } : {}),
  }).start();
  return {
    feeder,
    packager,
    async stop() {
      await feeder.stop();
      await packager.stop();
    },
  };
}
