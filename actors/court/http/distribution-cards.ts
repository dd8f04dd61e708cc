/**
 * Between the distribution actor and the cards (case actors), for the HTTP
 * handlers: the facts a transfer's link is checked on, read from the
 * court's own cards (never from the request body), and the judge written on
 * the card from the protocol (Засади 4.7–4.9, 5.3) — the only way a judge
 * reaches a card.
 */
import { AsdsError, DomainRejected } from '../../../runtime/index.ts';
import type { CardV1 } from '../../../contracts/court/index.ts';
import type { CaseFacts, DistributeItem, DistributionOutcome, LinkFacts } from '../../../contracts/court/distribution.ts';
import { cardAssignmentOf } from '../distribution/card.ts';
import { DISTRIBUTION_KIND } from '../distribution/index.ts';
import { caseAsker } from './case-ask.ts';
import { distributionRoster, rosterJudgeOf } from './distribution.ts';
import type { CourtHttpContext } from './context.ts';

type Meta = { author: string; role: string };

/** The card's proceeding, or null when the court has no such card / proceeding. */
async function proceedingOf(ctx: CourtHttpContext, ueun: string, proceedingNumber: string, meta: Meta): Promise<CardV1['proceedings'][number] | null> {
  let card: CardV1;
  try {
    card = await caseAsker(ctx)<CardV1>(ueun, { type: 'card' }, meta);
  } catch (e) {
    if (e instanceof AsdsError && (e.code === 'CASE_NOT_FOUND' || e.code === 'VALIDATION_FAILED')) return null;
    throw e;
  }
  return card.proceedings.find((p) => p.proceedingNumber === proceedingNumber) ?? null;
}

async function caseFacts(ctx: CourtHttpContext, ueun: string, proceedingNumber: string, meta: Meta): Promise<CaseFacts | null> {
  const p = await proceedingOf(ctx, ueun, proceedingNumber, meta);
  if (!p) return null;
  const parties = (p.current as { parties?: Array<{ name: string }> }).parties ?? [];
  return { ueun, proceedingNumber, parties: parties.map((x) => x.name) };
}

/**
 * A routed item (a ground named) must be a registration of this court: its
 * card holds the proceeding `caseId`. The earlier case's card is found by the
 * ЄУН the distribution actor recorded for it.
 */
export async function linkFactsFor(ctx: CourtHttpContext, item: DistributeItem, meta: Meta): Promise<LinkFacts | undefined> {
  if (item.route?.ground === undefined) return undefined;
  const c = item.case;
  const proceeding = c.proceedingNumber ?? c.caseId;
  if (c.uniqueNumber === undefined || proceeding !== c.caseId) {
    throw new DomainRejected('CASE_NOT_ON_RECORD', `a transfer (ground ${item.route.ground}) is made only for a registered proceeding: give uniqueNumber (ЄУН) and caseId = its proceeding number`, { caseId: c.caseId });
  }
  const current = await caseFacts(ctx, c.uniqueNumber, proceeding, meta);
  if (!current) throw new DomainRejected('CASE_NOT_ON_RECORD', `no proceeding ${proceeding} on the card ${c.uniqueNumber} of this court`, { ueun: c.uniqueNumber, proceedingNumber: proceeding });
  const facts: LinkFacts = { current };
  if (item.route.relatedCaseId !== undefined) {
    const rc = await ctx.system.ref(DISTRIBUTION_KIND, ctx.court).ask<{ assignment: { case: { uniqueNumber?: string; proceedingNumber?: string } } | null }>({ type: 'read-case', caseId: item.route.relatedCaseId });
    const u = rc.assignment?.case.uniqueNumber;
    const related = u !== undefined ? await caseFacts(ctx, u, rc.assignment!.case.proceedingNumber ?? item.route.relatedCaseId, meta) : null;
    if (related) facts.related = related;
  }
  return facts;
}

/** A draw attached to a card must name a proceeding the card holds (caseId = proceeding number). */
export async function checkCardOf(ctx: CourtHttpContext, item: DistributeItem, meta: Meta): Promise<void> {
  const c = item.case;
  if (c.uniqueNumber === undefined) return;
  const proceeding = c.proceedingNumber ?? c.caseId;
  if (proceeding !== c.caseId || !(await proceedingOf(ctx, c.uniqueNumber, proceeding, meta))) {
    throw new DomainRejected('CASE_NOT_ON_RECORD', `no proceeding ${c.caseId} on the card ${c.uniqueNumber} of this court`, { ueun: c.uniqueNumber, caseId: c.caseId });
  }
}

/** Write the judge of a distributed or transferred item on its card; false when the item has no card or the write failed. */
export async function writeCard(ctx: CourtHttpContext, item: DistributeItem, out: DistributionOutcome, meta: Meta): Promise<boolean> {
  if ((out.status !== 'distributed' && out.status !== 'transferred') || item.case.uniqueNumber === undefined) return false;
  const assignment = cardAssignmentOf(out.document, item.case.caseId);
  if (!assignment) return false;
  try {
    await caseAsker(ctx)(item.case.uniqueNumber, { type: 'assign', assignment }, meta);
    return true;
  } catch (e) {
    // The draw stands (journaled); POST /cases/…/assignment with the protocol writes the card later.
    ctx.log.warn('card-assign-failed', { court: ctx.court, caseId: item.case.caseId, error: e instanceof AsdsError ? e.code : 'unknown' });
    return false;
  }
}

/** An urgent case assigned during an outage by the assembly's decision (Засади 15.3). */
export interface UrgentAssignmentBody {
  category: string;
  at: string;
  case: { caseId: string; uniqueNumber?: string; proceedingNumber?: string; zasadyCategory?: string };
  judges: string[];
  decision: { kind: string; number: string; date: string; issuer?: string };
}

/**
 * Засади 15.3: the assembly may name only judges of this court — each must be in the Засади (any loaded version
 * in force today). Returns the judges as the Засади name them. Without a distribution actor (no Засади of its
 * own) there is no roster to check against: the names stand as entered.
 */
export async function rosterJudges(ctx: CourtHttpContext, judges: readonly string[]): Promise<string[]> {
  const roster = await distributionRoster(ctx);
  if (!roster) return [...judges];
  const ids = judges.map((j) => rosterJudgeOf(roster, j));
  const unknown = judges.filter((_, i) => ids[i] === undefined);
  if (unknown.length > 0) throw new DomainRejected('UNKNOWN_JUDGE', `not judges of the Засади in force: ${unknown.join(', ')}`, { judges: unknown });
  return ids as string[];
}

/**
 * Засади 15.3 + 15.4: an urgent case is a registered case of this court — its card must exist — and, where the
 * court distributes automatically, it goes into the distribution record (urgent.ts): the Засади category it counts
 * in is the one of its proceeding index unless named. Checked before anything is written; returns the category,
 * or undefined for a court without a distribution actor.
 */
export async function prepareUrgent(ctx: CourtHttpContext, body: UrgentAssignmentBody, meta: Meta): Promise<string | undefined> {
  const ueun = body.case.uniqueNumber;
  const proceedingNumber = body.case.proceedingNumber ?? body.case.caseId;
  if (ueun === undefined || !(await proceedingOf(ctx, ueun, proceedingNumber, meta))) {
    throw new DomainRejected('CASE_NOT_ON_RECORD', 'an urgent case assigned during an outage is registered first (Засади 15.4): give its ЄУН and proceeding number', { ueun: ueun ?? null, proceedingNumber });
  }
  const roster = await distributionRoster(ctx);
  if (!roster) return undefined;
  const dist = ctx.system.ref(DISTRIBUTION_KIND, ctx.court);
  const held = await dist.ask<{ assignment: unknown; pending: unknown }>({ type: 'read-case', caseId: body.case.caseId });
  if (held.assignment || held.pending) throw new DomainRejected('ALREADY_DISTRIBUTED', `case ${body.case.caseId} already has a distribution record`, { caseId: body.case.caseId });
  const z = await dist.ask<{ categories: Array<{ id: string; proceedingIndex?: string }> }>({ type: 'read-zasady' });
  if (body.case.zasadyCategory !== undefined) {
    if (!z.categories.some((c) => c.id === body.case.zasadyCategory)) throw new DomainRejected('UNKNOWN_CATEGORY', `category ${body.case.zasadyCategory} is not in the Засади`, { categories: z.categories.map((c) => c.id) });
    return body.case.zasadyCategory;
  }
  const index = proceedingNumber.split('/')[0];
  const matching = z.categories.filter((c) => c.proceedingIndex === index);
  if (matching.length !== 1) throw new DomainRejected('CATEGORY_REQUIRED', `name the Засади category (case.zasadyCategory): proceeding index ${index} has ${matching.length} categories`, { candidates: matching.map((c) => c.id) });
  return matching[0]!.id;
}

/** 15.3 in the distribution record: a sealed non-random assignment (ground 15.3), the load, and the card written from it. */
export async function recordUrgent(ctx: CourtHttpContext, outageRef: string, body: UrgentAssignmentBody, category: string, categoryText: string, meta: Meta): Promise<{ out: DistributionOutcome; cardUpdated: boolean }> {
  const c = { caseId: body.case.caseId, category, exclusions: [], ...(body.case.uniqueNumber ? { uniqueNumber: body.case.uniqueNumber } : {}), ...(body.case.proceedingNumber ? { proceedingNumber: body.case.proceedingNumber } : {}) };
  const out = await ctx.system.ref(DISTRIBUTION_KIND, ctx.court).ask<DistributionOutcome>({ type: 'assign-by-assembly', case: c, judges: body.judges, decision: body.decision, at: body.at, categoryText, outageRef }, { meta });
  return { out, cardUpdated: await writeCard(ctx, { case: c }, out, meta) };
}

/** Write the judge named by the assembly on the case's card, marked non-random with ground 15.3 and the decision as its basis. */
export async function writeUrgentCard(ctx: CourtHttpContext, outageId: string, seq: number, body: UrgentAssignmentBody, categoryText: string, meta: Meta): Promise<boolean> {
  const ueun = body.case.uniqueNumber;
  const proceedingNumber = body.case.proceedingNumber ?? body.case.caseId;
  if (ueun === undefined || !(await proceedingOf(ctx, ueun, proceedingNumber, meta))) return false;
  const d = body.decision;
  const assignment = {
    proceedingNumber,
    judge: body.judges[0]!.toLowerCase(),
    ...(body.judges.length > 1 ? { members: body.judges.slice(1).map((j) => j.toLowerCase()) } : {}),
    protocol: `${outageId}-${seq}`,
    mode: 'non-random' as const,
    ground: { code: '15.3', text: `Розподіл за рішенням зборів суддів під час збою (Засади 15.3): ${categoryText}`.slice(0, 1000) },
    basis: { kind: 'decision' as const, number: d.number, date: d.date, ...(d.issuer ? { issuer: d.issuer } : {}) },
  };
  await caseAsker(ctx)(ueun, { type: 'assign', assignment }, meta);
  return true;
}
