/**
 * The node's business refusals that concern one field (a future arrival date, a late registration without the
 * order, an unknown ЄУН) carry a code but no JSON pointer; this puts their Ukrainian message next to that field,
 * as the form does for schema errors.
 *
 *   onSubmit: (body) => onField(REGISTRATION_REFUSALS, () => api.post('/registrations', body)),
 */
import { ApiError } from '../../../lib/api.ts';

/** Code → the JSON pointer of the field it is about (actors/court/errors.ts). */
export type RefusalFields = Record<string, string>;

export const REGISTRATION_REFUSALS: RefusalFields = {
  ARRIVAL_IN_FUTURE: '/arrivalDate',
  LATE_REGISTRATION_REQUIRES_ORDER: '/arrivalDate',
  LATE_ORDER_NOT_NEEDED: '/late',
  LATE_REGISTRATION_PAST_TERM: '/late/termUntil',
  UNKNOWN_PROCEEDING_INDEX: '/index',
  UNKNOWN_UEUN: '/existingUeun',
  UEUN_INVALID: '/existingUeun',
  UEUN_IN_FUTURE: '/existingUeun',
  UNKNOWN_COURT_CODE: '/existingUeun',
  BAD_DATE: '/arrivalDate',
};

export const CORRESPONDENCE_REFUSALS: RefusalFields = {
  ARRIVAL_IN_FUTURE: '/arrivalDate',
  LATE_REGISTRATION_REQUIRES_ORDER: '/arrivalDate',
  LATE_ORDER_NOT_NEEDED: '/late',
  LATE_REGISTRATION_PAST_TERM: '/late/termUntil',
  PROCEEDING_REQUIRED: '/proceedingNumber',
  PROCEEDING_NOT_FOUND: '/proceedingNumber',
};

/** Runs `call`; a refusal named in `fields` comes back as a field error of its field. */
export async function onField<T>(fields: RefusalFields, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    const path = e instanceof ApiError && e.fields.length === 0 ? fields[e.code] : undefined;
    if (!path || !(e instanceof ApiError)) throw e;
    throw new ApiError(e.status, e.code, e.messageUk, { errors: [{ path, message: e.messageUk }] });
  }
}

/**
 * One Idempotency-Key per registration: kept while a send failed on the network (the retry must return the first
 * numbers, never take new ones), renewed once the node answered (a refusal took no number; a success is done).
 */
export function keyKeeper(make: () => string) {
  let key: string | null = null;
  return async <T>(send: (key: string) => Promise<T>): Promise<T> => {
    key ??= make();
    try {
      const r = await send(key);
      key = null;
      return r;
    } catch (e) {
      if (e instanceof ApiError) {
        key = null;
        throw e;
      }
      // no answer: the same key goes with the next press, so a registration that did land is not made twice
      throw new ApiError(0, 'NETWORK', 'Немає зв’язку з сервером суду. Натисніть ще раз — повторне надсилання не створить другої реєстрації.');
    }
  };
}
