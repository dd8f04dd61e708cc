/**
 * The exchange hub's procedural documents (exchange order 2024, §A of the digest): prosecutors file signed
 * documents into court cases and read notices; courts send documents to prosecutors' cabinets.
 *
 *   import { exchangeFilingsBehavior, filingRoutes } from './actors/central/exchange/filings/index.ts';
 *   system.register(exchangeFilingsBehavior);                                   // on the hub's central worker
 *   await startExchangeHub({ ..., routes: [filingRoutes({ checkSigner })] });   // POST /exchange/v1/filings …
 *   // curl --cert org.crt --key org.key -X POST https://hub/exchange/v1/filings -d @filing.json
 *   //   → 202 { filingId, receivedAt, status: 'queued' }; GET /exchange/v1/notices?after=0 → registered | refused
 */
export { exchangeFilingsBehavior, EXCHANGE_FILINGS_KIND, EXCHANGE_FILINGS_ID, receiptOf, statusOf, type HubState, type HubEvent, type HubFiling } from './behavior.ts';
export { filingRoutes, filingDigest, verificationOf, type FilingsCtx, type FilingRoutesOptions, type SignerCheck } from './routes.ts';
export { FILING_ERRORS, filingRejected, type FilingErrorCode } from './errors.ts';
