/**
 * Incoming correspondence in a pending case (Засади 3.1–3.2): the court's journal of incoming correspondence
 * (numbers `<seq>/<yy>`, gap-free per year), the item on the card of its case, its hand-over to the presiding
 * judge, and the control list of items that wait for a judge.
 *
 *   const r = await system.ref(CORRESPONDENCE_KIND, '537').ask({ type: 'register', item: { ueun: '537/12/26',
 *     proceedingNumber: '2/537/9/26', covertCase: false, kind: 'reply', arrivalDate: '2026-12-07',
 *     sender: 'ТОВ «Ромашка»', title: 'відзив на позовну заяву' } }, { meta: { author: 'registrar1', role: 'registrar' } });
 *   // r.number === '41/26'; the card of 537/12/26 shows it, handed to the presiding judge (or waiting for one)
 */
export { correspondenceJournalBehavior, CORRESPONDENCE_KIND, type JournalState, type JournalEvent } from './journal.ts';
export { recordCorrespondence, handOverWaiting, readCorrespondence, cardCorrespondence, mayReadCorrespondence, type CorrespondenceEntry, type CorrespondenceEvent } from './card.ts';
export { waitingCorrespondenceRows, correspondenceWaitingHtml, correspondenceWaitingText } from './control.ts';
export { CORRESPONDENCE_ERRORS } from './errors.ts';
