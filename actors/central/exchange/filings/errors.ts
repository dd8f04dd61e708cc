/**
 * Refusals of the exchange of procedural documents (exchange order 2024, §A): one stable code each, the HTTP status
 * and the message for people in Ukrainian. Every refusal writes nothing.
 */
import { DomainRejected } from '../../../../runtime/index.ts';

export const FILING_ERRORS = {
  SCHEMA_INVALID: { status: 400, uk: 'Запит не відповідає схемі обміну (версія 1)', en: 'The request does not match the exchange schema (v1)' },
  DOCUMENT_RESTRICTED: {
    status: 422,
    uk: 'Документи зі службовою інформацією чи державною таємницею не передаються через обмін',
    en: 'Documents with official-use-only information or state secrets are never exchanged',
  },
  SIGNATURE_MISSING: { status: 422, uk: 'Документ не підписано: потрібен кваліфікований електронний підпис або печатка', en: 'The document is not signed' },
  SIGNATURE_INVALID: { status: 422, uk: 'Кваліфікований електронний підпис документа не пройшов перевірку', en: 'The signature does not verify' },
  SIGNER_NOT_TRUSTED: {
    status: 422,
    uk: 'Документ підписано не керівником (не печаткою) електронного кабінету цієї прокуратури',
    en: 'The signer is not the current head (or seal) of this organisation’s cabinet',
  },
  MESSAGE_ID_REUSED: { status: 409, uk: 'Ідентифікатор повідомлення вже використано для іншого документа', en: 'The message id was already used for different content' },
  FILING_NOT_FOUND: { status: 404, uk: 'Документ обміну не знайдено', en: 'No such filing' },
  INBOX_ITEM_NOT_FOUND: { status: 404, uk: 'Документ у кабінеті не знайдено', en: 'No such document in the cabinet' },
  WRONG_COURT: { status: 403, uk: 'Суд-відправник не є судом цієї справи', en: 'The sending court is not the court of this case' },
} as const;
export type FilingErrorCode = keyof typeof FILING_ERRORS;

/** A refusal of the filings actor (runtime: DomainRejected, so a court's sender sees it as final). */
export function filingRejected(code: FilingErrorCode, details?: unknown): DomainRejected {
  return new DomainRejected(code, FILING_ERRORS[code].uk, details);
}
