/**
 * The court's electronic archive (Засади 17.1, issue 15 items 2 and 4), version 1: the archive rules file
 * (`archive.yaml` beside the Засади), the commands of the court's `archive` actor (id = court code), the
 * case card's archive marks and the HTTP bodies.
 *
 *   GET  /archive/due                       cases due for the archive today, confirmed, refused (archivist)
 *   POST /archive/cases/:court/:seq/:yy/confirm    the archivist confirms → the node builds the package
 *   POST /archive/cases/:court/:seq/:yy/execution  execution steps completed (when the category requires it)
 *   GET  /archive/packages                  packages built, transferred, refused
 *   POST /archive/cases/:court/:seq/:yy/recall     the case is requested back from the archive (journaled)
 *
 * The centre answers over the bus with `record-receipt` / `record-refusal` (only from a central node).
 */
import { Type, type Static } from '@sinclair/typebox';
import { ActorStampV1, DateV1, DocRefV1, ProceedingNumberV1, Sha256V1, Text, UeunV1, strictObject } from './common.ts';

import { ArchivePackageId, ArchiveReceiptV1 } from '../archive/receipt.ts';
import { ArchiveRefusalCodeV1 } from '../archive/refusal.ts';
export type { ArchiveReceiptV1 } from '../archive/receipt.ts';

export const ARCHIVE_KIND = 'archive';
export const ARCHIVE_SCHEMA_ID = 'asds.archive/v1';

/**
 * One category of cases: which proceeding indexes it covers, when a case is due (legal force of every proceeding,
 * optionally the completion of execution steps, then `holdingDays` kept at the court), and how long the archive keeps
 * it (`retentionYears`, null = permanently).
 */
export const ArchiveCategoryV1 = strictObject({
  id: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }),
  title: Text(200),
  /** Proceeding indexes (the part of the proceeding number before the first "/"). */
  indexes: Type.Array(Type.String({ pattern: '^[0-9](-[а-яієї]{1,2})?$' }), { maxItems: 50 }),
  /** Due only after the completion of execution steps is recorded (POST /archive/cases/…/execution). */
  execution: Type.Optional(Type.Boolean()),
  /** Days the case stays at the court after it is ready (legal force / execution), before it is due. */
  holdingDays: Type.Integer({ minimum: 0, maximum: 3660 }),
  /** Retention term in the archive, years; null = permanent. */
  retentionYears: Type.Union([Type.Integer({ minimum: 1, maximum: 200 }), Type.Null()]),
  /** Where the term comes from (the list of retention terms in force). */
  retentionSource: Type.Optional(Text(300)),
  /** Override of the court-wide `automatic` for this category. */
  automatic: Type.Optional(Type.Boolean()),
});
export type ArchiveCategoryV1 = Static<typeof ArchiveCategoryV1>;

export const ArchiveConfigV1 = strictObject({
  schema: Type.Literal(ARCHIVE_SCHEMA_ID),
  /** true: due cases are packaged without the archivist's confirmation. */
  automatic: Type.Boolean(),
  /** Kyiv time of the daily due list, HH:MM. */
  dailyAt: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }),
  defaultCategory: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }),
  categories: Type.Array(ArchiveCategoryV1, { minItems: 1, maxItems: 100 }),
});
export type ArchiveConfigV1 = Static<typeof ArchiveConfigV1>;

/** What the packager reports of a package it built (actors/archive buildPackage's result). */
export const PackageBuiltV1 = strictObject({
  ueun: UeunV1,
  packageId: ArchivePackageId,
  tagmanifestSha256: Sha256V1,
  files: Type.Integer({ minimum: 1 }),
  bytes: Type.Integer({ minimum: 0 }),
});
export type PackageBuiltV1 = Static<typeof PackageBuiltV1>;

/** A case's proceedings as its card shows them (fed by the node from the card: archive/feeder.ts). */
export const ArchiveCaseStateV1 = strictObject({
  ueun: UeunV1,
  covert: Type.Boolean(),
  proceedings: Type.Array(strictObject({ proceedingNumber: ProceedingNumberV1, legalForce: Type.Union([DateV1, Type.Null()]) }), { maxItems: 200 }),
});
export type ArchiveCaseStateV1 = Static<typeof ArchiveCaseStateV1>;

export const ExecutionBodyV1 = strictObject({
  /** Day the last execution step was completed (court-local). */
  date: DateV1,
  note: Type.Optional(Text(1000)),
});
export type ExecutionBodyV1 = Static<typeof ExecutionBodyV1>;

export const RecallBodyV1 = strictObject({
  /** Why the case is requested back (review, new circumstances, a request of a court…). */
  reason: Text(1000),
  basis: Type.Optional(DocRefV1),
});
export type RecallBodyV1 = Static<typeof RecallBodyV1>;

export const ArchiveCommandV1 = Type.Union([
  /** Arms the daily reminder (the feeder sends it at every start; once is enough). */
  strictObject({ type: Type.Literal('arm') }),
  /** The daily reminder: list the due cases; confirm automatically where the configuration says so. */
  strictObject({ type: Type.Literal('daily') }),
  strictObject({ type: Type.Literal('case-state'), gseq: Type.Integer({ minimum: 0 }), state: ArchiveCaseStateV1 }),
  strictObject({ type: Type.Literal('advance'), gseq: Type.Integer({ minimum: 0 }) }),
  strictObject({ type: Type.Literal('status') }),
  strictObject({ type: Type.Literal('due') }),
  strictObject({ type: Type.Literal('packages') }),
  strictObject({ type: Type.Literal('case'), ueun: UeunV1 }),
  /** For the node's packager: confirmed cases whose package is not built yet. */
  strictObject({ type: Type.Literal('to-package') }),
  strictObject({ type: Type.Literal('confirm'), ueun: UeunV1 }),
  strictObject({ type: Type.Literal('record-execution'), ueun: UeunV1, execution: ExecutionBodyV1 }),
  strictObject({ type: Type.Literal('record-package'), built: PackageBuiltV1 }),
  strictObject({ type: Type.Literal('package-failed'), ueun: UeunV1, code: Text(60), message: Text(2000) }),
  /** From a central node only (Behavior.remote): the centre accepted the package. */
  strictObject({ type: Type.Literal('record-receipt'), packageId: ArchivePackageId, receipt: ArchiveReceiptV1 }),
  /** From a central node only: the centre refused the package; `reason` is Ukrainian text for the archivist. */
  strictObject({ type: Type.Literal('record-refusal'), packageId: ArchivePackageId, code: ArchiveRefusalCodeV1, reason: Text(2000) }),
  strictObject({ type: Type.Literal('recall'), ueun: UeunV1, recall: RecallBodyV1 }),
  /** The case card's answer to the archive mark (runtime `ask` effect reply). */
  strictObject({
    type: Type.Literal('card-marked'),
    correlation: Type.Optional(Type.String()),
    ok: Type.Boolean(),
    reply: Type.Optional(Type.Unknown()),
    error: Type.Optional(Type.Unknown()),
  }),
]);
export type ArchiveCommandV1 = Static<typeof ArchiveCommandV1>;

/** The case card's archive part (GET /cases/…): transferred cards stay readable; changes only after a recall. */
export const CardArchiveV1 = strictObject({
  state: Type.Union([Type.Literal('transferred'), Type.Literal('recalled')]),
  packageId: Type.String(),
  centre: Type.String(),
  transferredAt: Type.String(),
  /** Ukrainian, for people: «Передано до електронного архіву 7 грудня 2026 року». */
  note: Type.String(),
  recalls: Type.Array(strictObject({ at: Type.String(), reason: Type.String(), by: ActorStampV1, packageId: Type.String() })),
});
export type CardArchiveV1 = Static<typeof CardArchiveV1>;

/** Case actor commands sent by the archive actor (never from HTTP). */
export const CaseArchiveMarkV1 = strictObject({ packageId: ArchivePackageId, centre: Type.String({ maxLength: 64 }), acceptedAt: Type.Integer({ minimum: 0 }) });
export type CaseArchiveMarkV1 = Static<typeof CaseArchiveMarkV1>;
export const CaseArchiveRecallV1 = strictObject({ packageId: ArchivePackageId, reason: Text(1000), by: ActorStampV1 });
export type CaseArchiveRecallV1 = Static<typeof CaseArchiveRecallV1>;

const Retention = strictObject({ years: Type.Union([Type.Integer(), Type.Null()]), until: Type.Union([DateV1, Type.Null()]), text: Type.String() });

/** One case in GET /archive/due and /archive/packages. */
export const ArchiveCaseViewV1 = strictObject({
  ueun: UeunV1,
  state: Type.Union(['waiting', 'due', 'confirmed', 'built', 'transferred', 'refused', 'recalled'].map((s) => Type.Literal(s))),
  category: Type.String(),
  categoryTitle: Type.String(),
  /** First day the case is due (null: not ready — a proceeding without legal force or execution not recorded). */
  dueDate: Type.Union([DateV1, Type.Null()]),
  /** Ukrainian: why it is due / why not yet. */
  note: Type.String(),
  retention: Retention,
  confirmed: Type.Optional(strictObject({ at: Type.String(), by: ActorStampV1, automatic: Type.Boolean() })),
  package: Type.Optional(strictObject({ packageId: Type.String(), tagmanifestSha256: Type.String(), files: Type.Integer(), bytes: Type.Integer(), at: Type.String() })),
  transferred: Type.Optional(strictObject({ packageId: Type.String(), centre: Type.String(), acceptedAt: Type.String() })),
  refusals: Type.Array(strictObject({ packageId: Type.String(), code: Type.String(), reason: Type.String(), at: Type.String(), from: Type.String() })),
  failures: Type.Array(strictObject({ code: Type.String(), message: Type.String(), at: Type.String() })),
  recalls: Type.Array(strictObject({ at: Type.String(), reason: Type.String(), by: ActorStampV1, packageId: Type.String() })),
});
export type ArchiveCaseViewV1 = Static<typeof ArchiveCaseViewV1>;

export const ArchiveListV1 = strictObject({ date: DateV1, cases: Type.Array(ArchiveCaseViewV1) });
export type ArchiveListV1 = Static<typeof ArchiveListV1>;
