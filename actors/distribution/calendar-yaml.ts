/** YAML front for calendars (kept apart so calendar.ts stays parser-free). */
import { parse } from 'yaml';
import { loadCalendar, type Calendar } from './calendar.ts';

export function loadCalendarYaml(text: string): Calendar {
  return loadCalendar(parse(text));
}
