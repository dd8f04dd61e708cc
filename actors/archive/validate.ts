/**
 * validatePackage: is this folder a complete, unaltered archival package sealed by its court, and do its
 * events rest on the court's journal? (docs/archive-package.md §7; issue 15 items 3, 5, 6.) Offline: files
 * only, no court and no centre. Every problem is reported — never only the first — each with a stable
 * code, the file, and a Ukrainian message; `ok` is true only when there are none.
 *
 * Order: BagIt declaration and bag-info → tag manifest → seal over the tag manifest → payload manifest
 * (missing, altered, extra files; Payload-Oxum) → journal proof (proof.ts) → seals of the protocols and
 * signatures of the documents inside (package.json).
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { courtSealAnchor, createTrustStore, verifyCourtSeal, verifyDetached, type CourtSealAnchor } from '../pki/index.ts';
import { BAG_INFO, BAGIT, hashFile, MANIFEST, oxum, parseBagInfo, parseManifest, PROFILE, SEAL_FILE, TAGMANIFEST, type ManifestEntry } from './bag.ts';
import { CASE_EVENTS_FILE, CHAIN_FILE, CHECKPOINT_FILE, COURT_CA_FILE, PACKAGE_JSON, RECEIPT_FILE } from './layout.ts';
import { verifyProof } from './proof.ts';
import type { PackageProblem, ValidateOptions, ValidationReport } from './types.ts';

/** Labels bag-info.txt must carry (docs/archive-package.md §2). */
export const REQUIRED_BAG_INFO = ['Source-Organization', 'External-Identifier', 'Bagging-Date', 'Payload-Oxum', 'ASDS-Package-Profile', 'ASDS-Court-Code', 'ASDS-Case-UEUN', 'ASDS-Retention-Years', 'ASDS-Retention-Basis'] as const;

export async function validatePackage(dir: string, o: ValidateOptions = {}): Promise<ValidationReport> {
  const problems: PackageProblem[] = [];
  const notes: string[] = [];
  const bad = (code: string, message: string, file?: string) => problems.push({ code, message, ...(file ? { file } : {}) });
  const done = (bagInfo: Record<string, string>, caseEvents: ValidationReport['caseEvents'] = []): ValidationReport => ({ ok: problems.length === 0, problems, bagInfo, caseEvents, notes });

  if (!existsSync(dir) || !lstatSync(dir).isDirectory()) {
    bad('BAG_NOT_FOUND', `пакета ${dir} немає (або це не тека)`);
    return done({});
  }
  const read = (rel: string): Buffer | undefined => (isFile(join(dir, rel)) ? readFileSync(join(dir, rel)) : undefined);

  // 1. Declaration and bag-info.
  const bagit = read(BAGIT)?.toString('utf8');
  if (!bagit) bad('BAGIT_DECLARATION_INVALID', 'немає bagit.txt: це не пакет BagIt', BAGIT);
  else if (!/^BagIt-Version: 1\.0\r?\n/.test(bagit) || !/^Tag-File-Character-Encoding: UTF-8\r?$/m.test(bagit)) bad('BAGIT_DECLARATION_INVALID', 'bagit.txt не оголошує BagIt 1.0 у кодуванні UTF-8', BAGIT);
  const infoText = read(BAG_INFO)?.toString('utf8');
  let bagInfo: Record<string, string> = {};
  if (infoText === undefined) bad('BAG_INFO_INVALID', 'немає bag-info.txt', BAG_INFO);
  else {
    const parsed = parseBagInfo(infoText);
    bagInfo = parsed.fields;
    for (const line of parsed.bad) bad('BAG_INFO_INVALID', `рядок ${line} bag-info.txt не має вигляду «Назва: значення»`, BAG_INFO);
    for (const label of REQUIRED_BAG_INFO) if (!bagInfo[label]) bad('BAG_INFO_INVALID', `у bag-info.txt немає поля ${label}`, BAG_INFO);
    if (bagInfo['ASDS-Package-Profile'] && bagInfo['ASDS-Package-Profile'] !== PROFILE) bad('BAG_INFO_INVALID', `профіль пакета ${bagInfo['ASDS-Package-Profile']} невідомий (очікується ${PROFILE})`, BAG_INFO);
  }
  const court = bagInfo['ASDS-Court-Code'] ?? '';
  const ueun = bagInfo['ASDS-Case-UEUN'] ?? '';

  // 2. What is on disk.
  const onDisk = new Map<string, 'file' | 'other'>();
  walk(dir, '', onDisk);

  // 3. Both manifests: every listed file present and unaltered.
  const checkManifest = async (name: string, inside: (p: string) => boolean, what: string): Promise<ManifestEntry[] | undefined> => {
    const text = read(name)?.toString('utf8');
    if (text === undefined) {
      bad('MANIFEST_MISSING', `немає ${name}`, name);
      return undefined;
    }
    const { entries, bad: lines } = parseManifest(text);
    for (const l of lines) bad('MANIFEST_LINE_INVALID', `рядок ${l.line} ${name} не має вигляду «sha256  шлях» у межах пакета: ${l.text}`, name);
    for (const e of entries) {
      if (!inside(e.path)) {
        bad('MANIFEST_LINE_INVALID', `${name} перелічує ${e.path}, а він — не ${what}`, name);
        continue;
      }
      const kind = onDisk.get(e.path);
      if (kind === undefined) bad('FILE_MISSING', `файлу ${e.path} немає, хоча його перелічено в ${name}`, e.path);
      else if (kind === 'other') bad('FILE_MISSING', `${e.path} — не звичайний файл (посилання чи тека)`, e.path);
      else {
        const got = await hashFile(join(dir, e.path));
        if (got.sha256 !== e.sha256) bad('FILE_ALTERED', `файл ${e.path} змінено: SHA-256 ${got.sha256}, а в ${name} — ${e.sha256}`, e.path);
      }
    }
    return entries;
  };
  const tagEntries = await checkManifest(TAGMANIFEST, (p) => !p.startsWith('data/') && p !== TAGMANIFEST && p !== SEAL_FILE, 'службовий файл пакета');
  const payload = await checkManifest(MANIFEST, (p) => p.startsWith('data/'), 'файл у data/');
  if (tagEntries && !tagEntries.some((e) => e.path === MANIFEST)) bad('MANIFEST_LINE_INVALID', `${TAGMANIFEST} не перелічує ${MANIFEST}: печатка не покриває вміст`, TAGMANIFEST);
  if (tagEntries && !tagEntries.some((e) => e.path === BAG_INFO)) bad('MANIFEST_LINE_INVALID', `${TAGMANIFEST} не перелічує ${BAG_INFO}: печатка не покриває відомості про справу`, TAGMANIFEST);

  // 4. Nothing extra: every file is listed, except the tag manifest itself and the seal over it.
  const listed = new Set([...(payload ?? []), ...(tagEntries ?? [])].map((e) => e.path));
  for (const [path, kind] of onDisk) {
    if (listed.has(path) || path === TAGMANIFEST || path === SEAL_FILE || (!payload && path.startsWith('data/')) || (!tagEntries && !path.startsWith('data/'))) continue;
    bad('FILE_EXTRA', `зайвий ${kind === 'file' ? 'файл' : 'елемент'} ${path}: його немає в жодному маніфесті`, path);
  }
  if (payload && bagInfo['Payload-Oxum']) {
    const actual = [...onDisk].filter(([p, k]) => p.startsWith('data/') && k === 'file').map(([p]) => ({ size: lstatSync(join(dir, p)).size }));
    if (bagInfo['Payload-Oxum'] !== oxum(actual)) bad('OXUM_MISMATCH', `Payload-Oxum ${bagInfo['Payload-Oxum']}, а в data/ — ${oxum(actual)} (байтів.файлів)`, BAG_INFO);
  }

  // 5. The seal over the tag manifest: this court's seal, checked against the given CA or the package's.
  const anchor = anchorFor(o.caPem, read(COURT_CA_FILE)?.toString('utf8'), bad, notes);
  const tagmanifest = read(TAGMANIFEST);
  const seal = read(SEAL_FILE);
  if (!seal) bad('SEAL_MISSING', `немає печатки суду ${SEAL_FILE}`, SEAL_FILE);
  else if (tagmanifest && anchor) {
    const v = verifyCourtSeal({ content: tagmanifest, cms: seal, anchor, court, ...(o.at ? { at: o.at } : {}) });
    if (!v.ok) bad('SEAL_INVALID', `печатка пакета не є дійсною печаткою суду ${court}: ${v.result.reason.uk} (${v.problem ?? v.result.indication})`, SEAL_FILE);
  }

  // 6. The journal proof.
  const jsonOf = (rel: string, required: boolean): unknown => {
    const b = read(rel);
    if (!b) {
      if (required) bad('PROOF_MALFORMED', `немає ${rel}`, rel);
      return undefined;
    }
    try {
      return JSON.parse(b.toString('utf8'));
    } catch {
      bad('PROOF_MALFORMED', `${rel} не є JSON`, rel);
      return undefined;
    }
  };
  const linesOf = (rel: string): unknown[] | undefined => {
    const b = read(rel);
    if (!b) {
      bad('PROOF_MALFORMED', `немає ${rel}`, rel);
      return undefined;
    }
    const out: unknown[] = [];
    for (const [i, l] of b.toString('utf8').split('\n').entries()) {
      if (l === '') continue;
      try {
        out.push(JSON.parse(l));
      } catch {
        bad('PROOF_MALFORMED', `рядок ${i + 1} ${rel} не є JSON`, rel);
        return undefined;
      }
    }
    return out;
  };
  const segment = linesOf(CHAIN_FILE);
  const caseRows = linesOf(CASE_EVENTS_FILE);
  const checkpoint = jsonOf(CHECKPOINT_FILE, true);
  const receipt = jsonOf(RECEIPT_FILE, false);
  let caseEvents: ValidationReport['caseEvents'] = [];
  if (segment && caseRows && checkpoint !== undefined) {
    const proof = verifyProof({
      court,
      ueun,
      segment,
      caseRows,
      checkpoint,
      ...(receipt !== undefined ? { receipt } : {}),
      ...(anchor ? { anchor } : {}),
      ...(o.operatorKey ? { operatorKey: o.operatorKey } : {}),
      ...(o.at ? { at: o.at } : {}),
    });
    problems.push(...proof.problems);
    notes.push(...proof.notes);
    caseEvents = proof.caseEvents;
  }

  // 7. Seals of the protocols and signatures of the documents inside.
  const structure = jsonOf(PACKAGE_JSON, true) as PackageStructure | undefined;
  if (structure && anchor) checkInnerSignatures(structure, read, anchor, court, o.at, bad, notes);
  return done(bagInfo, caseEvents);
}

interface PackageStructure {
  documents?: Array<{ id?: string; content?: string; signatures?: Array<{ file?: string; signerName?: string }> }>;
  protocols?: Array<{ documentId?: string; content?: string; seal?: { file?: string } }>;
}

/**
 * A protocol's seal must be this court's (the same rule as the package seal). A document's signature is a
 * staff member's, possibly under a provider's CA the package does not carry: a broken one (TOTAL_FAILED —
 * the content is not what was signed) is a problem; one whose issuer is unknown here is only noted.
 */
function checkInnerSignatures(
  s: PackageStructure,
  read: (rel: string) => Buffer | undefined,
  anchor: CourtSealAnchor,
  court: string,
  at: Date | undefined,
  bad: (code: string, message: string, file?: string) => void,
  notes: string[],
): void {
  for (const p of s.protocols ?? []) {
    const content = p.content ? read(p.content) : undefined;
    const cms = p.seal?.file ? read(p.seal.file) : undefined;
    if (!content || !cms) continue; // already FILE_MISSING
    const v = verifyCourtSeal({ content, cms, anchor, court, ...(at ? { at } : {}) });
    if (!v.ok) bad('PROTOCOL_SEAL_INVALID', `печатка протоколу ${p.documentId ?? ''} недійсна: ${v.result.reason.uk}`, p.seal!.file);
  }
  let unknown = 0;
  for (const d of s.documents ?? []) {
    const content = d.content ? read(d.content) : undefined;
    if (!content) continue;
    for (const sig of d.signatures ?? []) {
      const cms = sig.file ? read(sig.file) : undefined;
      if (!cms) continue;
      const r = verifyDetached({ content, cms, trustStore: anchor.trustStore, ...(anchor.crl ? { crl: anchor.crl } : {}), ...(at ? { at } : {}) });
      if (r.indication === 'TOTAL_FAILED') bad('DOCUMENT_SIGNATURE_INVALID', `підпис (${sig.signerName ?? '?'}) документа ${d.id ?? ''} недійсний: ${r.reason.uk}`, sig.file);
      else if (r.indication === 'INDETERMINATE') unknown++;
    }
  }
  if (unknown > 0) notes.push(`${unknown} підпис(ів) документів не підтверджено сертифікатом ЦСК суду (інший надавач або сплив строк): цілісність підписаного змісту перевірено`);
}

function anchorFor(given: string | undefined, inPackage: string | undefined, bad: (code: string, message: string, file?: string) => void, notes: string[]): CourtSealAnchor | undefined {
  const pem = given ?? inPackage;
  if (!pem) {
    bad('SEAL_NO_CA', `немає сертифіката ЦСК суду: ні даного, ні ${COURT_CA_FILE} у пакеті`);
    return undefined;
  }
  try {
    createTrustStore([pem]);
    const a = courtSealAnchor(pem);
    if (!given) notes.push(`печатку перевірено сертифікатом ЦСК із самого пакета (${COURT_CA_FILE}): це доводить лише цілісність; для довіри дайте закріплений сертифікат суду (--ca)`);
    return a;
  } catch (e) {
    bad('SEAL_NO_CA', `сертифікат ЦСК суду непридатний: ${(e as Error).message}`, given ? undefined : COURT_CA_FILE);
    return undefined;
  }
}

const isFile = (p: string): boolean => existsSync(p) && lstatSync(p).isFile();

/** Every entry under the bag, `/`-separated; symlinks and other non-files are recorded, never followed. */
function walk(root: string, rel: string, out: Map<string, 'file' | 'other'>): void {
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(root, p, out);
    else out.set(p, e.isFile() ? 'file' : 'other');
  }
}
