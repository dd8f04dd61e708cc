/**
 * Protocol of automated distribution (Засади 4.7, 4.10, 4.16; spec §4) —
 * JSON shape v1. A protocol holds everything needed to recompute its
 * result without any other data (see actors/distribution/verify.ts).
 *
 * The runtime fills `journal` (sequence number in the court journal and
 * the hash-chain value) after appending; it is optional here.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DocumentRefSchema, IsoDateSchema } from './common.ts';
import { toPlainJson } from './zasady.ts';

export const PROTOCOL_SCHEMA_ID = 'asds.distribution-protocol/v1';
/** Version of the draw construction (HMAC mapping, cumulative pick, step derivation): CSPRNG bytes per attempt. */
export const ALGORITHM_VERSION = 'asds-draw/1' as const;
/** The same construction with each step's bytes from the court seal's VRF (docs/draw-spec.md §6). */
export const ALGORITHM_V2 = 'asds-draw/2' as const;

const Hex32 = Type.String({ pattern: '^[0-9a-f]{64}$', description: '32 bytes, lower-case hex' });

/**
 * Where a protocol's event sits in the court journal — filled on read (never signed: known only after the
 * commit). One shape for the protocol and its document envelope (docs/draw-spec.md §9).
 */
export const JournalBlockSchema = Type.Object(
  {
    /** Global sequence of the event row. */
    gseq: Type.Integer({ minimum: 1 }),
    /** Sequence in the actor's stream (= the attempt's seq). */
    aseq: Type.Integer({ minimum: 1 }),
    hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    prevHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  },
  { additionalProperties: false },
);

export const ReasonSchema = Type.Object(
  {
    code: Type.String(),
    rule: Type.String(),
    text: Type.String(),
    basis: Type.Optional(DocumentRefSchema),
    window: Type.Optional(Type.Object({ from: IsoDateSchema, to: Type.Optional(IsoDateSchema) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const ExcludedSchema = Type.Object({ judgeId: Type.String(), reasons: Type.Array(ReasonSchema, { minItems: 1 }) }, { additionalProperties: false });

/** A judge's load figures at the draw (spec §3). */
export const FiguresSchema = Type.Object(
  {
    judgeId: Type.String(),
    L: Type.Number(),
    Lp: Type.Number(),
    r: Type.Number({ minimum: 0, maximum: 0.6 }),
    N: Type.Number(),
    dWindow: Type.Integer({ minimum: 0 }),
    dAvailable: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

export const JudgeCandidateSchema = Type.Composite([FiguresSchema, Type.Object({ w: Type.Number({ minimum: 0 }), p: Type.Number({ minimum: 0, maximum: 1 }) })], {
  additionalProperties: false,
});

/** Permanent panel as a candidate (6.2): its load N is the mean of its sitting members' N. */
export const PanelCandidateSchema = Type.Object(
  {
    panelId: Type.String(),
    members: Type.Array(FiguresSchema, { minItems: 1 }),
    /** Present when the reserve sits for an ineligible member. */
    reserveFor: Type.Optional(Type.Object({ absent: Type.String(), reserve: Type.String() }, { additionalProperties: false })),
    N: Type.Number(),
    w: Type.Number({ minimum: 0 }),
    p: Type.Number({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);

export const StepSchema = Type.Object(
  {
    /** Unique within the protocol; step 0 uses the protocol's bytes, step k ≥ 1 uses HMAC-SHA-256(key = bytes, message = label). */
    label: Type.String({ minLength: 1 }),
    role: Type.Union([Type.Literal('presiding'), Type.Literal('member'), Type.Literal('panel'), Type.Literal('replacement')]),
    bytes: Hex32,
    /** asds-draw/2: the VRF proof pi (RSA-FDH-VRF-SHA256; as many octets as the seal key's modulus), lower-case hex; bytes = SHA-256(0x01 0x02 ‖ pi). */
    proof: Type.Optional(Type.String({ pattern: '^([0-9a-f]{2})+$' })),
    /** HMAC-SHA-256(key = step bytes, message = caseId): first 53 bits / 2^53. */
    u: Type.Number({ minimum: 0, exclusiveMaximum: 1 }),
    candidates: Type.Union([Type.Array(JudgeCandidateSchema, { minItems: 1 }), Type.Array(PanelCandidateSchema, { minItems: 1 })]),
    chosen: Type.String(),
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
      category: Type.String(),
    },
    { additionalProperties: false },
  ),
  /** Instant of the draw (ISO 8601 with offset) and its court-local date. */
  at: Type.String(),
  date: IsoDateSchema,
  zasady: Type.Object({ id: Type.String(), decisionNumber: Type.String(), effectiveFrom: IsoDateSchema }, { additionalProperties: false }),
  /** asds-draw/2: the roster the draw saw — its version (the Засади version that set it) and SHA-256 of its canonical JSON. */
  roster: Type.Optional(Type.Object({ version: Type.String(), judges: Type.Integer({ minimum: 1 }), digest: Hex32 }, { additionalProperties: false })),
  excluded: Type.Array(ExcludedSchema),
  journal: Type.Optional(JournalBlockSchema),
};

/** asds-draw/2: the VRF that produced every step's bytes (docs/draw-spec.md §6). */
export const VrfBlockSchema = Type.Object(
  {
    suite: Type.Literal('RSA-FDH-VRF-SHA256'),
    /** SHA-256 of the seal key's SubjectPublicKeyInfo (DER), lower-case hex: which certificate's key verifies the proofs. */
    key: Hex32,
    /** Head of the drawing actor's event stream before this attempt (docs/draw-spec.md §9.3; jurors and duty §9.6). */
    prev: Hex32,
  },
  { additionalProperties: false },
);

export const PolicySchema = Type.Object(
  {
    id: Type.Union([Type.Literal('inverse-load-v1'), Type.Literal('min-window-v1')]),
    version: Type.Literal(1),
    params: Type.Object({ delta: Type.Optional(Type.Number({ minimum: 0 })) }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const DrawProtocolSchema = Type.Object(
  {
    ...Common,
    kind: Type.Union([Type.Literal('distribution'), Type.Literal('repeated-distribution'), Type.Literal('member-replacement')]),
    policy: PolicySchema,
    countNonDistributionDays: Type.Boolean(),
    composition: Type.Object(
      { size: Type.Integer({ minimum: 1 }), mode: Type.Union([Type.Literal('single'), Type.Literal('ad-hoc'), Type.Literal('permanent')]) },
      { additionalProperties: false },
    ),
    /** Repeated distribution / replacement: who is replaced and on what order. */
    replaced: Type.Optional(Type.Object({ judgeId: Type.String(), basis: Type.Optional(DocumentRefSchema) }, { additionalProperties: false })),
    /** Member replacement: the panel before the replacement. */
    panelBefore: Type.Optional(Type.Array(Type.String())),
    /**
     * Replacement of several judges of a panel, the presiding judge among them (4.12): exactly the judges named in
     * the order, in seat order (presiding first); step k draws the successor of the k-th. Absent: the one in `replaced`.
     */
    replacedJudges: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    /** asds-draw/1 only: the attempt's 32 CSPRNG bytes. */
    randomBytes: Type.Optional(Hex32),
    /** asds-draw/2 only. */
    vrf: Type.Optional(VrfBlockSchema),
    steps: Type.Array(StepSchema, { minItems: 1 }),
    chosen: Type.Object(
      {
        presiding: Type.String(),
        members: Type.Array(Type.String()),
        reserve: Type.Optional(Type.String()),
        panelId: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** Protocol of impossibility of distribution (Засади 4.10). */
export const ImpossibilityProtocolSchema = Type.Object(
  {
    ...Common,
    kind: Type.Literal('impossibility'),
    /** How many judges were needed and how many were eligible. */
    needed: Type.Integer({ minimum: 1 }),
    eligible: Type.Array(Type.String()),
    /** Earliest date on which enough judges are eligible, on the facts known now; null if none within the horizon. */
    earliestEligible: Type.Union([IsoDateSchema, Type.Null()]),
    /** When distribution should run: 4.10 ¶3 (all absent) — the working day after the obstacle ends; otherwise the first working day with enough eligible judges. */
    runOn: Type.Union([IsoDateSchema, Type.Null()]),
    rule: Type.Union([Type.Literal('4.10 ¶2'), Type.Literal('4.10 ¶3')]),
    horizonDays: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);

export const ProtocolSchema = Type.Union([DrawProtocolSchema, ImpossibilityProtocolSchema]);

export type DrawProtocol = Static<typeof DrawProtocolSchema>;
export type ImpossibilityProtocol = Static<typeof ImpossibilityProtocolSchema>;
export type Protocol = Static<typeof ProtocolSchema>;
export type DrawStep = Static<typeof StepSchema>;
export type JudgeCandidate = Static<typeof JudgeCandidateSchema>;
export type PanelCandidate = Static<typeof PanelCandidateSchema>;
export type Figures = Static<typeof FiguresSchema>;
export type PolicyRef = Static<typeof PolicySchema>;
export type VrfBlock = Static<typeof VrfBlockSchema>;
export type JournalBlock = Static<typeof JournalBlockSchema>;
export type ProtocolReason = Static<typeof ReasonSchema>;

export function protocolJsonSchema(): Record<string, unknown> {
  return toPlainJson(ProtocolSchema, PROTOCOL_SCHEMA_ID);
}
