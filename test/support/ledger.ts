/**
 * A small test actor: an append-only ledger of values. `boom` always throws
 * (dead letters); `flaky` throws while the process-wide counter allows
 * (supervision restarts). The impurity of `flaky` is deliberate and test-only.
 */
import { Type } from '@sinclair/typebox';
import type { Behavior } from '../../runtime/index.ts';
import { DomainRejected } from '../../runtime/index.ts';

export interface LedgerState {
  values: number[];
  timers: number;
}

export type LedgerCommand =
  | { type: 'append'; value: number; delayMs?: number }
  | { type: 'get' }
  | { type: 'boom' }
  | { type: 'flaky'; value: number }
  | { type: 'remind'; name: string; dueAt: number; everyMs?: number };

export type LedgerEvent = { type: 'appended'; value: number } | { type: 'timer-fired'; name: string; coalesced: number };

export const LedgerCommandSchema = Type.Union([
  Type.Object({ type: Type.Literal('append'), value: Type.Integer(), delayMs: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('get') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('boom') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('flaky'), value: Type.Integer() }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('remind'), name: Type.String(), dueAt: Type.Integer(), everyMs: Type.Optional(Type.Integer({ minimum: 1 })) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('tick'), name: Type.String() }, { additionalProperties: false }),
]);

export const flakyFailures = { remaining: 0 };

export const ledger: Behavior<LedgerState, any, LedgerEvent> = {
  kind: 'ledger',
  commandSchema: LedgerCommandSchema,
  // test fixture: the remote tests ask it over the bus from a central node; `boom`/`flaky`/`remind` stay in-process
  remote: { append: ['central'], get: ['central', 'operator'] },
  initialState: () => ({ values: [], timers: 0 }),
  decide(state, cmd, ctx) {
    switch (cmd.type) {
      case 'append':
        if (cmd.value < 0) throw new DomainRejected('NEGATIVE', 'value must not be negative');
        return { events: [{ type: 'appended', value: cmd.value }], reply: { seq: ctx.seq + 1, count: state.values.length + 1 } };
      case 'get':
        return { reply: state };
      case 'boom':
        throw new Error('boom');
      case 'flaky':
        if (flakyFailures.remaining > 0) {
          flakyFailures.remaining--;
          throw new Error('flaky failure');
        }
        return { events: [{ type: 'appended', value: cmd.value }], reply: { count: state.values.length + 1 } };
      case 'remind':
        return {
          reply: 'scheduled',
          effects: [{ type: 'schedule', name: cmd.name, dueAt: cmd.dueAt, ...(cmd.everyMs ? { everyMs: cmd.everyMs } : {}), message: { type: 'tick', name: cmd.name } }],
        };
      case 'tick':
        return { events: [{ type: 'timer-fired', name: cmd.name, coalesced: ctx.reminder?.coalesced ?? 0 }] };
      default:
        throw new DomainRejected('UNKNOWN', 'unknown command');
    }
  },
  evolve(state, e) {
    if (e.type === 'appended') return { ...state, values: [...state.values, e.value] };
    return { ...state, timers: state.timers + 1 };
  },
};
