/**
 * The archival package of a case (issue 15 item 3; Засади 17.1; docs/archive-package.md): a BagIt bag
 * sealed by the court, with the card, the case's full journal rows proven by a chain segment up to a
 * sealed checkpoint, documents with their signatures, protocols, scans and the опис in Ukrainian.
 * Used by the court (actors/court/archive builds) and the centre (actors/central/archive validates).
 *
 *   import { buildPackage, validatePackage } from './actors/archive/index.ts';
 *   const seal = ensureCourtSeal(dataDir, '537', courtName);
 *   const caPem = readFileSync(join(courtPkiDir(dataDir), 'ca.crt.pem'), 'utf8');
 *   const built = await buildPackage(dossier, { outDir: join(dataDir, 'archive/packages'), seal, caPem });
 *   // built: { packageId: '537_537-12-26_20261207T060000Z', dir, files, bytes, tagmanifestSha256 }
 *   const report = await validatePackage(built.dir, { caPem, operatorKey });
 *   // report.ok, report.problems [{ code: 'FILE_ALTERED', file, message }], report.bagInfo, report.caseEvents
 *
 * Fixity alone, with no project code: `cd <dir> && sha256sum -c manifest-sha256.txt`.
 */
export { buildPackage, PACKAGE_SCHEMA } from './build.ts';
export { validatePackage, REQUIRED_BAG_INFO } from './validate.ts';
export { verifyProof, type ProofInput, type ProofResult } from './proof.ts';
export { inventoryPdf, retentionUk, type InventoryItem, type InventoryModel } from './inventory.ts';
export { packageIdOf } from './layout.ts';
export { caseRowOf, chainRowOf, readSegment } from './rows.ts';
export { packageSummary } from './summary.ts';
export { MANIFEST, TAGMANIFEST, SEAL_FILE, BAG_INFO, BAGIT, PROFILE } from './bag.ts';
export { ArchiveDossierInvalid, ArchivePackageExists, ArchivePackageInvalid, ArchiveScanMismatch } from './errors.ts';
export * from './dossier.ts';
export type * from './types.ts';
