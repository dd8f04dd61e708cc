/**
 * A formed report (Засади 16.1.3): the cells of a form for a court (or a
 * consolidation) and a period, and its logical-control result (16.1.4).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateV1 } from '../court/common.ts';

export const PeriodV1 = Type.Object(
  {
    kind: Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('half-year'), Type.Literal('year'), Type.Literal('any')]),
    from: DateV1,
    to: DateV1,
  },
  { additionalProperties: false },
);
export type PeriodV1 = Static<typeof PeriodV1>;

/** Who the report is of: one court, a region (configurable grouping of courts), or the nation. */
export const ScopeV1 = Type.Union([
  Type.Object({ kind: Type.Literal('court'), court: Type.String({ pattern: '^[0-9]{1,4}$' }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('region'), region: Type.String({ minLength: 1, maxLength: 64 }), courts: Type.Array(Type.String()) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('nation'), courts: Type.Array(Type.String()) }, { additionalProperties: false }),
]);
export type ScopeV1 = Static<typeof ScopeV1>;

export const ControlFailureV1 = Type.Object(
  {
    control: Type.String(),
    text: Type.String(),
    /** The cells involved, `section.row.column`, with their values. */
    cells: Type.Array(Type.Object({ ref: Type.String(), value: Type.Number() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type ControlFailureV1 = Static<typeof ControlFailureV1>;

export const StatReportV1 = Type.Object(
  {
    schema: Type.Literal('asds.stats-report/v1'),
    form: Type.Object({ id: Type.String(), version: Type.Integer() }, { additionalProperties: false }),
    scope: ScopeV1,
    period: PeriodV1,
    /** cells[section][row][column] = value (counts; sums in kopiykas). */
    cells: Type.Record(Type.String(), Type.Record(Type.String(), Type.Record(Type.String(), Type.Number()))),
    /** Logical control: empty = passed. A report with failures cannot be signed (16.1.4). */
    failures: Type.Array(ControlFailureV1),
    /** How many cards it was formed from. */
    cards: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type StatReportV1 = Static<typeof StatReportV1>;
