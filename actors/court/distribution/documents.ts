/**
 * Protocols as court documents (Засади 13; spec §1): unique id, state
 * "Original", the court seal's detached CMS over a canonical JSON form.
 *
 * Unique id = court DB code + document no + type + jurisdiction. The
 * document no is the attempt's sequence number in the court's distribution
 * stream, so an id leads straight to its journal event (no extra index).
 *
 * What is signed and how: actors/court/seal (shared with the jurors' and
 * duty protocols); the signed part carries the attempt's own seq.
 */
import type { Signer } from '../../pki/index.ts';
import { sealDocument, signedContentOf } from '../seal/index.ts';
import type { DocumentKind, ProtocolDocument } from '../../../contracts/court/distribution.ts';
import { defaultJurisdiction, type Zasady } from '../../distribution/zasady.ts';

export const DOCUMENT_TYPES: Record<DocumentKind, { slug: string; title: string }> = {
  distribution: { slug: 'протокол-розподілу', title: 'Протокол автоматизованого розподілу судової справи між суддями' },
  'repeated-distribution': { slug: 'протокол-повторного-розподілу', title: 'Протокол повторного автоматизованого розподілу судової справи між суддями' },
  'member-replacement': { slug: 'протокол-повторного-розподілу', title: 'Протокол повторного автоматизованого розподілу судової справи (заміна судді — члена колегії)' },
  transfer: { slug: 'протокол-передачі', title: 'Протокол передачі судової справи раніше визначеному складу суду' },
  impossibility: { slug: 'протокол-неможливості-розподілу', title: 'Протокол щодо неможливості автоматизованого розподілу судової справи між суддями' },
};

/**
 * Jurisdiction letter (13.2 "тип юрисдикції") of a proceeding index: the
 * court's Засади state it per index (`proceedingIndexes[].jurisdiction`);
 * without them, or for an index they do not list, the built-in rule
 * (к criminal, ц civil, а administrative, п administrative offences, і other).
 */
export function jurisdictionOf(proceedingIndex: string, configured?: ReadonlyMap<string, string>): string {
  return configured?.get(proceedingIndex) ?? defaultJurisdiction(proceedingIndex);
}

export function documentIdParts(zasady: Zasady, kind: DocumentKind, seq: number, category: string): ProtocolDocument['idParts'] {
  const index = zasady.categories.get(category)?.proceedingIndex ?? '6';
  return { courtDbCode: zasady.config.court.code, documentNo: String(seq).padStart(9, '0'), type: DOCUMENT_TYPES[kind].slug, jurisdiction: jurisdictionOf(index, zasady.jurisdictions) };
}

export function formatDocumentId(p: ProtocolDocument['idParts']): string {
  return `${p.courtDbCode}-${p.documentNo}-${p.type}-${p.jurisdiction}`;
}

/** `537-000000042-протокол-розподілу-ц` → parts, or undefined. */
export function parseDocumentId(id: string): ProtocolDocument['idParts'] | undefined {
  const m = /^(\d{1,4})-(\d{9})-(.+)-([а-яіїєґ])$/u.exec(id);
  return m ? { courtDbCode: m[1]!, documentNo: m[2]!, type: m[3]!, jurisdiction: m[4]! } : undefined;
}

/** Shared with the jurors' and duty protocols (actors/court/seal). */
export { canonicalJson } from '../seal/index.ts';

/** The bytes the seal signs. */
export function signedContent(doc: ProtocolDocument): Buffer {
  return signedContentOf(doc);
}

export function seal(doc: ProtocolDocument, signer: Signer, at: Date): ProtocolDocument {
  return sealDocument(doc, signer, at);
}
