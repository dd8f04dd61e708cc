/**
 * Refusals of a registration's route (Засади 4.11, 4.17, 5.1–5.2, 5.1.11):
 * checked before anything is written, so a bad route registers nothing.
 * Merged into COURT_ERRORS (../errors.ts).
 */
export const ROUTE_ERRORS = {
  ROUTE_NOT_AVAILABLE: {
    status: 422,
    uk: 'Суд не має чинних Засад використання АСДС: маршрут справи (передача раніше визначеному судді) не застосовується',
    en: 'The court has no Засади in force: a route (transfer to the earlier judge) cannot be applied',
  },
  ROUTE_NEEDS_CATEGORY: {
    status: 422,
    uk: 'Маршрут справи зазначається лише для категорії, що розподіляється за Засадами: зазначте категорію Засад',
    en: 'A route is stated only for a category the Засади distribute: give a Засади category',
  },
  UNKNOWN_GROUND: {
    status: 422,
    uk: 'Засади використання АСДС цього суду не містять такої підстави передачі справи',
    en: 'The Засади of this court list no such ground',
  },
  ROUTE_GROUND_REQUIRED: {
    status: 422,
    uk: 'Зазначено попередню справу чи ухвалу про роз’єднання, але не підставу передачі (пункт Засад)',
    en: 'An earlier case or a split ruling is given without the ground (the Засади paragraph)',
  },
  ROUTE_RELATED_CASE_REQUIRED: {
    status: 422,
    uk: 'Для цієї підстави потрібен номер провадження попередньої справи цього суду (Засади 4.11, 4.17, 5.1)',
    en: 'This ground needs the proceeding number of the earlier case of this court',
  },
  ROUTE_RELATED_CASE_UNKNOWN: {
    status: 422,
    uk: 'Попередню справу не розподілено в цьому суді: раніше визначеного судді не встановлено — перевірте номер провадження',
    en: 'The earlier case was not distributed in this court: check the proceeding number',
  },
  ROUTE_SPLIT_RULING_REQUIRED: {
    status: 422,
    uk: 'Для виділеної (роз’єднаної) справи потрібна ухвала про роз’єднання: номер, дата, суддя (Засади 4.11)',
    en: 'A split-off case needs the split ruling: number, date, judge (Засади 4.11)',
  },
  ROUTE_ERDR_REQUIRED: {
    status: 422,
    uk: 'Для цієї підстави потрібен номер кримінального провадження в ЄРДР (Засади 5.2)',
    en: 'This ground needs the ЄРДР number (Засади 5.2)',
  },
  ROUTE_PERSON_INCOMPLETE: {
    status: 400,
    uk: 'Особу зазначають РНОКПП або прізвищем, ім’ям, по батькові з датою народження (Засади 5.1.11)',
    en: 'The person is given by РНОКПП, or by full name with date of birth (Засади 5.1.11)',
  },
  ROUTE_KEY_MISSING: {
    status: 503,
    uk: 'Ключ суду не налаштовано: дані особи не зберігаються відкрито, тож пошук попередньої справи особи (Засади 5.1.11) неможливий',
    en: 'The court key is not configured: person data is never stored in clear, so the 5.1.11 person index is unavailable',
  },
} as const satisfies Record<string, { status: number; uk: string; en: string }>;
