/**
 * Засади (a court's rules for АСДС) as versioned configuration — schema v1.
 *
 * Every numeric rule the assembly of judges sets (Засади 6.1–6.6, 8.2) is
 * a field here; the code only interprets. Semantic checks (cross
 * references, r ≤ 0.6, …) live in actors/distribution/zasady.ts.
 *
 * Compatibility: rules that were constants in code before (the 4.5 lead
 * windows, the jurisdiction letters, the 15.3 urgent categories) are NEW
 * OPTIONAL fields of this same v1 schema, each defaulting to the Lubny value
 * the code used to hard-wire (actors/distribution/zasady.ts `LUBNY_*`). Chosen
 * over a v2 schema because every Засади version already journaled
 * (`zasady-loaded`) must keep loading and meaning what it meant when it was
 * used: an old version without the fields resolves to exactly the old
 * behaviour, and protocols verify from the protocol alone (they never re-read
 * the Засади). A v2 would need two loaders for no such gain.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ConfigDateSchema } from './common.ts';

export const ZASADY_SCHEMA_ID = 'asds.zasady/v1';

const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 64 });
const Coefficient = Type.Number({ exclusiveMinimum: 0, maximum: 100 });

export const VersionSchema = Type.Object(
  {
    /** Stable id named by every protocol, e.g. `lubny-2025-04-01`. */
    id: Id,
    /** Decision of the assembly of judges, e.g. `№2`. */
    decisionNumber: Type.String({ minLength: 1 }),
    decisionDate: ConfigDateSchema,
    /** In force from the start of this court-local day (1.2: entered by the next working day). */
    effectiveFrom: ConfigDateSchema,
  },
  { additionalProperties: false },
);

export const SpecialisationSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    /** Case categories this specialisation may hear (6.1). */
    categories: Type.Array(Id, { minItems: 1, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const CompositionSchema = Type.Object(
  {
    /** 1 = single judge; 3 = panel with presiding + 2 members. */
    size: Type.Integer({ minimum: 1, maximum: 9 }),
    /** `ad-hoc`: members drawn one by one (4.9); `permanent`: a permanent panel is drawn (6.2). */
    mode: Type.Union([Type.Literal('ad-hoc'), Type.Literal('permanent')]),
  },
  { additionalProperties: false },
);

/** One band of a lead window: absences of at least `fromDays` calendar days get `workingDays` working days before. */
export const LeadBandSchema = Type.Object(
  {
    fromDays: Type.Integer({ minimum: 1, maximum: 366 }),
    /** 0 = no window before such an absence. */
    workingDays: Type.Integer({ minimum: 0, maximum: 60 }),
  },
  { additionalProperties: false },
);

export const LeadRuleSchema = Type.Object(
  {
    /** Bands by the absence's length; the one with the greatest fromDays ≤ length applies; one band must start at 1. */
    bands: Type.Array(LeadBandSchema, { minItems: 1, maxItems: 10 }),
    /** Lubny 4.5: "(за наявності наказу голови суду)" — without the chief judge's order only the absence itself excludes. */
    requiresOrder: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** The court's 4.5: working days before an absence in which no cases are distributed to the judge. */
export const LeadWindowsSchema = Type.Object(
  {
    /** The paragraph of THIS court's Засади cited in protocols, e.g. `4.5`. */
    rule: Type.String({ pattern: '^\\d+(\\.\\d+)*$' }),
    vacation: LeadRuleSchema,
    /** Bands by trip length; the lowest band is a "short" trip, the others "long". */
    businessTrip: LeadRuleSchema,
    training: LeadRuleSchema,
    /** "за два місяці до закінчення повноважень" — calendar months before the first day without powers. */
    powersEndMonths: Type.Integer({ minimum: 0, maximum: 12 }),
  },
  { additionalProperties: false },
);

/** The court's 15.3: what is assigned by the assembly's decision during an outage. */
export const UrgentCategorySchema = Type.Object(
  { id: Id, name: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const OutageRulesSchema = Type.Object(
  {
    /** The paragraph cited, e.g. `15.3`. */
    rule: Type.String({ pattern: '^\\d+(\\.\\d+)*$' }),
    urgentCategories: Type.Array(UrgentCategorySchema, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);

/** A proceeding index as the registry writes it into numbers: digit, optional `-` and 1–2 lower-case Cyrillic letters. */
export const PROCEEDING_INDEX_PATTERN = '^[0-9](-[а-яієї]{1,2})?$';

export const ProceedingIndexSchema = Type.Object(
  {
    index: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    /**
     * Jurisdiction letter of the document id (13.2 "тип юрисдикції"): к, ц, а, п, і. Absent = the letter the code
     * used before it was configuration (1… к, 2-а а, 2…/4… ц, 3… п, else і).
     */
    jurisdiction: Type.Optional(Type.String({ pattern: '^[а-яіїєґ]$' })),
  },
  { additionalProperties: false },
);

export const CategorySchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    /** Complexity coefficient k_category (6.4). */
    complexity: Coefficient,
    /** Proceeding-number index, e.g. `1-кп`, `2`, `3` (3.4). */
    proceedingIndex: Type.String({ minLength: 1 }),
    composition: Type.Optional(CompositionSchema),
    /** On days off such materials go only to the investigating judge on duty (4.6). */
    dutyOnDaysOff: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const JudgeSchema = Type.Object(
  {
    /** Stable id; draws order candidates by it, never by displayOrder (spec §4). */
    id: Id,
    name: Type.String({ minLength: 1 }),
    displayOrder: Type.Integer({ minimum: 0 }),
    specialisations: Type.Array(Id, { uniqueItems: true }),
    appointedOn: ConfigDateSchema,
    /** First day without powers; cases stop two months before (4.5). Absent = indefinite term. */
    powersEnd: Type.Optional(ConfigDateSchema),
    /** Ids of administrativeReductions that apply (6.5). r_j is their sum. */
    reductions: Type.Array(Id, { uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const PanelSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1 }),
    specialisation: Id,
    members: Type.Array(Id, { minItems: 2, uniqueItems: true }),
    /** запасний суддя (spec §5). */
    reserve: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const ReductionSchema = Type.Object(
  {
    id: Id,
    /** Position or duty, e.g. «Голова суду», «член Ради суддів України». */
    name: Type.String({ minLength: 1 }),
    /** Share by which the judge's load is reduced, 0…0.6 (6.5). */
    r: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);

export const AccountingWindowSchema = Type.Union([
  Type.Object({ kind: Type.Literal('since-appointment') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('calendar-year') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('rolling-months'), months: Type.Integer({ minimum: 1, maximum: 120 }) },
    { additionalProperties: false },
  ),
]);

export const GroundSchema = Type.Object(
  {
    /** Rule number as stable code, e.g. `4.17.1`, `5.1.2`. */
    code: Type.String({ pattern: '^\\d+(\\.\\d+)*$' }),
    text: Type.String({ minLength: 1 }),
    /** 5.4: if the previously assigned judge is absent, distribute automatically (true) or wait (false). Default: distribute. */
    distributeIfJudgeAbsent: Type.Optional(Type.Boolean()),
    /**
     * 5.4: the exception covers only part of the ground — the item waits for the absent judge when its route
     * states one of these qualifiers (e.g. 5.1.4: only `sentenceExecution`, "питання, пов’язаного з виконанням
     * вироку, у судових справах, які розглянуті даним судом"); otherwise `distributeIfJudgeAbsent` applies.
     */
    waitsIfJudgeAbsentWhen: Type.Optional(Type.Array(Type.Literal('sentenceExecution'), { minItems: 1 })),
    /**
     * What the earlier judge is found by (the ground's semantics, so another court's numbering needs no code):
     * `related-case` — the earlier case of this court the registration names (4.11, 4.17, 5.1);
     * `erdr` — the investigating judge already assigned in the same ЄРДР proceeding (5.2; the first request is drawn);
     * `person` — the not yet decided case of the same person (5.1.11; none pending → drawn).
     * Absent on every ground of a version recorded before the field: the Lubny numbering's meaning (actors/distribution/grounds.ts).
     */
    follows: Type.Optional(Type.Union([Type.Literal('related-case'), Type.Literal('erdr'), Type.Literal('person')])),
    /** `related-case`: the link(s) in the court's records that prove the connection; any one is enough (actors/distribution/links.ts). */
    links: Type.Optional(Type.Array(Type.Union([Type.Literal('same-ueun'), Type.Literal('same-party'), Type.Literal('split-ruling')]), { minItems: 1, uniqueItems: true })),
    /** 4.11-like: "не підлягає автоматизованому розподілу" — with the judge absent the item waits (rule = this code), never a 5.4 draw. */
    neverDrawn: Type.Optional(Type.Boolean()),
    /** The Засади categories of the incoming item the ground applies to (`erdr`, `person`: only these are routed or indexed). */
    categories: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type GroundConfig = Static<typeof GroundSchema>;

export const SelectionSchema = Type.Union([
  Type.Object(
    { policy: Type.Literal('inverse-load-v1'), params: Type.Object({}, { additionalProperties: false }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      policy: Type.Literal('min-window-v1'),
      params: Type.Object({ delta: Type.Number({ minimum: 0 }) }, { additionalProperties: false }),
    },
    { additionalProperties: false },
  ),
]);

export const ZasadySchema = Type.Object(
  {
    schema: Type.Literal(ZASADY_SCHEMA_ID),
    court: Type.Object(
      { code: Type.String({ pattern: '^\\d{3,4}$' }), name: Type.String({ minLength: 1 }), timeZone: Type.String({ minLength: 1 }) },
      { additionalProperties: false },
    ),
    version: VersionSchema,
    specialisations: Type.Array(SpecialisationSchema, { minItems: 1 }),
    categories: Type.Array(CategorySchema, { minItems: 1 }),
    proceedingIndexes: Type.Array(ProceedingIndexSchema, { minItems: 1 }),
    judges: Type.Array(JudgeSchema, { minItems: 1 }),
    panels: Type.Array(PanelSchema),
    /** Form-of-participation coefficients k_form (6.4). */
    participation: Type.Object(
      { presiding: Coefficient, member: Coefficient, reserve: Type.Number({ minimum: 0, maximum: 100 }) },
      { additionalProperties: false },
    ),
    administrativeReductions: Type.Array(ReductionSchema),
    load: Type.Object(
      {
        window: AccountingWindowSchema,
        /** 6.6: scale load by the days the judge was available. */
        countNonDistributionDays: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    /** 4.17: not subject to automated distribution. */
    notDistributed: Type.Array(GroundSchema),
    /** 5.1–5.2: transferred to the previously assigned judge. */
    transferGrounds: Type.Array(GroundSchema),
    /**
     * 5.4 / 4.14: the absences after which the earlier judge "will not be back" — a waiting 5.4 exception is
     * then drawn. Default [dismissal, powers-end]; a judge absent from the roster in force (transferred) is
     * gone too. Any other absence, also one with no known end (an open sick leave), makes the item wait.
     */
    judgeWillNotReturn: Type.Optional(Type.Array(Type.Union([Type.Literal('dismissal'), Type.Literal('powers-end'), Type.Literal('appointment-vkks-vrp'), Type.Literal('suspension')]), { uniqueItems: true })),
    /** 8.2: the specialisation that marks investigating judges and how many the assembly set. */
    investigatingJudges: Type.Object({ specialisation: Id, count: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
    selection: SelectionSchema,
    /** 4.5 lead windows; absent = the Lubny values (LUBNY_LEAD_WINDOWS). */
    leadWindows: Type.Optional(LeadWindowsSchema),
    /** 15.3 urgent categories; absent = the Lubny list (LUBNY_OUTAGE_RULES). */
    outage: Type.Optional(OutageRulesSchema),
  },
  { additionalProperties: false },
);

export type LeadWindows = Static<typeof LeadWindowsSchema>;
export type LeadRule = Static<typeof LeadRuleSchema>;
export type OutageRules = Static<typeof OutageRulesSchema>;

export type ZasadyConfig = Static<typeof ZasadySchema>;
export type JudgeConfig = Static<typeof JudgeSchema>;
export type CategoryConfig = Static<typeof CategorySchema>;
export type PanelConfig = Static<typeof PanelSchema>;
export type SelectionConfig = Static<typeof SelectionSchema>;
export type AccountingWindow = Static<typeof AccountingWindowSchema>;
export type ParticipationForm = 'presiding' | 'member' | 'reserve';

/** The schema as plain JSON Schema (for other agencies, OpenAPI): TypeBox schemas are JSON Schema; this strips the TypeBox symbols. */
export function zasadyJsonSchema(): Record<string, unknown> {
  return toPlainJson(ZasadySchema, ZASADY_SCHEMA_ID);
}

/** JSON.stringify drops TypeBox's symbol-keyed metadata, leaving standard JSON Schema. */
export function toPlainJson(schema: TSchema, id: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: id, ...schema })) as Record<string, unknown>;
}
