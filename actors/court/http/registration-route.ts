/**
 * The route a registration states (Засади 4.11, 4.17, 5.1–5.2, 5.1.11),
 * checked against the Засади in force and the court's records BEFORE the
 * registration is written — a bad route registers nothing — and turned into
 * what is stored: the person only as keyed hashes (registry/person.ts).
 *
 * What is refused here is what the clerk can fix at once: an incomplete
 * person, a ground the Засади lack, a ground without what it needs (the
 * earlier case, the split ruling, the ЄРДР number), an earlier case this
 * court never distributed. Whether the records bear the link out (the
 * ruling's judge is that case's judge, a party in common…) is the
 * distribution actor's check at the hand-off; a route that fails it is held
 * in the waiting list for a person's decision, never drawn (handoff.ts).
 */
import type { RegisterBodyV1, RegistrationRouteV1 } from '../../../contracts/court/index.ts';
import type { ZasadyConfig } from '../../../contracts/distribution/zasady.ts';
import { groundRules } from '../../distribution/grounds.ts';
import { DISTRIBUTION_KIND } from '../distribution/env.ts';
import { personIdentifiers, personKeys } from '../registry/person.ts';
import { distributionRoster } from './distribution.ts';
import type { CourtHttpContext } from './context.ts';
import { HttpRefusal } from './errors.ts';

/** The stored route, or undefined when the body states none. Throws HttpRefusal (nothing written yet). */
export async function prepareRoute(ctx: CourtHttpContext, body: RegisterBodyV1): Promise<RegistrationRouteV1 | undefined> {
  const r = body.route;
  if (!r || Object.keys(r).length === 0) return undefined;
  const { person, ...rest } = r;
  const out: RegistrationRouteV1 = { ...rest };
  if (person) {
    // 5.1.11: a person the index can find again — РНОКПП, or name with date of birth.
    if (personIdentifiers(person).length === 0) throw new HttpRefusal('ROUTE_PERSON_INCOMPLETE');
    if (!ctx.key) throw new HttpRefusal('ROUTE_KEY_MISSING');
    out.personKeys = personKeys(ctx.key, person);
  }
  const roster = ctx.system.hasKind(DISTRIBUTION_KIND) ? await distributionRoster(ctx) : null;
  if (!roster || roster.zasady === null) throw new HttpRefusal('ROUTE_NOT_AVAILABLE');
  if (!body.category || !roster.categories.includes(body.category)) throw new HttpRefusal('ROUTE_NEEDS_CATEGORY', { category: body.category ?? null, categories: roster.categories });
  if (r.ground === undefined) {
    if (r.relatedProceeding !== undefined || r.splitRuling !== undefined) throw new HttpRefusal('ROUTE_GROUND_REQUIRED');
    return out;
  }
  const config = await ctx.system.ref(DISTRIBUTION_KIND, ctx.court).ask<ZasadyConfig>({ type: 'read-zasady' });
  const rule = groundRules(config).get(r.ground);
  if (!rule) throw new HttpRefusal('UNKNOWN_GROUND', { ground: r.ground, grounds: [...groundRules(config).keys()] });
  if (rule.follows === 'related-case' && r.relatedProceeding === undefined) throw new HttpRefusal('ROUTE_RELATED_CASE_REQUIRED', { ground: r.ground });
  // 4.11: the judge who split the case is named by the ruling — without it there is nothing to check the transfer on.
  if (rule.follows === 'related-case' && rule.links.length === 1 && rule.links[0] === 'split-ruling' && !r.splitRuling) throw new HttpRefusal('ROUTE_SPLIT_RULING_REQUIRED', { ground: r.ground });
  if (rule.follows === 'erdr' && r.erdr === undefined && r.relatedProceeding === undefined) throw new HttpRefusal('ROUTE_ERDR_REQUIRED', { ground: r.ground });
  if (rule.follows === 'person' && !person && r.relatedProceeding === undefined) throw new HttpRefusal('ROUTE_PERSON_INCOMPLETE', { ground: r.ground });
  if (r.relatedProceeding !== undefined) {
    const held = await ctx.system.ref(DISTRIBUTION_KIND, ctx.court).ask<{ assignment: unknown }>({ type: 'read-case', caseId: r.relatedProceeding });
    if (!held.assignment) throw new HttpRefusal('ROUTE_RELATED_CASE_UNKNOWN', { relatedProceeding: r.relatedProceeding });
  }
  return out;
}
