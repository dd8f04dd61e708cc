import { Type } from '@sinclair/typebox';
import '../formats.ts';

/** Court-local civil date `YYYY-MM-DD` (semantic validity — e.g. no 2025-02-30 — is checked by the loaders). */
export const IsoDateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date', description: 'court-local date YYYY-MM-DD, a real calendar day (contracts/formats.ts)' });

/**
 * The same shape without the calendar check, for configuration files (Засади, calendar): their loaders check
 * each date themselves so that a file with several mistakes gets every one listed, not one schema error.
 */
export const ConfigDateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'court-local date YYYY-MM-DD (calendar validity checked by the loader)' });

/** A reference to the document that grounds a fact: an order, a memo, a decision. */
export const DocumentRefSchema = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('order'), // наказ голови суду
      Type.Literal('memo'), // службова записка (4.2)
      Type.Literal('decision'), // рішення (зборів, ВРП, ВККС)
      Type.Literal('sick-note'), // листок непрацездатності
      Type.Literal('ruling'), // ухвала суду (судді): про роз'єднання, відвід, самовідвід
      Type.Literal('other'),
    ]),
    number: Type.String({ minLength: 1 }),
    date: IsoDateSchema,
    issuer: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** The court seal on a protocol document: detached CMS over the canonical JSON of the document without `signature` and `journal`. */
export const SealSignatureSchema = Type.Object(
  { format: Type.Literal('cms-detached-der-base64'), cms: Type.String(), signer: Type.String() },
  { additionalProperties: false },
);
