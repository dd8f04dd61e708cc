/**
 * Building blocks of the court contracts (version 1). Every string has a
 * length bound: a court API must refuse, not store, a megabyte "name".
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import '../formats.ts';

/** Bounded text (trimmed emptiness is checked by the actors where it matters). */
export const Text = (maxLength: number, minLength = 1) => Type.String({ minLength, maxLength });

export const CourtCodeV1 = Type.String({ pattern: '^[0-9]{1,4}$', description: 'numeric court code, e.g. 537' });

/** ЄУН `<court>/<seq>/<yy>` (distribution-spec §1). */
export const UeunV1 = Type.String({
  pattern: '^[0-9]{1,4}/[1-9][0-9]{0,6}/[0-9]{2}$',
  maxLength: 20,
  description: 'єдиний унікальний номер справи <court>/<seq>/<yy>, e.g. 537/1234/25',
});
export type UeunV1 = Static<typeof UeunV1>;

/**
 * The typical proceeding indexes (distribution-spec §1) — what a court WITHOUT its own Засади accepts. A court
 * with Засади accepts exactly its Засади's `proceedingIndexes` (the registry checks: UNKNOWN_PROCEEDING_INDEX).
 */
export const PROCEEDING_INDEXES = ['1-кп', '1-кс', '1-в', '2', '2-о', '2-н', '2-а', '3', '4-с', '6'] as const;
/**
 * Індекс провадження: the shape a proceeding number can carry (a digit, then optionally "-" and one or two
 * letters). Which indexes a court uses is its Засади's list, not this contract (issue 13 item 11).
 */
export const ProceedingIndexV1 = Type.String({
  pattern: '^[0-9](-[а-яієї]{1,2})?$',
  maxLength: 4,
  description: 'індекс провадження з переліку Засад суду, напр. 1-кп, 1-кс, 2, 2-о, 3',
});
export type ProceedingIndexV1 = Static<typeof ProceedingIndexV1>;

/** Номер провадження `<index>/<court>/<seq>/<yy>`. */
export const ProceedingNumberV1 = Type.String({ pattern: '^[0-9](-[а-яієї]{1,2})?/[0-9]{1,4}/[1-9][0-9]{0,6}/[0-9]{2}$', maxLength: 30 });

/** Court-local civil date: a real calendar day (`format: 'date'`, contracts/formats.ts — no 2026-02-30). */
export const DateV1 = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', format: 'date', description: 'YYYY-MM-DD, court-local, a real calendar day' });

export const ROLES = ['registrar', 'distribution_officer', 'judge', 'head_of_staff', 'chief_judge', 'tech_admin', 'auditor', 'statistician', 'archivist'] as const;
export const RoleV1 = Type.Union(ROLES.map((r) => Type.Literal(r)));
export type RoleV1 = Static<typeof RoleV1>;

export const LoginV1 = Type.String({ pattern: '^[a-z][a-z0-9._-]{2,39}$', description: 'lower-case login, 3–40 chars' });

export const Sha256V1 = Type.String({ pattern: '^[0-9a-f]{64}$' });

/** A reference to a document of the court (order, memo, case material). */
export const DocRefV1 = Type.Object(
  {
    number: Text(100),
    date: DateV1,
    title: Type.Optional(Text(300)),
  },
  { additionalProperties: false },
);
export type DocRefV1 = Static<typeof DocRefV1>;

/**
 * AES-256-GCM ciphertext of covert fields (Засади 3.1 ¶2). This is all that
 * ever reaches an event, a reply to a non-judge, or the centre.
 */
export const SealedV1 = Type.Object(
  {
    alg: Type.Literal('A256GCM'),
    keyId: Type.String({ pattern: '^[0-9a-f]{16}$' }),
    iv: Type.String({ pattern: '^[A-Za-z0-9+/]{16}$' }),
    tag: Type.String({ pattern: '^[A-Za-z0-9+/]{22}==$' }),
    ciphertext: Type.String({ pattern: '^[A-Za-z0-9+/]*={0,2}$', maxLength: 16_000 }),
  },
  { additionalProperties: false },
);
export type SealedV1 = Static<typeof SealedV1>;

/** Who did it, as recorded in the event data (the runtime also keeps it in the event meta). */
export const ActorStampV1 = Type.Object({ login: Type.String(), role: Type.String() }, { additionalProperties: false });
export type ActorStampV1 = Static<typeof ActorStampV1>;

/** Every error answer of the court API. */
export const ErrorBodyV1 = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String(),
        message: Type.Object({ uk: Type.String(), en: Type.String() }),
        details: Type.Optional(Type.Unknown()),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ErrorBodyV1 = Static<typeof ErrorBodyV1>;

export function strictObject<T extends Record<string, TSchema>>(props: T, description?: string) {
  return Type.Object(props, { additionalProperties: false, ...(description ? { description } : {}) });
}
