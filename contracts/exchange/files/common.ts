/**
 * Building blocks of the information files exchanged with the Ministry of Internal Affairs and its services
 * (Порядок електронної інформаційної взаємодії ДСА та МВС, 2021; domain §B), version 1.
 */
import { Type, type Static, type TSchema, type TObject, type TProperties } from '@sinclair/typebox';
import '../../formats.ts';

export const Text = (maxLength: number, minLength = 1) => Type.String({ minLength, maxLength });

/** A closed object: a field the agreed structure does not name is refused, never stored (Порядок II.1). */
export const strictObject = <T extends TProperties>(props: T, opts: { description?: string } = {}): TObject<T> => Type.Object(props, { ...opts, additionalProperties: false });

/** A file id the sender chooses (UUID), unique per sender; a repeat with the same bytes is the same file. */
export const FileIdV1 = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: 'UUID of the file, chosen by its sender' });
export const Sha256V1 = Type.String({ pattern: '^[0-9a-f]{64}$' });
export const DateV1 = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', format: 'date', description: 'YYYY-MM-DD, Kyiv calendar day' });
export const InstantV1 = Type.String({ format: 'instant', maxLength: 40 });
/** Registered organisation id (E1's registry) or `hub` — the State Judicial Administration. */
export const ParticipantIdV1 = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' });
export const HUB_PARTICIPANT = 'hub';

/** A person named in a file: only what identifies them for the recipient's legal task (Порядок I.3). */
export const PersonV1 = strictObject({
  lastName: Text(100),
  firstName: Text(100),
  patronymic: Type.Optional(Text(100)),
  birthDate: Type.Optional(DateV1),
  /** РНОКПП — personal data the police normally does not need; agreements usually leave it out. */
  taxNumber: Type.Optional(Type.String({ pattern: '^[0-9]{10}$' })),
  address: Type.Optional(Text(500)),
});
export type PersonV1 = Static<typeof PersonV1>;

export type FileSchema = TSchema;
