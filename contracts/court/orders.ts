/**
 * The court's own documents — orders (накази), directives (розпорядження),
 * memos (службові записки), timesheets (табелі) and acts (акти) — version 1
 * (Засади 2.1 ¶3, 2.3, 2.4, 4.2, 4.9 ¶2–4, 4.13 ¶2, 4.15 ¶2, 13.1).
 *
 * Their kinds and template texts are the court's configuration
 * (`documents.yaml` beside the Засади, e.g. deploy/examples/lubny/documents.yaml):
 * `CourtDocumentsConfigV1`. A document is made from its kind's template,
 * numbered in its register, signed into "Original" by the documents actor
 * (the same signing path as case documents), and LINKED to the records it
 * causes (a judge's absence, a repeated distribution, a user-rights change).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateV1, RoleV1, Text, strictObject } from './common.ts';
import { InputFieldsV1, LoginV1 as SignerLoginV1 } from './documents.ts';

export const COURT_DOCUMENTS_SCHEMA_ID = 'asds.court-documents/v1';

/**
 * order — наказ (керівника апарату суду, голови суду); directive — розпорядження керівника апарату суду;
 * memo — службова записка; timesheet — табель обліку використання робочого часу; act — акт (15.1).
 */
export const DOCUMENT_CLASSES = ['order', 'directive', 'memo', 'timesheet', 'act'] as const;
export type DocumentClassV1 = (typeof DOCUMENT_CLASSES)[number];
export const DocumentClassV1 = Type.Union(DOCUMENT_CLASSES.map((c) => Type.Literal(c)));

/** What a document of a kind may cause (and be linked to). */
export const EFFECTS = ['absence', 'repeated-distribution', 'user-rights'] as const;
export type EffectKindV1 = (typeof EFFECTS)[number];
export const EffectKindV1 = Type.Union(EFFECTS.map((e) => Type.Literal(e)));

const FieldName = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,40}$' });

export const RegisterConfigV1 = strictObject({
  id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
  /** The journal's name as printed, e.g. "Журнал реєстрації розпоряджень керівника апарату суду". */
  title: Type.String({ minLength: 1, maxLength: 300 }),
  /** `{seq}` is the number within the year, e.g. "{seq}-р" → "7-р". */
  numberFormat: Type.String({ minLength: 5, maxLength: 40 }),
});
export type RegisterConfigV1 = Static<typeof RegisterConfigV1>;

export const DocumentKindConfigV1 = strictObject({
  id: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }),
  class: DocumentClassV1,
  /** The third part of the unique id (Засади 13.2), e.g. "розпорядження". */
  type: Type.String({ pattern: '^[а-яіїєґ\'-]{1,40}$' }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  register: Type.String({ minLength: 1, maxLength: 40 }),
  /** Roles that may create a document of this kind (e.g. the head of staff for her directives, 4.13). */
  creators: Type.Array(RoleV1, { minItems: 1, uniqueItems: true }),
  /** Roles whose users may be its required signers (the issuer: head of staff, chief judge, …). */
  signers: Type.Array(RoleV1, { minItems: 1, uniqueItems: true }),
  /** What records it may ground (checked when a record names it as its basis). */
  effects: Type.Array(EffectKindV1, { uniqueItems: true }),
  /** "Вноситься … не пізніше наступного робочого дня, що настає після його підписання" — the rule quoted in the overdue list. */
  entryDeadline: Type.Optional(strictObject({ rule: Type.String({ minLength: 1, maxLength: 40 }) })),
  /** A memo that a document of another kind must answer by the next working day (e.g. 4.9 ¶2: the rapporteur's memo → the directive). */
  followUp: Type.Optional(strictObject({ kinds: Type.Array(Type.String(), { minItems: 1 }), rule: Type.String({ minLength: 1, maxLength: 40 }) })),
  /** Fields the author types. */
  input: Type.Array(FieldName, { uniqueItems: true }),
  /** Input fields that are a user's login: printed as the full name (`x`) and signature name (`xSignature`). */
  persons: Type.Optional(Type.Array(FieldName, { uniqueItems: true })),
  /** Input fields that are dates (YYYY-MM-DD): printed in words ("7 грудня 2026 року"). */
  dates: Type.Optional(Type.Array(FieldName, { uniqueItems: true })),
  text: Type.String({ minLength: 1, maxLength: 20_000 }),
});
export type DocumentKindConfigV1 = Static<typeof DocumentKindConfigV1>;

/**
 * A case document's template (ухвала, рішення, повістка …; actors/court/documents/templates.ts): the court's own
 * wording replaces the built-in one with the same id (a higher version) or adds a new one. Placeholders: the
 * card's fields (CASE_FIELDS), `documentDate` and the template's `input`.
 */
export const CaseTemplateConfigV1 = strictObject({
  id: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }),
  version: Type.Integer({ minimum: 1, maximum: 1000 }),
  type: Type.String({ pattern: '^[а-яіїєґ\'-]{1,40}$' }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  input: Type.Array(FieldName, { uniqueItems: true }),
  signerRoles: Type.Array(RoleV1, { minItems: 1, uniqueItems: true }),
  text: Type.String({ minLength: 1, maxLength: 20_000 }),
});
export type CaseTemplateConfigV1 = Static<typeof CaseTemplateConfigV1>;

export const CourtDocumentsConfigV1 = strictObject({
  schema: Type.Literal(COURT_DOCUMENTS_SCHEMA_ID),
  /** The fourth part of the unique id for documents outside a case (Засади 13.2), e.g. "з" — загальна юрисдикція. */
  jurisdiction: Type.String({ pattern: '^[а-яіїєґ]$' }),
  registers: Type.Array(RegisterConfigV1),
  kinds: Type.Array(DocumentKindConfigV1),
  /** The court's case-document templates; absent = the built-in ones. */
  caseTemplates: Type.Optional(Type.Array(CaseTemplateConfigV1)),
});
export type CourtDocumentsConfigV1 = Static<typeof CourtDocumentsConfigV1>;

/** A record a document caused, as the document shows it. */
export const EffectV1 = strictObject({
  kind: EffectKindV1,
  /** What the record is, for people (Ukrainian, names not logins). */
  summary: Text(500),
  /** The record's key: `<judgeId>/<from>`, the case id, the user's login. */
  target: Text(200),
});
export type EffectV1 = Static<typeof EffectV1>;

/** A reference as a record names its basis: `{number, date}` (DocRefV1) with the distribution contract's `kind` when given. */
export const BasisRefV1 = strictObject({
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  number: Text(100),
  date: DateV1,
});
export type BasisRefV1 = Static<typeof BasisRefV1>;

/** Commands the documents actor takes for the court's own documents (besides `sign`, `read`). */
export const CourtDocumentCommandV1 = Type.Union([
  strictObject({
    type: Type.Literal('create-court-document'),
    kind: Type.String({ minLength: 1, maxLength: 64 }),
    /** The day the issuer signed it (the paper original, or today); its register year and entry deadline count from it. */
    signedOn: DateV1,
    /** The author's input (persons and dates already printed by the node) plus the node's fields (court, signer). */
    fields: Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]{0,40}$' }), Type.String({ maxLength: 4000 }), { maxProperties: 60 }),
    signers: Type.Array(SignerLoginV1, { minItems: 1, maxItems: 10, uniqueItems: true }),
    /** The memo this document answers (4.9 ¶2). */
    follows: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  }),
  /** Which court document a record's basis names, if the system has it; refuses a reference that contradicts it. */
  strictObject({ type: Type.Literal('resolve-basis'), ref: BasisRefV1, effect: EffectKindV1 }),
  /** After the record is written: link it to the document, or remember the reference until the document is entered. */
  strictObject({ type: Type.Literal('link-basis'), ref: BasisRefV1, effect: EffectV1 }),
  strictObject({ type: Type.Literal('court-register'), kind: Type.Optional(Type.String({ maxLength: 64 })) }),
  strictObject({ type: Type.Literal('court-kinds') }),
]);
export type CourtDocumentCommandV1 = Static<typeof CourtDocumentCommandV1>;

/** POST /orders */
export const CreateOrderBodyV1 = strictObject({
  kind: Type.String({ minLength: 1, maxLength: 64 }),
  /** Default: today (Kyiv). */
  signedOn: Type.Optional(DateV1),
  fields: Type.Optional(InputFieldsV1),
  signers: Type.Array(SignerLoginV1, { minItems: 1, maxItems: 10, uniqueItems: true }),
  follows: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
});
export type CreateOrderBodyV1 = Static<typeof CreateOrderBodyV1>;

export const OrdersQueryV1 = strictObject({ kind: Type.Optional(Type.String({ maxLength: 64 })) });

/** Why a row is on the overdue list (each has a Ukrainian text in actors/court/control/overdue.ts). */
export const OVERDUE_REASONS = ['not-original', 'not-entered', 'no-follow-up'] as const;
export type OverdueReasonV1 = (typeof OVERDUE_REASONS)[number];

export const OverdueOrderRowV1 = strictObject({
  reason: Type.Union(OVERDUE_REASONS.map((r) => Type.Literal(r))),
  /** The document's id in the system; null when it was named as a basis but never entered. */
  documentId: Type.Union([Type.String(), Type.Null()]),
  /** E.g. "Розпорядження керівника апарату суду про повторний автоматизований розподіл". */
  title: Type.String(),
  number: Type.String(),
  /** The day it was signed (its date). */
  date: DateV1,
  /** The last day allowed (the next working day after `date`, court calendar). */
  deadline: DateV1,
  rule: Type.String(),
  /** The whole row in Ukrainian, for people. */
  text: Type.String(),
  /** Who must act (full names of the required signers still missing), or what the reference grounds. */
  detail: Type.String(),
});
export type OverdueOrderRowV1 = Static<typeof OverdueOrderRowV1>;

export const OverdueOrdersListV1 = strictObject({
  list: Type.Literal('overdue-orders'),
  court: strictObject({ code: Type.String(), name: Type.String() }),
  date: DateV1,
  generatedAt: Type.String(),
  rows: Type.Array(OverdueOrderRowV1),
});
export type OverdueOrdersListV1 = Static<typeof OverdueOrdersListV1>;
