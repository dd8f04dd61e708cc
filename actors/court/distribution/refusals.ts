/**
 * Refusals of the distribution actor for people: a stable code, the HTTP
 * status and the message in Ukrainian (the English one is the actor's own,
 * with the specifics). Codes not listed keep the generic wording of
 * http/jurors.ts recordErrorHandler.
 */
export const DISTRIBUTION_REFUSALS: Readonly<Record<string, { status: number; uk: string }>> = {
  EXCLUSIONS_NOT_ACCEPTED: {
    status: 422,
    uk: 'Виключення суддів не приймаються із запиту: лише з записаних фактів — відсутностей, відводів і самовідводів з ухвалами (Засади 4.7–4.8)',
  },
  RELATED_CASE_REQUIRED: { status: 422, uk: 'Для передачі раніше визначеному судді потрібна справа цього суду, в якій його визначено (Засади 4.11, 5.1)' },
  NO_PREVIOUS_JUDGE: { status: 422, uk: 'У цьому суді немає розподілу справи, на яку посилається запит: раніше визначеного судді не встановлено (Засади 5.1)' },
  NAMED_JUDGE_MISMATCH: { status: 422, uk: 'Названий суддя не є суддею справи, на яку посилається запит' },
  TRANSFER_LINK_NOT_PROVEN: {
    status: 422,
    uk: 'Підставу передачі не підтверджено записами суду: потрібен зв’язок справ (той самий ЄУН, спільна сторона чи особа, ухвала про роз’єднання судді цієї справи) (Засади 4.11, 4.17, 5.1)',
  },
  UNKNOWN_GROUND: { status: 422, uk: 'Засади використання АСДС цього суду не містять такої підстави передачі справи раніше визначеному судді' },
  CASE_NOT_ON_RECORD: { status: 422, uk: 'Справу (провадження) не знайдено в реєстрі суду: передача можлива лише для зареєстрованої справи' },
  RULING_REQUIRED: { status: 422, uk: 'Відвід чи самовідвід записується лише з ухвалою: номер, дата, автор' },
  UNKNOWN_JUDGE: { status: 422, uk: 'Такого судді немає в Засадах використання АСДС цього суду' },
  ALREADY_RECORDED: { status: 409, uk: 'Цей факт уже записано' },
  NO_SUCH_ABSENCE: { status: 404, uk: 'Такої відсутності судді не записано' },
  NOT_SHORTER: { status: 422, uk: 'Новий останній день має бути не раніше першого і раніше записаного останнього дня відсутності' },
  BASIS_IN_FUTURE: { status: 422, uk: 'Документ-підстава датований майбутнім днем' },
  ABSENCE_INVALID: { status: 422, uk: 'Період відсутності некоректний' },
  // A court without its Засади distributes nothing, and says so (issue 13 item 11): 503 — the service, not the request, is missing.
  NO_ZASADY: {
    status: 503,
    uk: 'Автоматизований розподіл неможливий: Засади використання АСДС цього суду не завантажено (запустіть вузол із --zasady <файл>)',
  },
  NO_ZASADY_IN_FORCE: { status: 503, uk: 'Автоматизований розподіл неможливий: жодна версія Засад використання АСДС ще не набрала чинності' },
  // Roster changes by order (D15).
  JUDGE_ON_ROSTER: { status: 409, uk: 'Цей суддя вже є у складі суду на дату наказу' },
  POWERS_END_BEFORE_APPOINTMENT: { status: 422, uk: 'Повноваження не можуть закінчитися раніше зарахування судді до штату суду' },
  ROSTER_CHANGE_INVALID: { status: 422, uk: 'Зміна складу суддів суперечить Засадам використання АСДС (див. перелік помилок)' },
};
