/**
 * A judge's availability as recorded by the head of staff (kind `judge`,
 * id = the judge's login). Minimal on purpose: the distribution engineer
 * extends it (eligibility reads these absences — Засади 2.3, 2.4, 4.2, 4.5).
 */
import type { Behavior } from '../../../runtime/index.ts';
import type { AvailabilityBodyV1, JudgeCommandV1 } from '../../../contracts/court/index.ts';
import { JudgeCommandV1 as JudgeCommandSchema } from '../../../contracts/court/index.ts';
import { CourtRejected } from '../errors.ts';
import { isCalendarDate } from '../dates.ts';
import { stampOf } from '../stamp.ts';

export const JUDGE_KIND = 'judge';

export interface JudgeState {
  absences: Array<AvailabilityBodyV1 & { recordedAt: number; recordedBy: { login: string; role: string } }>;
}

export type JudgeEvent = { type: 'absence-recorded'; absence: AvailabilityBodyV1; at: number; by: { login: string; role: string } };

export const judgeBehavior: Behavior<JudgeState, JudgeCommandV1, JudgeEvent> = {
  kind: JUDGE_KIND,
  commandSchema: JudgeCommandSchema,
  initialState: () => ({ absences: [] }),
  decide(state, cmd, ctx) {
    if (cmd.type === 'availability') return { reply: state.absences };
    const by = stampOf(ctx);
    // Засади 4.2: the head of staff enters the judge's absence (memo / order); nobody else.
    if (by.role !== 'head_of_staff') throw new CourtRejected('FORBIDDEN', { needed: 'head_of_staff' });
    const a = cmd.absence;
    for (const d of [a.from, a.to, a.basis.date]) if (d !== undefined && !isCalendarDate(d)) throw new CourtRejected('BAD_DATE', { date: d });
    if (a.to !== undefined && a.to < a.from) throw new CourtRejected('BAD_DATE', { from: a.from, to: a.to });
    return { events: [{ type: 'absence-recorded', absence: a, at: ctx.now, by }], reply: { recorded: true, absences: state.absences.length + 1 } };
  },
  evolve: (state, e) => ({ absences: [...state.absences, { ...e.absence, recordedAt: e.at, recordedBy: e.by }] }),
};
