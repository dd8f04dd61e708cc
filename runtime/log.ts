/**
 * Structured logging: one JSON object per line on stderr. Level from
 * `ASDS_LOG` (debug | info | warn | error | silent; default info).
 * Never log covert fields or message bodies — only addresses, codes, counts.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = keyof typeof LEVELS;

export function createLogger(component: string, level: string = process.env.ASDS_LOG ?? 'info'): Logger {
  const min = LEVELS[(level in LEVELS ? level : 'info') as Level];
  const write = (lvl: Level, event: string, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    process.stderr.write(JSON.stringify({ t: new Date().toISOString(), lvl, c: component, event, ...fields }) + '\n');
  };
  return {
    debug: (e, f) => write('debug', e, f),
    info: (e, f) => write('info', e, f),
    warn: (e, f) => write('warn', e, f),
    error: (e, f) => write('error', e, f),
  };
}
