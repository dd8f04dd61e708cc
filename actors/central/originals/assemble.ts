/**
 * An Original as the centre rebuilds it from the court's replicated events (pure): the document of
 * `document-created`, its edits, links and signatures applied in the court's journal order — the same steps the
 * court's `documents` actor evolves (actors/court/documents/behavior.ts) — so that the bytes each signer signed
 * (`canonicalContent`) can be recomputed here and each detached CMS checked against them.
 */
import { canonicalContent, sha256, type CourtDocument, type DocumentSignature } from '../../court/documents/behavior.ts';

/** One replicated event of a document, as `events` holds it (payload = the court's redacted data). */
export interface DocEventRow {
  seq: number;
  type: string;
  ts: number;
  payload: Record<string, unknown>;
  redacted: string[];
}

/** A signature with the content it was made over (the document as it stood when it was recorded). */
export interface SignedOver {
  signature: DocumentSignature;
  content: Buffer;
}

export type Assembled =
  | { kind: 'original'; document: CourtDocument; content: Buffer; contentSha256: string; signed: SignedOver[]; originalAt: string; redacted: string[] }
  | { kind: 'restricted'; documentId: string }
  | { kind: 'incomplete'; documentId: string; reason: string; redacted: string[] };

/** Rebuild document `id` from its events (in seq order, through its `document-original`). */
export function assembleOriginal(id: string, rows: readonly DocEventRow[]): Assembled {
  const ordered = [...rows].sort((a, b) => a.seq - b.seq);
  const redacted = ordered.flatMap((r) => r.redacted);
  // a covert case's document (Засади 3.1 ¶2): the court let only its id out
  if (ordered.some((r) => r.payload.restricted === true || (r.payload.document as { restricted?: unknown } | undefined)?.restricted === true)) return { kind: 'restricted', documentId: id };
  const created = ordered.find((r) => r.type === 'document-created');
  const original = ordered.find((r) => r.type === 'document-original');
  if (!created) return { kind: 'incomplete', documentId: id, reason: 'подія створення документа не надійшла до центру', redacted };
  if (!original) return { kind: 'incomplete', documentId: id, reason: 'документ ще не набув стану «Оригінал»', redacted };
  let doc = structuredClone(created.payload.document) as CourtDocument;
  const signed: SignedOver[] = [];
  for (const r of ordered) {
    if (r.seq > original.seq) break;
    const p = r.payload;
    if (r.type === 'document-edited') doc = { ...doc, fields: p.fields as Record<string, string>, text: String(p.text), revision: Number(p.revision) };
    else if (r.type === 'document-linked') doc = { ...doc, links: [...(doc.links ?? []), p.link as NonNullable<CourtDocument['links']>[number]] };
    else if (r.type === 'document-signed') {
      const signature = p.signature as DocumentSignature;
      signed.push({ signature, content: canonicalContent(doc) });
      doc = { ...doc, signatures: [...doc.signatures, signature] };
    }
  }
  const originalAt = String(original.payload.at);
  doc = { ...doc, state: 'Original', originalAt };
  const content = canonicalContent(doc);
  return { kind: 'original', document: doc, content, contentSha256: sha256(content), signed, originalAt, redacted };
}
