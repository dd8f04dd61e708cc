/**
 * The card's requisites as one value, and how a correction addresses a field
 * of it. Pure helpers of the `case` actor.
 */
import type { CaseRegisteredV1, CorrectableField, DocumentRequisitesV1, PartyV1, PublicationRestrictionV1 } from '../../../contracts/court/index.ts';

export interface Requisites {
  arrivalDate: string;
  document: DocumentRequisitesV1;
  category?: string;
  description: string;
  parties: PartyV1[];
  /** Засади 12.4: stated at registration; not a correctable field. */
  publication?: PublicationRestrictionV1;
}

export function requisitesOf(e: CaseRegisteredV1): Requisites {
  const r = e.registration;
  const out: Requisites = { arrivalDate: r.arrivalDate, document: { ...r.document }, description: r.description, parties: r.parties.map((p) => ({ ...p })) };
  if (r.category !== undefined) out.category = r.category;
  if (r.publication !== undefined) out.publication = { ...r.publication };
  return out;
}

export function getField(r: Requisites, field: CorrectableField): unknown {
  if (field.startsWith('document.')) return r.document[field.slice(9) as keyof DocumentRequisitesV1];
  return r[field as 'arrivalDate' | 'category' | 'description' | 'parties'];
}

/** A new requisites value with `field` set (the original stays untouched). */
export function withField(r: Requisites, field: CorrectableField, value: unknown): Requisites {
  if (field.startsWith('document.')) return { ...r, document: { ...r.document, [field.slice(9)]: value } };
  return { ...r, [field]: value };
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
