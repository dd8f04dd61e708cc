import { AsdsError } from '../errors.ts';

/**
 * A bus credential or operator-folder problem: a seed readable by others, a missing bundle, a passport that does
 * not match its key, an unknown or already revoked node. `reason` is stable (SEED_EXPOSED, NO_BUNDLE, …).
 */
export class BusCredentialsError extends AsdsError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super('BUS_CREDENTIALS', message, { reason });
  }
}
