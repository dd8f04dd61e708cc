/**
 * Originals in the central database (Засади 13.2–13.3; issue 15 item 1): each court document in state Original —
 * content as signed, detached CMS signatures re-verified against the court's CA, card facts — and each scan,
 * fetched by SHA-256 from the court (actors/central/files), with the 2-hour window measured and an overdue list.
 *
 *   const originals = startCentralOriginals({ nc, bus, engine: () => engine, dataDir, log });
 *   originals.poke(['537']);                    // ingest's onStored does this after every batch
 *   await originals.idle();
 *   await overdueOriginals(engine);             // GET /originals/overdue
 */
export { startCentralOriginals, type CentralOriginals, type CentralOriginalsOptions } from './service.ts';
export { foldOriginals, foldOriginalsAll, originalsMark, type FoldContext } from './fold.ts';
export { assembleOriginal, type Assembled, type DocEventRow } from './assemble.ts';
export { verifyOriginal, type OriginalVerification, type SignatureCheck, type Verdict } from './verify.ts';
export { ScanFetcher, scanPath } from './scans.ts';
export { ORIGINALS_WINDOW_MS, getOriginal, listOriginals, listScans, originalsWindow, overdueOriginals, type OriginalRecord, type OriginalSummary, type OverdueItem, type WindowFigures } from './store.ts';
export { registerOriginalsRoutes } from './http.ts';
