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
import type { ActorSystem, Journal } from '../../../runtime/index.ts';
import type { CardV1 } from '../../../contracts/court/index.ts';
import type { ArchiveCaseViewV1 } from '../../../contracts/court/archive.ts';
import type { CaseDossier, CaseJournalRow, ChainRow, DossierDocument, DossierProtocol, DossierScan } from '../../archive/dossier.ts';
import { DOSSIER_VERSION } from '../../archive/dossier.ts';
import type { Signer } from '../../pki/index.ts';
import { hiddenDigest } from '../../../runtime/journal/hash.ts';
import { headCheckpoint, sealCheckpoint } from '../checkpoint/index.ts';
import { signedContentOf } from '../seal/index.ts';
import { canonicalContent, type CourtDocument } from '../documents/behavior.ts';
import { DOCUMENTS_KIND } from '../../../contracts/court/documents.ts';
import { CASE_KIND } from '../case/behavior.ts';
import type { BlobStore } from '../blobs/store.ts';
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
}

const META = { meta: { author: 'system:archive', role: 'system' } };

interface Row {
  gseq: number;
  actor: string;
  aseq: number;
  type: string;
  ts: number;
  meta: string;
  data: string;
  prev_hash: string;
  hash: string;
  salt: string | null;
  pub: string | null;
}

/** The case's rows: its card's stream and every row of another actor naming its ЄУН or one of its proceeding numbers. */
function caseRows(journal: Journal, ueun: string, through: number): Row[] {
  // `"537/12/26"` (the ЄУН as a value) and `/537/12/26"` (the tail of a proceeding number `2/537/12/26`)
  return journal.database
    .prepare(`SELECT gseq, actor, aseq, type, ts, meta, data, prev_hash, hash, salt, pub FROM events WHERE gseq <= ? AND (actor = ? OR instr(data, ?) > 0 OR instr(data, ?) > 0) ORDER BY gseq`)
    .all(through, `${CASE_KIND}/${ueun}`, `"${ueun}"`, `/${ueun}"`) as Row[];
}

function segmentRows(journal: Journal, from: number, through: number): Row[] {
  return journal.database.prepare('SELECT gseq, actor, aseq, type, ts, meta, data, prev_hash, hash, salt, pub FROM events WHERE gseq >= ? AND gseq <= ? ORDER BY gseq').all(from, through) as Row[];
}

function journalRow(r: Row): CaseJournalRow {
  if (!r.salt || !r.pub) throw new Error(`journal row ${r.gseq} is not chain format 2: its content cannot be proven in a package`);
  return { gseq: r.gseq, actor: r.actor, aseq: r.aseq, type: r.type, ts: r.ts, meta: r.meta, data: r.data, salt: r.salt, pub: r.pub, prevHash: r.prev_hash, hash: r.hash };
}

function chainRow(r: Row): ChainRow {
  if (!r.salt || !r.pub) throw new Error(`journal row ${r.gseq} is not chain format 2: the segment cannot be recomputed`);
  const pub = JSON.parse(r.pub) as { author: string; data: Record<string, unknown>; redacted: string[] };
  return { gseq: r.gseq, actor: r.actor, aseq: r.aseq, type: r.type, ts: r.ts, hidden: hiddenDigest(r.salt, r.meta, r.data), author: pub.author, data: pub.data, redacted: pub.redacted, prevHash: r.prev_hash, hash: r.hash };
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

function scansOf(card: CardV1, blobs: BlobStore): DossierScan[] {
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
  const head = o.journal.head();
  const rows = caseRows(o.journal, ueun, head.gseq);
  if (rows.length === 0) throw new Error(`no journal rows of case ${ueun}`);
  // the journal proof: a checkpoint of the head sealed now, and the segment that links the case's rows to it
  const unsealed = headCheckpoint(o.court, o.journal, now);
  if (!unsealed) throw new Error('the journal is empty');
  const checkpoint = sealCheckpoint(unsealed, o.seal, o.caPem);
  const first = rows[0]!.gseq;
  const segment = segmentRows(o.journal, Math.max(1, first - 1), checkpoint.gseq).map(chainRow);

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
    journal: rows.map(journalRow),
    documents: await documentsOf(o, ueun, names.person),
    protocols: protocolsOf(rows),
    scans: scansOf(card, o.blobs),
    proof: { segment, checkpoint },
  };

}
