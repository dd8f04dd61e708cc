/**
 * Why a registered case was held instead of drawn (Засади 4.1 with 4.11,
 * 4.17, 5.1–5.2): the route the registrar stated could not be followed on
 * the court's records, so a person decides — the staff's lists show this
 * reason in Ukrainian.
 */
import { DISTRIBUTION_REFUSALS } from './refusals.ts';

export function heldReason(code: string, ground: string | undefined): string {
  const text = DISTRIBUTION_REFUSALS[code]?.uk ?? 'маршрут справи, зазначений при реєстрації, не підтверджено записами суду';
  const what = text.charAt(0).toLowerCase() + text.slice(1);
  const basis = ground ? ` (підстава ${ground})` : '';
  return `Не розподілено: ${what}${basis}. Потрібне рішення відповідальної особи: передача раніше визначеному судді або автоматизований розподіл`;
}
