/**
 * Prosecutors' electronic cabinets at the exchange hub (issue 17 §A.1): registry actor, HTTP routes, signature
 * checks E2 calls for documents of a cabinet.
 *
 *   const { signer } = await checkCabinetSignature({ system, trust: ctx.qualified(), orgId, content, cms });
 *   const head = await cabinetSigner(system, orgId);   // HeadCertificateV1 now; null: change pending; undefined: no cabinet
 */
export { CABINETS_KIND, CABINETS_ID, cabinetsBehavior, CabinetRefused, type CabinetsState } from './registry.ts';
export { cabinetRoutes, cabinetAdminRoutes, overdueHeadChanges, HEAD_CHANGE_WORKING_DAYS } from './routes.ts';
export { CabinetSignatureRefused, cabinetSigner, checkCabinetSignature, assertHead, verifyQualified, type CabinetSignatureCode, type QualifiedSignature } from './signature.ts';
export { organisationCodeOf, headOf, sameCertificate, canonicalDn, OID_ORGANIZATION_IDENTIFIER, OID_UA_EDRPOU } from './certificates.ts';
export { loadDistrictCodes, DEFAULT_DISTRICT_CODES_FILE } from './district-codes.ts';
