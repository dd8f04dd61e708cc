/**
 * The jurors actor (kind `jurors`, one per court, id = court code):
 * the jurors' list (Засади 7.2), exclusions in a proceeding (7.4, 7.5 ¶2),
 * service days (7.5) and the selections (7.3–7.9) — v1.
 */
import { Type, type Static } from '@sinclair/typebox';
import { sealedRecordDocument } from './sealed-record.ts';
import { DocumentRefSchema, IsoDateSchema } from '../distribution/common.ts';
import { JurorProceedingSchema, JurorProtocolSchema } from '../distribution/juror-protocol.ts';

export const JUROR_KIND = 'jurors';

const JurorId = Type.String({ pattern: '^P[0-9]{4,6}$', description: 'stable juror id given by the list, e.g. P0001' });
const CaseId = Type.String({ minLength: 1, maxLength: 100 });
const Text = (max: number, min = 1) => Type.String({ minLength: min, maxLength: max });

export const JurorAbsenceKindSchema = Type.Union([Type.Literal('vacation'), Type.Literal('sickness'), Type.Literal('trip'), Type.Literal('other')]);

/** Unavailability (7.2): on the head of staff's order — `basis.kind` must be `order`. */
export const JurorAbsenceSchema = Type.Object(
  { kind: JurorAbsenceKindSchema, from: IsoDateSchema, to: Type.Optional(IsoDateSchema), basis: DocumentRefSchema, note: Type.Optional(Text(500)) },
  { additionalProperties: false },
);

export const JurorCaseSchema = Type.Object(
  { caseId: CaseId, uniqueNumber: Type.Optional(Text(20)), proceedingNumber: Type.Optional(Text(30)) },
  { additionalProperties: false },
);

export const JurorCommandSchema = Type.Union([
  /** The list is approved by the council's decision (рішення ради); `basis` names it. */
  Type.Object({ type: Type.Literal('add-juror'), fullName: Text(200), addedOn: IsoDateSchema, basis: DocumentRefSchema }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('remove-juror'), jurorId: JurorId, removedOn: IsoDateSchema, basis: DocumentRefSchema }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('record-unavailability'), jurorId: JurorId, absence: JurorAbsenceSchema }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('cancel-unavailability'), jurorId: JurorId, kind: JurorAbsenceKindSchema, from: IsoDateSchema, basis: DocumentRefSchema },
    { additionalProperties: false },
  ),
  /** Days a juror sat in a case (7.5 counts them per calendar year). */
  Type.Object({ type: Type.Literal('record-service'), jurorId: JurorId, caseId: CaseId, from: IsoDateSchema, to: IsoDateSchema }, { additionalProperties: false }),
  /** КПК 387 release / recusal of a candidate, or another ruling excluding a juror from this proceeding (7.5 ¶2). */
  Type.Object(
    {
      type: Type.Literal('exclude-juror'),
      caseId: CaseId,
      jurorId: JurorId,
      ground: Type.Union([Type.Literal('released'), Type.Literal('recused'), Type.Literal('ruling')]),
      ruling: DocumentRefSchema,
      text: Type.Optional(Text(500)),
    },
    { additionalProperties: false },
  ),
  /** First selection in a proceeding: criminal → 7 candidates (7.4 ¶1), civil special → 2 jurors (7.5). */
  Type.Object({ type: Type.Literal('select'), case: JurorCaseSchema, proceeding: JurorProceedingSchema }, { additionalProperties: false }),
  /** Criminal, after КПК 387: 3 main + 2 reserve, or a top-up when too few remain (7.4 ¶2–3). */
  Type.Object({ type: Type.Literal('compose'), caseId: CaseId }, { additionalProperties: false }),
  /** A juror left the proceeding (7.7 criminal main juror, 7.8 civil). */
  Type.Object({ type: Type.Literal('replace'), caseId: CaseId, jurorId: JurorId, basis: Type.Optional(DocumentRefSchema) }, { additionalProperties: false }),
  /** Run a selection that was impossible again (what the durable reminder sends; 7.9 ¶3). */
  Type.Object({ type: Type.Literal('retry'), caseId: CaseId }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('read-list'), date: Type.Optional(IsoDateSchema) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('read-case'), caseId: CaseId }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('read-document'), documentId: Text(120) }, { additionalProperties: false }),
]);
export type JurorCommand = Static<typeof JurorCommandSchema>;

/** A juror protocol as a court document (Засади 7.6: printed, signed, attached to the case). */
export const JurorDocumentSchema = sealedRecordDocument('asds.juror-document/v1', Type.Union([Type.Literal('juror-selection'), Type.Literal('juror-impossibility')]), JurorProtocolSchema);
export type JurorDocument = Static<typeof JurorDocumentSchema>;
