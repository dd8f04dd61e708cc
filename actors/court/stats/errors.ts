/** Refusals of the court's statistics (Засади 16): merged into COURT_ERRORS (../errors.ts). */
export const STATS_ERRORS = {
  STAT_CARD_INVALID: {
    status: 422,
    uk: 'Дані статистичної картки не пройшли вхідний логічний контроль (Засади 16.1.2): див. details.failures — нічого не записано',
    en: 'The statistical card fails input logical control (Засади 16.1.2): see details.failures — nothing was written',
  },
  STAT_CARD_NOT_FOUND: { status: 404, uk: 'Статистичної картки провадження немає (провадження не зареєстровано)', en: 'No statistical card for this proceeding' },
  STAT_FORM_NOT_FOUND: { status: 404, uk: 'Такої форми звітності немає серед форм суду', en: 'No such report form' },
  STAT_PERIOD_INVALID: { status: 422, uk: 'Період звіту неправильний (початок пізніше кінця або вид періоду не передбачено формою)', en: 'The report period is invalid' },
  STAT_REPORT_NOT_FOUND: { status: 404, uk: 'Звіт не знайдено', en: 'Report not found' },
  STAT_REPORT_HAS_FAILURES: {
    status: 422,
    uk: 'Звіт не пройшов логічний контроль (Засади 16.1.4): підписати його не можна — див. details.failures',
    en: 'The report fails logical control (Засади 16.1.4) and cannot be signed: see details.failures',
  },
  STAT_REPORT_SIGNED: { status: 409, uk: 'Звіт уже підписано: це оригінал', en: 'The report is already a signed Original' },
  STAT_SIGNATURE_REJECTED: { status: 422, uk: 'Підпис не пройшов перевірку (див. details.reason)', en: 'The signature does not verify (see details.reason)' },
  STAT_SIGNER_MISMATCH: { status: 422, uk: 'Підпис зроблено не вашим сертифікатом', en: 'The signature is not made with your certificate' },
  STAT_PKI_NOT_CONFIGURED: { status: 503, uk: 'У суду немає центру сертифікації (asds pki init)', en: 'The court has no CA (asds pki init)' },
} as const;
