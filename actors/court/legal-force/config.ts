/**
 * Appeal terms per case category (data: `deploy/examples/lubny/legal-force.yaml`)
 * and the dates of Засади 11 computed on the court calendar. Pure.
 *
 * Term arithmetic (the procedural codes' common rule, e.g. ЦПК ст. 123–124,
 * КАС ст. 120–121, ГПК ст. 116, КПК ст. 115): a term in days starts the day
 * AFTER the event — per category and term (`from`): the proclamation (КПК ст. 395,
 * КУпАП ст. 294), the full text when only the operative part was announced (ЦПК
 * ст. 354 ч. 1, КАС ст. 295 ч. 1), the service of a судовий наказ (ЦПК ст. 170); when its last day is a non-working day of
 * the court calendar, the term ends on the next working day. The decision
 * enters into legal force once the term has passed without an appeal, i.e. on
 * the day after the last day (ЦПК ст. 273 ч. 1, КАС ст. 255, КПК ст. 532).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { LegalForceConfigV1, LEGAL_FORCE_SCHEMA_ID, type EdrsrRuleV1, type LegalForceCategoryV1, type TermStartV1 } from '../../../contracts/court/legal-force.ts';
import type { DecisionBodyV1 } from '../../../contracts/court/card.ts';
import { ConfigInvalid, type ConfigIssue } from '../../distribution/errors.ts';
import { defaultCalendarConfig, loadCalendar, nextWorkingDay, workingDayOnOrAfter, type Calendar } from '../../distribution/calendar.ts';
import { addDays } from '../../distribution/dates.ts';
import { kyivDate } from '../dates.ts';

/**
 * Defaults (the same as the Lubny example file, which cites the article per line). Checked
 * against the codes as we read them; README "Legal force and ЄДРСР" lists the assumptions.
 */
export const DEFAULT_LEGAL_FORCE: LegalForceConfigV1 = {
  schema: LEGAL_FORCE_SCHEMA_ID,
  defaultCategory: 'civil',
  categories: [
    {
      id: 'criminal', title: 'кримінальні провадження', indexes: ['1-кп'], from: 'decision',
      terms: { decision: { days: 30, source: 'КПК ст. 395 ч. 2 п. 1' }, ruling: { days: 7, source: 'КПК ст. 395 ч. 2 п. 2' } },
      source: 'КПК ст. 395 ч. 2 пп. 1, 2',
    },
    {
      id: 'criminal-execution', title: 'питання виконання вироків (ухвали)', indexes: ['1-в'], from: 'decision',
      terms: { decision: { days: 7, source: 'КПК ст. 395 ч. 2 п. 2, ст. 539' }, ruling: { days: 7, source: 'КПК ст. 395 ч. 2 п. 2, ст. 539' } },
      source: 'КПК ст. 395 ч. 2 п. 2, ст. 539',
    },
    {
      id: 'investigating-judge', title: 'слідчий суддя', indexes: ['1-кс'], from: 'decision',
      terms: { decision: { days: 5, source: 'КПК ст. 395 ч. 2 п. 3' }, ruling: { days: 5, source: 'КПК ст. 395 ч. 2 п. 3' } },
      source: 'КПК ст. 395 ч. 2 п. 3',
    },
    {
      id: 'civil', title: 'цивільні справи', indexes: ['2', '2-о', '4-с', '6'], from: 'full-text',
      terms: { decision: { days: 30, source: 'ЦПК ст. 354 ч. 1' }, ruling: { days: 15, source: 'ЦПК ст. 354 ч. 1' } },
      source: 'ЦПК ст. 354 ч. 1',
    },
    {
      id: 'court-order', title: 'наказне провадження (судовий наказ)', indexes: ['2-н'],
      terms: { decision: { days: 15, from: 'service', source: 'ЦПК ст. 170 ч. 1, ст. 174 (заява про скасування, від вручення)' }, ruling: { days: 15, from: 'full-text', source: 'ЦПК ст. 354 ч. 1' } },
      source: 'ЦПК ст. 170, 174, 354',
    },
    {
      id: 'administrative', title: 'адміністративні справи', indexes: ['2-а'], from: 'full-text',
      terms: { decision: { days: 30, source: 'КАС ст. 295 ч. 1' }, ruling: { days: 15, source: 'КАС ст. 295 ч. 1' } },
      source: 'КАС ст. 295 ч. 1',
    },
    {
      id: 'administrative-286', title: 'адміністративні справи щодо притягнення до адміністративної відповідальності (КАС ст. 286)', indexes: [], from: 'decision',
      terms: { decision: { days: 10, source: 'КАС ст. 286 ч. 4' }, ruling: { days: 10, source: 'КАС ст. 286 ч. 4' } },
      source: 'КАС ст. 286 ч. 4',
    },
    {
      id: 'administrative-offence', title: 'справи про адміністративні правопорушення', indexes: ['3'], from: 'decision',
      terms: { decision: { days: 10, source: 'КУпАП ст. 294 ч. 2' }, ruling: { days: 10, source: 'КУпАП ст. 294 ч. 2' } },
      source: 'КУпАП ст. 294 ч. 2',
    },
    {
      id: 'commercial', title: 'господарські справи', indexes: [], from: 'full-text',
      terms: { decision: { days: 20, source: 'ГПК ст. 256 ч. 1' }, ruling: { days: 10, source: 'ГПК ст. 256 ч. 1' } },
      source: 'ГПК ст. 256 ч. 1',
    },
  ],
};

const check = TypeCompiler.Compile(LegalForceConfigV1);

/** Every problem of a legal-force configuration (schema, then duplicates and references), all listed. */
export function legalForceIssues(input: unknown): ConfigIssue[] {
  if (!check.Check(input)) return [...check.Errors(input)].map((e) => ({ path: e.path || '/', code: 'SCHEMA', message: e.message }));
  const issues: ConfigIssue[] = [];
  const ids = new Set<string>();
  input.categories.forEach((c, i) => {
    if (ids.has(c.id)) issues.push({ path: `/categories/${i}/id`, code: 'DUPLICATE_ID', message: `duplicate category id ${c.id}` });
    ids.add(c.id);
  });
  if (!ids.has(input.defaultCategory)) issues.push({ path: '/defaultCategory', code: 'UNKNOWN_CATEGORY', message: `defaultCategory "${input.defaultCategory}" is not a category` });
  const seen = new Set<string>();
  input.categories.forEach((c, i) =>
    c.indexes.forEach((x, k) => {
      if (seen.has(x)) issues.push({ path: `/categories/${i}/indexes/${k}`, code: 'INDEX_IN_TWO_CATEGORIES', message: `index "${x}" in two categories` });
      seen.add(x);
    }),
  );
  return issues;
}

export function loadLegalForceConfig(input: unknown): LegalForceConfigV1 {
  const issues = legalForceIssues(input);
  if (issues.length > 0) throw new ConfigInvalid('legal-force configuration invalid', issues);
  return input as LegalForceConfigV1;
}

export interface LegalForceRules {
  config: LegalForceConfigV1;
  calendar: Calendar;
}

/** Built-in terms on the built-in (martial-law, Mon–Fri) calendar: for a bare `caseBehavior`. */
export function defaultLegalForceRules(): LegalForceRules {
  return { config: DEFAULT_LEGAL_FORCE, calendar: loadCalendar(defaultCalendarConfig()) };
}

/** `legal-force.yaml` and `calendar.yaml` beside the Засади file; each missing file → its default. */
export function loadLegalForceFiles(zasadyFile: string, legalForceFile?: string): LegalForceRules {
  const dir = dirname(resolve(zasadyFile));
  const lf = legalForceFile ?? join(dir, 'legal-force.yaml');
  const cal = join(dir, 'calendar.yaml');
  return {
    config: existsSync(lf) ? loadLegalForceConfig(parse(readFileSync(lf, 'utf8'))) : DEFAULT_LEGAL_FORCE,
    calendar: existsSync(cal) ? loadCalendar(parse(readFileSync(cal, 'utf8'))) : loadCalendar(defaultCalendarConfig()),
  };
}

/** Rulings (ухвали) have their own, shorter terms; everything else is a final decision. */
const RULINGS: ReadonlySet<string> = new Set(['ruling-closing', 'returned', 'left-without-consideration']);

/** The category of a proceeding: the one a decision names (`termCategory`), else by index, else the default. */
export function categoryOf(config: LegalForceConfigV1, proceedingNumber: string, termCategory?: string): LegalForceCategoryV1 {
  const named = termCategory === undefined ? undefined : config.categories.find((c) => c.id === termCategory);
  if (named) return named;
  const index = proceedingNumber.slice(0, proceedingNumber.indexOf('/'));
  return config.categories.find((c) => c.indexes.includes(index)) ?? config.categories.find((c) => c.id === config.defaultCategory)!;
}

export interface AppealTerm {
  category: string;
  days: number;
  /** What the term runs from (TERM_STARTS). */
  start: TermStartV1;
  /** The day of that event. */
  from: string;
  /** Last day to appeal, moved to a working day. */
  lastDay: string;
  /** First day of legal force when no appeal came. */
  legalForceDate: string;
  source: string;
}

export type TermDecision = Pick<DecisionBodyV1, 'outcome' | 'date' | 'fullTextDate' | 'appealable' | 'termCategory'> & { servedDate?: string };

/**
 * The appeal term of a decision; null when it cannot be appealed (body or configuration says so);
 * `{ awaiting }` when the term runs from an event not recorded yet (service of a судовий наказ).
 */
export function appealTerm(rules: LegalForceRules, proceedingNumber: string, d: TermDecision): AppealTerm | { awaiting: TermStartV1 } | null {
  const cat = categoryOf(rules.config, proceedingNumber, d.termCategory);
  const raw = RULINGS.has(d.outcome) ? cat.terms.ruling : cat.terms.decision;
  const t = raw !== null && typeof raw === 'object' ? raw : { days: raw };
  if (d.appealable === false || t.days === null) return null;
  // КПК ст. 395 and КУпАП ст. 294 count from the proclamation; ЦПК ст. 354 ч. 1 / КАС ст. 295 ч. 1 from the full text
  // when only the operative part was announced; a судовий наказ from its service (ЦПК ст. 170 ч. 1).
  const start: TermStartV1 = t.from ?? cat.from ?? 'full-text';
  const from = start === 'decision' ? d.date : start === 'full-text' ? (d.fullTextDate ?? d.date) : d.servedDate;
  if (from === undefined) return { awaiting: start };
  // The last day on a non-working day moves to the next working day (ЦПК ст. 124, КПК ст. 115 ч. 5 …).
  const lastDay = workingDayOnOrAfter(rules.calendar, addDays(from, t.days));
  return { category: cat.id, days: t.days, start, from, lastDay, legalForceDate: addDays(lastDay, 1), source: t.source ?? cat.source };
}

/**
 * The ЄДРСР deadline (last day, inclusive) of Засади 11.2:
 * - 11.2.1 not appealable: the next working day after the full text is made and signed;
 * - 11.2.2 written proceedings: the next working day after legal force;
 * - 11.2.3 the appeal term ended without an appeal: the text names no extra day, so the
 *   information goes out when the term ends — the first working day of legal force;
 * - 11.1 after a higher instance (11.2 names no term): the next working day after legal force;
 * - withdrawal of an automatic legal force after a timely appeal (no clause names a term — decided: like 11.1,
 *   the next working day after the withdrawal; `legalForceDate` carries the withdrawal day here).
 */
export function edrsrDeadline(cal: Calendar, rule: EdrsrRuleV1, dates: { fullTextDate: string; legalForceDate: string }): string {
  switch (rule) {
    case '11.2.1':
      return nextWorkingDay(cal, dates.fullTextDate);
    case '11.2.2':
    case '11.1':
    case 'withdrawal':
      return nextWorkingDay(cal, dates.legalForceDate);
    case '11.2.3':
      return workingDayOnOrAfter(cal, dates.legalForceDate);
  }
}

/** Epoch ms of 00:00 Kyiv time on `date` (DST-safe: tries both offsets). */
export function kyivMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  for (const h of [3, 2]) {
    const t = Date.UTC(y, m - 1, d) - h * 3600_000;
    if (kyivDate(t) === date && kyivDate(t - 1) !== date) return t;
  }
  throw new Error(`no Kyiv midnight for ${date}`);
}
