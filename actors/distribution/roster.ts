/**
 * The roster in force on a date: the Засади version in force, with the
 * roster changes by ORDER (appointment, end of powers, reductions — D15)
 * applied on top, in the order they were recorded. Pure.
 *
 *   const z = applyRoster(history.inForceOn(date), recorded, date);
 *   z.rosterVersion   // 'lubny-2025-04-01+r57' — the version a protocol names
 *
 * Which changes apply to a version: those whose order is dated on or after
 * the version's decision — a version adopted later lists the roster the
 * assembly saw, orders before it included (decided where the Засади are
 * silent; a court expects its newest decision to state its judges).
 * From when: an appointment and new reductions from `effectiveFrom`; an end
 * of powers from the order's date already (4.5: no cases two months before
 * the end — known from the order), with the end itself on `effectiveFrom`.
 */
import type { JudgeConfig } from '../../contracts/distribution/zasady.ts';
import type { DocumentRef } from '../../contracts/distribution/inputs.ts';
import type { RecordedRosterChange, RosterChange } from '../../contracts/distribution/roster.ts';
import type { IsoDate } from './dates.ts';
import type { ConfigIssue } from './errors.ts';
import { index, semanticIssues, type Zasady } from './zasady.ts';

/** The first day a recorded change acts on the roster. */
export function appliesFrom(rc: Pick<RecordedRosterChange, 'change' | 'order'>): IsoDate {
  const c = rc.change;
  if (c.kind === 'end-powers') return rc.order.date < c.effectiveFrom ? rc.order.date : c.effectiveFrom;
  return c.effectiveFrom;
}

/** The changes that act on `zasady` on `date`, in recorded order. */
export function applicableChanges(zasady: Zasady, changes: readonly RecordedRosterChange[], date: IsoDate): RecordedRosterChange[] {
  const decided = zasady.config.version.decisionDate;
  return changes.filter((rc) => rc.order.date >= decided && appliesFrom(rc) <= date);
}

function applyOne(judges: JudgeConfig[], c: RosterChange): JudgeConfig[] {
  switch (c.kind) {
    case 'appoint': {
      const { powersEnd, ...rest } = c.judge;
      const judge: JudgeConfig = { ...rest, appointedOn: c.effectiveFrom, ...(powersEnd !== undefined ? { powersEnd } : {}) };
      return [...judges.filter((j) => j.id !== judge.id), judge];
    }
    case 'end-powers':
      return judges.map((j) => (j.id === c.judgeId ? { ...j, powersEnd: j.powersEnd !== undefined && j.powersEnd < c.effectiveFrom ? j.powersEnd : c.effectiveFrom } : j));
    case 'set-reductions':
      return judges.map((j) => (j.id === c.judgeId ? { ...j, reductions: [...c.reductions] } : j));
  }
}

/** The version's config with the given changes applied (no validation). */
function withChanges(zasady: Zasady, applied: readonly RecordedRosterChange[]): Zasady['config'] {
  return { ...zasady.config, judges: applied.reduce((js, rc) => applyOne(js, rc.change), zasady.config.judges) };
}

/** The roster version name: the Засади version, then the journal seq of the last order applied. */
export function rosterVersionOf(zasady: Zasady, applied: readonly RecordedRosterChange[]): string {
  const last = applied[applied.length - 1];
  return last === undefined ? zasady.versionId : `${zasady.versionId}+r${last.seq}`;
}

/** The Засади version with the roster in force on `date`. Returns `zasady` itself when no change applies. */
export function applyRoster(zasady: Zasady, changes: readonly RecordedRosterChange[], date: IsoDate): Zasady {
  const applied = applicableChanges(zasady, changes, date);
  if (applied.length === 0) return zasady;
  const config = withChanges(zasady, applied);
  const ends = new Map(config.judges.map((j) => [j.id, j.powersEnd]));
  const powersEndOrders = new Map<string, DocumentRef>();
  for (const rc of applied) {
    // The order is the basis only when it set the end in force (an earlier end of the Засади's own stays theirs).
    if (rc.change.kind === 'end-powers' && ends.get(rc.change.judgeId) === rc.change.effectiveFrom) powersEndOrders.set(rc.change.judgeId, { kind: 'order', number: rc.order.number, date: rc.order.date, issuer: 'голова суду' });
    if (rc.change.kind === 'appoint') powersEndOrders.delete(rc.change.judge.id);
  }
  return { ...index(config), rosterVersion: rosterVersionOf(zasady, applied), powersEndOrders };
}

/**
 * What is wrong with a new change on the roster it would act on (`zasady` = the version in force on the
 * change's first day, `earlier` = the changes already recorded): the judge it names, then every rule of
 * the Засади the changed roster must still satisfy (6.5 cap, known specialisations, 8.2 count…), all listed.
 */
export function rosterChangeIssues(zasady: Zasady, earlier: readonly RecordedRosterChange[], next: RecordedRosterChange): ConfigIssue[] {
  const from = appliesFrom(next);
  const before = applicableChanges(zasady, earlier, from);
  const judges = new Map(withChanges(zasady, before).judges.map((j) => [j.id, j]));
  const c = next.change;
  const issues: ConfigIssue[] = [];
  if (c.kind === 'appoint') {
    if (judges.has(c.judge.id)) issues.push({ path: '/change/judge/id', code: 'JUDGE_ON_ROSTER', message: `judge ${c.judge.id} is already on the roster on ${c.effectiveFrom}` });
  } else {
    const judge = judges.get(c.judgeId);
    if (!judge) issues.push({ path: '/change/judgeId', code: 'UNKNOWN_JUDGE', message: `no judge ${c.judgeId} on the roster on ${from}` });
    else if (c.kind === 'end-powers' && c.effectiveFrom <= judge.appointedOn) {
      issues.push({ path: '/change/effectiveFrom', code: 'POWERS_END_BEFORE_APPOINTMENT', message: `judge ${c.judgeId} was appointed on ${judge.appointedOn}` });
    }
  }
  if (issues.length > 0) return issues;
  const after = { ...zasady.config, judges: applyOne([...judges.values()], c) };
  return semanticIssues(after).map((i) => ({ ...i, path: `/roster${i.path}` }));
}
