/**
 * Protocol of automated selection of jurors (Засади 7.3, 7.6, 7.7) and of
 * impossibility of selection (7.9) — JSON shape v1, `kind` discriminated so
 * that `asds verify-protocol` can dispatch on it.
 *
 * The draw construction is the judges' one with uniform weights (7.2 "рівна
 * ймовірність"): step k draws among `candidates` (sorted by stable id) with
 * u = HMAC(bytes, caseId). `asds-draw/1`: bytes = stepBytes(randomBytes, k,
 * label); `asds-draw/2`: bytes = the court seal's VRF output over the step's
 * alpha, its proof in `steps[k].proof` (docs/draw-spec.md §9.6).
 * A protocol holds everything needed to recompute its result.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DocumentRefSchema, IsoDateSchema } from './common.ts';
import { ALGORITHM_V2, ALGORITHM_VERSION, VrfBlockSchema } from './protocol.ts';
import { toPlainJson } from './zasady.ts';

export const JUROR_PROTOCOL_SCHEMA_ID = 'asds.juror-protocol/v1';

const Hex32 = Type.String({ pattern: '^[0-9a-f]{64}$', description: '32 bytes, lower-case hex' });
const JurorId = Type.String({ minLength: 1, maxLength: 64 });

export const JurorProceedingSchema = Type.Union([
  Type.Literal('criminal'), // 7.1.1 кримінальне провадження
  Type.Literal('civil-special'), // 7.1.2 окреме провадження (ЦПК)
]);

/**
 * Stages (one protocol each):
 * - `candidates`   7.4 ¶1 — seven candidates from the list (7.3 "протокол попереднього відбору");
 * - `composition`  7.4 ¶2 — three main + two reserve from candidates not released/recused (КПК 387 ч. 1–5);
 * - `top-up`       7.4 ¶3 — more candidates from the list when too few remain;
 * - `civil`        7.5     — two jurors for a civil special proceeding;
 * - `reserve-to-main` 7.7 ¶1 — a main juror replaced from this case's reserves;
 * - `main-redraw`  7.7 ¶1 (last sentence) — no reserve left: a new draw from the list;
 * - `civil-replacement` 7.8 — a new draw from the list.
 */
export const JurorStageSchema = Type.Union([
  Type.Literal('candidates'),
  Type.Literal('composition'),
  Type.Literal('top-up'),
  Type.Literal('civil'),
  Type.Literal('reserve-to-main'),
  Type.Literal('main-redraw'),
  Type.Literal('civil-replacement'),
]);

export const JurorReasonSchema = Type.Object(
  {
    code: Type.String(),
    rule: Type.String(),
    text: Type.String(),
    basis: Type.Optional(DocumentRefSchema),
  },
  { additionalProperties: false },
);

export const JurorExcludedSchema = Type.Object({ jurorId: JurorId, reasons: Type.Array(JurorReasonSchema, { minItems: 1 }) }, { additionalProperties: false });

export const JurorStepSchema = Type.Object(
  {
    label: Type.String({ minLength: 1 }),
    role: Type.Union([Type.Literal('candidate'), Type.Literal('main'), Type.Literal('reserve'), Type.Literal('juror'), Type.Literal('replacement')]),
    bytes: Hex32,
    /** asds-draw/2: the VRF proof pi, lower-case hex; bytes = SHA-256(0x01 0x02 ‖ pi). */
    proof: Type.Optional(Type.String({ pattern: '^([0-9a-f]{2})+$' })),
    u: Type.Number({ minimum: 0, exclusiveMaximum: 1 }),
    /** Everyone in play at this step, sorted by stable id; each has probability 1/n. */
    candidates: Type.Array(JurorId, { minItems: 1 }),
    chosen: JurorId,
  },
  { additionalProperties: false },
);

/** Selection policy: uniform, plus the service-limit rule (7.5) as configuration. */
export const JurorPolicySchema = Type.Object(
  {
    id: Type.Literal('uniform-v1'),
    version: Type.Literal(1),
    /** "Більше ніж один календарний місяць" in this calendar year, as days of service (7.5). */
    serviceLimitDays: Type.Integer({ minimum: 1 }),
    /** Proceedings the service limit applies to (7.5 names civil; criminal per law — configurable). */
    serviceLimitAppliesTo: Type.Array(JurorProceedingSchema),
  },
  { additionalProperties: false },
);

const Common = {
  v: Type.Literal(1),
  algorithm: Type.Union([Type.Literal(ALGORITHM_VERSION), Type.Literal(ALGORITHM_V2)]),
  court: Type.String(),
  case: Type.Object(
    {
      caseId: Type.String({ minLength: 1 }),
      uniqueNumber: Type.Optional(Type.String()),
      proceedingNumber: Type.Optional(Type.String()),
    },
    { additionalProperties: false },
  ),
  proceeding: JurorProceedingSchema,
  stage: JurorStageSchema,
  /** The Засади point applied, e.g. «7.4 ¶2». */
  rule: Type.String(),
  at: Type.String(),
  date: IsoDateSchema,
  policy: JurorPolicySchema,
  /** Jurors of the list who took no part, each with its reasons (7.2, 7.5, КПК 387). */
  excluded: Type.Array(JurorExcludedSchema),
};

export const JurorSelectionProtocolSchema = Type.Object(
  {
    ...Common,
    kind: Type.Literal('juror-selection'),
    /** asds-draw/1 only: the attempt's 32 CSPRNG bytes. */
    randomBytes: Type.Optional(Hex32),
    /** asds-draw/2 only: the seal key and the jurors actor's stream head before the attempt. */
    vrf: Type.Optional(VrfBlockSchema),
    steps: Type.Array(JurorStepSchema, { minItems: 1 }),
    chosen: Type.Object(
      {
        /** Everyone chosen, in step order. */
        jurors: Type.Array(JurorId),
        main: Type.Optional(Type.Array(JurorId)),
        reserve: Type.Optional(Type.Array(JurorId)),
      },
      { additionalProperties: false },
    ),
    /** Replacement: who left and on what ruling (7.7, 7.8). */
    replaced: Type.Optional(Type.Object({ jurorId: JurorId, basis: Type.Optional(DocumentRefSchema) }, { additionalProperties: false })),
    /** Composition before a replacement / the candidates before a composition draw. */
    before: Type.Optional(
      Type.Object(
        { main: Type.Array(JurorId), reserve: Type.Array(JurorId), candidates: Type.Optional(Type.Array(JurorId)) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const JurorImpossibilityProtocolSchema = Type.Object(
  {
    ...Common,
    kind: Type.Literal('juror-impossibility'),
    needed: Type.Integer({ minimum: 1 }),
    eligible: Type.Array(JurorId),
    /** Earliest date with enough eligible jurors on the facts known now (null: none within the horizon — e.g. the list is too short). */
    earliestEligible: Type.Union([IsoDateSchema, Type.Null()]),
    horizonDays: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const JurorProtocolSchema = Type.Union([JurorSelectionProtocolSchema, JurorImpossibilityProtocolSchema]);

export type JurorProceeding = Static<typeof JurorProceedingSchema>;
export type JurorStage = Static<typeof JurorStageSchema>;
export type JurorReason = Static<typeof JurorReasonSchema>;
export type JurorExcluded = Static<typeof JurorExcludedSchema>;
export type JurorStep = Static<typeof JurorStepSchema>;
export type JurorPolicy = Static<typeof JurorPolicySchema>;
export type JurorSelectionProtocol = Static<typeof JurorSelectionProtocolSchema>;
export type JurorImpossibilityProtocol = Static<typeof JurorImpossibilityProtocolSchema>;
export type JurorProtocol = Static<typeof JurorProtocolSchema>;

export function jurorProtocolJsonSchema(): Record<string, unknown> {
  return toPlainJson(JurorProtocolSchema, JUROR_PROTOCOL_SCHEMA_ID);
}
