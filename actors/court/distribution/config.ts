/**
 * Засади + calendar from files for the court node (`--zasady <file>`,
 * default the Lubny example). The calendar is the `calendar.yaml` next to
 * the Засади file, else the built-in martial-law default (spec §7).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import { defaultCalendarConfig, loadCalendar, type Calendar } from '../../distribution/calendar.ts';
import { loadZasady } from '../../distribution/zasady.ts';

export const DEFAULT_ZASADY = fileURLToPath(new URL('../../../deploy/examples/lubny/zasady.yaml', import.meta.url));

export interface LoadedRules {
  zasady: ZasadyConfig[];
  calendar: Calendar;
  court: { code: string; name: string };
}

/** Read and validate (every error listed by ConfigInvalid). */
export function loadRulesFiles(zasadyFile: string = DEFAULT_ZASADY, calendarFile?: string): LoadedRules {
  const z = loadZasady(parse(readFileSync(resolve(zasadyFile), 'utf8')));
  return { zasady: [z.config], calendar: loadCourtCalendar(zasadyFile, calendarFile), court: { code: z.config.court.code, name: z.config.court.name } };
}

/**
 * The court's production calendar: `calendarFile`, else the `calendar.yaml`
 * beside the Засади file, else the built-in `ua-martial-law`. Every actor of
 * the node that counts working days (distribution, duty 4.6, outage 15.1)
 * gets this one calendar.
 */
export function loadCourtCalendar(zasadyFile: string = DEFAULT_ZASADY, calendarFile?: string): Calendar {
  const cal = calendarFile ?? join(dirname(resolve(zasadyFile)), 'calendar.yaml');
  return existsSync(cal) ? loadCalendar(parse(readFileSync(cal, 'utf8'))) : loadCalendar(defaultCalendarConfig());
}
