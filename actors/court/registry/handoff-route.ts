/**
 * What the 4.1 hand-off sends with a registration so the distribution actor
 * routes it BEFORE any draw (Засади 4.11, 4.17, 5.1–5.2, 5.1.11): the route
 * the registration stated, and the facts the link is checked on — read from
 * the court's records here (node side), never decided here: decide stays in
 * the distribution actor (routeCase, checkTransferLink).
 *
 * 5.1.11 ("відносно однієї і тієї ж особи, якщо справа ще не розглянута"):
 * the distribution actor's person index (journaled with every distribution,
 * `read-person`) names the person's earlier cases; the first of them, latest
 * first, whose card has no decision yet is the earlier case — then the ground
 * that follows a person applies. None pending: the case is drawn (and indexed
 * for the next one).
 */
import { AsdsError, type ActorSystem } from '../../../runtime/index.ts';
import type { CardV1, CaseRegisteredV1, RegistrationRouteV1 } from '../../../contracts/court/index.ts';
import type { LinkFacts, RouteRequest } from '../../../contracts/court/distribution.ts';
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import { appliesTo, groundRules } from '../../distribution/grounds.ts';

const DISTRIBUTION_KIND = 'distribution';
const CASE_KIND = 'case';

export type RoutedRegistration = Pick<CaseRegisteredV1, 'ueun' | 'proceedingNumber'> & {
  registration: Pick<CaseRegisteredV1['registration'], 'category' | 'parties' | 'route'>;
};

export interface RoutedItem {
  route?: RouteRequest;
  facts?: LinkFacts;
}

interface PersonCase {
  caseId: string;
  uniqueNumber: string | null;
  proceedingNumber: string;
  category: string;
}

/** The stated route in the distribution actor's terms (4.11: the split ruling is the basis, its judge the issuer). */
export function routeRequestOf(r: RegistrationRouteV1): RouteRequest {
  const route: RouteRequest = {};
  if (r.ground !== undefined) route.ground = r.ground;
  if (r.relatedProceeding !== undefined) route.relatedCaseId = r.relatedProceeding;
  if (r.erdr !== undefined) route.erdr = r.erdr;
  if (r.sentenceExecution !== undefined) route.sentenceExecution = r.sentenceExecution;
  if (r.splitRuling) route.basis = { kind: 'ruling', number: r.splitRuling.number, date: r.splitRuling.date, issuer: r.splitRuling.judge };
  return route;
}

async function proceedingOf(system: ActorSystem, ueun: string, proceedingNumber: string): Promise<CardV1['proceedings'][number] | undefined> {
  try {
    const card = await system.ref(CASE_KIND, ueun).ask<CardV1>({ type: 'card' });
    return card.proceedings.find((p) => p.proceedingNumber === proceedingNumber);
  } catch (e) {
    // No card: not this person's pending case. Anything else (busy, timeout) is retried by the hand-off — never a guess.
    if (e instanceof AsdsError && e.code === 'CASE_NOT_FOUND') return undefined;
    throw e;
  }
}

/** 5.1.11: the person's latest case of the ground's categories not decided yet, if any. */
async function pendingCaseOf(system: ActorSystem, court: string, keys: string[], categories: readonly string[] | undefined, self: string): Promise<PersonCase | undefined> {
  const { cases } = await system.ref(DISTRIBUTION_KIND, court).ask<{ cases: PersonCase[] }>({ type: 'read-person', keys });
  for (const c of cases) {
    if (c.caseId === self || c.uniqueNumber === null) continue;
    if (categories && !categories.includes(c.category)) continue;
    const p = await proceedingOf(system, c.uniqueNumber, c.proceedingNumber);
    if (p && !(p as { decision?: unknown }).decision) return c;
  }
  return undefined;
}

/** The earlier case's parties from its card (a party in common, 4.17, 5.1.5, 5.1.9). */
async function relatedFacts(system: ActorSystem, court: string, caseId: string): Promise<LinkFacts['related']> {
  const rc = await system.ref(DISTRIBUTION_KIND, court).ask<{ assignment: { case: { uniqueNumber?: string; proceedingNumber?: string } } | null }>({ type: 'read-case', caseId });
  const ueun = rc.assignment?.case.uniqueNumber;
  if (ueun === undefined) return undefined;
  const proceedingNumber = rc.assignment!.case.proceedingNumber ?? caseId;
  const p = await proceedingOf(system, ueun, proceedingNumber);
  if (!p) return undefined;
  const parties = ((p.current as { parties?: Array<{ name: string }> }).parties ?? []).map((x) => x.name);
  return { ueun, proceedingNumber, parties };
}

/** The route and link facts for one registration; nothing when it states no route. */
export async function routedItem(system: ActorSystem, court: string, reg: RoutedRegistration, config: ZasadyConfig | null): Promise<RoutedItem> {
  const stated = reg.registration.route;
  if (!stated) return {};
  const route = routeRequestOf(stated);
  const facts: LinkFacts = { current: { ueun: reg.ueun, proceedingNumber: reg.proceedingNumber, parties: reg.registration.parties.map((p) => p.name) } };
  if (stated.personKeys) facts.personKeys = stated.personKeys;
  const category = reg.registration.category ?? '';
  if (route.ground === undefined && stated.personKeys && config) {
    for (const rule of groundRules(config).values()) {
      if (rule.follows !== 'person' || !appliesTo(rule, category)) continue;
      const earlier = await pendingCaseOf(system, court, stated.personKeys, rule.categories, reg.proceedingNumber);
      if (earlier) {
        route.ground = rule.code;
        route.relatedCaseId = earlier.caseId;
      }
      break;
    }
  }
  if (route.relatedCaseId !== undefined) {
    const related = await relatedFacts(system, court, route.relatedCaseId);
    if (related) facts.related = related;
  }
  return { ...(Object.keys(route).length > 0 ? { route } : {}), facts };
}
