/**
 * The court's rules from files for the court node (`--zasady <file>`,
 * default the Lubny example): the Засади, the `calendar.yaml` beside them
 * (else the built-in martial-law default, spec §7) and the `legal-force.yaml`
 * beside them when present. All three are checked together and EVERY problem
 * of every file is listed in one ConfigInvalid (path prefixed with the file),
 * including what only shows across files (a legal-force index the Засади do
 * not list) — an operator fixes a court's configuration in one round.
 *
 *   const rules = loadRulesFiles('deploy/examples/lubny/zasady.yaml');
 *   rules.zasady[0].version.id; rules.proceedingIndexes; rules.outage.urgentCategories
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { OutageRules, ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import { calendarIssues, defaultCalendarConfig, loadCalendar, type Calendar } from '../../distribution/calendar.ts';
import { ConfigInvalid, type ConfigIssue } from '../../distribution/errors.ts';
import { index, zasadyIssues } from '../../distribution/zasady.ts';
import { legalForceIssues } from '../legal-force/config.ts';

export const DEFAULT_ZASADY = fileURLToPath(new URL('../../../deploy/examples/lubny/zasady.yaml', import.meta.url));

export interface LoadedRules {
  zasady: ZasadyConfig[];
  calendar: Calendar;
  court: { code: string; name: string };
  /** Засади 3.4: the proceeding indexes the registry may number under. */
  proceedingIndexes: string[];
  /** 13.2: proceeding index → jurisdiction letter of document ids. */
  jurisdictions: ReadonlyMap<string, string>;
  /** Засади 15.3 (its own paragraph): the urgent categories assigned by the assembly during an outage. */
  outage: OutageRules;
}

type Parsed = { ok: true; value: unknown } | { ok: false; issue: ConfigIssue };

function readYaml(file: string): Parsed {
  try {
    return { ok: true, value: parse(readFileSync(file, 'utf8')) as unknown };
  } catch (e) {
    return { ok: false, issue: { path: '/', code: 'UNREADABLE', message: (e as Error).message.split('\n')[0] ?? 'cannot read' } };
  }
}

const inFile = (file: string, issues: readonly ConfigIssue[]): ConfigIssue[] => issues.map((i) => ({ ...i, path: `${basename(file)}:${i.path}` }));

/** Every problem of the court's rule files, all files checked (none stops at the first). Empty = valid. */
export function rulesIssues(zasadyFile: string, calendarFile?: string, legalForceFile?: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const z = readYaml(resolve(zasadyFile));
  const zIssues = z.ok ? zasadyIssues(z.value) : [z.issue];
  issues.push(...inFile(zasadyFile, zIssues));
  const cal = calendarFile ?? join(dirname(resolve(zasadyFile)), 'calendar.yaml');
  if (calendarFile !== undefined || existsSync(cal)) {
    const c = readYaml(cal);
    issues.push(...inFile(cal, c.ok ? calendarIssues(c.value) : [c.issue]));
  }
  const lf = legalForceFile ?? join(dirname(resolve(zasadyFile)), 'legal-force.yaml');
  if (legalForceFile !== undefined || existsSync(lf)) {
    const l = readYaml(lf);
    const lIssues = l.ok ? legalForceIssues(l.value) : [l.issue];
    issues.push(...inFile(lf, lIssues));
    // Across files: a term category for an index this court does not number under is a mistake in one of them.
    if (z.ok && l.ok && zIssues.length === 0 && lIssues.length === 0) {
      const known = new Set((z.value as ZasadyConfig).proceedingIndexes.map((p) => p.index));
      const cats = (l.value as { categories: Array<{ indexes: string[] }> }).categories;
      cats.forEach((c, i) =>
        c.indexes.forEach((x, k) => {
          if (!known.has(x)) issues.push(...inFile(lf, [{ path: `/categories/${i}/indexes/${k}`, code: 'UNKNOWN_PROCEEDING_INDEX', message: `index ${x} is not in the Засади's proceedingIndexes` }]));
        }),
      );
    }
  }
  return issues;
}

/** For an operator: the issues one per line, `file:/path CODE: message`. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => `  ${i.path} ${i.code}: ${i.message}`).join('\n');
}

/** Read and validate the court's rules; throws ConfigInvalid with every error of every file. */
export function loadRulesFiles(zasadyFile: string = DEFAULT_ZASADY, calendarFile?: string): LoadedRules {
  const issues = rulesIssues(zasadyFile, calendarFile);
  if (issues.length > 0) throw new ConfigInvalid(`правила суду (${dirname(resolve(zasadyFile))})`, issues);
  const z = index(parse(readFileSync(resolve(zasadyFile), 'utf8')) as ZasadyConfig);
  return {
    zasady: [z.config],
    calendar: loadCourtCalendar(zasadyFile, calendarFile),
    court: { code: z.config.court.code, name: z.config.court.name },
    proceedingIndexes: z.config.proceedingIndexes.map((p) => p.index),
    outage: z.outage,
    jurisdictions: z.jurisdictions,
  };
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
