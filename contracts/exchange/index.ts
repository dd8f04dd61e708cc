/**
 * Contracts of the judiciary's exchange hub (issue 17), version 1. E1: organisations (§C) and prosecutors'
 * cabinets (§A.1); E2/E3 add filings and information files.
 *
 *   import { RegisterOrganisationV1, PublicOrganisationsV1 } from './contracts/exchange/index.ts';
 *   schemaErrors(RegisterOrganisationV1, body);   // [] when well-formed
 */
export * from './organisations.ts';
export * from './cabinets.ts';
