/**
 * Reads of the distribution actor (no events): a case's composition and
 * protocols, the protocol list, load figures (Засади 10), the judges'
 * assignments for load information (10.1–10.2), the Засади in force and the
 * roster with absences and duty. Pure over the state and the Засади history.
 */
import type { DecideContext } from '../../../runtime/index.ts';
import { DomainRejected } from '../../../runtime/index.ts';
import type { AssignmentRow, AssignmentsReply, DistributionCommand } from '../../../contracts/court/distribution.ts';
import type { IsoDate } from '../../distribution/dates.ts';
import { NoZasadyInForce } from '../../distribution/errors.ts';
import { loadSnapshot } from '../../distribution/load.ts';
import type { Zasady, ZasadyHistory } from '../../distribution/zasady.ts';
import { applyRoster } from '../../distribution/roster.ts';
import type { DistributionEnv } from './env.ts';
import type { DistributionState } from './state.ts';

const READS = new Set(['read-case', 'read-protocols', 'read-load', 'read-assignments', 'read-zasady', 'read-roster', 'read-waiting', 'read-person']);
export type ReadCommand = Extract<DistributionCommand, { type: 'read-case' | 'read-protocols' | 'read-load' | 'read-assignments' | 'read-zasady' | 'read-roster' | 'read-waiting' | 'read-person' }>;

/** One line of the waiting list: what waits, for whom, on what ground, since when, and the forecast. */
export interface WaitingRow {
  caseId: string;
  uniqueNumber: string | null;
  category: string;
  why: 'impossible' | 'waiting' | 'held';
  /** `held` only: why the stated route was not followed, in Ukrainian (a person decides). */
  reason?: string;
  /** 5.4 / 4.11: the earlier judge the case waits for (null for a 4.10 impossibility). */
  judgeId: string | null;
  ground: string | null;
  rule: string | null;
  since: string | null;
  /** Forecast: the judge's first working day back / the day distribution becomes possible; null = not known (e.g. an open sick leave). */
  runOn: string | null;
  /** A known departure of the judge (dismissal, end of powers): the case is looked at again that day (4.14). */
  recheckOn: string | null;
  protocol: string | null;
}

/** Every waiting case, oldest attempt first (the staff's control list; Засади 4.10, 5.4). */
export function waitingList(s: DistributionState): WaitingRow[] {
  return Object.entries(s.pending)
    .map(([caseId, p]) => ({
      caseId,
      uniqueNumber: p.case.uniqueNumber ?? null,
      category: p.case.category,
      why: p.why,
      ...(p.held ? { reason: p.held.reason } : {}),
      judgeId: p.waitingFor?.judgeId ?? null,
      ground: p.waitingFor?.ground ?? p.route?.ground ?? null,
      rule: p.waitingFor?.rule ?? (p.why === 'impossible' ? '4.10' : p.why === 'held' ? '4.1' : null),
      since: p.waitingFor?.since ?? p.held?.since ?? null,
      runOn: p.runOn,
      recheckOn: p.waitingFor?.recheckOn ?? null,
      protocol: p.protocol ?? null,
      seq: p.seq,
    }))
    .sort((a, b) => a.seq - b.seq)
    .map(({ seq: _s, ...row }) => row);
}

/** The person keys stay inside the actor: a case read shows the record without them. */
function withoutPerson<T extends { personKeys?: string[] }>(rec: T | undefined): Omit<T, 'personKeys'> | null {
  if (!rec) return null;
  const { personKeys: _k, ...rest } = rec;
  return rest;
}

export function isRead(cmd: DistributionCommand): cmd is ReadCommand {
  return READS.has(cmd.type);
}

type ReadAssignments = Extract<DistributionCommand, { type: 'read-assignments' }>;

const DEFAULT_LIMIT = 1000;

/** Filter the assignment rows; counts cover every match, rows are capped at `limit` (newest kept). */
export function readAssignments(s: DistributionState, q: ReadAssignments): AssignmentsReply {
  const match = (a: AssignmentRow) =>
    (q.judgeId === undefined || a.judgeId === q.judgeId) && (q.category === undefined || a.category === q.category) && (q.from === undefined || a.date >= q.from) && (q.to === undefined || a.date <= q.to);
  // Never an undercount (review 9): rows missing (old snapshot, no journal to rebuild from) is a refusal.
  if (!s.assignments) throw new DomainRejected('ASSIGNMENTS_UNAVAILABLE', 'the assignment rows are missing from the state (a snapshot from before them must be set aside by snapshotUsable)');
  const rows = s.assignments.filter(match);
  const counts: AssignmentsReply['counts'] = {};
  for (const a of rows) {
    const byCategory = (counts[a.judgeId] ??= {});
    const c = (byCategory[a.category] ??= { presiding: 0, member: 0, reserve: 0 });
    c[a.form] += 1;
  }
  const limit = q.limit ?? DEFAULT_LIMIT;
  return { from: q.from ?? null, to: q.to ?? null, counts, total: rows.length, assignments: limit === 0 ? [] : rows.slice(-limit) };
}

/** The version in force on a date; a date before the first version is a refusal, not a crash. */
function inForce(history: ZasadyHistory, date: IsoDate): Zasady {
  try {
    return history.inForceOn(date);
  } catch (e) {
    if (e instanceof NoZasadyInForce) throw new DomainRejected(e.code, e.message, { date });
    throw e;
  }
}

export function read(env: DistributionEnv, state: DistributionState, cmd: ReadCommand, ctx: DecideContext): unknown {
  const { allConfigs, historyOf, today } = env;
  switch (cmd.type) {
    case 'read-case':
      return { caseId: cmd.caseId, assignment: withoutPerson(state.cases[cmd.caseId]), pending: withoutPerson(state.pending[cmd.caseId]), protocols: state.protocols[cmd.caseId] ?? [] };
    case 'read-person': {
      // 5.1.11: the person's cases, latest first; the node reads their cards to find one not yet decided.
      const ids = [...new Set(cmd.keys.flatMap((k) => state.persons?.[k] ?? []))];
      const rows = ids.map((caseId) => ({ caseId, rec: state.cases[caseId] })).filter((x) => x.rec !== undefined);
      return {
        cases: rows
          .sort((a, b) => b.rec!.seq - a.rec!.seq)
          .map(({ caseId, rec }) => ({ caseId, uniqueNumber: rec!.case.uniqueNumber ?? null, proceedingNumber: rec!.case.proceedingNumber ?? caseId, category: rec!.category, presiding: rec!.presiding })),
      };
    }
    case 'read-protocols': {
      if (cmd.caseId !== undefined) return { protocols: state.protocols[cmd.caseId] ?? [] };
      const all = Object.entries(state.protocols).flatMap(([caseId, list]) => list.map((p) => ({ caseId, ...p })));
      return { protocols: all.sort((a, b) => b.seq - a.seq).slice(0, 200), attempts: state.attempts, pending: Object.keys(state.pending) };
    }
    case 'read-load': {
      // Засади 10: load information for each judge.
      const date = cmd.date ?? today(state, ctx);
      const configs = allConfigs(state);
      if (configs.length === 0 || !state.ledger) return { date, judges: [] };
      const z = applyRoster(inForce(historyOf(configs), date), state.roster ?? [], date);
      const ids = z.config.judges.map((j) => j.id).filter((id) => state.ledger!.judges[id]);
      return { date, zasady: z.versionId, judges: loadSnapshot(state.ledger, z, date, ids) };
    }
    case 'read-assignments':
      return readAssignments(state, cmd);
    case 'read-waiting':
      return { waiting: waitingList(state) };
    case 'read-zasady': {
      const configs = allConfigs(state);
      if (configs.length === 0) throw new DomainRejected('NO_ZASADY', 'no Засади version is loaded for this court');
      // The version in force with the roster in force that day (judges appointed or changed by order included):
      // what the load pages and printouts name the judges by.
      const date = cmd.date ?? today(state, ctx);
      return applyRoster(inForce(historyOf(configs), date), state.roster ?? [], date).config;
    }
    case 'read-roster': {
      const configs = allConfigs(state);
      const date = cmd.date ?? today(state, ctx);
      // Only future-dated versions loaded: no version in force yet — said so (zasady null), not a crash (review 8), as read-load does.
      let z: Zasady | undefined;
      try {
        // The roster in force: the version's judges with the roster changes by order applied (D15).
        z = configs.length > 0 ? applyRoster(historyOf(configs).inForceOn(date), state.roster ?? [], date) : undefined;
      } catch (e) {
        if (!(e instanceof NoZasadyInForce)) throw e;
      }
      // Every judge of any loaded version (a judge joining in a later one, or one who has left) or appointed by
      // order: their absences belong to this actor's record whichever version is in force today (review 8).
      const known = new Map<string, { id: string; name: string }>();
      for (const c of configs) for (const j of c.judges) known.set(j.id, { id: j.id, name: j.name });
      for (const rc of state.roster ?? []) if (rc.change.kind === 'appoint') known.set(rc.change.judge.id, { id: rc.change.judge.id, name: rc.change.judge.name });
      const effectiveFrom = configs.map((c) => c.version.effectiveFrom).sort();
      return {
        zasady: z?.versionId ?? null,
        rosterVersion: z?.rosterVersion ?? null,
        rosterChanges: state.roster ?? [],
        judges: z?.config.judges ?? [],
        allJudges: [...known.values()],
        firstEffectiveFrom: effectiveFrom[0] ?? null,
        categories: z?.config.categories.map((c) => c.id) ?? [],
        absences: state.absences,
        duty: state.duty,
      };
    }
  }
}
