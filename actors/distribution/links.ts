/**
 * The link that justifies a transfer past the draw (Засади 4.11, 4.17,
 * 5.1–5.2). A ground alone is a claim; the transfer is accepted only when
 * the court's own records show the connection between the incoming case and
 * the earlier one whose judge it follows — otherwise any earlier case of a
 * wanted judge would do, and the draw could be steered (issue 10 item 4).
 * Pure: the caller supplies its records (the earlier case's composition and
 * ЄУН from the distribution journal, the parties read from the cards).
 *
 * Which link each ground needs (interpretation of the Засади wording, see
 * README "Transfers: the link each ground needs"):
 *  - same ЄУН — the new item belongs to the very case the earlier judge
 *    heard: 5.1.1 (returned from appeal/cassation), 5.1.2 (additional
 *    decision, corrections, explanation, court fee), 5.1.3 (review of a
 *    default judgment), 5.1.4 (execution of that court's decision), 5.1.7
 *    (securing a claim already filed), 5.1.8 (newly discovered
 *    circumstances), 4.17.3 ≡ 5.1.12 (returned after a jurisdiction ruling);
 *  - a party in common — a separate case about the same person or dispute:
 *    4.17.1 ≡ 5.1.5 (КПК 334 ч.2, the same accused), 4.17.2 (counterclaim,
 *    third-party claim in that dispute), 5.1.9 (the claim after securing
 *    it), 5.1.11 (offences of the same person);
 *  - either of the two: 5.1.6 (restoring a lost proceeding), 5.1.10 (an
 *    offence case returned for completion);
 *  - the split ruling — 4.11: the ruling (ухвала, number, date, author) that
 *    split the earlier case, made by that case's judge;
 *  - 5.2: the same ЄРДР number, found in this court's own index of
 *    investigating judges (routing.ts) — no other link;
 *  - 5.1.11 (a ground that follows a person): the same person, by the keyed
 *    identifiers the node recorded at both registrations — no other link.
 *
 * Which ground needs which link is the court's data (grounds.ts: `links`,
 * `follows`); GROUND_LINKS is the Lubny numbering's meaning for versions
 * recorded before the grounds carried it.
 */
import type { CaseToDistribute, DocumentRef } from '../../contracts/distribution/inputs.ts';
import type { CaseFacts, LinkFacts, RouteRequest } from '../../contracts/court/distribution.ts';
import type { Composition } from './routing.ts';
import { LEGACY, type GroundRule, type LinkKind } from './grounds.ts';

export type { LinkKind } from './grounds.ts';

/** Any one of the listed links is enough for the ground (Lubny numbering, versions without `links`). */
export const GROUND_LINKS: Readonly<Record<string, readonly LinkKind[]>> = Object.fromEntries(
  Object.entries(LEGACY)
    .filter(([, g]) => g.follows === 'related-case')
    .map(([code, g]) => [code, g.links]),
);

/** The earlier case as this court recorded it. */
export interface RelatedRecord {
  caseId: string;
  composition: Composition;
  case: CaseToDistribute;
  /** The keyed person identifiers recorded with the earlier case (5.1.11), if any. */
  personKeys?: readonly string[];
}

export interface LinkInput {
  code: string;
  /** The ground's rule in the Засади in force; absent = GROUND_LINKS by code. */
  rule?: GroundRule;
  route: RouteRequest;
  case: CaseToDistribute;
  related: RelatedRecord | undefined;
  facts: LinkFacts | undefined;
}

export interface LinkRefusal {
  code: string;
  message: string;
  details?: unknown;
}

/** A judge id as written in a ruling: the Засади id or the login (LUB-03 ↔ lub-03). */
const sameJudge = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const norm = (name: string) => name.normalize('NFC').toLowerCase().replace(/[«»"'’`ʼ]/g, '').replace(/\s+/g, ' ').trim();

/** null = the link holds; otherwise why the transfer is refused. `code` is the ground (5.2 is checked by routing). */
export function checkTransferLink(input: LinkInput): LinkRefusal | null {
  const { code, route, related } = input;
  if (input.rule?.follows === 'erdr') return null;
  const person = input.rule?.follows === 'person';
  const links = person ? [] : input.rule ? input.rule.links : GROUND_LINKS[code];
  if (!links || (!person && links.length === 0)) return null;
  if (!route.relatedCaseId) {
    // No "named judge" without a record: the judge comes from the earlier case, never from the request.
    return { code: 'RELATED_CASE_REQUIRED', message: `ground ${code} needs relatedCaseId: the earlier case of this court whose judge the item follows` };
  }
  if (!related) return { code: 'NO_PREVIOUS_JUDGE', message: `no case ${route.relatedCaseId} was distributed in this court: ground ${code} cannot follow it` };
  if (route.judgeId !== undefined && !sameJudge(route.judgeId, related.composition.presiding)) {
    return { code: 'NAMED_JUDGE_MISMATCH', message: `judge ${route.judgeId} is not the judge of case ${related.caseId}`, details: { presiding: related.composition.presiding } };
  }
  if (person) {
    // 5.1.11: the same person — the keys the node recorded at both registrations share one.
    const mine = new Set(input.facts?.personKeys ?? []);
    if ((related.personKeys ?? []).some((k) => mine.has(k))) return null;
    return { code: 'TRANSFER_LINK_NOT_PROVEN', message: `ground ${code}: the person of case ${related.caseId} is not the person of this registration`, details: { ground: code, needs: ['same-person'], relatedCaseId: related.caseId } };
  }
  const failures: string[] = [];
  for (const kind of links) {
    const why = LINK_CHECKS[kind](input, related);
    if (why === null) return null;
    failures.push(why);
  }
  return { code: 'TRANSFER_LINK_NOT_PROVEN', message: `ground ${code}: ${failures.join('; ')}`, details: { ground: code, needs: links, relatedCaseId: related.caseId } };
}

const LINK_CHECKS: Record<LinkKind, (input: LinkInput, related: RelatedRecord) => string | null> = {
  'same-ueun': (input, related) => {
    const mine = input.facts?.current?.ueun ?? input.case.uniqueNumber;
    const theirs = input.facts?.related?.ueun ?? related.case.uniqueNumber;
    if (mine === undefined || theirs === undefined) return 'the ЄУН of both cases must be on record (register the item in the earlier case)';
    return mine === theirs ? null : `ЄУН ${mine} differs from ${theirs} of case ${related.caseId}`;
  },
  'same-party': (input, related) => {
    const mine = input.facts?.current;
    const theirs = input.facts?.related;
    if (!mine || !theirs) return `the parties of both cases must be on their cards (${mine ? '' : 'incoming '}${!mine && !theirs ? 'and ' : ''}${theirs ? '' : `case ${related.caseId}`})`;
    return partyInCommon(mine, theirs) ? null : `no party in common with case ${related.caseId}`;
  },
  'split-ruling': (input, related) => splitRulingProblem(input.route.basis, related),
};

function partyInCommon(a: CaseFacts, b: CaseFacts): boolean {
  const names = new Set(a.parties.map(norm).filter((n) => n.length > 0));
  return b.parties.some((p) => names.has(norm(p)));
}

/** Засади 4.11: "передається судді, яким ухвалено рішення про роз'єднання … чи виділення в окреме провадження". */
function splitRulingProblem(basis: DocumentRef | undefined, related: RelatedRecord): string | null {
  if (!basis || basis.kind !== 'ruling') return "the ruling that split the case (basis of kind 'ruling', number, date, issuer) is required (Засади 4.11)";
  if (!basis.issuer) return 'the ruling must name its author (issuer): the judge who split the case';
  const panel = [related.composition.presiding, ...related.composition.members];
  if (!panel.some((j) => sameJudge(j, basis.issuer!))) return `the ruling's author ${basis.issuer} is not the judge of case ${related.caseId}`;
  return null;
}
