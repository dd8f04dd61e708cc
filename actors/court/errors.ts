/**
 * Refusals of the court node: one stable code each, with the HTTP status and
 * the message in Ukrainian and English. Actors throw `CourtRejected(code)`;
 * the HTTP layer renders `{ error: { code, message: { uk, en }, details } }`.
 */
import { DomainRejected, registerErrorClass } from '../../runtime/index.ts';
import { CORRESPONDENCE_ERRORS } from './correspondence/errors.ts';
import { ROUTE_ERRORS } from './registry/route-errors.ts';
import { STATS_ERRORS } from './stats/errors.ts';
import { ARCHIVE_ERRORS } from './archive/errors.ts';
import { EXCHANGE_ERRORS } from './exchange/errors.ts';

export const COURT_ERRORS = {
  ...ROUTE_ERRORS,
  ...STATS_ERRORS,
  ...ARCHIVE_ERRORS,
  ...EXCHANGE_ERRORS,
  // Засади 18.1 (protection against blocking): a full or read-only disk refuses writes, reads keep working.
  STORAGE_UNAVAILABLE: {
    status: 503,
    uk: 'Сховище суду тимчасово не приймає записів (диск заповнений або доступний лише для читання): зміни не збережено, перегляд працює; повторіть пізніше',
    en: "The court's storage does not accept writes now (disk full or read-only): nothing was saved, reading works; try again later",
  },
  VALIDATION_FAILED: { status: 400, uk: 'Запит не відповідає схемі', en: 'The request does not match the schema' },
  BAD_JSON: { status: 400, uk: 'Тіло запиту не є коректним JSON', en: 'The request body is not valid JSON' },
  BAD_DATE: { status: 400, uk: 'Такої дати не існує', en: 'No such calendar date' },
  ARRIVAL_IN_FUTURE: { status: 422, uk: 'Дата надходження пізніша за день реєстрації', en: 'The arrival date is after the registration day' },
  LATE_REGISTRATION_REQUIRES_ORDER: {
    status: 422,
    uk: 'Реєстрація не в день надходження можлива лише за розпорядженням керівника апарату суду із зазначенням причин (Засади 3.1)',
    en: "Registration after the arrival day needs the head of staff's order with the reason (Засади 3.1)",
  },
  LATE_REGISTRATION_PAST_TERM: {
    status: 422,
    uk: 'Строк реєстрації, встановлений розпорядженням керівника апарату, минув (Засади 3.1)',
    en: "The term set by the head of staff's order has passed (Засади 3.1)",
  },
  LATE_ORDER_NOT_NEEDED: {
    status: 422,
    uk: 'Документ реєструється в день надходження: розпорядження про пізню реєстрацію не потрібне',
    en: 'The document is registered on its arrival day: no late-registration order is needed',
  },
  UNKNOWN_PROCEEDING_INDEX: {
    status: 422,
    uk: 'Такого індексу провадження немає в переліку Засад використання АСДС цього суду',
    en: "The proceeding index is not in this court's Засади list",
  },
  UNKNOWN_UEUN: {
    status: 422,
    uk: 'Єдиний унікальний номер цього суду не присвоювався',
    en: 'This court never assigned that unique case number',
  },
  COVERT_KEY_MISSING: {
    status: 503,
    uk: 'Ключ шифрування суду не налаштовано: реєстрація НСРД неможлива',
    en: 'The court encryption key is not configured: covert registration is impossible',
  },
  CASE_NOT_FOUND: { status: 404, uk: 'Справу не знайдено', en: 'Case not found' },
  PROCEEDING_NOT_FOUND: { status: 404, uk: 'Провадження не знайдено в цій справі', en: 'No such proceeding in this case' },
  ATTACHMENT_NOT_FOUND: { status: 404, uk: 'Вкладення не знайдено', en: 'Attachment not found' },
  NOT_FOUND: { status: 404, uk: 'Ресурс не знайдено', en: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, uk: 'Метод не підтримується', en: 'Method not allowed' },
  NO_CHANGE: { status: 422, uk: 'Нове значення збігається з чинним', en: 'The new value equals the current one' },
  ALREADY_ATTACHED: { status: 200, uk: 'Файл уже додано до картки', en: 'The file is already attached' },
  COVERT_FORBIDDEN: {
    status: 403,
    uk: 'Відомості про НСРД доступні лише слідчому судді, визначеному у справі (Засади 3.1)',
    en: 'Covert details are available only to the investigating judge assigned to the case (Засади 3.1)',
  },
  NOT_ASSIGNED: { status: 409, uk: 'Слідчого суддю у справі ще не визначено', en: 'No investigating judge assigned yet' },
  DECISION_FORBIDDEN: { status: 403, uk: 'Рішення записує суддя, визначений у справі, або керівник апарату', en: 'Only the judge assigned to the case or the head of staff records its decision' },
  NOT_DISTRIBUTED: { status: 409, uk: 'Суддю у провадженні ще не визначено', en: 'No judge assigned in this proceeding yet' },
  // Assignments only by the automated system (Засади 4.7–4.9; issue 10): actors/court/case/behavior.ts, http/cases.ts
  GROUND_REQUIRED: { status: 422, uk: 'Невипадкове визначення судді записується лише з підставою, названою в Засадах', en: 'A non-random assignment is recorded only with a ground the Засади name' },
  PROTOCOL_NOT_OF_CASE: {
    status: 422,
    uk: 'Протокол не є чинним протоколом розподілу цього провадження: суддю записують лише з протоколу автоматизованої системи',
    en: 'The protocol is not the current distribution protocol of this proceeding: the judge is written only from a protocol of the automated system',
  },
  ALREADY_DECIDED: { status: 409, uk: 'Рішення у провадженні вже записано', en: 'The proceeding is already decided' },
  DECISION_DATE_INVALID: { status: 422, uk: 'Дата рішення в майбутньому або раніше реєстрації', en: 'The decision date is in the future or before the registration' },
  // Legal force and appeals (Засади 11, 12.4.2): actors/court/case/legal-force.ts
  FULL_TEXT_DATE_INVALID: { status: 422, uk: 'Дата повного тексту раніше дати рішення або в майбутньому', en: 'The full-text date is before the decision date or in the future' },
  NOT_DECIDED: { status: 409, uk: 'Рішення у провадженні ще не записано', en: 'No decision recorded in this proceeding yet' },
  APPEAL_DATE_INVALID: { status: 422, uk: 'Дата раніше рішення (скарги) або в майбутньому', en: 'The date is before the decision (the appeal) or in the future' },
  NO_APPEAL: {
    status: 409,
    uk: 'Апеляційної скарги не надходило: законна сила фіксується автоматично після спливу строку (Засади 11.1)',
    en: 'No appeal was filed: legal force is recorded automatically when the term passes (Засади 11.1)',
  },
  ALREADY_SENT: { status: 409, uk: 'Справу вже надіслано до суду апеляційної інстанції', en: 'The case was already sent to the appellate court' },
  LEGAL_FORCE_FORBIDDEN: {
    status: 403,
    uk: 'Набрання законної сили вносить головуючий суддя у справі або керівник апарату (Засади 11.1)',
    en: 'Legal force is recorded by the presiding judge of the case or the head of staff (Засади 11.1)',
  },
  LEGAL_FORCE_ALREADY: { status: 409, uk: 'Набрання законної сили вже зафіксовано', en: 'Legal force is already recorded' },
  LEGAL_FORCE_DATE_INVALID: {
    status: 422,
    uk: 'Дата раніше рішення (чи рішення вищої інстанції) або в майбутньому',
    en: "The date is before the decision (or the higher instance's decision) or in the future",
  },
  FULL_TEXT_ALREADY: { status: 409, uk: 'Дату повного тексту (вручення, ідентифікатор документа) вже записано', en: 'The full-text date (service date, document id) is already recorded' },
  TERM_CATEGORY_UNKNOWN: { status: 422, uk: 'Такої категорії строків немає в legal-force.yaml', en: 'No such term category in legal-force.yaml' },
  DOCUMENT_ID_INVALID: {
    status: 422,
    uk: 'Документа з таким ідентифікатором немає в цьому провадженні або його вже зазначено в іншому рішенні (Засади 13.2)',
    en: 'No document with this id in this proceeding, or it is already named by another decision (Засади 13.2)',
  },
  UNAUTHENTICATED: { status: 401, uk: 'Потрібна автентифікація (Bearer-токен)', en: 'Authentication required (Bearer token)' },
  BAD_CREDENTIALS: { status: 401, uk: 'Невірний логін або пароль', en: 'Wrong login or password' },
  TOKEN_INVALID: { status: 401, uk: 'Токен недійсний або прострочений', en: 'The token is invalid or expired' },
  FORBIDDEN: { status: 403, uk: 'Ваша роль не має цього права', en: 'Your role does not have this right' },
  USER_EXISTS: { status: 409, uk: 'Користувач з таким логіном уже існує', en: 'A user with this login exists' },
  USER_NOT_FOUND: { status: 404, uk: 'Користувача не знайдено', en: 'User not found' },
  // HTTP hardening (issue 10 item 7): actors/court/http/throttle.ts, validate.ts, registration.ts, attachments.ts
  LOGIN_THROTTLED: {
    status: 429,
    uk: 'Забагато спроб входу. Спробуйте знову через час, зазначений у заголовку Retry-After',
    en: 'Too many login attempts. Try again after the time given in Retry-After',
  },
  BAD_PARAMETER: { status: 400, uk: 'Параметр запиту має бути цілим числом у дозволених межах (лише цифри)', en: 'The query parameter must be an integer within bounds (digits only)' },
  UEUN_INVALID: { status: 400, uk: 'Єдиний унікальний номер не відповідає формату <код суду>/<номер>/<рік>', en: 'The unique case number does not match <court code>/<number>/<yy>' },
  UNKNOWN_COURT_CODE: { status: 422, uk: 'Суду з таким кодом немає в реєстрі судів', en: 'No court with this code in the registry of courts' },
  UEUN_IN_FUTURE: { status: 422, uk: 'Рік у єдиному унікальному номері пізніший за поточний', en: 'The year in the unique case number is after the current year' },
  BAD_FILE_NAME: { status: 400, uk: 'Назва файлу після очищення від роздільників шляху та керівних символів порожня', en: 'The file name is empty once path separators and control characters are removed' },
  NOT_A_JUDGE: { status: 422, uk: 'Користувач не є суддею', en: 'The user is not a judge' },
  BODY_TOO_LARGE: { status: 413, uk: 'Тіло запиту завелике', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, uk: 'Тип вмісту не підтримується', en: 'Unsupported content type' },
  EMPTY_FILE: { status: 400, uk: 'Порожній файл', en: 'Empty file' },
  // A record's basis contradicts the court document it names (actors/court/orders/links.ts; Засади 2.1, 4.2, 4.13)
  BASIS_DATE_MISMATCH: { status: 422, uk: 'Документ-підстава з таким номером є в системі, але має іншу дату', en: 'The basis document with this number is in the system with another date' },
  BASIS_KIND_NOT_ALLOWED: { status: 422, uk: 'Документ-підстава з таким номером є в системі, але такого запису не обґрунтовує (інший вид документа)', en: 'The basis document with this number is in the system but cannot ground this record (another kind)' },
  BUSY: { status: 503, uk: 'Сервер перевантажено, повторіть пізніше', en: 'Server busy, retry later' },
  INTERNAL: { status: 500, uk: 'Внутрішня помилка сервера', en: 'Internal server error' },
  // incoming correspondence in a pending case (Засади 3.1–3.2): actors/court/correspondence/
  ...CORRESPONDENCE_ERRORS,
} as const satisfies Record<string, { status: number; uk: string; en: string }>;

export type CourtErrorCode = keyof typeof COURT_ERRORS;

/** A domain refusal of a court actor; writes nothing (runtime: DomainRejected). */
export class CourtRejected extends DomainRejected {
  constructor(code: CourtErrorCode, details?: unknown) {
    super(code, COURT_ERRORS[code].en, details);
  }
}
registerErrorClass(CourtRejected);
