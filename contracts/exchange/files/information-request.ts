/**
 * `information-request` v1 and `information-answer` v1 — a request for information and its answer, linked by
 * the request's file id (Порядок I.3: requested in the cases the law defines, for a lawful purpose — so the
 * request names its legal ground and purpose).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateV1, FileIdV1, PersonV1, Text, strictObject } from './common.ts';

export const InformationRequestV1 = strictObject({
  /** What is asked, in words (Ukrainian). */
  subject: Text(1000),
  /** The law that allows the request (Порядок I.3). */
  legalGround: Text(500),
  purpose: Text(1000),
  caseNumber: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}/[1-9][0-9]{0,6}/[0-9]{2}$', maxLength: 20 })),
  person: Type.Optional(PersonV1),
  answerBy: Type.Optional(DateV1),
});
export type InformationRequestV1 = Static<typeof InformationRequestV1>;

export const InformationAnswerV1 = strictObject({
  /** The file id of the request answered. */
  requestId: FileIdV1,
  outcome: Type.Union([Type.Literal('found'), Type.Literal('not-found'), Type.Literal('refused')]),
  text: Text(20_000),
  /** A refusal names its ground. */
  refusalGround: Type.Optional(Text(500)),
  records: Type.Optional(Type.Array(strictObject({ caseNumber: Type.Optional(Text(30)), date: Type.Optional(DateV1), summary: Text(2000) }), { maxItems: 200 })),
});
export type InformationAnswerV1 = Static<typeof InformationAnswerV1>;
