/** Refusals of the court's archive (Засади 17.1): merged into COURT_ERRORS (../errors.ts). */
export const ARCHIVE_ERRORS = {
  ARCHIVE_CASE_UNKNOWN: {
    status: 404,
    uk: 'Архів суду не має відомостей про цю справу як розглянуту (жодне провадження не набрало законної сили)',
    en: 'The archive knows no considered case with this number (no proceeding has legal force)',
  },
  ARCHIVE_NOT_DUE: { status: 422, uk: 'Справа ще не підлягає передачі до електронного архіву (див. details.note)', en: 'The case is not due for the archive yet (see details.note)' },
  ARCHIVE_ALREADY_CONFIRMED: { status: 409, uk: 'Передачу справи до архіву вже підтверджено: архівний пакет формується або сформований', en: 'The transfer is already confirmed' },
  ARCHIVE_ALREADY_TRANSFERRED: { status: 409, uk: 'Справу вже передано до електронного архіву', en: 'The case is already in the archive' },
  ARCHIVE_NOT_TRANSFERRED: { status: 409, uk: 'Справу не передано до електронного архіву: витребувати її з архіву не можна', en: 'The case is not in the archive: nothing to recall' },
  ARCHIVE_NOT_CONFIRMED: { status: 409, uk: 'Передачу справи до архіву не підтверджено', en: 'The transfer is not confirmed' },
  ARCHIVE_PACKAGE_UNKNOWN: { status: 404, uk: 'Архівного пакета з таким ідентифікатором суд не формував (або його замінено новим)', en: 'No such current archival package' },
  ARCHIVE_RECEIPT_MISMATCH: {
    status: 422,
    uk: 'Квитанція центру не відповідає архівному пакету суду (див. details.fields) — передачу не зараховано',
    en: "The centre's receipt does not match the court's package (see details.fields): nothing recorded",
  },
  ARCHIVE_EXECUTION_DATE_INVALID: { status: 422, uk: 'Дата завершення виконання не може бути пізнішою за сьогодні', en: 'The execution date is in the future' },
  CASE_ARCHIVED: {
    status: 409,
    uk: 'Справу передано до електронного архіву: картку можна переглядати, а змінювати — лише після витребування справи з архіву',
    en: 'The case is in the electronic archive: the card is readable; changes only after recalling it',
  },
} as const;
