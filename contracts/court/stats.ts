/**
 * The court side of statistics (Засади 16), version 1: the input logical
 * control rules as data (16.1.2, `stats-control.yaml` beside the Засади),
 * entry and correction of a card's entered fields through the court API
 * (16.1.1), the reports the court forms offline (16.1.3), the statistician's
 * signature into "Original" (16.3) and the submissions to the centre (16.1.6).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { DateV1, DocRefV1, ProceedingNumberV1, Text, strictObject } from './common.ts';
import { APPEAL_OUTCOMES, StatCardV1, StatResultV1 } from '../stats/card.ts';
import { StatReportV1, StatStatusV1 } from '../stats/index.ts';

export const STATS_CONTROL_SCHEMA_ID = 'asds.stats-control/v1';
export const STATS_KIND = 'stats';

/** Card fields a control condition may name (the card's own names). */
export const CONTROL_FIELDS = Object.keys(StatCardV1.properties) as Array<keyof StatCardV1>;

const Operand = Type.Union([Type.String(), Type.Number(), Type.Boolean(), strictObject({ field: Type.String() })]);

/**
 * A condition over the card (the small declarative language of the rules):
 * `{field, present}`, `{field, in: [...]}`, `{field, eq|ne|lt|le|gt|ge: value | {field}}`
 * (dates compare as text, YYYY-MM-DD), `{all: [...]}`, `{any: [...]}`, `{not: …}`.
 * A comparison with an absent side holds: presence is what `present` checks.
 */
export const ConditionV1 = Type.Recursive((Self) =>
  Type.Union([
    strictObject({ all: Type.Array(Self, { minItems: 1 }) }),
    strictObject({ any: Type.Array(Self, { minItems: 1 }) }),
    strictObject({ not: Self }),
    strictObject({
      field: Type.String({ minLength: 1, maxLength: 40 }),
      present: Type.Optional(Type.Boolean()),
      in: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean()]), { minItems: 1 })),
      eq: Type.Optional(Operand),
      ne: Type.Optional(Operand),
      lt: Type.Optional(Operand),
      le: Type.Optional(Operand),
      gt: Type.Optional(Operand),
      ge: Type.Optional(Operand),
    }),
  ]),
);
export type ConditionV1 = Static<typeof ConditionV1>;

/** One rule: where `when` holds (always, without it), `check` must hold. */
export const ControlRuleV1 = strictObject({
  id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }),
  /** What a person reads when the rule fails (Ukrainian). */
  text: Text(500),
  /** error: the entry is refused; warning: the entry is recorded with the warning. */
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  when: Type.Optional(ConditionV1),
  check: ConditionV1,
});
export type ControlRuleV1 = Static<typeof ControlRuleV1>;

export const StatsControlConfigV1 = strictObject({
  schema: Type.Literal(STATS_CONTROL_SCHEMA_ID),
  rules: Type.Array(ControlRuleV1),
});
export type StatsControlConfigV1 = Static<typeof StatsControlConfigV1>;

/** A failed rule, as a refusal or a recorded warning lists it. */
export const RuleFailureV1 = strictObject({ rule: Type.String(), severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]), text: Type.String() });
export type RuleFailureV1 = Static<typeof RuleFailureV1>;

const nullable = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));
/** Amounts in kopiykas. Signed here on purpose: "not negative" is a control rule (data), so its text reaches the person. */
const Amount = Type.Integer({ minimum: -1e15, maximum: 1e15 });

/** PUT /cases/…/stat-card: entered or corrected fields (`null` clears one), with the basis when it corrects. */
export const StatCardEntryBodyV1 = strictObject({
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  fields: strictObject({
    article: nullable(Text(60)),
    openedOn: nullable(DateV1),
    result: nullable(StatResultV1),
    amountClaimed: nullable(Amount),
    amountAwarded: nullable(Amount),
    overTerm: nullable(Type.Boolean()),
    appealOutcome: nullable(Type.Union(APPEAL_OUTCOMES.map((r) => Type.Literal(r)))),
    juvenile: nullable(Type.Boolean()),
    detention: nullable(Type.Boolean()),
  }),
  /** The case material the values come from (a correction names it). */
  basis: Type.Optional(DocRefV1),
});
export type StatCardEntryBodyV1 = Static<typeof StatCardEntryBodyV1>;

export const StatCardReplyV1 = strictObject({
  card: StatCardV1,
  /** The fields as last entered by court users (the rest is derived from the records). */
  entered: Type.Record(Type.String(), Type.Unknown()),
  warnings: Type.Array(RuleFailureV1),
});
export type StatCardReplyV1 = Static<typeof StatCardReplyV1>;

export const StatReportQueryV1 = strictObject({
  form: Type.String({ minLength: 1, maxLength: 64 }),
  from: DateV1,
  to: DateV1,
  kind: Type.Optional(Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('half-year'), Type.Literal('year'), Type.Literal('any')])),
});
export type StatReportQueryV1 = Static<typeof StatReportQueryV1>;

/** GET /stats/reports: the query and the output people want (JSON by default; CSV, XLSX in the form's layout and printable HTML, in Ukrainian). */
export const StatReportGetQueryV1 = strictObject({ ...StatReportQueryV1.properties, format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('html')])) });
export type StatReportGetQueryV1 = Static<typeof StatReportGetQueryV1>;

/** POST /stats/originals: form the report and keep it for signing (it gets its unique id now). */
export const StatOriginalBodyV1 = StatReportQueryV1;

/** POST /stats/originals/:id/signatures: the statistician's detached CMS over the served content. */
export const StatSignBodyV1 = strictObject({ cms: Type.String({ minLength: 10, maxLength: 200_000 }) });

export const STAT_STATUS_UK: Record<string, string> = {
  draft: 'сформовано, не підписано',
  signed: 'підписано, очікує надсилання',
  sent: 'надіслано',
  received: 'отримано',
  accepted: 'прийнято',
  returned: 'повернуто на доопрацювання',
};

export const StatSubmissionRowV1 = strictObject({
  documentId: Type.String(),
  form: Type.String(),
  period: Type.Object({ kind: Type.String(), from: DateV1, to: DateV1 }),
  status: Type.String(),
  statusUk: Type.String(),
  attempts: Type.Integer(),
  /** Signed and still not sent: why, for people (no connection to the centre, the centre silent). */
  problem: Type.Optional(Type.String()),
  history: Type.Array(strictObject({ status: Type.String(), statusUk: Type.String(), at: Type.Integer(), remarks: Type.Optional(Type.String()) })),
});
export type StatSubmissionRowV1 = Static<typeof StatSubmissionRowV1>;

/** Commands of the `stats/<court>` actor. */
export const StatsCommandV1 = Type.Union([
  /** Entry: `base` = the card derived from the records now (the HTTP layer reads it), checked with the entered fields merged. */
  strictObject({ type: Type.Literal('enter'), proceedingNumber: ProceedingNumberV1, base: StatCardV1, fields: StatCardEntryBodyV1.properties.fields, basis: Type.Optional(DocRefV1) }),
  strictObject({ type: Type.Literal('read-entry'), proceedingNumber: ProceedingNumberV1 }),
  /** The actor makes the bytes to sign itself (canonical JSON of the report): what is signed is what is kept. */
  strictObject({ type: Type.Literal('keep-report'), report: StatReportV1 }),
  strictObject({ type: Type.Literal('read-report'), documentId: Type.String() }),
  strictObject({ type: Type.Literal('sign'), documentId: Type.String(), cms: Type.String(), author: strictObject({ name: Type.String(), position: Type.String() }) }),
  /** The sender handed it to the centre (its answer came): "sent". Failed attempts stay in memory (sender.ts). */
  strictObject({ type: Type.Literal('send-attempted'), documentId: Type.String() }),
  strictObject({ type: Type.Literal('status'), status: StatStatusV1 }),
  strictObject({ type: Type.Literal('list') }),
]);
export type StatsCommandV1 = Static<typeof StatsCommandV1>;
