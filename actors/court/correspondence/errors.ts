/**
 * Refusals of incoming correspondence in a pending case (Засади 3.1–3.2); part
 * of the court's catalogue (`../errors.ts` spreads them in): one stable code
 * each, the HTTP status and the message for people in Ukrainian.
 */
export const CORRESPONDENCE_ERRORS = {
  PROCEEDING_REQUIRED: {
    status: 422,
    uk: 'У справі кілька проваджень: зазначте номер провадження, у якому подано документ',
    en: 'The case has several proceedings: name the proceeding the document was filed in',
  },
  OUTGOING_AFTER_ARRIVAL: {
    status: 422,
    uk: 'Дата вихідного документа пізніша за дату його надходження до суду',
    en: "The sender's outgoing date is after the arrival date",
  },
  CORRESPONDENCE_FORBIDDEN: {
    status: 403,
    uk: 'Вхідну кореспонденцію у справі бачить лише суддя, визначений у цій справі',
    en: 'Only a judge assigned in the case sees its incoming correspondence',
  },
} as const;
