/**
 * Reads of the distribution actor that need no Засади index: the judges'
 * assignments for load information (Засади 10.1–10.2). Pure over the state.
 */
import type { AssignmentRow, AssignmentsReply, DistributionCommand } from '../../../contracts/court/distribution.ts';
import type { DistributionState } from './state.ts';

type ReadAssignments = Extract<DistributionCommand, { type: 'read-assignments' }>;

const DEFAULT_LIMIT = 1000;

/** Filter the assignment rows; counts cover every match, rows are capped at `limit` (newest kept). */
export function readAssignments(s: DistributionState, q: ReadAssignments): AssignmentsReply {
  const match = (a: AssignmentRow) =>
    (q.judgeId === undefined || a.judgeId === q.judgeId) && (q.category === undefined || a.category === q.category) && (q.from === undefined || a.date >= q.from) && (q.to === undefined || a.date <= q.to);
  const rows = (s.assignments ?? []).filter(match);
  const counts: AssignmentsReply['counts'] = {};
  for (const a of rows) {
    const byCategory = (counts[a.judgeId] ??= {});
    const c = (byCategory[a.category] ??= { presiding: 0, member: 0, reserve: 0 });
    c[a.form] += 1;
  }
  const limit = q.limit ?? DEFAULT_LIMIT;
  return { from: q.from ?? null, to: q.to ?? null, counts, total: rows.length, assignments: limit === 0 ? [] : rows.slice(-limit) };
}
