/**
 * The court's file service (contracts/files): scans of originals (Засади 13.2) and archive packages (17.1)
 * served chunk by chunk to a signed central node; covert-linked scans never (3.1 ¶2).
 *
 *   const svc = startCourtFileService({ court: '537', dataDir, nc, bus: identity, system, log });
 *   // the centre: await fetchCourtFile({ nc, signer, court: '537', source: 'blob', id: sha, dest, size, sha256: sha })
 *   svc.stop();
 */
export { startCourtFileService, type CourtFileService, type CourtFileServiceOptions } from './service.ts';
export { AttachmentIndex, FileRefused, archivePath, archivePackagesDir, resolveFile } from './resolve.ts';
