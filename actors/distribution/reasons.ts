/**
 * Why a judge is not eligible: a stable machine code, the rule, and the
 * Ukrainian text shown to people in protocols.
 */
import type { DocumentRef } from '../../contracts/distribution/inputs.ts';
import type { IsoDate } from './dates.ts';

export const REASONS = {
  NOT_YET_APPOINTED: { rule: 'Положення 2.3.3', text: 'Суддя ще не набув повноважень у цьому суді' },
  POWERS_ENDED: { rule: 'Положення 2.3.3', text: 'Повноваження судді закінчилися' },
  POWERS_END_SOON: { rule: 'Засади 4.5', text: 'Менше двох місяців до закінчення повноважень судді' },
  DISMISSED: { rule: 'Положення 2.3.3', text: 'Суддю звільнено' },
  VACATION_BEFORE: { rule: 'Засади 4.5', text: 'Період перед початком відпустки' },
  VACATION: { rule: 'Засади 4.10; Положення 2.3.3', text: 'Суддя у відпустці' },
  TRIP_BEFORE: { rule: 'Засади 4.5', text: 'Період перед відрядженням' },
  TRIP: { rule: 'Засади 4.5', text: 'Суддя у відрядженні' },
  SICK_LEAVE: { rule: 'Засади 4.5', text: 'Тимчасова непрацездатність судді' },
  TRAINING_BEFORE: { rule: 'Засади 4.5', text: 'Робочий день перед навчанням (семінаром) без відрядження' },
  TRAINING: { rule: 'Засади 4.5; 4.13', text: 'Суддя на навчанні (семінарі, у діяльності органів суддівського самоврядування)' },
  APPOINTED_VKKS_VRP: { rule: 'Засади 4.5', text: 'Суддю призначено (обрано) членом ВККС України або ВРП' },
  SUSPENDED: { rule: 'Засади 6.3', text: 'Суддю тимчасово відсторонено від здійснення правосуддя' },
  NO_SPECIALISATION: { rule: 'Засади 4.8, 6.1, 9.1', text: 'Суддя не має спеціалізації для цієї категорії справ' },
  BEING_REPLACED: { rule: 'Засади 4.12', text: 'Суддя, якого замінюють при повторному розподілі' },
  EXCLUDED_FOR_CASE: { rule: 'Засади 4.7', text: 'Суддю виключено з розподілу цієї справи згідно із законом' },
  NOT_ON_DUTY: { rule: 'Засади 4.6', text: 'У вихідний день клопотання розподіляються лише черговому слідчому судді' },
  ON_PANEL: { rule: 'Засади 4.9', text: 'Суддя вже входить до складу колегії у цій справі' },
} as const;

export type ReasonCode = keyof typeof REASONS;

export interface Reason {
  code: ReasonCode;
  rule: string;
  /** Ukrainian, user-facing. */
  text: string;
  /** The order / memo / decision grounding the fact, when there is one. */
  basis?: DocumentRef;
  /** The non-distribution window that applies (inclusive), when date-bound. */
  window?: { from: IsoDate; to?: IsoDate };
}

export function reason(code: ReasonCode, extra: { detail?: string; basis?: DocumentRef; window?: { from: IsoDate; to?: IsoDate } } = {}): Reason {
  const base = REASONS[code];
  const r: Reason = { code, rule: base.rule, text: extra.detail ? `${base.text}: ${extra.detail}` : base.text };
  if (extra.basis) r.basis = extra.basis;
  if (extra.window) r.window = extra.window;
  return r;
}
