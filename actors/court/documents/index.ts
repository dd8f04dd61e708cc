/** Court documents from templates, Draft → Original (Засади 13.1–13.2): actor `documents/<court>`. */
export { documentsBehavior, canonicalContent, loginOfSubject, sha256, type CourtDocument, type DocumentSignature, type DocumentsState, type DocumentsEvent, type IdParts } from './behavior.ts';
export { TEMPLATES, CASE_FIELDS, fill, type DocumentTemplate } from './templates.ts';
export { DOCUMENTS_KIND } from '../../../contracts/court/documents.ts';
export { CourtTrust, courtTrust, verifyWithTrust, type CourtTrustMaterial } from './trust.ts';
