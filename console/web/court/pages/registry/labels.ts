/**
 * The Ukrainian words the registry pages put on the API's fields and codes: form labels by JSON pointer, movement
 * kinds, correctable fields, the registrar's role names. People never see a field's JSON name or a code.
 *
 *   schemaForm(schema, { fields: { ...REGISTRATION_FIELDS, '/category': { label: 'Категорія', options } }, … });
 */
import type { FieldSpec } from '../../../lib/form.ts';
import { ROLE_UK } from '../../roles.ts';

/** A court's reference to a document (DocRefV1): number, date, title. */
export const docRefFields = (at: string, label: string): Record<string, FieldSpec> => ({
  [at]: { label },
  [`${at}/number`]: { label: 'Номер' },
  [`${at}/date`]: { label: 'Дата' },
  [`${at}/title`]: { label: 'Назва документа' },
});

/** Засади 3.1: a late registration needs the head of staff's order, its reason and term. */
export const lateFields = (): Record<string, FieldSpec> => ({
  '/late': { label: 'Реєстрація не в день надходження (Засади 3.1)' },
  ...docRefFields('/late/order', 'Розпорядження керівника апарату суду'),
  '/late/reason': { label: 'Причина реєстрації не в день надходження' },
  '/late/termUntil': { label: 'Зареєструвати до (строк за розпорядженням)' },
});

/** The requisites of an incoming document (Засади 3.2), at `at` ('' for correspondence, '/document' for a claim). */
export const requisiteFields = (at: string): Record<string, FieldSpec> => ({
  [`${at}/kind`]: { label: 'Вид документа' },
  [`${at}/title`]: { label: 'Назва (предмет) документа' },
  [`${at}/sender`]: { label: 'Відправник (хто подав)' },
  [`${at}/outgoingNumber`]: { label: 'Вихідний номер' },
  [`${at}/outgoingDate`]: { label: 'Вихідна дата' },
  [`${at}/pages`]: { label: 'Кількість аркушів' },
});

/** POST /registrations: every field the form shows, in Ukrainian; covert fields and the route are not this form's. */
export const REGISTRATION_FIELDS: Record<string, FieldSpec> = {
  '/index': { label: 'Індекс провадження' },
  '/arrivalDate': { label: 'Дата надходження', hint: 'Не сьогодні — лише за розпорядженням керівника апарату (Засади 3.1).' },
  '/document': { label: 'Вхідний документ (реквізити)' },
  ...requisiteFields('/document'),
  '/category': { label: 'Категорія справи (Засади)', hint: 'Без категорії із Засад справу не буде розподілено автоматично.' },
  '/description': { label: 'Суть справи (короткий зміст)' },
  '/parties': { label: 'Учасники справи' },
  '/parties/*/role': { label: 'Процесуальний статус' },
  '/parties/*/name': { label: 'Найменування або прізвище, ім’я, по батькові' },
  '/existingUeun': { label: 'ЄУН, який справа вже має', hint: 'Справа з іншого суду, інстанції або повторно подана зберігає свій ЄУН (Засади 3.3).' },
  ...lateFields(),
  '/publication': { label: 'Обмеження оприлюднення сторін і суті справи (Засади 12.4)' },
  // the restriction's one allowed value is `true`: the page adds it when a reason is given
  '/publication/restricted': { hidden: true },
  '/publication/reason': { label: 'Підстава обмеження (норма закону)' },
  ...docRefFields('/publication/basis', 'Документ, що обмежує оприлюднення'),
  // Засади 3.1 ¶2: covert details are entered in the investigating judge's own workflow, not here
  '/covert': { hidden: true },
  '/route': { hidden: true },
};

/** POST /cases/…/correspondence (Засади 3.1–3.2). */
export const CORRESPONDENCE_FIELDS: Record<string, FieldSpec> = {
  '/proceedingNumber': { label: 'Провадження' },
  '/kind': { label: 'Вид документа' },
  '/arrivalDate': { label: 'Дата надходження', hint: 'Не сьогодні — лише за розпорядженням керівника апарату (Засади 3.1).' },
  '/sender': { label: 'Відправник (хто подав)' },
  '/title': { label: 'Короткий зміст' },
  '/outgoingNumber': { label: 'Вихідний номер' },
  '/outgoingDate': { label: 'Вихідна дата' },
  '/pages': { label: 'Кількість аркушів' },
  ...lateFields(),
  '/covert': { hidden: true },
};

/** contracts/court/correspondence.ts CORRESPONDENCE_KIND_NAMES (the browser bundle does not import contracts). */
export const CORRESPONDENCE_KIND_UK: Record<string, string> = {
  motion: 'клопотання',
  statement: 'заява',
  reply: 'відзив',
  'response-to-reply': 'відповідь на відзив',
  objection: 'заперечення',
  explanation: 'пояснення',
  evidence: 'докази',
  complaint: 'скарга',
  letter: 'лист',
  counterclaim: 'зустрічний позов',
  'third-party-claim': 'позов третьої особи із самостійними вимогами',
  other: 'інший документ',
};

/** contracts/court/card.ts MOVEMENT_KINDS (Засади 3.2: рух документа). */
export const MOVEMENT_KIND_UK: Record<string, string> = {
  transfer: 'передано',
  'to-judge': 'передано судді',
  'from-judge': 'повернуто від судді',
  'to-archive': 'передано до архіву',
  'from-archive': 'отримано з архіву',
  'sent-out': 'надіслано',
  returned: 'повернуто',
  other: 'інше',
};

export const MOVEMENT_FIELDS: Record<string, FieldSpec> = {
  '/proceedingNumber': { label: 'Провадження' },
  '/kind': { label: 'Рух', options: Object.entries(MOVEMENT_KIND_UK).map(([value, label]) => ({ value, label })) },
  '/to': { label: 'Кому (отримувач)' },
  '/note': { label: 'Примітка' },
};

/** contracts/court/card.ts CorrectionBodyV1: the fields a technical error may be corrected in (Засади 3.5). */
export const CORRECTABLE_UK: Record<string, string> = {
  'document.kind': 'вид документа',
  'document.title': 'назва документа',
  'document.sender': 'відправник',
  'document.outgoingNumber': 'вихідний номер',
  'document.outgoingDate': 'вихідна дата',
  'document.pages': 'кількість аркушів',
  category: 'категорія справи',
  description: 'суть справи',
  parties: 'учасники справи',
  arrivalDate: 'дата надходження',
};

export const CORRECTION_FIELDS: Record<string, FieldSpec> = {
  '/proceedingNumber': { label: 'Провадження' },
  '/value': { label: 'Правильне значення' },
  '/value/*/role': { label: 'Процесуальний статус' },
  '/value/*/name': { label: 'Найменування або прізвище, ім’я, по батькові' },
  '/reason': { label: 'Причина виправлення (яка технічна помилка)' },
  ...docRefFields('/basis', 'Матеріали справи, на підставі яких виправлено'),
};

/** Who did it, for people: the role (the API stamps a login, which people are never shown). */
export const byRole = (by: { role: string } | undefined) => (by ? ROLE_UK[by.role] ?? 'працівник суду' : '');

export const ASSIGNMENT_MODE_UK: Record<string, string> = {
  random: 'автоматизований розподіл (випадковий)',
  'non-random': 'визначено не випадково, за підставою Засад',
};
