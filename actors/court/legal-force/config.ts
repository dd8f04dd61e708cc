/**
 * Appeal terms per case category (data: `deploy/examples/lubny/legal-force.yaml`)
 * and the dates of Засади 11 computed on the court calendar. Pure.
 *
 * Term arithmetic (the procedural codes' common rule, e.g. ЦПК ст. 123–124,
 * КАС ст. 120–121, ГПК ст. 116, КПК ст. 115): a term in days starts the day
 * AFTER the event (the decision, or its full text when only the operative part
 * was announced — ЦПК ст. 354 ч. 2); when its last day is a non-working day of
 * the court calendar, the term ends on the next working day. The decision
 * enters into legal force once the term has passed without an appeal, i.e. on
 * the day after the last day (ЦПК ст. 273 ч. 1, КАС ст. 255, КПК ст. 532).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { LegalForceConfigV1, LEGAL_FORCE_SCHEMA_ID, type EdrsrRuleV1, type LegalForceCategoryV1 } from '../../../contracts/court/legal-force.ts';
import type { DecisionBodyV1 } from '../../../contracts/court/card.ts';
import { defaultCalendarConfig, loadCalendar, nextWorkingDay, workingDayOnOrAfter, type Calendar } from '../../distribution/calendar.ts';
import { addDays } from '../../distribution/dates.ts';
import { kyivDate } from '../dates.ts';

/**
 * Defaults (the same as the Lubny example file). Terms as in the procedural
 * codes: ЦПК ст. 354 (рішення 30, ухвала 15), КАС ст. 295 (30 / 15), КПК ст. 395
 * (вирок 30, інші ухвали 7; ухвала слідчого судді 5), КУпАП ст. 294 (10),
 * ГПК ст. 256 (20 / 10). Check against the code in force before production.
 */
export const DEFAULT_LEGAL_FORCE: LegalForceConfigV1 = {
  schema: LEGAL_FORCE_SCHEMA_ID,
  defaultCategory: 'civil',
  categories: [
    { id: 'criminal', title: 'кримінальні провадження', indexes: ['1-кп', '1-в'], terms: { decision: 30, ruling: 7 }, source: 'КПК ст. 395 ч. 2 пп. 1, 3' },
    { id: 'investigating-judge', title: 'слідчий суддя', indexes: ['1-кс'], terms: { decision: 5, ruling: 5 }, source: 'КПК ст. 395 ч. 2 п. 2' },
    { id: 'civil', title: 'цивільні справи', indexes: ['2', '2-о', '2-н', '4-с', '6'], terms: { decision: 30, ruling: 15 }, source: 'ЦПК ст. 354 ч. 1' },
    { id: 'administrative', title: 'адміністративні справи', indexes: ['2-а'], terms: { decision: 30, ruling: 15 }, source: 'КАС ст. 295 ч. 1' },
    { id: 'administrative-offence', title: 'справи про адміністративні правопорушення', indexes: ['3'], terms: { decision: 10, ruling: 10 }, source: 'КУпАП ст. 294 ч. 2' },
    { id: 'commercial', title: 'господарські справи', indexes: [], terms: { decision: 20, ruling: 10 }, source: 'ГПК ст. 256 ч. 1' },
  ],
};

const check = TypeCompiler.Compile(LegalForceConfigV1);

export function loadLegalForceConfig(input: unknown): LegalForceConfigV1 {
  if (!check.Check(input)) {
    const first = [...check.Errors(input)].slice(0, 5).map((e) => `${e.path || '/'}: ${e.message}`);
    throw new Error(`legal-force configuration invalid: ${first.join('; ')}`);
  }
  const ids = new Set(input.categories.map((c) => c.id));
  if (ids.size !== input.categories.length) throw new Error('legal-force configuration: duplicate category id');
  if (!ids.has(input.defaultCategory)) throw new Error(`legal-force configuration: defaultCategory "${input.defaultCategory}" is not a category`);
  const seen = new Set<string>();
  for (const i of input.categories.flatMap((c) => c.indexes)) {
    if (seen.has(i)) throw new Error(`legal-force configuration: index "${i}" in two categories`);
    seen.add(i);
  }
  return input;
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

export function categoryOf(config: LegalForceConfigV1, proceedingNumber: string): LegalForceCategoryV1 {
  const index = proceedingNumber.slice(0, proceedingNumber.indexOf('/'));
  return config.categories.find((c) => c.indexes.includes(index)) ?? config.categories.find((c) => c.id === config.defaultCategory)!;
}

export interface AppealTerm {
  category: string;
  days: number;
  /** The event the term runs from (decision day or full-text day). */
  from: string;
  /** Last day to appeal, moved to a working day. */
  lastDay: string;
  /** First day of legal force when no appeal came. */
  legalForceDate: string;
  source: string;
}

/** The appeal term of a decision, or null when it cannot be appealed (body or configuration says so). */
export function appealTerm(rules: LegalForceRules, proceedingNumber: string, d: Pick<DecisionBodyV1, 'outcome' | 'date' | 'fullTextDate' | 'appealable'>): AppealTerm | null {
  const cat = categoryOf(rules.config, proceedingNumber);
  const days = RULINGS.has(d.outcome) ? cat.terms.ruling : cat.terms.decision;
  if (d.appealable === false || days === null) return null;
  const from = d.fullTextDate ?? d.date;
  // The last day on a non-working day moves to the next working day (ЦПК ст. 124, КПК ст. 115 ч. 5 …).
  const lastDay = workingDayOnOrAfter(rules.calendar, addDays(from, days));
  return { category: cat.id, days, from, lastDay, legalForceDate: addDays(lastDay, 1), source: cat.source };
}

/**
 * The ЄДРСР deadline (last day, inclusive) of Засади 11.2:
 * - 11.2.1 not appealable: the next working day after the full text is made and signed;
 * - 11.2.2 written proceedings: the next working day after legal force;
 * - 11.2.3 the appeal term ended without an appeal: the text names no extra day, so the
 *   information goes out when the term ends — the first working day of legal force;
 * - 11.1 after a higher instance (11.2 names no term): the next working day after legal force.
 */
export function edrsrDeadline(cal: Calendar, rule: EdrsrRuleV1, dates: { fullTextDate: string; legalForceDate: string }): string {
  switch (rule) {
    case '11.2.1':
      return nextWorkingDay(cal, dates.fullTextDate);
    case '11.2.2':
    case '11.1':
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
