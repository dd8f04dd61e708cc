/**
 * Case search and the console's directory, version 1 (issue 16): what the
 * registrar's search form sends (GET /cases/search), what the registry's
 * `search` read receives, and the names the console shows (GET /directory,
 * GET /public/court) — categories and judges by name, never an id to people.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateV1, ProceedingNumberV1, strictObject } from './common.ts';

const Free = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** GET /cases/search */
export const CaseSearchQueryV1 = strictObject({
  q: Type.Optional(Free(200)),
  ueun: Type.Optional(Free(40)),
  party: Type.Optional(Free(200)),
  from: Type.Optional(DateV1),
  to: Type.Optional(DateV1),
  category: Type.Optional(Free(200)),
  judge: Type.Optional(Free(100)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
});
export type CaseSearchQueryV1 = Static<typeof CaseSearchQueryV1>;

/** The registry's read (no judge: the node narrows by judge through `proceedings`, the distribution record's cases). */
export const RegistrySearchV1 = strictObject({
  type: Type.Literal('search'),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  ueun: Type.Optional(Type.String({ maxLength: 40 })),
  party: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(DateV1),
  to: Type.Optional(DateV1),
  category: Type.Optional(Type.String({ maxLength: 200 })),
  proceedings: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200_000 })),
  offset: Type.Integer({ minimum: 0 }),
  limit: Type.Integer({ minimum: 1, maximum: 200 }),
});
export type RegistrySearchV1 = Static<typeof RegistrySearchV1>;

/** One hit as the registry has it (newest first). */
export const RegistryHitV1 = strictObject({
  ordinal: Type.Integer(),
  ueun: Type.String(),
  proceedingNumber: ProceedingNumberV1,
  arrivalDate: DateV1,
  registrationDate: DateV1,
  covert: Type.Boolean(),
  category: Type.Union([Type.String(), Type.Null()]),
  document: strictObject({ kind: Type.String(), title: Type.String() }),
  parties: Type.Array(strictObject({ role: Type.String(), name: Type.String() })),
});
export type RegistryHitV1 = Static<typeof RegistryHitV1>;

export const RegistrySearchReplyV1 = strictObject({ total: Type.Integer(), items: Type.Array(RegistryHitV1) });
export type RegistrySearchReplyV1 = Static<typeof RegistrySearchReplyV1>;

/** A hit as GET /cases/search replies: the category and the presiding judge named. */
export const CaseSearchItemV1 = strictObject({
  ...RegistryHitV1.properties,
  category: Type.Union([strictObject({ id: Type.String(), name: Type.String() }), Type.Null()]),
  judge: Type.Union([strictObject({ id: Type.String(), fullName: Type.String() }), Type.Null()]),
});
export type CaseSearchItemV1 = Static<typeof CaseSearchItemV1>;

export const CaseSearchReplyV1 = strictObject({ total: Type.Integer(), offset: Type.Integer(), limit: Type.Integer(), items: Type.Array(CaseSearchItemV1) });
export type CaseSearchReplyV1 = Static<typeof CaseSearchReplyV1>;

/** GET /public/court: the login page's heading. */
export const PublicCourtV1 = strictObject({ code: Type.String(), name: Type.String() });
export type PublicCourtV1 = Static<typeof PublicCourtV1>;

/** GET /directory: what the console's forms and tables name things by. */
export const DirectoryV1 = strictObject({
  court: PublicCourtV1,
  judges: Type.Array(strictObject({ id: Type.String(), fullName: Type.String(), inZasady: Type.Boolean() })),
  categories: Type.Array(strictObject({ id: Type.String(), name: Type.String(), proceedingIndex: Type.String() })),
  indexes: Type.Array(strictObject({ index: Type.String(), name: Type.String() })),
});
export type DirectoryV1 = Static<typeof DirectoryV1>;
