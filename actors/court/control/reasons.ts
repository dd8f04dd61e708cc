/** The Ukrainian text and the rule of each reason a registered case is not distributed (Засади 4.1). */
import type { UndistributedReasonV1 } from '../../../contracts/court/control.ts';

export const REASONS: Record<UndistributedReasonV1, { text: string; rule: string }> = {
  impossible: { text: 'неможливість автоматизованого розподілу: розподіл відбудеться, щойно відпадуть обставини', rule: '4.10' },
  'waiting-for-judge': { text: 'очікує суддю, якому справа передається без автоматизованого розподілу', rule: '5.4' },
  'route-decision': { text: 'надійшла з ЄУН: потребує рішення відповідальної особи щодо передачі за підставою (4.17, 5.1) або розподілу', rule: '4.17' },
  'not-a-zasady-category': { text: 'категорія не розподіляється автоматично за Засадами: розподіл вручну відповідальною особою', rule: '4.1' },
  'no-zasady': { text: 'Засади розподілу не діють: автоматизований розподіл не проводиться', rule: '4.1' },
  'card-not-updated': { text: 'розподіл проведено, але суддю не внесено до картки: внести за протоколом', rule: '4.1' },
  'route-held': { text: 'маршрут, зазначений при реєстрації, не підтверджено записами суду: потрібне рішення відповідальної особи', rule: '4.1' },
  'handoff-pending': { text: 'передача на автоматизований розподіл ще не відбулася або відхилена: перевірити розподіл справи', rule: '4.1' },
};

/** The waiting list's reason: 4.10 impossibility, or the judge a 5.4 / 4.11 transfer waits for. */
export function waitingText(why: 'impossible' | 'waiting' | 'held', ground: string | null, held?: string | null): string {
  if (why === 'impossible') return REASONS.impossible.text;
  if (why === 'held') return held ?? REASONS['route-held'].text;
  return ground ? `${REASONS['waiting-for-judge'].text} (підстава: ${ground})` : REASONS['waiting-for-judge'].text;
}
