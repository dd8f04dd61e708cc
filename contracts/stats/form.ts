/**
 * The form definition language (Засади 16.2), `asds.stats-form/v1`: a report
 * form is data — sections of rows, columns, and logical-control rules — so a
 * real ДСА form is typed in YAML without a code change.
 *
 * A cell = measure(column) over the cards matching row.where ∧ column.where,
 * relative to the period [from, to] (court-local dates, inclusive):
 *  - `pending-start`: receivedOn < from ∧ (decidedOn absent ∨ decidedOn ≥ from)
 *  - `received`:      from ≤ receivedOn ≤ to
 *  - `resolved`:      from ≤ decidedOn ≤ to
 *  - `pending-end`:   receivedOn ≤ to ∧ (decidedOn absent ∨ decidedOn > to)
 *  - `over-term`:     resolved ∧ overTerm
 *  - `sum-claimed` / `sum-awarded`: Σ amount (kopiykas) over `resolved`
 * A filter compares one card field with a list (`in`), presence (`present`),
 * or a boolean (`is`); filters of a row and a column are ANDed.
 */
import { Type, type Static } from '@sinclair/typebox';

export const STATS_FORM_SCHEMA_ID = 'asds.stats-form/v1';

const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 64 });
const Label = Type.String({ minLength: 1, maxLength: 500 });

export const MEASURES = ['pending-start', 'received', 'resolved', 'pending-end', 'over-term', 'sum-claimed', 'sum-awarded'] as const;
export const MeasureV1 = Type.Union(MEASURES.map((m) => Type.Literal(m)));
export type MeasureV1 = Static<typeof MeasureV1>;

/** Card fields a filter may name. */
export const FILTER_FIELDS = ['index', 'category', 'article', 'result', 'judge', 'appealOutcome', 'overTerm', 'juvenile', 'detention'] as const;
export const FilterV1 = Type.Object(
  {
    field: Type.Union(FILTER_FIELDS.map((f) => Type.Literal(f))),
    in: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1 })),
    /** `true`: the field is set; `false`: it is absent. */
    present: Type.Optional(Type.Boolean()),
    is: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type FilterV1 = Static<typeof FilterV1>;

export const RowV1 = Type.Object(
  {
    id: Id,
    /** Row number as printed on the form ("1", "1.1"). */
    code: Type.String({ minLength: 1, maxLength: 20 }),
    label: Label,
    where: Type.Array(FilterV1),
  },
  { additionalProperties: false },
);
export type RowV1 = Static<typeof RowV1>;

export const ColumnV1 = Type.Object(
  {
    id: Id,
    code: Type.String({ minLength: 1, maxLength: 20 }),
    label: Label,
    measure: MeasureV1,
    where: Type.Optional(Type.Array(FilterV1)),
  },
  { additionalProperties: false },
);
export type ColumnV1 = Static<typeof ColumnV1>;

export const SectionV1 = Type.Object(
  { id: Id, title: Label, rows: Type.Array(RowV1, { minItems: 1 }), columns: Type.Array(ColumnV1, { minItems: 1 }) },
  { additionalProperties: false },
);
export type SectionV1 = Static<typeof SectionV1>;

/** A cell reference `section.row.column`; `*` in row or column means every one. */
const CellRef = Type.String({ pattern: '^[A-Za-z0-9._-]+\\.([A-Za-z0-9_-]+|\\*)\\.([A-Za-z0-9_-]+|\\*)$', maxLength: 200 });

/** Report logical control (16.1.4) as data. */
export const ControlV1 = Type.Union([
  /** total = Σ parts (row or column sums). */
  Type.Object({ id: Id, kind: Type.Literal('sum'), total: CellRef, parts: Type.Array(CellRef, { minItems: 1 }), text: Label }, { additionalProperties: false }),
  /** left ≤ right (a part never exceeds its total). */
  Type.Object({ id: Id, kind: Type.Literal('le'), left: CellRef, right: CellRef, text: Label }, { additionalProperties: false }),
  /** pending-start + received − resolved = pending-end, per row of a section, by the named columns. */
  Type.Object(
    { id: Id, kind: Type.Literal('flow'), section: Id, start: Id, received: Id, resolved: Id, end: Id, text: Label },
    { additionalProperties: false },
  ),
  /** This period's `start` column equals the previous period's `end` column (needs the previous report). */
  Type.Object({ id: Id, kind: Type.Literal('continuity'), section: Id, start: Id, end: Id, text: Label }, { additionalProperties: false }),
]);
export type ControlV1 = Static<typeof ControlV1>;

export const PERIOD_KINDS = ['month', 'quarter', 'half-year', 'year', 'any'] as const;

export const FormDefinitionV1 = Type.Object(
  {
    schema: Type.Literal(STATS_FORM_SCHEMA_ID),
    /** e.g. `1-мзс-example`. */
    id: Type.String({ minLength: 1, maxLength: 64 }),
    version: Type.Integer({ minimum: 1 }),
    name: Label,
    /** Whether the layout is the official one or a structural example (the official cells were not available). */
    status: Type.Union([Type.Literal('official'), Type.Literal('example')]),
    /** Basis, e.g. "наказ ДСА № 311 від 09.03.2017 (зі змінами, наказ № 269 від 18.06.2020)". */
    basis: Label,
    /** Which courts fill it: local general, district administrative, appellate… */
    courtKind: Type.String({ minLength: 1, maxLength: 60 }),
    periods: Type.Array(Type.Union(PERIOD_KINDS.map((p) => Type.Literal(p))), { minItems: 1, uniqueItems: true }),
    sections: Type.Array(SectionV1, { minItems: 1 }),
    controls: Type.Array(ControlV1),
  },
  { additionalProperties: false },
);
export type FormDefinitionV1 = Static<typeof FormDefinitionV1>;
