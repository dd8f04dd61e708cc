/**
 * Builds the archival package of every confirmed case (Засади 17.1), node side: asks the archive actor which cases
 * wait for a package, gathers each dossier (collector.ts), calls buildPackage into `<data>/archive/packages/`, and
 * records `package-built` (or `package-failed` with the reason) in the archive actor. Woken by every
 * `archive-confirmed` the journal commits, and once at start (a confirmation from before a crash is not lost).
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { followJournal, type ActorSystem, type Journal, type Logger } from '../../../runtime/index.ts';
import type { ArchiveCaseViewV1 } from '../../../contracts/court/archive.ts';
import type { CaseDossier } from '../../archive/dossier.ts';
import type { BuildOptions, BuiltPackage } from '../../archive/types.ts';
import { ARCHIVE_KIND } from './behavior.ts';
import { collectDossier, type CollectorOptions } from './collector.ts';

export type BuildPackage = (d: CaseDossier, o: BuildOptions) => Promise<BuiltPackage>;

export interface PackagerOptions extends CollectorOptions {
  dataDir: string;
  log: Logger;
  build: BuildPackage;
  clock?: () => number;
}

const META = { meta: { author: 'system:archive-packager', role: 'system' } };

/** `<data>/archive/packages` — the court file service serves `archive` ids from here (actors/court/files). */
export const packagesDir = (dataDir: string) => join(dataDir, 'archive', 'packages');

export class ArchivePackager {
  private readonly stopCtl = new AbortController();
  private running?: Promise<void>;
  private pass: Promise<void> = Promise.resolve();
  private again = false;
  private busy = false;

  constructor(private readonly o: PackagerOptions) {}

  start(): this {
    this.running = this.loop();
    return this;
  }

  async stop(): Promise<void> {
    this.stopCtl.abort();
    await this.running;
    await this.pass;
  }

  /** Build what waits now (tests and the HTTP confirm route may call it; passes never overlap). */
  wake(): Promise<void> {
    if (this.busy) {
      this.again = true;
      return this.pass;
    }
    this.busy = true;
    this.pass = (async () => {
      try {
        do {
          this.again = false;
          await this.buildWaiting();
        } while (this.again && !this.stopCtl.signal.aborted);
      } finally {
        this.busy = false;
      }
    })();
    return this.pass;
  }

  private async loop(): Promise<void> {
    const signal = this.stopCtl.signal;
    await this.wake().catch((e) => this.o.log.warn('archive-packager-pass-failed', { error: String(e) }));
    try {
      for await (const ev of followJournal(this.o.journal, { from: this.o.journal.head().gseq + 1, signal })) {
        if (ev.type === 'archive-confirmed' && ev.actor === `${ARCHIVE_KIND}/${this.o.court}`) {
          void this.wake().catch((e) => this.o.log.warn('archive-packager-pass-failed', { error: String(e) }));
        }
      }
    } catch (e) {
      if (!signal.aborted) this.o.log.error('archive-packager-stopped', { error: String(e) });
    }
  }

  private async buildWaiting(): Promise<void> {
    const archive = this.o.system.ref(ARCHIVE_KIND, this.o.court);
    const waiting = await archive.ask<ArchiveCaseViewV1[]>({ type: 'to-package' }, META);
    for (const item of waiting) {
      if (this.stopCtl.signal.aborted) return;
      let built: BuiltPackage;
      try {
        // a package id names its second (actors/archive layout.ts): a rebuild after a refusal must not reuse the last one's
        const previous = item.package ? Date.parse(item.package.at) + 1000 : 0;
        const now = Math.max((this.o.clock ?? Date.now)(), previous);
        const dossier = await collectDossier(this.o, item, now);
        const outDir = packagesDir(this.o.dataDir);
        mkdirSync(outDir, { recursive: true });
        built = await this.o.build(dossier, { outDir, seal: this.o.seal, caPem: this.o.caPem });
      } catch (e) {
        const code = String((e as { code?: unknown }).code ?? 'PACKAGE_FAILED').slice(0, 60);
        this.o.log.warn('archive-package-failed', { ueun: item.ueun, code, error: (e as Error).message });
        await archive.ask({ type: 'package-failed', ueun: item.ueun, code, message: String((e as Error).message).slice(0, 2000) || code }, META);
        continue;
      }
      await archive.ask({ type: 'record-package', built: { ueun: item.ueun, packageId: built.packageId, tagmanifestSha256: built.tagmanifestSha256, files: built.files.length, bytes: built.bytes } }, META);
      this.o.log.info('archive-package-built', { ueun: item.ueun, packageId: built.packageId, files: built.files.length, bytes: built.bytes });
    }
  }
}
