/**
 * The envelope shared by the court's sealed protocol documents (juror
 * selection 7.6, duty assignment 4.6): the fields around the protocol, with the
 * document's own gapless number and the court seal (actors/court/seal).
 */
import { Type, type TLiteral, type TSchema, type TUnion } from '@sinclair/typebox';
import { SealSignatureSchema } from '../distribution/common.ts';

export function sealedRecordDocument<S extends string, K extends TUnion<TLiteral<string>[]>, P extends TSchema>(schema: S, kinds: K, protocol: P) {
  return Type.Object(
    {
      schema: Type.Literal(schema),
      /** `<court>-<number, 9 digits>-<type>-<jurisdiction>` (spec §1, Засади 13.2). */
      documentId: Type.String(),
      kind: kinds,
      title: Type.String(),
      /** The protocol's number in its own gapless sequence (one per document type, from 1) — the 9 digits of documentId. */
      number: Type.Integer({ minimum: 1 }),
      /** The event that journaled it: sequence in the actor's stream (not the document number). */
      attempt: Type.Object({ actor: Type.String(), seq: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
      createdAt: Type.String(),
      createdBy: Type.String(),
      /** The court seal (actors/court/seal); absent only where the actor runs without a signer (unit tests). */
      signature: Type.Optional(SealSignatureSchema),
      protocol,
    },
    { additionalProperties: false },
  );
}
