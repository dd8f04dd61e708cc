/**
 * Named errors of the statistics engine, each with a stable `code` so the
 * court API, the centre and the CLI can tell them apart.
 */

/** A form definition failed the schema or the semantic checks (Засади 16.2); `errors` lists every one with its path. */
export class StatsFormInvalid extends Error {
  readonly code = 'STATS_FORM_INVALID';
  constructor(
    readonly source: string,
    readonly errors: string[],
  ) {
    super(`Форма звітності ${source} містить помилки (${errors.length}):\n${errors.map((e) => `  - ${e}`).join('\n')}`);
    this.name = 'StatsFormInvalid';
  }
}

/** The period asked for is not one the form is made for, or its bounds are not a real period of that kind. */
export class StatsPeriodInvalid extends Error {
  readonly code = 'STATS_PERIOD_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'StatsPeriodInvalid';
  }
}

/** Reports that cannot be put together (consolidation, continuity): another form, version or period, a court twice… */
export class StatsReportMismatch extends Error {
  readonly code = 'STATS_REPORT_MISMATCH';
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}:\n${problems.map((p) => `  - ${p}`).join('\n')}` : message);
    this.name = 'StatsReportMismatch';
  }
}

/** A section or column asked for by name is not in the form. */
export class StatsUnknownCell extends Error {
  readonly code = 'STATS_UNKNOWN_CELL';
  constructor(message: string) {
    super(message);
    this.name = 'StatsUnknownCell';
  }
}
