/**
 * The centre's journaled record of database pulls (Засади 18.3), actor
 * `pull-register/<court>`: each request (who, when, deadline), its outcome
 * and an overdue finding are events in the central node's hash-chained
 * journal, attributed to who caused them — on the worker that did it (with
 * several workers the request may be journaled on one and the outcome on
 * another; each record is complete). The `pulls` table in the analytics
 * database is the view people query; this is the record that cannot be
 * rewritten unseen (`asds journal verify --data <central dir>`).
 *
 *   await system.ref(PULL_REGISTER_KIND, '537').ask({ type: 'record-request', pullId, requestedBy, … }, { meta: { author } });
 */
import type { Behavior } from '../../../runtime/index.ts';
import { PullRegisterCommandV1 } from '../../../contracts/pull/index.ts';

export const PULL_REGISTER_KIND = 'pull-register';

export interface RegisteredPull {
  requestedBy: string;
  requestedAt: number;
  dueAt: number;
  dueDate: string;
  outcome?: { verdict: string; at: number; reportSha256?: string };
  overdueAt?: number;
}

export interface PullRegisterState {
  pulls: Record<string, RegisteredPull>;
}

type Event =
  | { type: 'pull-requested'; pullId: string; requestedBy: string; requestedAt: number; dueAt: number; dueDate: string; note: string }
  | { type: 'pull-completed'; pullId: string; verdict: string; at: number; reportSha256?: string; detail: string; requestedHere: boolean }
  | { type: 'pull-overdue'; pullId: string; dueAt: number; at: number; requestedHere: boolean };

export const pullRegisterBehavior: Behavior<PullRegisterState, PullRegisterCommandV1, Event, unknown> = {
  kind: PULL_REGISTER_KIND,
  commandSchema: PullRegisterCommandV1,
  initialState: () => ({ pulls: {} }),
  decide(state, cmd, ctx) {
    if (cmd.type === 'status') return { reply: state };
    const known = state.pulls[cmd.pullId];
    switch (cmd.type) {
      case 'record-request':
        // a retried request (same id) is the same request: recorded once
        if (known) return { reply: { pullId: cmd.pullId, recorded: false } };
        return { events: [{ ...cmd, type: 'pull-requested' }], reply: { pullId: cmd.pullId, recorded: true } };
      case 'record-outcome': {
        // any worker may run the job: a pull requested through another worker is recorded here too (requestedHere false)
        // a job retried after its outcome was recorded changes nothing: the first outcome stands
        if (known?.outcome) return { reply: { pullId: cmd.pullId, recorded: false } };
        const { type: _t, ...rest } = cmd;
        return { events: [{ type: 'pull-completed', ...rest, at: ctx.now, requestedHere: known !== undefined }], reply: { pullId: cmd.pullId, recorded: true } };
      }
      case 'record-overdue':
        if (known?.overdueAt || known?.outcome) return { reply: { pullId: cmd.pullId, recorded: false } };
        return { events: [{ type: 'pull-overdue', pullId: cmd.pullId, dueAt: cmd.dueAt, at: ctx.now, requestedHere: known !== undefined }], reply: { pullId: cmd.pullId, recorded: true } };
    }
  },
  evolve(state, e) {
    const pulls = { ...state.pulls };
    // a pull first seen here through its outcome or overdue finding (requested through another worker)
    const base = (id: string): RegisteredPull => pulls[id] ?? { requestedBy: '', requestedAt: 0, dueAt: 0, dueDate: '' };
    if (e.type === 'pull-requested') pulls[e.pullId] = { requestedBy: e.requestedBy, requestedAt: e.requestedAt, dueAt: e.dueAt, dueDate: e.dueDate };
    else if (e.type === 'pull-completed') pulls[e.pullId] = { ...base(e.pullId), outcome: { verdict: e.verdict, at: e.at, ...(e.reportSha256 ? { reportSha256: e.reportSha256 } : {}) } };
    else pulls[e.pullId] = { ...base(e.pullId), overdueAt: e.at };
    return { pulls };
  },
};
