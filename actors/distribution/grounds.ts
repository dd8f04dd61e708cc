/**
 * The route grounds of a court's Засади as data (Засади 4.11, 4.17, 5.1–5.2,
 * 5.4): what each ground's earlier judge is found by (`follows`), the link
 * that proves the connection (`links`), whether it is never drawn (4.11) and
 * the categories it applies to. Routing and the registration hand-off read
 * these rules; no paragraph number is special in code.
 *
 *   const rule = groundRule(zasady, '5.2');   // { follows: 'erdr', categories: ['investigator-request'], … }
 *   const erdr = groundFollowing(zasady, 'erdr', 'investigator-request');
 *
 * Versions recorded before grounds carried their semantics (asds.zasady/v1
 * without `follows`) keep the meaning their Lubny numbering had in code:
 * LEGACY below, by code, for a ground that states none of the fields — so
 * the protocols and routes of those versions do not change (a code LEGACY
 * does not know follows its earlier case with no link check, as it did). In a
 * version where any ground states its semantics, a ground that states none
 * and whose code LEGACY does not know is a configuration error (checkGrounds).
 */
import type { GroundConfig, ZasadyConfig } from '../../contracts/distribution/zasady.ts';
import type { Zasady } from './zasady.ts';

export type LinkKind = 'same-ueun' | 'same-party' | 'split-ruling';
export type Follows = NonNullable<GroundConfig['follows']>;

export interface GroundRule {
  code: string;
  text: string;
  follows: Follows;
  /** `related-case`: any one of these proves the link; empty = no link check (an unknown legacy code, as before). */
  links: readonly LinkKind[];
  neverDrawn: boolean;
  categories?: readonly string[];
  distributeIfJudgeAbsent?: boolean;
  waitsIfJudgeAbsentWhen?: GroundConfig['waitsIfJudgeAbsentWhen'];
}

type Semantics = Pick<GroundRule, 'follows' | 'links' | 'neverDrawn'> & { categories?: readonly string[] };

const related = (...links: LinkKind[]): Semantics => ({ follows: 'related-case', links, neverDrawn: false });

/** The Lubny numbering's meaning, as routing.ts and links.ts hard-coded it before the fields existed. */
export const LEGACY: Readonly<Record<string, Semantics>> = {
  '4.11': { follows: 'related-case', links: ['split-ruling'], neverDrawn: true },
  '4.17.1': related('same-party'),
  '4.17.2': related('same-party'),
  '4.17.3': related('same-ueun'),
  '5.1.1': related('same-ueun'),
  '5.1.2': related('same-ueun'),
  '5.1.3': related('same-ueun'),
  '5.1.4': related('same-ueun'),
  '5.1.5': related('same-party'),
  '5.1.6': related('same-ueun', 'same-party'),
  '5.1.7': related('same-ueun'),
  '5.1.8': related('same-ueun'),
  '5.1.9': related('same-party'),
  '5.1.10': related('same-ueun', 'same-party'),
  '5.1.11': related('same-party'),
  '5.1.12': related('same-ueun'),
  '5.2': { follows: 'erdr', links: [], neverDrawn: false },
};

/** Legacy versions had no 4.11 entry: the split ground was a constant of routing.ts (its text kept verbatim). */
const LEGACY_SPLIT: GroundConfig = {
  code: '4.11',
  text: "Виділена (роз'єднана) судова справа — передається судді, яким ухвалено рішення про роз'єднання чи виділення в окреме провадження",
};

const statesSemantics = (g: GroundConfig) => g.follows !== undefined || g.links !== undefined || g.neverDrawn !== undefined;

/** The ground's rule; undefined = it states no semantics in a version that must (see the file comment). */
function ruleOf(g: GroundConfig, legacyVersion: boolean): GroundRule | undefined {
  const legacy = statesSemantics(g) ? undefined : LEGACY[g.code];
  if (!statesSemantics(g) && !legacy && !legacyVersion) return undefined;
  const follows = g.follows ?? legacy?.follows ?? 'related-case';
  const rule: GroundRule = {
    code: g.code,
    text: g.text,
    follows,
    links: g.links ?? legacy?.links ?? [],
    neverDrawn: g.neverDrawn ?? legacy?.neverDrawn ?? false,
  };
  if (g.categories) rule.categories = g.categories;
  if (g.distributeIfJudgeAbsent !== undefined) rule.distributeIfJudgeAbsent = g.distributeIfJudgeAbsent;
  if (g.waitsIfJudgeAbsentWhen) rule.waitsIfJudgeAbsentWhen = g.waitsIfJudgeAbsentWhen;
  return rule;
}

const cache = new WeakMap<ZasadyConfig, ReadonlyMap<string, GroundRule>>();

/** Every ground of the version with its semantics, by code. */
export function groundRules(config: ZasadyConfig): ReadonlyMap<string, GroundRule> {
  let rules = cache.get(config);
  if (!rules) {
    const list = [...config.notDistributed, ...config.transferGrounds];
    const legacyVersion = !list.some(statesSemantics);
    const m = new Map<string, GroundRule>();
    for (const g of list) {
      const r = ruleOf(g, legacyVersion);
      if (r) m.set(g.code, r);
    }
    // A version from before the semantics fields knew 4.11 only as a constant.
    if (legacyVersion && !m.has(LEGACY_SPLIT.code)) m.set(LEGACY_SPLIT.code, ruleOf(LEGACY_SPLIT, true)!);
    rules = m;
    cache.set(config, rules);
  }
  return rules;
}

export function groundRule(zasady: Zasady, code: string): GroundRule | undefined {
  return groundRules(zasady.config).get(code);
}

/** Does the ground apply to an item of this category (no `categories` = every category)? */
export const appliesTo = (rule: GroundRule, category: string) => rule.categories === undefined || rule.categories.includes(category);

/** The ground of this kind that applies to the category, if the Засади have one (`erdr`: 5.2; `person`: 5.1.11). */
export function groundFollowing(zasady: Zasady, follows: Exclude<Follows, 'related-case'>, category: string): GroundRule | undefined {
  for (const r of groundRules(zasady.config).values()) if (r.follows === follows && appliesTo(r, category)) return r;
  return undefined;
}

type Push = (path: string, code: string, message: string) => void;

/** Every problem of the grounds' semantics (added to the Засади's semantic validation). */
export function checkGrounds(c: ZasadyConfig, push: Push): void {
  const categories = new Set(c.categories.map((x) => x.id));
  const lists: Array<[string, GroundConfig[]]> = [
    ['/notDistributed', c.notDistributed],
    ['/transferGrounds', c.transferGrounds],
  ];
  const byKind = new Map<string, string[]>();
  const legacyVersion = !lists.some(([, list]) => list.some(statesSemantics));
  for (const [path, list] of lists) {
    list.forEach((g, i) => {
      const at = `${path}/${i}`;
      const rule = ruleOf(g, legacyVersion);
      if (!rule) {
        push(at, 'GROUND_SEMANTICS_MISSING', `ground ${g.code}: state what it follows (follows: related-case | erdr | person) and, for related-case, its links`);
        return;
      }
      if (rule.follows === 'related-case' && statesSemantics(g) && rule.links.length === 0) {
        push(`${at}/links`, 'GROUND_LINKS_MISSING', `ground ${g.code} follows an earlier case: name the link that proves it (same-ueun, same-party, split-ruling)`);
      }
      if (rule.follows !== 'related-case' && g.links !== undefined) push(`${at}/links`, 'GROUND_LINKS_UNUSED', `ground ${g.code} follows ${rule.follows}: its link is that index, not links`);
      if (rule.follows !== 'related-case' && rule.neverDrawn) push(`${at}/neverDrawn`, 'GROUND_NEVER_DRAWN_UNSUPPORTED', `ground ${g.code}: only a ground following an earlier case can be never drawn (4.11)`);
      // 5.1.11: the person index is kept only for the categories the ground names (a civil claim of the same person routes nowhere).
      if (rule.follows === 'person' && rule.categories === undefined) push(at, 'GROUND_CATEGORIES_REQUIRED', `ground ${g.code} follows a person: name the categories it applies to`);
      (g.categories ?? []).forEach((cat, k) => {
        if (!categories.has(cat)) push(`${at}/categories/${k}`, 'UNKNOWN_CATEGORY', `ground ${g.code}: unknown category ${cat}`);
      });
      if (rule.follows !== 'related-case') for (const cat of rule.categories ?? ['*']) byKind.set(`${rule.follows}:${cat}`, [...(byKind.get(`${rule.follows}:${cat}`) ?? []), g.code]);
    });
  }
  // One index ground per category: which earlier judge an item follows must not depend on list order.
  for (const [key, codes] of byKind) {
    if (codes.length > 1) push('/transferGrounds', 'GROUND_AMBIGUOUS', `grounds ${codes.join(', ')} all follow ${key.split(':')[0]} for ${key.split(':')[1] === '*' ? 'every category' : key.split(':')[1]}`);
  }
}
