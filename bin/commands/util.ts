import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A failure to report in one line, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** parseArgs with one-line errors and required options. */
export function options<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  spec: T,
  required: Array<keyof T & string> = [],
): Record<keyof T, string | boolean | undefined> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false }).values as typeof values;
  } catch (e) {
    throw new CliError((e as Error).message, 2);
  }
  for (const r of required) if (values[r] === undefined) throw new CliError(`--${r} is required`, 2);
  return values as Record<keyof T, string | boolean | undefined>;
}

/** Print one JSON line on stdout (machine-readable progress for tests and scripts). */
export function emit(obj: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(obj) + '\n');
}
