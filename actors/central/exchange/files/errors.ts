/**
 * Typed refusals of the information-file exchange: a stable `code`, a Ukrainian message for people and the
 * HTTP status the exchange API answers with. A refusal writes nothing.
 */
import { DomainRejected, registerErrorClass } from '../../../../runtime/index.ts';

const STATUS: Record<string, number> = {
  FILE_TYPE_UNKNOWN: 422,
  FILE_INVALID: 422,
  FILE_NOT_JSON: 422,
  FILE_NOT_AGREED: 403,
  FILE_WRONG_ADDRESSEE: 403,
  FILE_ID_REUSED: 409,
  FILE_NOT_FOUND: 404,
  REQUEST_UNKNOWN: 422,
  SIGNATURE_INVALID: 422,
  SIGNATURE_MISSING: 422,
  FILE_RESTRICTED: 422,
  NOTICE_INVALID: 422,
  PARTICIPANT_UNKNOWN: 404,
  NOT_OPERATOR: 403,
};

export class InfoFileRefused extends DomainRejected {
  constructor(code: string, messageUk: string, details?: unknown) {
    super(code, messageUk, details);
  }
}
registerErrorClass(InfoFileRefused);

export const httpStatusOf = (code: string): number => STATUS[code] ?? (code === 'VALIDATION_FAILED' ? 422 : 400);

export const refuse = (code: string, messageUk: string, details?: unknown): never => {
  throw new InfoFileRefused(code, messageUk, details);
};
