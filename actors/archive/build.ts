/**
 * buildPackage: a case dossier → a sealed BagIt package (docs/archive-package.md; Засади 17.1).
 *
 * Built in a hidden temporary folder beside the final one, every file fsynced, checked by the same
 * validatePackage the centre runs, and only then renamed to `<outDir>/<packageId>` — so a crash, a scan
 * that is not what the card says or a journal proof that does not hold leaves no package behind, and a
 * package that exists is complete. Deterministic: the same dossier gives the same bytes for every file
 * except the seal (the CMS carries its signing time).
 */
import { closeSync, createReadStream, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { schemaErrors } from '../../runtime/validate.ts';
import { fsyncDir } from '../../runtime/durable-file.ts';
import { canonicalJson } from '../distribution/canonical.ts';
import { kyivDate } from '../court/dates.ts';
import { SECRET_KEY } from '../../contracts/ingest/redaction.ts';
import { CaseDossierV1, type CaseDossier, type CaseJournalRow, type DossierDocument, type DossierProtocol, type DossierScan } from './dossier.ts';
import { BAG_INFO, BAGIT, BAGIT_TXT, byPath, formatBagInfo, formatManifest, MANIFEST, oxum, PROFILE, SEAL_FILE, sha256Hex, TAGMANIFEST } from './bag.ts';
import {
  CARD_FILE,
  CASE_EVENTS_FILE,
  CASE_FILE,
  CHAIN_FILE,
  CHECKPOINT_FILE,
  COURT_CA_FILE,
  documentDir,
  extensionOf,
  INVENTORY_PDF,
  PACKAGE_JSON,
  packageIdOf,
  protocolDir,
  RECEIPT_FILE,
  scanPath,
} from './layout.ts';
import { inventoryPdf, type InventoryItem } from './inventory.ts';
import { validatePackage } from './validate.ts';
import { ArchiveDossierInvalid, ArchivePackageExists, ArchivePackageInvalid, ArchiveScanMismatch } from './errors.ts';
import type { BuildOptions, BuiltPackage, PackageFile } from './types.ts';

export const PACKAGE_SCHEMA = 'asds.archive-package/v1';
const SOFTWARE = `АСДС actors/archive ${PROFILE}`;

/** Pretty, key-sorted JSON: stable bytes, readable by a person opening the package. */
const prettyJson = (v: unknown): string => `${JSON.stringify(JSON.parse(canonicalJson(v)), null, 2)}\n`;

export async function buildPackage(d: CaseDossier, o: BuildOptions): Promise<BuiltPackage> {
  checkDossier(d);
  const packageId = packageIdOf(d);
  const outDir = resolve(o.outDir);
  const dir = join(outDir, packageId);
  if (existsSync(dir)) throw new ArchivePackageExists(dir);
  mkdirSync(outDir, { recursive: true });
  removeStaleBuilds(outDir, packageId);
  const tmp = join(outDir, `${BUILDING_PREFIX(packageId)}${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(tmp);
  try {
    const payload = await writePayload(tmp, d, packageId, o.caPem);
    const tagFiles = writeTagFiles(tmp, d, packageId, payload);
    const tagmanifest = Buffer.from(formatManifest(tagFiles), 'utf8');
    const tm = writeDurable(tmp, TAGMANIFEST, tagmanifest);
    const seal = writeDurable(tmp, SEAL_FILE, o.seal.sign(tagmanifest));
    fsyncTree(tmp, [...payload, ...tagFiles].map((f) => f.path));

    // The centre's own check, here first: a package the court records as built must validate.
    const report = await validatePackage(tmp, { caPem: o.caPem });
    if (!report.ok) throw new ArchivePackageInvalid(report.problems);

    if (existsSync(dir)) throw new ArchivePackageExists(dir);
    renameSync(tmp, dir);
    fsyncDir(outDir);
    const files = [...payload, ...tagFiles, tm, seal].sort(byPath);
    return { packageId, dir, files, bytes: files.reduce((s, f) => s + f.size, 0), tagmanifestSha256: tm.sha256 };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

const BUILDING_PREFIX = (packageId: string): string => `.${packageId}.building-`;

/**
 * A build killed midway (SIGKILL, power loss) leaves its hidden folder: the next build of the same package
 * removes it when the process that made it is gone. A live process's folder is left alone.
 */
function removeStaleBuilds(outDir: string, packageId: string): void {
  const prefix = BUILDING_PREFIX(packageId);
  for (const name of readdirSync(outDir)) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    // this process's own (a concurrent build) or a live process's: not stale
    if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && alive(pid))) continue;
    rmSync(join(outDir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Schema, then what the schema cannot say: the parts must be of this court and case. */
function checkDossier(d: CaseDossier): void {
  const errs = schemaErrors(CaseDossierV1, d);
  if (errs.length > 0) throw new ArchiveDossierInvalid(`case dossier is invalid: ${errs[0]!.path} ${errs[0]!.message}`, { errors: errs });
  if (Number.isNaN(Date.parse(d.packedAt))) throw new ArchiveDossierInvalid(`packedAt is not a time: ${d.packedAt}`);
  if (d.proof.checkpoint.court !== d.court.code) throw new ArchiveDossierInvalid(`the checkpoint is of court ${d.proof.checkpoint.court}, the dossier of court ${d.court.code}`);
  if (d.card.ueun !== undefined && d.card.ueun !== d.case.ueun) throw new ArchiveDossierInvalid(`the card is of case ${String(d.card.ueun)}, the dossier of ${d.case.ueun}`);
  const ids = new Set<string>();
  for (const id of [...d.documents.map((x) => x.id), ...d.protocols.map((x) => x.documentId)]) {
    if (ids.has(id)) throw new ArchiveDossierInvalid(`document ${id} appears twice in the dossier`);
    ids.add(id);
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sortedDocuments = (d: CaseDossier): DossierDocument[] => [...d.documents].sort((a, b) => cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id));
const sortedProtocols = (d: CaseDossier): DossierProtocol[] => [...d.protocols].sort((a, b) => cmp(a.at, b.at) || cmp(a.documentId, b.documentId));
const sortedScans = (d: CaseDossier): DossierScan[] => [...d.scans].sort((a, b) => cmp(a.sha256, b.sha256) || cmp(a.fileName, b.fileName));

async function writePayload(root: string, d: CaseDossier, packageId: string, caPem: string): Promise<PackageFile[]> {
  const files: PackageFile[] = [];
  const roles: Array<{ path: string; role: string }> = [];
  const put = (path: string, role: string, bytes: Buffer | string) => {
    files.push(writeDurable(root, path, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes));
    roles.push({ path, role });
  };
  const items: InventoryItem[] = [];

  put(CASE_FILE, 'case', prettyJson({ court: d.court, case: d.case, retention: d.retention, packedAt: d.packedAt }));
  put(CARD_FILE, 'card', prettyJson(withoutCovert(d.card)));
  put(CASE_EVENTS_FILE, 'case-events', d.journal.map((r) => `${JSON.stringify(packagedRow(r))}\n`).join(''));
  // `data` keeps its key order: the chain committed to JSON.stringify({author, data, redacted}) of exactly this object.
  put(CHAIN_FILE, 'chain', d.proof.segment.map((r) => `${JSON.stringify({ gseq: r.gseq, actor: r.actor, aseq: r.aseq, type: r.type, ts: r.ts, hidden: r.hidden, author: r.author, data: r.data, redacted: r.redacted, prevHash: r.prevHash, hash: r.hash })}\n`).join(''));
  put(CHECKPOINT_FILE, 'checkpoint', prettyJson(d.proof.checkpoint));
  if (d.proof.receipt) put(RECEIPT_FILE, 'receipt', prettyJson(d.proof.receipt));
  put(COURT_CA_FILE, 'court-ca', `${caPem.trim()}\n`);

  const documents = sortedDocuments(d).map((doc, i) => {
    const base = documentDir(i);
    const content = `${base}/content.${extensionOf(doc.mediaType)}`;
    put(content, 'document-content', Buffer.from(doc.content));
    const signatures = doc.signatures.map((s, k) => {
      const file = `${base}/signature-${k + 1}.p7s`;
      put(file, 'document-signature', Buffer.from(s.cms, 'base64'));
      return { file, signerName: s.signerName, at: s.at };
    });
    items.push({ section: 'document', title: doc.title, id: doc.id, date: doc.originalAt ?? doc.createdAt, ...(doc.pages ? { pages: doc.pages } : {}), size: doc.content.length, path: content, signers: doc.signatures.map((s) => s.signerName) });
    const { content: _c, signatures: _s, ...meta } = doc;
    return { ...meta, dir: base, content, size: doc.content.length, signatures };
  });

  const protocols = sortedProtocols(d).map((p, i) => {
    const base = protocolDir(i);
    const content = `${base}/content.json`;
    const seal = `${base}/seal.p7s`;
    put(content, 'protocol-content', Buffer.from(p.content));
    put(seal, 'protocol-seal', Buffer.from(p.seal.cms, 'base64'));
    items.push({ section: 'protocol', title: p.title, id: p.documentId, date: p.at, size: p.content.length, path: content, signers: [p.seal.signerName] });
    return { dir: base, documentId: p.documentId, title: p.title, at: p.at, content, size: p.content.length, seal: { file: seal, signerName: p.seal.signerName } };
  });

  const scans: Array<Record<string, unknown>> = [];
  for (const [i, s] of sortedScans(d).entries()) {
    const path = scanPath(i, extensionOf(s.mediaType, s.fileName));
    files.push(await copyScan(s, root, path));
    roles.push({ path, role: 'scan' });
    items.push({ section: 'scan', title: s.title ?? `Скан-копія «${s.fileName}»`, id: s.fileName, ...(s.pages ? { pages: s.pages } : {}), size: s.size, path });
    const { path: _p, ...meta } = s;
    scans.push({ ...meta, path });
  }

  put(INVENTORY_PDF, 'inventory', await inventoryPdf({
    dossier: d,
    packageId,
    items,
    caseEvents: d.journal.length,
    checkpoint: { gseq: d.proof.checkpoint.gseq, hash: d.proof.checkpoint.hash },
    ...(d.proof.receipt ? { receiptBy: d.proof.receipt.centre } : {}),
  }));

  const segment = d.proof.segment;
  put(PACKAGE_JSON, 'structure', prettyJson({
    schema: PACKAGE_SCHEMA,
    packageId,
    court: d.court,
    case: d.case,
    retention: d.retention,
    packedAt: d.packedAt,
    files: [...roles].sort(byPath),
    documents,
    protocols,
    scans,
    journal: {
      caseEvents: CASE_EVENTS_FILE,
      count: d.journal.length,
      chain: CHAIN_FILE,
      from: segment[0]!.gseq,
      to: segment[segment.length - 1]!.gseq,
      checkpoint: CHECKPOINT_FILE,
      ...(d.proof.receipt ? { receipt: RECEIPT_FILE } : {}),
    },
  }));
  return files;
}

function writeTagFiles(root: string, d: CaseDossier, packageId: string, payload: PackageFile[]): PackageFile[] {
  const manifest = writeDurable(root, MANIFEST, Buffer.from(formatManifest(payload), 'utf8'));
  const c = d.case;
  const info = formatBagInfo([
    ['Source-Organization', d.court.name],
    ['External-Identifier', c.ueun],
    ['External-Description', `Справа № ${c.ueun}, ${c.categoryLabel}, суддя ${c.judge}`],
    ['Bagging-Date', kyivDate(Date.parse(d.packedAt))],
    ['Bag-Software-Agent', SOFTWARE],
    ['Payload-Oxum', oxum(payload)],
    ['Internal-Sender-Identifier', packageId],
    ['ASDS-Package-Profile', PROFILE],
    ['ASDS-Court-Code', d.court.code],
    ['ASDS-Court-Name', d.court.name],
    ['ASDS-Case-UEUN', c.ueun],
    ['ASDS-Proceedings', c.proceedings.join(', ')],
    ['ASDS-Category', c.category],
    ['ASDS-Category-Label', c.categoryLabel],
    ['ASDS-Judge', c.judge],
    ['ASDS-Registered-On', c.registeredOn],
    ['ASDS-Decided-On', c.decidedOn],
    ['ASDS-Legal-Force-On', c.legalForceOn],
    ['ASDS-Closed-On', c.closedOn],
    ['ASDS-Retention-Years', String(d.retention.years)],
    ['ASDS-Retention-Basis', d.retention.basis],
    ['ASDS-Retention-Until', d.retention.until],
    ['ASDS-Packed-At', d.packedAt],
    ['ASDS-Checkpoint-Gseq', String(d.proof.checkpoint.gseq)],
    ['ASDS-Checkpoint-Hash', d.proof.checkpoint.hash],
  ]);
  const bagInfo = writeDurable(root, BAG_INFO, Buffer.from(info, 'utf8'));
  const bagit = writeDurable(root, BAGIT, Buffer.from(BAGIT_TXT, 'utf8'));
  return [bagit, bagInfo, manifest];
}

/**
 * A case row as the package carries it. Covert material never leaves the court, not even as ciphertext
 * (Засади 3.1 ¶2; contracts/ingest/redaction.ts drops both): a row whose committed public view withheld
 * anything goes as that view alone — proven by the chain as the centre's copy is — with the withheld
 * paths named; a row whose view withheld nothing goes in full (meta, data, salt), its digest recomputable.
 */
function packagedRow(r: CaseJournalRow): Record<string, unknown> {
  const base = { gseq: r.gseq, actor: r.actor, aseq: r.aseq, type: r.type, ts: r.ts, pub: r.pub, prevHash: r.prevHash, hash: r.hash };
  let withheld: string[];
  try {
    const v = JSON.parse(r.pub) as { redacted?: unknown };
    withheld = Array.isArray(v.redacted) ? v.redacted.map(String) : ['*'];
  } catch {
    withheld = ['*'];
  }
  return withheld.length === 0 ? { ...base, meta: r.meta, data: r.data, salt: r.salt } : { ...base, withheld };
}

/** The card without covert values or ciphertexts (a `covert: true/false` flag says only that, and stays). */
function withoutCovert(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutCovert);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (SECRET_KEY.test(k) && typeof x !== 'boolean') continue;
    if (x !== null && typeof x === 'object' && typeof (x as Record<string, unknown>).alg === 'string' && typeof (x as Record<string, unknown>).ciphertext === 'string') continue;
    out[k] = withoutCovert(x);
  }
  return out;
}

/** Write `rel` under `root` with fsync; its manifest entry. */
function writeDurable(root: string, rel: string, bytes: Buffer): PackageFile {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'wx', 0o644);
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { path: rel, size: bytes.length, sha256: sha256Hex(bytes) };
}

/** Copy a scan from the blob store, hashing on the way; refused when it is not the file the card names. */
async function copyScan(s: DossierScan, root: string, rel: string): Promise<PackageFile> {
  const path = join(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'wx', 0o644);
  const h = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(s.path)) {
      const b = chunk as Buffer;
      h.update(b);
      size += b.length;
      for (let off = 0; off < b.length; ) off += writeSync(fd, b, off, b.length - off);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const sha256 = h.digest('hex');
  if (sha256 !== s.sha256 || size !== s.size) throw new ArchiveScanMismatch(s.path, { sha256: s.sha256, size: s.size }, { sha256, size });
  return { path: rel, size, sha256 };
}

/** fsync every folder that got entries (files are fsynced as written), deepest first. */
function fsyncTree(root: string, rels: string[]): void {
  const dirs = new Set<string>([root]);
  for (const r of rels) for (let p = dirname(join(root, r)); p.length > root.length; p = dirname(p)) dirs.add(p);
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) fsyncDir(dir);
}
