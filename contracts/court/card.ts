/**
 * The registration card and its later life (Засади 3.2, 3.5), version 1:
 * movements, corrections, attachments, the assigned judge — commands of the
 * `case` actor (id = ЄУН), its events and the HTTP bodies.
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  ActorStampV1,
  DateV1,
  DocRefV1,
  LoginV1,
  ProceedingNumberV1,
  SealedV1,
  Sha256V1,
  Text,
  UeunV1,
  strictObject,
} from './common.ts';
import { CaseRegisteredV1, CovertFieldsV1, DocumentRequisitesV1, PartyV1 } from './registration.ts';
import { DocumentRefSchema } from '../distribution/common.ts';
import { AppealBodyV1, AppealSentBodyV1, CardLegalForceV1, FullTextBodyV1, LegalForceBodyV1 } from './legal-force.ts';
import { CardCorrespondenceV1, CorrespondenceRegisteredV1 } from './correspondence.ts';
import { CardArchiveV1, CaseArchiveMarkV1, CaseArchiveRecallV1 } from './archive.ts';

/** Movement of the document/case (рух документа, 3.2). */
export const MOVEMENT_KINDS = ['transfer', 'to-judge', 'from-judge', 'to-archive', 'from-archive', 'sent-out', 'returned', 'other'] as const;
export const MovementBodyV1 = strictObject({
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  kind: Type.Union(MOVEMENT_KINDS.map((k) => Type.Literal(k))),
  /** Recipient: a staff member, a judge, the archive, another court… */
  to: Text(300),
  note: Type.Optional(Text(1000)),
});
export type MovementBodyV1 = Static<typeof MovementBodyV1>;

/**
 * A correction of a technical error (3.5): the field, the new value, why, and
 * the case material that justifies it. Numbers (ЄУН, провадження) are not fields here — never changed (3.3).
 */
const correction = <F extends string>(field: F, value: Parameters<typeof Type.Object>[0][string]) =>
  strictObject({
    proceedingNumber: Type.Optional(ProceedingNumberV1),
    field: Type.Literal(field),
    value,
    reason: Text(1000),
    basis: DocRefV1,
  });
export const CorrectionBodyV1 = Type.Union([
  correction('document.kind', Text(120)),
  correction('document.title', Text(500)),
  correction('document.sender', Text(300)),
  correction('document.outgoingNumber', Text(100)),
  correction('document.outgoingDate', DateV1),
  correction('document.pages', Type.Integer({ minimum: 1, maximum: 100_000 })),
  correction('category', Text(200)),
  correction('description', Text(4000)),
  correction('parties', Type.Array(PartyV1, { maxItems: 100 })),
  correction('arrivalDate', DateV1),
]);
export type CorrectionBodyV1 = Static<typeof CorrectionBodyV1>;
export type CorrectableField = CorrectionBodyV1['field'];

export const AttachmentMetaV1 = strictObject({
  sha256: Sha256V1,
  size: Type.Integer({ minimum: 1 }),
  mediaType: Text(100),
  fileName: Type.Optional(Text(255)),
});
export type AttachmentMetaV1 = Static<typeof AttachmentMetaV1>;

/**
 * The judge a protocol of the distribution actor gave the proceeding — written
 * by the node from that protocol (never from a request body, Засади 4.7–4.9).
 * `mode` is what central monitoring queries: `random` for a draw, `non-random`
 * for a transfer on a ground the Засади name (4.11, 4.17, 5.1–5.2, 15.3) with
 * its basis document.
 */
export const AssignmentBodyV1 = strictObject({
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  judge: LoginV1,
  /** The other judges of a panel, in seat order (the whole composition is published, Засади 12.4.3–12.4.4). */
  members: Type.Optional(Type.Array(LoginV1, { maxItems: 10 })),
  protocol: Text(200),
  mode: Type.Union([Type.Literal('random'), Type.Literal('non-random')]),
  ground: Type.Optional(strictObject({ code: Text(20), text: Text(1000) })),
  basis: Type.Optional(DocumentRefSchema),
});
export type AssignmentBodyV1 = Static<typeof AssignmentBodyV1>;

/** A decision in a proceeding (POST /cases/…/decision): the judge of the case or the head of staff records it. */
export const DECISION_OUTCOMES = ['decision', 'judgment', 'ruling-closing', 'returned', 'left-without-consideration', 'sentence'] as const;
export const DecisionBodyV1 = strictObject({
  proceedingNumber: Type.Optional(ProceedingNumberV1),
  outcome: Type.Union(DECISION_OUTCOMES.map((k) => Type.Literal(k))),
  /** Date of the decision, court-local; not in the future, not before the registration. */
  date: DateV1,
  /** Full text made and signed (Засади 11.2.1; the appeal term runs from it). Default: `date`. */
  fullTextDate: Type.Optional(DateV1),
  /** `false`: the law allows no appeal (Засади 11.2.1) — legal force on the decision day. Default: the configuration's term. */
  appealable: Type.Optional(Type.Boolean()),
  /** Decided in written proceedings (Засади 11.2.2). */
  writtenProceeding: Type.Optional(Type.Boolean()),
  /** Unique id of the decision document (Засади 13.2): the ЄДРСР idempotency key; must be a document of this proceeding. */
  documentId: Type.Optional(Text(120)),
  /** A term category of legal-force.yaml chosen for this decision instead of the index's (e.g. КАС ст. 286 cases under '2-а'). */
  termCategory: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' })),
});
export type DecisionBodyV1 = Static<typeof DecisionBodyV1>;

export const CaseCommandV1 = Type.Union([
  strictObject({ type: Type.Literal('open'), registered: CaseRegisteredV1 }),
  strictObject({ type: Type.Literal('move'), movement: MovementBodyV1 }),
  strictObject({ type: Type.Literal('correct'), correction: CorrectionBodyV1 }),
  strictObject({ type: Type.Literal('attach'), attachment: AttachmentMetaV1 }),
  strictObject({ type: Type.Literal('assign'), assignment: AssignmentBodyV1 }),
  strictObject({ type: Type.Literal('decide'), decision: DecisionBodyV1 }),
  strictObject({ type: Type.Literal('file-appeal'), appeal: AppealBodyV1 }),
  strictObject({ type: Type.Literal('appeal-sent'), sent: AppealSentBodyV1 }),
  strictObject({ type: Type.Literal('record-legal-force'), legalForce: LegalForceBodyV1 }),
  strictObject({ type: Type.Literal('full-text'), fullText: FullTextBodyV1 }),
  /** Fired by the durable reminder armed with the decision (Засади 11.1). */
  strictObject({ type: Type.Literal('term-expired'), proceedingNumber: ProceedingNumberV1 }),
  strictObject({ type: Type.Literal('card') }),
  strictObject({ type: Type.Literal('covert') }),
  strictObject({ type: Type.Literal('attachment'), sha256: Sha256V1 }),
  /** From the correspondence journal: an incoming document in this case (Засади 3.2), to the card and to the presiding judge. */
  strictObject({ type: Type.Literal('record-correspondence'), registered: CorrespondenceRegisteredV1 }),
  /** The case's correspondence for the viewer (a judge: only in a case assigned to them), covert ciphertexts for the presiding judge only. */
  strictObject({ type: Type.Literal('correspondence') }),
  /** From the court's archive actor only (Засади 17.1): the centre accepted the case's package / the case was recalled. */
  strictObject({ type: Type.Literal('archive-mark'), mark: CaseArchiveMarkV1 }),
  strictObject({ type: Type.Literal('archive-recall'), recall: CaseArchiveRecallV1 }),
]);
export type CaseCommandV1 = Static<typeof CaseCommandV1>;

export const MovementV1 = strictObject({
  at: Type.String(),
  proceedingNumber: ProceedingNumberV1,
  kind: MovementBodyV1.properties.kind,
  to: Type.String(),
  note: Type.Optional(Type.String()),
  by: ActorStampV1,
});
export const CorrectionV1 = strictObject({
  at: Type.String(),
  field: Type.String(),
  from: Type.Unknown(),
  to: Type.Unknown(),
  reason: Type.String(),
  basis: DocRefV1,
  by: ActorStampV1,
});
export const AttachmentV1 = strictObject({
  sha256: Sha256V1,
  size: Type.Integer(),
  mediaType: Type.String(),
  fileName: Type.Optional(Type.String()),
  at: Type.String(),
  by: ActorStampV1,
});

/** One registration (proceeding) on the card: as registered, its corrections, and the values now. */
export const CardProceedingV1 = strictObject({
  proceedingNumber: ProceedingNumberV1,
  ordinal: Type.Integer(),
  registeredAt: Type.String(),
  registrationDate: DateV1,
  registeredBy: ActorStampV1,
  late: Type.Optional(Type.Unknown()),
  original: Type.Unknown({ description: 'requisites exactly as registered' }),
  current: Type.Unknown({ description: 'requisites after the corrections' }),
  corrections: Type.Array(CorrectionV1),
  assignment: Type.Optional(
        strictObject({
          judge: Type.String(),
          members: Type.Optional(Type.Array(Type.String())),
          protocol: Type.String(),
          at: Type.String(),
          by: ActorStampV1,
          assignmentMode: Type.Optional(Type.Union([Type.Literal('random'), Type.Literal('non-random')])),
          ground: Type.Optional(strictObject({ code: Type.String(), text: Type.String() })),
          basis: Type.Optional(DocumentRefSchema),
        }),
      ),
  ...CardLegalForceV1.properties,
});

export const CardV1 = strictObject({
  ueun: UeunV1,
  covert: Type.Boolean(),
  proceedings: Type.Array(CardProceedingV1),
  movements: Type.Array(MovementV1),
  attachments: Type.Array(AttachmentV1),
  /** Incoming correspondence in the case (Засади 3.1–3.2), in journal order; absent for a judge not assigned in the case. */
  correspondence: Type.Optional(Type.Array(CardCorrespondenceV1)),
  /** In the electronic archive (Засади 17.1): readable; changed only after a recall. */
  archive: Type.Optional(CardArchiveV1),
});
export type CardV1 = Static<typeof CardV1>;

export const CovertReplyV1 = strictObject({ ueun: UeunV1, judge: Type.String(), fields: CovertFieldsV1 });

/** What `attachment` replies (the node then streams the blob). */
export const AttachmentLookupV1 = AttachmentMetaV1;

export { DocumentRequisitesV1, SealedV1 };
