/**
 * The court's own documents — orders, directives, memos, timesheets, acts (Засади 2.1, 2.3, 2.4, 4.2, 4.9, 4.13,
 * 4.15, 13.1): kinds and templates from `documents.yaml`, numbered in registers and signed into Original by the
 * documents actor, linked to the records they ground, their next-working-day deadlines on the overdue list.
 *
 *   const config = loadCourtDocumentsFile('deploy/examples/lubny/zasady.yaml');   // documents.yaml beside it
 *   documentsBehavior({ trust, courtDocuments: config });                          // the one documents actor
 *   const link = await basisLink(ctx, absence.basis, absenceEffect(name, judgeId, absence), asUser(p));
 *   await recordTheAbsence(); await link();
 */
export { loadCourtDocuments, loadCourtDocumentsFile, courtDocumentsIssues, numberPattern, NODE_FIELDS, NO_COURT_DOCUMENTS } from './config.ts';
export { decideCourtDocument, evolveCourtDocument, type RegisterEntry, type DocumentLink, type PendingReference, type CourtDocumentEvent } from './decide.ts';
export { basisLink, absenceEffect, POSITION_UK, type AnyBasis } from './links.ts';
