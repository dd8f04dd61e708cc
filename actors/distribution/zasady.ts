/**
 * Loading Засади: schema validation + semantic validation, all errors at
 * once (ConfigInvalid), then indexed lookups. ZasadyHistory answers "which
 * version was in force on date T" (1.2).
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { parse as parseYaml } from 'yaml';
import {
  PROCEEDING_INDEX_PATTERN,
  ZasadySchema,
  type CategoryConfig,
  type JudgeConfig,
  type LeadRule,
  type LeadWindows,
  type OutageRules,
  type PanelConfig,
  type ZasadyConfig,
} from '../../contracts/distribution/zasady.ts';
import type { DocumentRef } from '../../contracts/distribution/inputs.ts';
import { isIsoDate, localDateOf, type IsoDate } from './dates.ts';
import { ConfigInvalid, NoZasadyInForce, type ConfigIssue } from './errors.ts';
import { checkGrounds } from './grounds.ts';

/** Засади 6.5: reduction at most 60 % of other judges' load. */
export const MAX_REDUCTION = 0.6;

/**
 * Lubny Засади 4.5, the values the code hard-wired before they were configuration — the default of a
 * version without `leadWindows`, so every journaled version keeps its meaning:
 * vacation 14+ days → 7 working days, 5–13 → 5, under 5 → 1; a trip of 1–5 calendar days → 1, longer → 3;
 * training → 1; each "(за наявності наказу голови суду)"; no cases two months before powers end.
 */
export const LUBNY_LEAD_WINDOWS: LeadWindows = {
  rule: '4.5',
  vacation: { bands: [{ fromDays: 1, workingDays: 1 }, { fromDays: 5, workingDays: 5 }, { fromDays: 14, workingDays: 7 }], requiresOrder: true },
  businessTrip: { bands: [{ fromDays: 1, workingDays: 1 }, { fromDays: 6, workingDays: 3 }], requiresOrder: true },
  training: { bands: [{ fromDays: 1, workingDays: 1 }], requiresOrder: true },
  powersEndMonths: 2,
};

/** Lubny Засади 15.3: the cases the law says are heard without delay (the list the outage actor hard-wired before). */
export const LUBNY_OUTAGE_RULES: OutageRules = {
  rule: '15.3',
  urgentCategories: [
    { id: 'elections', name: 'Судові справи, пов’язані з виборчим процесом' },
    { id: 'peaceful-assembly', name: 'Встановлення або усунення обмежень щодо реалізації права на мирні зібрання' },
    { id: 'detention', name: 'Обрання запобіжного заходу у виді тримання під вартою' },
    { id: 'securing-proceedings', name: 'Клопотання слідчого, прокурора про забезпечення кримінального провадження' },
    { id: 'dwelling-entry', name: 'Клопотання про проникнення у житло' },
    { id: 'dwelling-search', name: 'Клопотання про обшук чи огляд житла' },
  ],
};

/**
 * Jurisdiction letter of a proceeding index when the Засади do not state one — the rule the code used
 * before it was configuration (spec §1 list; the spec gives only `ц` by example): к criminal,
 * а administrative, ц civil (2…, 4…), п administrative offences, і other.
 */
export function defaultJurisdiction(proceedingIndex: string): string {
  if (proceedingIndex.startsWith('1')) return 'к';
  if (proceedingIndex === '2-а') return 'а';
  if (proceedingIndex.startsWith('2') || proceedingIndex.startsWith('4')) return 'ц';
  if (proceedingIndex.startsWith('3')) return 'п';
  return 'і';
}

/** A validated Засади version with indexes. Treat as immutable. */
export interface Zasady {
  readonly config: ZasadyConfig;
  readonly versionId: string;
  readonly judges: ReadonlyMap<string, JudgeConfig>;
  readonly categories: ReadonlyMap<string, CategoryConfig>;
  readonly panels: ReadonlyMap<string, PanelConfig>;
  /** category id → specialisation ids that may hear it. */
  readonly specialisationsFor: ReadonlyMap<string, readonly string[]>;
  /** judge id → r_j (sum of the judge's administrative reductions). */
  readonly reduction: ReadonlyMap<string, number>;
  /** 4.5 lead windows of this court (the Lubny values when the version states none). */
  readonly leadWindows: LeadWindows;
  /** 15.3 urgent categories of this court (the Lubny list when the version states none). */
  readonly outage: OutageRules;
  /** proceeding index → jurisdiction letter (13.2), for every index of `proceedingIndexes`. */
  readonly jurisdictions: ReadonlyMap<string, string>;
  /**
   * The roster version the draws name: the Засади version id, then `+r<seq>` of the last roster change by
   * order applied on top of it (roster.ts) — the journal event that holds that order.
   */
  readonly rosterVersion: string;
  /** judge id → the order that set the judge's end of powers (a roster change by order); absent for the Засади's own dates. */
  readonly powersEndOrders?: ReadonlyMap<string, DocumentRef>;
}

const check = TypeCompiler.Compile(ZasadySchema);

function schemaIssues(input: unknown): ConfigIssue[] {
  return [...check.Errors(input)].map((e) => ({ path: e.path || '/', code: 'SCHEMA', message: e.message }));
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

type Push = (path: string, code: string, message: string) => void;

function checkDuplicates(c: ZasadyConfig, push: Push): void {
  const lists: [string, string[]][] = [
    ['/judges', c.judges.map((j) => j.id)],
    ['/specialisations', c.specialisations.map((s) => s.id)],
    ['/categories', c.categories.map((x) => x.id)],
    ['/panels', c.panels.map((p) => p.id)],
    ['/administrativeReductions', c.administrativeReductions.map((r) => r.id)],
    ['/proceedingIndexes', c.proceedingIndexes.map((p) => p.index)],
    ['/notDistributed', c.notDistributed.map((g) => g.code)],
    ['/transferGrounds', c.transferGrounds.map((g) => g.code)],
    ['/outage/urgentCategories', (c.outage?.urgentCategories ?? []).map((u) => u.id)],
  ];
  for (const [path, ids] of lists) {
    for (const id of duplicates(ids)) push(path, 'DUPLICATE_ID', `duplicate id ${id}`);
  }
}

function checkDates(c: ZasadyConfig, push: Push): void {
  const dates: [string, string | undefined][] = [
    ['/version/decisionDate', c.version.decisionDate],
    ['/version/effectiveFrom', c.version.effectiveFrom],
    ...c.judges.flatMap((j, i): [string, string | undefined][] => [
      [`/judges/${i}/appointedOn`, j.appointedOn],
      [`/judges/${i}/powersEnd`, j.powersEnd],
    ]),
  ];
  for (const [path, d] of dates) {
    if (d !== undefined && !isIsoDate(d)) push(path, 'INVALID_DATE', `${d} is not a calendar date`);
  }
  if (c.version.effectiveFrom < c.version.decisionDate) {
    push('/version/effectiveFrom', 'EFFECTIVE_BEFORE_DECISION', 'a version cannot take effect before the decision adopting it');
  }
}

function checkSpecialisations(c: ZasadyConfig, push: Push): void {
  const categories = new Set(c.categories.map((x) => x.id));
  const covered = new Set<string>();
  c.specialisations.forEach((s, i) =>
    s.categories.forEach((cat, k) => {
      covered.add(cat);
      if (!categories.has(cat)) push(`/specialisations/${i}/categories/${k}`, 'UNKNOWN_CATEGORY', `unknown category ${cat}`);
    }),
  );
  // Eligibility needs to know who may hear every category (spec §2.3).
  c.categories.forEach((x, i) => {
    if (!covered.has(x.id)) push(`/categories/${i}`, 'CATEGORY_UNCOVERED', `no specialisation lists category ${x.id}`);
  });
  // The registry writes the index into every proceeding number (3.4): it must fit the number's format.
  const format = new RegExp(PROCEEDING_INDEX_PATTERN, 'u');
  c.proceedingIndexes.forEach((p, i) => {
    if (!format.test(p.index)) push(`/proceedingIndexes/${i}/index`, 'PROCEEDING_INDEX_FORMAT', `index ${p.index} does not fit a proceeding number (a digit, then optionally "-" and one or two letters)`);
  });
  const indexes = new Set(c.proceedingIndexes.map((p) => p.index));
  c.categories.forEach((x, i) => {
    if (!indexes.has(x.proceedingIndex)) push(`/categories/${i}/proceedingIndex`, 'UNKNOWN_PROCEEDING_INDEX', `unknown index ${x.proceedingIndex}`);
    if (x.composition?.mode === 'permanent' && !c.panels.some((p) => p.members.length === x.composition!.size)) {
      push(`/categories/${i}/composition`, 'NO_PERMANENT_PANEL', `category ${x.id} is heard by permanent panels but none of size ${x.composition.size} exists`);
    }
  });
}

function checkJudges(c: ZasadyConfig, push: Push): void {
  const specs = new Set(c.specialisations.map((s) => s.id));
  const reductions = new Map(c.administrativeReductions.map((r) => [r.id, r.r]));
  c.administrativeReductions.forEach((r, i) => {
    if (r.r > MAX_REDUCTION) push(`/administrativeReductions/${i}/r`, 'REDUCTION_ABOVE_60', `Засади 6.5: r = ${r.r} exceeds 0.6`);
  });
  c.judges.forEach((j, i) => {
    j.specialisations.forEach((s, k) => {
      if (!specs.has(s)) push(`/judges/${i}/specialisations/${k}`, 'UNKNOWN_SPECIALISATION', `judge ${j.id}: unknown specialisation ${s}`);
    });
    let r = 0;
    j.reductions.forEach((id, k) => {
      const v = reductions.get(id);
      if (v === undefined) push(`/judges/${i}/reductions/${k}`, 'UNKNOWN_REDUCTION', `judge ${j.id}: unknown reduction ${id}`);
      else r += v;
    });
    // Засади 6.5 caps the total, not each position.
    if (r > MAX_REDUCTION + 1e-12) push(`/judges/${i}/reductions`, 'REDUCTION_ABOVE_60', `Засади 6.5: judge ${j.id} r = ${r} exceeds 0.6`);
    if (j.powersEnd !== undefined && j.powersEnd <= j.appointedOn) {
      push(`/judges/${i}/powersEnd`, 'POWERS_END_BEFORE_APPOINTMENT', `judge ${j.id}: powers end before appointment`);
    }
  });
}

function checkPanels(c: ZasadyConfig, push: Push): void {
  const judges = new Map(c.judges.map((j) => [j.id, j]));
  const specs = new Set(c.specialisations.map((s) => s.id));
  c.panels.forEach((p, i) => {
    if (!specs.has(p.specialisation)) push(`/panels/${i}/specialisation`, 'UNKNOWN_SPECIALISATION', `panel ${p.id}: unknown specialisation ${p.specialisation}`);
    const people = p.reserve === undefined ? p.members : [...p.members, p.reserve];
    people.forEach((m, k) => {
      const path = k < p.members.length ? `/panels/${i}/members/${k}` : `/panels/${i}/reserve`;
      const judge = judges.get(m);
      if (!judge) push(path, 'PANEL_MEMBER_NOT_A_JUDGE', `panel ${p.id}: ${m} is not a judge of this court`);
      else if (!judge.specialisations.includes(p.specialisation)) {
        push(path, 'PANEL_MEMBER_LACKS_SPECIALISATION', `panel ${p.id}: judge ${m} lacks specialisation ${p.specialisation}`);
      }
    });
    if (p.reserve !== undefined && p.members.includes(p.reserve)) push(`/panels/${i}/reserve`, 'RESERVE_IS_MEMBER', `panel ${p.id}: reserve ${p.reserve} is also a member`);
  });
}

function checkInvestigating(c: ZasadyConfig, push: Push): void {
  const { specialisation, count } = c.investigatingJudges;
  if (!c.specialisations.some((s) => s.id === specialisation)) {
    push('/investigatingJudges/specialisation', 'UNKNOWN_SPECIALISATION', `unknown specialisation ${specialisation}`);
    return;
  }
  // Засади 8.2: the assembly sets the number of investigating judges; the roster must match it.
  const actual = c.judges.filter((j) => j.specialisations.includes(specialisation)).length;
  if (actual !== count) push('/investigatingJudges/count', 'INVESTIGATING_COUNT_MISMATCH', `assembly set ${count} investigating judges, roster has ${actual}`);
}

function checkLeadRule(path: string, r: LeadRule, push: Push): void {
  for (const d of duplicates(r.bands.map((b) => String(b.fromDays)))) push(`${path}/bands`, 'DUPLICATE_ID', `two bands start at ${d} days`);
  // Every absence has a length ≥ 1 day: without a band from 1 day some absences would have no rule at all.
  if (!r.bands.some((b) => b.fromDays === 1)) push(`${path}/bands`, 'LEAD_BANDS_INCOMPLETE', 'one band must start at 1 day, so that every length of absence has its rule');
}

function checkLeadWindows(c: ZasadyConfig, push: Push): void {
  const w = c.leadWindows;
  if (!w) return;
  checkLeadRule('/leadWindows/vacation', w.vacation, push);
  checkLeadRule('/leadWindows/businessTrip', w.businessTrip, push);
  checkLeadRule('/leadWindows/training', w.training, push);
}

const CHECKS = [checkDuplicates, checkDates, checkSpecialisations, checkJudges, checkPanels, checkInvestigating, checkLeadWindows, checkGrounds];

/**
 * Every semantic problem. On a configuration that failed the schema (`tolerant`) each check still runs
 * over what is there, and a check that cannot read a malformed part is skipped — so one file with a
 * schema error and a semantic error elsewhere gets both listed, not the first kind only.
 */
export function semanticIssues(c: ZasadyConfig, tolerant = false): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const push: Push = (path, code, message) => issues.push({ path, code, message });
  for (const run of CHECKS) {
    if (!tolerant) run(c, push);
    else {
      try {
        run(c, push);
      } catch {
        // the schema errors already name what this check could not read
      }
    }
  }
  return issues;
}

/** Schema errors and semantic errors, all of them. Empty = valid. */
export function zasadyIssues(input: unknown): ConfigIssue[] {
  if (check.Check(input)) return semanticIssues(input);
  const schema = schemaIssues(input);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return schema;
  const seen = new Set(schema.map((i) => `${i.path} ${i.code}`));
  return [...schema, ...semanticIssues(input as ZasadyConfig, true).filter((i) => !seen.has(`${i.path} ${i.code}`))];
}

export function index(config: ZasadyConfig): Zasady {
  const specialisationsFor = new Map<string, string[]>();
  for (const s of config.specialisations) {
    for (const cat of s.categories) specialisationsFor.set(cat, [...(specialisationsFor.get(cat) ?? []), s.id]);
  }
  const r = new Map(config.administrativeReductions.map((x) => [x.id, x.r]));
  return {
    leadWindows: config.leadWindows ?? LUBNY_LEAD_WINDOWS,
    outage: config.outage ?? LUBNY_OUTAGE_RULES,
    jurisdictions: new Map(config.proceedingIndexes.map((p) => [p.index, p.jurisdiction ?? defaultJurisdiction(p.index)])),
    rosterVersion: config.version.id,
    config,
    versionId: config.version.id,
    judges: new Map(config.judges.map((j) => [j.id, j])),
    categories: new Map(config.categories.map((x) => [x.id, x])),
    panels: new Map(config.panels.map((p) => [p.id, p])),
    specialisationsFor,
    // Rounded to 12 decimals so 0.4 + 0.2 is recorded as 0.6, not 0.6000000000000001.
    reduction: new Map(config.judges.map((j) => [j.id, Math.round(j.reductions.reduce((s, id) => s + (r.get(id) ?? 0), 0) * 1e12) / 1e12])),
  };
}

/** Validate a parsed configuration; throws ConfigInvalid with every error. */
export function loadZasady(input: unknown): Zasady {
  const issues = zasadyIssues(input);
  if (issues.length > 0) throw new ConfigInvalid('Засади', issues);
  return index(structuredClone(input as ZasadyConfig));
}

/** Parse YAML text then load. */
export function loadZasadyYaml(text: string): Zasady {
  return loadZasady(parseYaml(text));
}

/** Several versions of one court's Засади; answers which was in force on a date (1.2). */
export class ZasadyHistory {
  readonly versions: readonly Zasady[];

  constructor(versions: readonly Zasady[]) {
    const issues: ConfigIssue[] = [];
    const ids = duplicates(versions.map((v) => v.versionId));
    for (const id of ids) issues.push({ path: '/versions', code: 'DUPLICATE_VERSION', message: `duplicate version id ${id}` });
    const dates = duplicates(versions.map((v) => v.config.version.effectiveFrom));
    for (const d of dates) issues.push({ path: '/versions', code: 'AMBIGUOUS_EFFECTIVE_DATE', message: `two versions take effect on ${d}` });
    const courts = new Set(versions.map((v) => v.config.court.code));
    if (courts.size > 1) issues.push({ path: '/versions', code: 'MIXED_COURTS', message: `versions of several courts: ${[...courts].join(', ')}` });
    if (issues.length > 0) throw new ConfigInvalid('Засади history', issues);
    this.versions = [...versions].sort((a, b) => (a.config.version.effectiveFrom < b.config.version.effectiveFrom ? -1 : 1));
  }

  /** The version in force on court-local date `date`: the latest whose effectiveFrom ≤ date. */
  inForceOn(date: IsoDate): Zasady {
    let found: Zasady | undefined;
    for (const v of this.versions) if (v.config.version.effectiveFrom <= date) found = v;
    if (!found) throw new NoZasadyInForce(date);
    return found;
  }

  /** The version in force at an instant, judged on the court-local date (court.timeZone). */
  inForceAt(instant: string): Zasady {
    const tz = this.versions[this.versions.length - 1]?.config.court.timeZone ?? 'Europe/Kyiv';
    return this.inForceOn(localDateOf(instant, tz));
  }

  with(version: Zasady): ZasadyHistory {
    return new ZasadyHistory([...this.versions, version]);
  }
}
