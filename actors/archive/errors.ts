/**
 * Named errors of the archive library: a dossier that cannot become a package is refused with a stable
 * code before anything is left on disk (build.ts builds in a temporary folder and renames at the end).
 */
import { AsdsError } from '../../runtime/errors.ts';
import type { PackageProblem } from './types.ts';

/** The dossier does not match CaseDossierV1, or its parts contradict each other. */
export class ArchiveDossierInvalid extends AsdsError {
  constructor(message: string, details?: unknown) {
    super('ARCHIVE_DOSSIER_INVALID', message, details);
  }
}

/** A scan file is not what the dossier says (size or SHA-256): the blob store and the card disagree. */
export class ArchiveScanMismatch extends AsdsError {
  constructor(path: string, expected: { sha256: string; size: number }, got: { sha256: string; size: number }) {
    super('ARCHIVE_SCAN_MISMATCH', `scan ${path}: expected ${expected.size} bytes sha256 ${expected.sha256}, found ${got.size} bytes sha256 ${got.sha256}`, { path, expected, got });
  }
}

/** A package with this id is already in the output folder (packages are never overwritten). */
export class ArchivePackageExists extends AsdsError {
  constructor(dir: string) {
    super('ARCHIVE_PACKAGE_EXISTS', `archival package ${dir} already exists`, { dir });
  }
}

/** The package just built does not validate (e.g. a broken journal proof in the dossier): nothing is kept. */
export class ArchivePackageInvalid extends AsdsError {
  constructor(problems: PackageProblem[]) {
    super('ARCHIVE_PACKAGE_INVALID', `the archival package does not validate: ${problems.map((p) => `${p.code} ${p.file ?? ''} ${p.message}`).slice(0, 5).join('; ')}`, { problems });
  }
}
