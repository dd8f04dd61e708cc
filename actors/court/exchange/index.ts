/**
 * The court's side of the exchange with prosecutors (exchange order 2024, §A of the digest): the inbox of
 * documents the exchange hub delivers (registered as incoming correspondence in their case, Засади 3.1–3.2) and
 * the documents the court sends to prosecutors' cabinets.
 *
 *   // on the court node (courtBehaviors registers both kinds); the hub (a central node) delivers:
 *   await system.ref(EXCHANGE_INBOX_KIND, '537', 'court-537').ask({ type: 'file-document', filing });
 *   // → { filingId, status: 'received' }; later `outcomes` → [{ filingId, status: 'registered', registration: { number: '41/26', … } }]
 *   // court staff: POST /cases/537/12/26/exchange/outgoing → the outgoing actor sends it to the hub (`send-document`)
 */
export { exchangeInboxBehavior, EXCHANGE_INBOX_KIND, HUB_FILINGS_KIND, HUB_FILINGS_ID, type InboxState, type InboxEvent } from './inbox.ts';
export { exchangeOutgoingBehavior, EXCHANGE_OUTGOING_KIND, outgoingView, type OutgoingState, type OutgoingEvent } from './outgoing.ts';
export { EXCHANGE_ERRORS } from './errors.ts';
