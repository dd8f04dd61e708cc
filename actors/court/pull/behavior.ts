/**
 * The court's record of database pulls (Засади 18.3): each request from the
 * centre is an event in the court's own journal — so the court's chain itself
 * shows when it was asked and when its copy was made. Only a central node may
 * request (runtime/remote.ts checks the signed sender against `remote`).
 */
import type { Behavior } from '../../../runtime/index.ts';
import { DatabasePullCommandV1 } from '../../../contracts/pull/index.ts';

export const DATABASE_PULL_KIND = 'database-pull';

export interface PullEntry {
  requestedBy: string;
  requestedAt: number;
  dueAt: number;
  /** The central node that sent the request. */
  from: string;
  prepared?: { sha256: string; size: number; headGseq: number; headHash: string; at: number };
}

export interface DatabasePullState {
  pulls: Record<string, PullEntry>;
}

export type DatabasePullEvent =
  | { type: 'pull-requested'; pullId: string; requestedBy: string; requestedAt: number; dueAt: number; from: string }
  | { type: 'pull-prepared'; pullId: string; sha256: string; size: number; headGseq: number; headHash: string; at: number };

export const databasePullBehavior: Behavior<DatabasePullState, DatabasePullCommandV1, DatabasePullEvent, unknown> = {
  kind: DATABASE_PULL_KIND,
  commandSchema: DatabasePullCommandV1,
  remote: { 'request-pull': ['central'], status: ['central'] },
  initialState: () => ({ pulls: {} }),
  decide(state, cmd, ctx) {
    switch (cmd.type) {
      case 'request-pull': {
        // a repeated request (a retried job) is the same request: recorded once
        if (state.pulls[cmd.pullId]) return { reply: { pullId: cmd.pullId, recorded: false } };
        const from = String(ctx.meta.node ?? ctx.meta.author ?? 'unknown');
        return {
          events: [{ type: 'pull-requested', pullId: cmd.pullId, requestedBy: cmd.requestedBy, requestedAt: cmd.requestedAt, dueAt: cmd.dueAt, from }],
          reply: { pullId: cmd.pullId, recorded: true },
        };
      }
      case 'record-prepared': {
        const p = state.pulls[cmd.pullId];
        if (!p) throw new Error(`pull ${cmd.pullId} was never requested`);
        if (p.prepared) return { reply: p.prepared };
        const { type: _t, ...rest } = cmd;
        return { events: [{ type: 'pull-prepared', ...rest, at: ctx.now }], reply: { ...rest, at: ctx.now } };
      }
      case 'status':
        return { reply: state };
    }
  },
  evolve(state, e) {
    if (e.type === 'pull-requested') {
      const { type: _t, pullId, ...entry } = e;
      return { pulls: { ...state.pulls, [pullId]: entry } };
    }
    const p = state.pulls[e.pullId];
    if (!p) return state;
    const { type: _t, pullId, ...prepared } = e;
    return { pulls: { ...state.pulls, [pullId]: { ...p, prepared } } };
  },
};
