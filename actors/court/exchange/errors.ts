/**
 * Refusals of the exchange with prosecutors (exchange order 2024, §A of the digest); part of the court's catalogue
 * (`../errors.ts` spreads them in): one stable code each, the HTTP status and the message for people in Ukrainian.
 */
export const EXCHANGE_ERRORS = {
  DOCUMENT_RESTRICTED: {
    status: 422,
    uk: 'Документи зі службовою інформацією чи державною таємницею не надсилаються через обмін',
    en: 'Documents with official-use-only information or state secrets are never exchanged',
  },
  SIGNATURE_INVALID: {
    status: 422,
    uk: 'Кваліфікований електронний підпис документа не пройшов перевірку',
    en: 'The qualified signature of the document does not verify',
  },
  OUTGOING_KEY_REUSED: {
    status: 409,
    uk: 'Ключ ідемпотентності вже використано для іншого документа: надішліть новий документ з іншим ключем',
    en: 'The idempotency key was already used for another document',
  },
  OUTGOING_NOT_FOUND: { status: 404, uk: 'Вихідний документ обміну не знайдено', en: 'No such outgoing exchange document' },
  EXCHANGE_NOT_CONFIGURED: {
    status: 503,
    uk: 'Обмін з прокуратурою не налаштовано на цьому вузлі суду',
    en: 'The exchange with prosecutors is not configured on this court node',
  },
} as const;
