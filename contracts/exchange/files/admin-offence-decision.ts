/**
 * `admin-offence-decision` v1 — a court decision in a case on an administrative offence sent to the police
 * (Порядок II.1: the list of data and the structure agreed by the parties). Fields beyond what the police's
 * agreement lists are stripped by the hub before the file leaves (deploy/examples/exchange/agreements.yaml).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateV1, PersonV1, Text, strictObject } from './common.ts';

export const AdminOffenceDecisionV1 = strictObject({
  /** Єдиний унікальний номер справи, e.g. 537/1234/26. */
  caseNumber: Type.String({ pattern: '^[0-9]{1,4}/[1-9][0-9]{0,6}/[0-9]{2}$', maxLength: 20 }),
  /** Номер провадження, e.g. 3/537/1234/26. */
  proceedingNumber: Type.Optional(Type.String({ pattern: '^[0-9](-[а-яієї]{1,2})?/[0-9]{1,4}/[1-9][0-9]{0,6}/[0-9]{2}$', maxLength: 30 })),
  court: strictObject({ code: Type.String({ pattern: '^[0-9]{1,4}$' }), name: Text(300) }),
  judge: Type.Optional(Text(200)),
  decisionDate: DateV1,
  /** Стаття (частина) КУпАП, e.g. «ч. 1 ст. 130». */
  article: Text(100),
  person: PersonV1,
  decision: Type.Union([
    Type.Literal('penalty-imposed'),
    Type.Literal('closed'),
    Type.Literal('released-verbal-reprimand'),
    Type.Literal('referred-back'),
  ]),
  penalty: Type.Optional(
    strictObject({
      kind: Type.Union([Type.Literal('fine'), Type.Literal('deprivation-of-right'), Type.Literal('community-service'), Type.Literal('administrative-arrest'), Type.Literal('warning')]),
      amountUah: Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000 })),
      termMonths: Type.Optional(Type.Integer({ minimum: 0, maximum: 240 })),
      hours: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
      days: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
    }),
  ),
  legalForceDate: Type.Optional(DateV1),
  /** Reasoning of the decision: the police's agreement does not list it. */
  reasoning: Type.Optional(Text(20_000)),
  /** The police record (протокол) the case started from. */
  protocolNumber: Type.Optional(Text(50)),
});
export type AdminOffenceDecisionV1 = Static<typeof AdminOffenceDecisionV1>;
