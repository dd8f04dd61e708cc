import { AsdsError } from '../../../runtime/errors.ts';

/**
 * A court file could not be fetched. `code`:
 * - `COURT_REFUSED`: the court answered with a refusal (`details.court`: its code — NOT_FOUND, COVERT, BAD_ID,
 *   NOT_ATTACHED, FORBIDDEN, BAD_REQUEST); asking again gives the same answer;
 * - `COURT_SILENT`: no answer within the patience (the court is down or cut off); a later attempt resumes;
 * - `SIZE_MISMATCH`: the court's file is shorter or longer than the size the centre expects;
 * - `SHA256_MISMATCH`: the bytes received do not hash to the expected SHA-256 (the part is discarded).
 */
export class CourtFileError extends AsdsError {
  constructor(code: 'COURT_REFUSED' | 'COURT_SILENT' | 'SIZE_MISMATCH' | 'SHA256_MISMATCH', message: string, details?: unknown) {
    super(code, message, details);
  }

  /** Whether asking again later may succeed (the court was silent or answered an internal error). */
  get retryable(): boolean {
    return this.code === 'COURT_SILENT' || (this.code === 'COURT_REFUSED' && (this.details as { court?: string } | undefined)?.court === 'INTERNAL');
  }
}
