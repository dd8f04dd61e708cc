/**
 * The `node` actor: the node's own run log in its journal. Every start and
 * clean stop is an event; a start that follows a start without a stop reveals
 * an unclean stop (power loss, kill). The outage periods it records are the
 * raw material of the outage act (Засади 15.1: start and end of a failure).
 */
import type { Behavior } from './actor.ts';
import { NodeCommandV1, type NodeStatusV1 } from '../contracts/node/v1.ts';

export interface NodeState {
  role: 'court' | 'central' | null;
  version: string | null;
  running: boolean;
  runningSince: number | null;
  lastSeen: number | null;
  starts: number;
  uncleanStops: number;
  lastOutage: NodeStatusV1['lastOutage'];
  /** Clock jumps backwards seen (runtime/clock.ts); absent in old snapshots = 0. */
  clockAlarms?: number;
}

export type NodeEvent =
  | { type: 'node-started'; role: 'court' | 'central'; version: string; pid: number; at: number; previousStop: { at: number; clean: boolean } | null; clock?: 'simulated' }
  | { type: 'node-stopped'; reason: string; at: number }
  | { type: 'clock-held'; wall: number; held: number };

export const nodeBehavior: Behavior<NodeState, NodeCommandV1, NodeEvent, NodeStatusV1 | { recorded: true }> = {
  kind: 'node',
  commandSchema: NodeCommandV1,
  // `asds node status` and the centre's operators read a node's run log; start/stop records only the node writes
  remote: { status: ['central', 'operator'] },
  initialState: () => ({
    role: null,
    version: null,
    running: false,
    runningSince: null,
    lastSeen: null,
    starts: 0,
    uncleanStops: 0,
    lastOutage: null,
  }),
  decide(state, cmd, ctx) {
    switch (cmd.type) {
      case 'record-start': {
        // A start while the log says "running" means the previous run ended without a stop record.
        const lastAlive = Math.max(state.lastSeen ?? 0, cmd.lastActivity ?? 0);
        const previousStop = state.lastSeen === null ? null : { at: lastAlive, clean: !state.running };
        return {
          events: [{ type: 'node-started', role: cmd.role, version: cmd.version, pid: cmd.pid, at: ctx.now, previousStop, ...(cmd.clock ? { clock: cmd.clock } : {}) }],
          reply: { recorded: true },
        };
      }
      case 'record-stop':
        return { events: [{ type: 'node-stopped', reason: cmd.reason, at: ctx.now }], reply: { recorded: true } };
      case 'record-clock-alarm':
        return { events: [{ type: 'clock-held', wall: cmd.wall, held: cmd.held }], reply: { recorded: true } };
      case 'status':
        return {
          reply: {
            node: ctx.self.id,
            role: state.role,
            version: state.version,
            runningSince: state.runningSince,
            starts: state.starts,
            uncleanStops: state.uncleanStops,
            lastOutage: state.lastOutage,
            ...(state.clockAlarms ? { clockAlarms: state.clockAlarms } : {}),
          },
        };
    }
  },
  evolve(state, e) {
    if (e.type === 'node-stopped') return { ...state, running: false, lastSeen: e.at };
    if (e.type === 'clock-held') return { ...state, clockAlarms: (state.clockAlarms ?? 0) + 1 };
    const prev = e.previousStop;
    return {
      ...state,
      role: e.role,
      version: e.version,
      running: true,
      runningSince: e.at,
      lastSeen: e.at,
      starts: state.starts + 1,
      uncleanStops: state.uncleanStops + (prev && !prev.clean ? 1 : 0),
      lastOutage: prev ? { from: prev.at, to: e.at, clean: prev.clean } : state.lastOutage,
    };
  },
};
