/**
 * Every error leaves the court API as `{ error: { code, message: { uk, en }, details? } }`.
 * Client mistakes are 4xx; a 5xx means the server is at fault (or busy).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AsdsError } from '../../../runtime/index.ts';
import { COURT_ERRORS, type CourtErrorCode } from '../errors.ts';
import type { Logger } from '../../../runtime/index.ts';

export class HttpRefusal extends Error {
  constructor(
    readonly code: CourtErrorCode,
    readonly details?: unknown,
  ) {
    super(COURT_ERRORS[code].en);
  }
}

export function errorBody(code: CourtErrorCode, details?: unknown) {
  const e = COURT_ERRORS[code];
  return { error: { code, message: { uk: e.uk, en: e.en }, ...(details !== undefined ? { details } : {}) } };
}

/** Runtime and domain errors → our codes. */
function classify(err: unknown): { code: CourtErrorCode; details?: unknown } {
  if (err instanceof HttpRefusal) return { code: err.code, details: err.details };
  const fe = err as FastifyError & { asdsErrors?: unknown };
  if (fe && (fe.validation || fe.asdsErrors)) return { code: 'VALIDATION_FAILED', details: { errors: fe.asdsErrors ?? fe.validation } };
  if (err instanceof AsdsError) {
    if (err.code in COURT_ERRORS) return { code: err.code as CourtErrorCode, details: err.details };
    switch (err.code) {
      case 'VALIDATION_FAILED':
        return { code: 'VALIDATION_FAILED', details: err.details };
      case 'MAILBOX_FULL':
      case 'ASK_TIMEOUT':
      case 'SHUTTING_DOWN':
        return { code: 'BUSY' };
      default:
        return { code: 'INTERNAL' };
    }
  }
  // A file write (attachments) on a full or read-only disk: the same refusal as the journal's StorageUnavailable.
  if (fe?.code === 'ENOSPC' || fe?.code === 'EROFS' || fe?.code === 'EDQUOT') return { code: 'STORAGE_UNAVAILABLE' };
  // Fastify's own client errors (bad JSON, wrong content type, too large…).
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'BAD_JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'BODY_TOO_LARGE' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? { code: 'UNSUPPORTED_MEDIA_TYPE' } : { code: 'VALIDATION_FAILED' };
  }
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.statusCode === 413) return { code: 'BODY_TOO_LARGE' };
    if (fe.statusCode === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE' };
    if (fe.statusCode === 404) return { code: 'NOT_FOUND' };
    return { code: 'VALIDATION_FAILED', details: { reason: fe.message } };
  }
  return { code: 'INTERNAL' };
}

export function errorHandler(log: Logger) {
  return (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const { code, details } = classify(err);
    const status = COURT_ERRORS[code].status;
    // Only the code and the route: request bodies may hold covert fields in clear.
    if (status >= 500) log.error('http-error', { code, method: req.method, route: req.routeOptions?.url, error: err instanceof Error ? err.name : 'unknown' });
    void reply.status(status).send(errorBody(code, details));
  };
}
