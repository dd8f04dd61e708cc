/**
 * The case dossier (actors/archive/dossier.ts) from the court's own records, node side (Засади 17.1: "усі
 * відомості щодо розглянутих судових справ, які внесені до бази даних"): the card, every journal row of the case and
 * of its proceedings (the card's own stream and every other actor's row that names its ЄУН or a proceeding number —
 * distribution protocols, documents, the ЄДРСР queue, correspondence), the court documents with their signatures,
 * the sealed distribution protocols, the scans from the blob store, and the journal proof: the chain segment of
 * public views from just before the case's first row up to a checkpoint of the head sealed now by the court seal.
 *
 * Reads files and asks actors — never called from decide. The archive actor gets only what was built (packager.ts).
 */
import type { ActorSystem, Journal, Logger, StoredEvent } from '../../../runtime/index.ts';
import type { CheckpointV1, ReceiptV1 } from '../../../contracts/witness/index.ts';
import type { CardV1 } from '../../../contracts/court/index.ts';
import type { ArchiveCaseViewV1 } from '../../../contracts/court/archive.ts';
import type { CaseDossier, DossierDocument, DossierProtocol, DossierScan } from '../../archive/dossier.ts';
import { caseRowOf, readSegment } from '../../archive/rows.ts';
import { DOSSIER_VERSION } from '../../archive/dossier.ts';
import type { Signer } from '../../pki/index.ts';
import { headCheckpoint, sealCheckpoint } from '../checkpoint/index.ts';
import { signedContentOf } from '../seal/index.ts';
import { canonicalContent, type CourtDocument } from '../documents/behavior.ts';
import { DOCUMENTS_KIND } from '../../../contracts/court/documents.ts';
import { CASE_KIND } from '../case/behavior.ts';
import type { BlobStore } from '../blobs/store.ts';
import { AttachmentIndex } from '../files/resolve.ts';
import { printNames } from '../http/print-names.ts';
import type { CourtHttpContext } from '../http/context.ts';
import { kyivDate } from '../dates.ts';

export interface CollectorOptions {
  court: string;
  courtName: string;
  system: ActorSystem;
  journal: Journal;
  blobs: BlobStore;
  seal: Signer;
  caPem: string;
  /**
   * A node on the bus: the head sealed and witnessed by the centre now (checkpoint/checkpointer.ts witnessNow), so
   * the package carries the centre's receipt too. Without it, or when the centre does not answer, the court seals
   * a checkpoint of its head itself (the package then validates with a note: no receipt).
   */
  witness?: () => Promise<{ checkpoint: CheckpointV1; receipt: ReceiptV1 }>;
  log?: Logger;
}

const META = { meta: { author: 'system:archive', role: 'system' } };

type Row = Omit<StoredEvent, 'command_id'>;

/** How far before the card's first row the registration that opened it is looked for (the registry writes it first). */
const REGISTRATION_WINDOW = 5000;

/**
 * The case's rows: its card's stream and every row of another actor naming its ЄУН or one of its proceeding numbers,
 * from just before the card was opened (nothing names a ЄУН before its registration) — not a scan of the whole journal.
 */
function caseRows(journal: Journal, ueun: string, through: number): Row[] {
  const actor = `${CASE_KIND}/${ueun}`;
  const first = (journal.database.prepare('SELECT min(gseq) AS g FROM events WHERE actor = ?').get(actor) as { g: number | null }).g;
  if (first === null) return [];
  // `"537/12/26"` (the ЄУН as a value) and `/537/12/26"` (the tail of a proceeding number `2/537/12/26`)
  return journal.database
    .prepare(`SELECT gseq, actor, aseq, type, ts, meta, data, prev_hash, hash, chain, salt, pub FROM events WHERE gseq >= ? AND gseq <= ? AND (actor = ? OR instr(data, ?) > 0 OR instr(data, ?) > 0) ORDER BY gseq`)
    .all(Math.max(1, first - REGISTRATION_WINDOW), through, actor, `"${ueun}"`, `/${ueun}"`) as Row[];
}

/** The CN of a certificate subject (`CN=Петренко Олена Василівна, …` or one attribute a line). */
const commonName = (subject: string | undefined): string | undefined => (subject ? /(?:^|[\n,]\s*)CN=([^\n,]+)/.exec(subject)?.[1]?.trim() : undefined);

async function documentsOf(o: CollectorOptions, ueun: string, person: (login: string) => string): Promise<DossierDocument[]> {
  if (!o.system.hasKind(DOCUMENTS_KIND)) return [];
  const { documents } = await o.system.ref(DOCUMENTS_KIND, o.court).ask<{ documents: Array<{ id: string }> }>({ type: 'list', ueun }, META);
  const out: DossierDocument[] = [];
  for (const { id } of documents) {
    const d = await o.system.ref(DOCUMENTS_KIND, o.court).ask<CourtDocument & { signatures: Array<{ login: string; at: string; cms: string; verification?: { signer?: { subject?: string } } }> }>({ type: 'read', documentId: id }, META);
    out.push({
      id: d.id,
      title: d.title,
      type: d.type,
      ...(d.proceedingNumber ? { proceedingNumber: d.proceedingNumber } : {}),
      state: d.state === 'Original' ? 'Original' : 'Draft',
      createdAt: d.createdAt,
      ...(d.originalAt ? { originalAt: d.originalAt } : {}),
      mediaType: 'application/json',
      // exactly the bytes the signers signed (documents/behavior.ts canonicalContent)
      content: new Uint8Array(canonicalContent(d)),
      signatures: d.signatures.map((g) => ({ signerName: commonName(g.verification?.signer?.subject) ?? person(g.login), at: g.at, cms: g.cms.replace(/\s+/g, '') })),
    });
  }
  return out;
}

const PROTOCOL_TITLES: Record<string, string> = {
  distribution: 'Протокол автоматизованого розподілу судової справи між суддями',
  transfer: 'Протокол передачі судової справи',
  impossibility: 'Протокол про неможливість автоматизованого розподілу',
  repeated: 'Протокол повторного автоматизованого розподілу судової справи',
};

/** Sealed protocol documents among the case's rows (distribution, jurors): their canonical content and the seal's CMS. */
function protocolsOf(rows: Row[]): DossierProtocol[] {
  const out: DossierProtocol[] = [];
  for (const r of rows) {
    const doc = (JSON.parse(r.data) as { document?: { documentId?: string; kind?: string; signature?: { cms?: string; signer?: string }; [k: string]: unknown } }).document;
    if (!doc?.documentId || !doc.signature?.cms) continue;
    out.push({
      documentId: doc.documentId,
      title: PROTOCOL_TITLES[doc.kind ?? ''] ?? 'Протокол (документ під печаткою суду)',
      at: new Date(r.ts).toISOString(),
      content: new Uint8Array(signedContentOf(doc as Parameters<typeof signedContentOf>[0])),
      seal: { cms: doc.signature.cms, signerName: commonName(doc.signature.signer) ?? 'Печатка суду' },
    });
  }
  return out;
}

/**
 * The card's scans. One stored file may be attached to several cases (the store keeps one copy per content); if one
 * of them is a covert case (Засади 3.1 ¶2), those bytes never leave the court — the same rule as the file service
 * (files/resolve.ts) — so the package is not built and the archivist is told why.
 */
function scansOf(card: CardV1, blobs: BlobStore, attachments: AttachmentIndex): DossierScan[] {
  for (const a of card.attachments) {
    const access = attachments.access(a.sha256);
    if (!access.ok && access.code === 'COVERT') throw new Error(`скан ${a.fileName ?? a.sha256.slice(0, 12)} долучено також до справи з негласними діями: він не залишає суд, тому архівний пакет справи не формується — вирішує керівник апарату`);
  }
  return card.attachments.map((a) => ({
    path: blobs.pathOf(a.sha256),
    sha256: a.sha256,
    size: a.size,
    fileName: a.fileName ?? `${a.sha256.slice(0, 12)}`,
    mediaType: a.mediaType,
  }));
}

/** Gather the dossier of a confirmed case (`item`: the archive actor's view of it, with category and retention). */
export async function collectDossier(o: CollectorOptions, item: ArchiveCaseViewV1, now: number): Promise<CaseDossier> {
  const ueun = item.ueun;
  const card = await o.system.ref(CASE_KIND, ueun).ask<CardV1>({ type: 'card' }, META);
  const names = await printNames({ system: o.system, court: o.court } as CourtHttpContext);
  // the journal proof: a checkpoint of the head — witnessed by the centre when it answers — and the segment that
  // links the case's rows to it
  let witnessed: { checkpoint: CheckpointV1; receipt?: ReceiptV1 } | undefined;
  if (o.witness) {
    try {
      witnessed = await o.witness();
    } catch (e) {
      o.log?.warn('archive-checkpoint-not-witnessed', { ueun, error: (e as Error).message });
    }
  }
  if (!witnessed) {
    const unsealed = headCheckpoint(o.court, o.journal, now);
    if (!unsealed) throw new Error('the journal is empty');
    witnessed = { checkpoint: sealCheckpoint(unsealed, o.seal, o.caPem) };
  }
  const { checkpoint } = witnessed;
  const rows = caseRows(o.journal, ueun, checkpoint.gseq);
  if (rows.length === 0) throw new Error(`no journal rows of case ${ueun}`);
  const first = rows[0]!.gseq;
  const segment = readSegment(o.journal, first - 1, checkpoint.gseq);

  const ps = card.proceedings;

  const judgeLogin = [...ps].reverse().find((p) => p.assignment)?.assignment?.judge;
  const decided = ps.map((p) => p.decision?.date).filter((d): d is string => !!d).sort();
  const inForce = ps.map((p) => p.legalForce?.date).filter((d): d is string => !!d).sort();
  return {
    v: DOSSIER_VERSION,
    court: { code: o.court, name: o.courtName },
    case: {
      ueun,
      proceedings: ps.map((p) => p.proceedingNumber),
      category: item.category,
      categoryLabel: item.categoryTitle,
      judge: judgeLogin ? names.judge(judgeLogin) : 'суддю не визначено',
      registeredOn: ps[0]!.registrationDate,
      ...(decided.length > 0 ? { decidedOn: decided.at(-1)! } : {}),
      ...(inForce.length > 0 ? { legalForceOn: inForce.at(-1)! } : {}),
      closedOn: item.dueDate ?? kyivDate(now),
    },
    retention: {
      years: item.retention.years ?? 0,
      basis: item.retention.text.length > 0 ? `Правила архіву суду (archive.yaml), категорія «${item.categoryTitle}»: ${item.retention.text}` : `категорія «${item.categoryTitle}»`,
      ...(item.retention.until ? { until: item.retention.until } : {}),
    },
    packedAt: new Date(now).toISOString(),
    card: card as unknown as Record<string, unknown>,
    journal: rows.map(caseRowOf),
    documents: await documentsOf(o, ueun, names.person),
    protocols: protocolsOf(rows),
    scans: scansOf(card, o.blobs, new AttachmentIndex(o.journal.database)),
    proof: { segment, checkpoint, ...(witnessed.receipt ? { receipt: witnessed.receipt } : {}) },
  };

}
