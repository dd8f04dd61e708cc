/**
 * The centre's resumable fetcher of court files (contracts/files; the court's side: actors/court/files): scans of
 * originals (Засади 13.2) and files of archive packages (17.1).
 *
 *   const { size, sha256 } = await statCourtFile({ nc, signer: signerOf(identity), court: '537', source: 'blob', id: sha });
 *   await fetchCourtFile({ nc, signer: signerOf(identity), court: '537', source: 'blob', id: sha, dest: '/data/scans/x', size, sha256 });
 */
export { fetchCourtFile, statCourtFile, sha256File, DEFAULT_FILE_CHUNK_BYTES, DEFAULT_FILE_PATIENCE_MS, DEFAULT_FILE_WINDOW, type CourtFileRequest, type FetchCourtFileOptions, type FetchRecord, type FetchResult } from './fetch.ts';
export { CourtFileError } from './errors.ts';
