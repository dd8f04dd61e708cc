/**
 * Named errors of the distribution core. `name` and `code` are stable: the
 * runtime maps them to replies and journal entries, so never rename them.
 */

export interface ConfigIssue {
  /** JSON pointer into the configuration, e.g. `/judges/3/reductions`. */
  path: string;
  /** Stable machine code, e.g. `SCHEMA`, `UNKNOWN_SPECIALISATION`. */
  code: string;
  message: string;
}

/** A configuration (Засади or calendar) was refused; carries EVERY problem found. */
export class ConfigInvalid extends Error {
  override readonly name = 'ConfigInvalid';
  readonly code = 'CONFIG_INVALID';
  constructor(
    readonly what: string,
    readonly errors: readonly ConfigIssue[],
  ) {
    super(`${what}: ${errors.length} error(s): ${errors.map((e) => `${e.path} ${e.code}: ${e.message}`).join('; ')}`);
  }
}

export class InvalidDate extends Error {
  override readonly name = 'InvalidDate';
  readonly code = 'INVALID_DATE';
  constructor(readonly value: string) {
    super(`not a valid ISO date (YYYY-MM-DD) or instant: ${JSON.stringify(value)}`);
  }
}

/** No Засади version is in force at the requested date. */
export class NoZasadyInForce extends Error {
  override readonly name = 'NoZasadyInForce';
  readonly code = 'NO_ZASADY_IN_FORCE';
  constructor(readonly date: string) {
    super(`no Засади version in force on ${date}`);
  }
}

/** Caller passed input the pure core cannot work with (wrong byte length, unknown judge…). */
export class DrawInputInvalid extends Error {
  override readonly name = 'DrawInputInvalid';
  readonly code = 'DRAW_INPUT_INVALID';
  constructor(message: string) {
    super(message);
  }
}
