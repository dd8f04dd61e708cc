/**
 * The `archive-transfer` job (queue asds-archive, id archive-transfer.<court>.<packageId>): one archival package from a court's
 * `<data>/archive/packages/<packageId>/` to the central archive (Засади 17.1, issue 15 item 4):
 *
 * 1. every file of the bag, fetched with the resumable court-file fetcher (source `archive`): first
 *    tagmanifest-sha256.txt (its SHA-256 is the one the court's `package-built` event names), then the tag files it
 *    lists, then the payload files manifest-sha256.txt lists, each checked against its manifest line; files the
 *    manifests cannot list (the seal over the tag manifest) by the court's stat;
 * 2. validated whole with validatePackage (fixity, the court seal under the CA pinned at the centre, the journal
 *    proof) and its case events compared with the centre's replicated copy (completeness.ts);
 * 3. stored (ArchiveStore; atomic, idempotent), recorded `accepted` with a receipt signed by this worker's bus key;
 * 4. the court's `archive` actor told: `record-receipt` — or, for a bad package, `record-refusal {code, reason}`.
 *
 * Every step survives a SIGKILL of this worker (BullMQ gives the stalled job to a worker again) or of the court (the
 * fetcher waits, then the attempt fails and is retried): files already here are kept (`<dest>.part` resumes, whole
 * files are moved into the bag only once their hash matched), the receipt is signed once and kept before the
 * package is stored, the store and the record are idempotent, and the court records one receipt per package
 * (commandId). Nothing is `accepted` before the package is stored; the court marks nothing before the receipt.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Job } from 'bullmq';
import type { ActorSystem, Logger } from '../../../runtime/index.ts';
import type { BusSigner } from '../../../runtime/bus/passport.ts';
import { writeFileDurable } from '../../../runtime/durable-file.ts';
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import { signArchiveReceipt, type ArchiveReceiptV1, type ArchiveRefusalCode } from '../../../contracts/archive/index.ts';
import type { ArchiveStore, PackageKey } from './store.ts';
import { checkCaseEvents, type CaseEventRef } from './completeness.ts';
import { getArchiveRecord, newRecord, saveArchiveRecord, updateArchiveRecord, type ArchiveRecord } from './records.ts';
import { PackageRefused, REASON_HEAD, refusalOf, type PackageProblem } from './refusal.ts';
import { retentionOf } from './retention.ts';
import { safeBagPath, ArchiveBadPath } from './errors.ts';

/** The court's archive actor (archive-court: actors/court/archive), one per court, id = court code. */
export const COURT_ARCHIVE_KIND = 'archive';
export const TAGMANIFEST = 'tagmanifest-sha256.txt';
export const MANIFEST = 'manifest-sha256.txt';

export interface ArchiveJobData {
  court: string;
  packageId: string;
  ueun: string;
  tagmanifestSha256: string;
  /** seq and time of the court's `package-built` event. */
  eventSeq: number;
  builtAt: number;
  /** Files and bytes of the whole bag as the court built it (`package-built`); checked against what arrives. */
  files?: number;
  bytes?: number;
}

export const archiveJobId = (court: string, packageId: string) => `archive-transfer.${court}.${packageId}`;
/** The largest package the centre fetches: 64 GiB (a case with years of scans is far below; more is a fault or an attack). */
export const MAX_ARCHIVE_PACKAGE_BYTES = 64 * 1024 ** 3;
/** The most files of one package: 100,000 (manifest lines are read whole). */
export const MAX_ARCHIVE_PACKAGE_FILES = 100_000;

/** The court's file service as the centre uses it (actors/central/files: statCourtFile, fetchCourtFile). */
export interface CourtFiles {
  stat(o: { court: string; source: 'archive'; id: string }): Promise<{ size: number; sha256: string }>;
  fetch(o: { court: string; source: 'archive'; id: string; dest: string; size: number; sha256: string; onProgress?: (received: number, size: number) => void | Promise<void> }): Promise<{
    bytes: number;
    sha256: string;
    fetched?: number;
    resumedAt?: number[];
  }>;
}

/** validatePackage of actors/archive (archive-package). */
export type ValidatePackage = (
  dir: string,
  o?: { caPem?: string; operatorKey?: string },
) => Promise<{ ok: boolean; problems: PackageProblem[]; bagInfo: Record<string, string>; caseEvents: CaseEventRef[] }>;

export interface ArchiveJobContext {
  node: string;
  system: ActorSystem;
  engine: () => AnalyticsEngine;
  /** This worker's bus signer: signs receipts. */
  signer: BusSigner;
  operatorPublicKey: string;
  store: ArchiveStore;
  /** `<staging>/<court>/<packageId>/`: files on their way, on the same filesystem as a filesystem store. */
  stagingDir: string;
  files: CourtFiles;
  validate: ValidatePackage;
  /** The court CA pinned at the centre (witness pin or `court-cas/<court>.crt.pem`); undefined = unknown. */
  courtCaPem: (court: string) => Promise<string | undefined>;
  /** Unlisted tag files asked for by name; default [SEAL_FILE] (a tag manifest cannot list the seal over itself). */
  unlistedTagFiles?: readonly string[];
  log: Logger;
}

/** The court seal over the tag manifest: the one file no manifest lists (docs/archive-package.md §4). */
export const SEAL_FILE = 'tagmanifest-sha256.txt.p7s';

export interface ArchiveJobResult {
  state: 'accepted' | 'refused';
  code?: ArchiveRefusalCode;
  files?: number;
  bytes?: number;
  /** Chunk requests made by this run and the files it resumed (a rerun after a kill asks for less). */
  fetched: number;
  resumed: number;
}

/** What an accepted package leaves for its record: the receipt and the bag-info facts of the inventory. */
export interface Accepted {
  receipt: ArchiveReceiptV1;
  category: string;
  retentionUntil: number;
  courtName: string;
  description: string;
}

export async function runArchiveJob(ctx: ArchiveJobContext, job: Job<ArchiveJobData>): Promise<ArchiveJobResult> {
  const d = job.data;
  const engine = ctx.engine();
  const key: PackageKey = { court: d.court, packageId: safeBagPath(d.packageId) };
  let rec = await getArchiveRecord(engine, d.court, d.packageId);
  if (!rec) {
    rec = { ...newRecord({ court: d.court, packageId: d.packageId, ueun: d.ueun, eventSeq: d.eventSeq, builtAt: d.builtAt, tagmanifestSha256: d.tagmanifestSha256 }), updatedAt: Date.now() };
    await saveArchiveRecord(engine, rec);
  }
  // a finished package is only told again (the court may have been down when it was answered)
  if (rec.state === 'accepted') return { ...(await tellReceipt(ctx, rec)), fetched: 0, resumed: 0 };
  if (rec.state === 'refused') return { ...(await tellRefusal(ctx, rec)), fetched: 0, resumed: 0 };

  const staging = join(ctx.stagingDir, d.court, d.packageId);
  const counters = { fetched: 0, resumed: 0 };
  let accepted: Accepted;
  try {
    accepted = await acceptPackage(ctx, d, counters, async (fraction) => {
      await job.updateProgress(Math.floor(fraction * 90));
      if (Math.floor(fraction * 10) !== Math.floor(rec!.progress * 10)) rec = await updateArchiveRecord(engine, rec!, { progress: fraction * 0.9 });
    });
  } catch (e) {
    if (!(e instanceof PackageRefused)) throw e;
    ctx.log.warn('archive-refused', { court: d.court, package: d.packageId, code: e.refusal, reason: e.reason });
    rec = await updateArchiveRecord(engine, rec, { state: 'refused', code: e.refusal, reason: e.reason });
    // the fetched files are of no use: the court builds a new package
    rmSync(staging, { recursive: true, force: true });
    return { ...(await tellRefusal(ctx, rec)), ...counters };
  }
  rec = await updateArchiveRecord(engine, rec, {
    state: 'accepted',
    progress: 1,
    files: accepted.receipt.files,
    bytes: accepted.receipt.bytes,
    receipt: JSON.stringify(accepted.receipt),
    location: ctx.store.location(key),
    acceptedAt: accepted.receipt.acceptedAt,
    category: accepted.category,
    courtName: accepted.courtName,
    description: accepted.description,
    retentionUntil: accepted.retentionUntil,
  });
  await job.updateProgress(95);
  const told = await tellReceipt(ctx, rec);
  rmSync(staging, { recursive: true, force: true });
  await job.updateProgress(100);
  ctx.log.info('archive-accepted', { court: d.court, package: d.packageId, ueun: d.ueun, files: rec.files, bytes: rec.bytes, ...counters });
  return { ...told, ...counters };
}

/**
 * Steps 1–3 without the bookkeeping: every file fetched, the package validated and compared with the centre's events,
 * the receipt signed once (kept in accept.json) and the package stored. Resumes whatever an earlier run left; throws
 * PackageRefused for a bad package, any other error for a transient cause (the job is retried).
 */
export async function acceptPackage(ctx: ArchiveJobContext, d: ArchiveJobData, counters: { fetched: number; resumed: number }, progress: (fraction: number) => Promise<void>): Promise<Accepted> {
  const key: PackageKey = { court: d.court, packageId: safeBagPath(d.packageId) };
  const staging = join(ctx.stagingDir, d.court, d.packageId);
  const acceptFile = join(staging, 'accept.json');
  const kept = () => JSON.parse(readFileSync(acceptFile, 'utf8')) as Accepted;
  if (existsSync(acceptFile) && (await ctx.store.has(key))) return kept();
  const bag = await fetchBag(ctx, d, staging, counters, progress);
  const accepted = existsSync(acceptFile) ? kept() : await check(ctx, d, bag, acceptFile);
  if (!(await ctx.store.has(key))) await ctx.store.put(key, bag);
  return accepted;
}

/** Validation, the case's events against the centre's, then the receipt signed once and kept (accept.json). */
async function check(ctx: ArchiveJobContext, d: ArchiveJobData, bag: string, acceptFile: string): Promise<Accepted> {
  const caPem = await ctx.courtCaPem(d.court);
  if (!caPem) throw new Error(`court ${d.court}: no court CA pinned at the centre (court-cas/${d.court}.crt.pem) — the seal cannot be checked yet`);
  const v = await ctx.validate(bag, { caPem, operatorKey: ctx.operatorPublicKey });
  if (!v.ok || v.problems.length > 0) throw refusalOf(v.problems);
  const named = Object.fromEntries(Object.entries(v.bagInfo).map(([k, val]) => [k.toLowerCase(), val]));
  const caseOf = named['asds-case-ueun'] ?? named['external-identifier'];
  if (caseOf !== d.ueun) throw new PackageRefused('WRONG_PACKAGE', `${REASON_HEAD.WRONG_PACKAGE}: у bag-info.txt справа ${caseOf ?? '(не зазначено)'}, а подія package-built суду називає ${d.ueun}`);
  const courtOf = named['asds-court-code'];
  if (courtOf !== d.court) throw new PackageRefused('WRONG_PACKAGE', `${REASON_HEAD.WRONG_PACKAGE}: у bag-info.txt суд ${courtOf ?? '(не зазначено)'}, а пакет надіслав суд ${d.court}`);
  const c = await checkCaseEvents(ctx.engine(), d.court, d.ueun, v.caseEvents);
  // replication still on its way: not a refusal — the job is retried with backoff
  if (c.verdict === 'lag') throw new Error(`court ${d.court}: the centre holds events up to ${c.centreHead}, the package reaches ${c.needed} — waiting for replication`);
  if (c.verdict === 'disagree') throw new PackageRefused('EVENTS_DISAGREE', `${REASON_HEAD.EVENTS_DISAGREE}: ${c.problems.join('; ')}`);
  const files = listBag(bag);
  const bytes = files.reduce((s, f) => s + f.size, 0);
  if ((d.files !== undefined && d.files !== files.length) || (d.bytes !== undefined && d.bytes !== bytes))
    throw new PackageRefused('WRONG_PACKAGE', `${REASON_HEAD.WRONG_PACKAGE}: отримано ${files.length} файлів (${bytes} байт), а подія package-built називає ${d.files} файлів (${d.bytes} байт)`);
  const acceptedAt = Date.now();
  const receipt = signArchiveReceipt(
    { v: 1, court: d.court, ueun: d.ueun, packageId: d.packageId, tagmanifestSha256: d.tagmanifestSha256, files: files.length, bytes, acceptedAt, centre: ctx.node },
    ctx.signer,
  );
  const accepted: Accepted = { receipt, ...retentionOf(v.bagInfo), courtName: named['asds-court-name'] ?? named['source-organization'] ?? '', description: named['external-description'] ?? '' };
  writeFileDurable(acceptFile, JSON.stringify(accepted), { mode: 0o600 });
  return accepted;
}

/** Every file of the bag into `<staging>/bag/`, each checked against its manifest line. */
async function fetchBag(ctx: ArchiveJobContext, d: ArchiveJobData, staging: string, counters: { fetched: number; resumed: number }, progress: (fraction: number) => Promise<void>): Promise<string> {
  const bag = join(staging, 'bag');
  const incoming = join(staging, 'incoming');
  mkdirSync(bag, { recursive: true, mode: 0o750 });
  let done = 0;
  let total = 0;
  const stats = new Map<string, { size: number; sha256: string } | 'missing'>();
  const statOf = async (path: string) => {
    let s = stats.get(path);
    if (!s) {
      try {
        s = await ctx.files.stat({ court: d.court, source: 'archive', id: `${d.packageId}/${path}` });
      } catch (e) {
        if (courtSays(e) !== 'NOT_FOUND') throw e;
        s = 'missing';
      }
      stats.set(path, s);
    }
    return s;
  };
  // What the court's package-built event claims bounds what is fetched (and never more than the centre's cap): a
  // court cannot fill the centre's disk with a file its stat reply calls huge, nor with endless manifest lines.
  const maxBytes = Math.min(d.bytes ?? MAX_ARCHIVE_PACKAGE_BYTES, MAX_ARCHIVE_PACKAGE_BYTES);
  const maxFiles = Math.min(d.files ?? MAX_ARCHIVE_PACKAGE_FILES, MAX_ARCHIVE_PACKAGE_FILES);
  let claimedBytes = 0;
  let claimedFiles = 0;
  const budget = (path: string, size: number) => {
    claimedBytes += size;
    claimedFiles += 1;
    if (claimedBytes > maxBytes || claimedFiles > maxFiles)
      throw new PackageRefused('WRONG_PACKAGE', `${REASON_HEAD.WRONG_PACKAGE}: з ${path} пакет перевищує ${claimedFiles > maxFiles ? `${maxFiles} файлів` : `${maxBytes} байт`} — стільки назвала подія package-built суду (межа центру: ${MAX_ARCHIVE_PACKAGE_FILES} файлів, ${MAX_ARCHIVE_PACKAGE_BYTES} байт)`);
  };
  const one = async (path: string, sha256: string | undefined, optional = false): Promise<boolean> => {
    const final = join(bag, safeBagPath(path));
    if (existsSync(final)) {
      budget(path, statSync(final).size);
      return true;
    }
    const id = `${d.packageId}/${path}`;
    const stat = await statOf(path);
    if (stat === 'missing') {
      if (optional) return false;
      throw new PackageRefused('FILE_MISSING', `${REASON_HEAD.FILE_MISSING}: ${path} (немає в суді)`);
    }
    budget(path, stat.size);
    const want = sha256 ?? stat.sha256;
    if (stat.sha256 !== want) throw new PackageRefused('FIXITY_MISMATCH', `${REASON_HEAD.FIXITY_MISMATCH}: ${path} — SHA-256 у суді ${stat.sha256}, у маніфесті ${want}`);
  const dest = join(incoming, path);
    let r: Awaited<ReturnType<CourtFiles['fetch']>>;
    try {
      r = await ctx.files.fetch({
        court: d.court, source: 'archive', id, dest, size: stat.size, sha256: want,
        onProgress: async (received) => progress(total > 0 ? Math.min(1, (done + received) / total) : 0),
      });
    } catch (e) {
      const c = (e as { code?: string }).code;
      if (courtSays(e) === 'NOT_FOUND') throw new PackageRefused('FILE_MISSING', `${REASON_HEAD.FILE_MISSING}: ${path} (зник у суді під час передавання)`);
      // the court's bytes changed under the manifest line: refused, not retried
      if (c === 'SHA256_MISMATCH' || c === 'SIZE_MISMATCH') throw new PackageRefused('FIXITY_MISMATCH', `${REASON_HEAD.FIXITY_MISMATCH}: ${path} — отримані байти не збігаються з маніфестом`);
      throw e;
    }
    counters.fetched += r.fetched ?? 0;
    if ((r.resumedAt ?? []).length > 0) counters.resumed++;
    mkdirSync(dirname(final), { recursive: true });
    renameSync(dest, final);
    done += stat.size;
    return true;
  };
  // the tag manifest first: the court's event names its SHA-256, and it pins every other file
  await one(TAGMANIFEST, d.tagmanifestSha256);
  const tags = manifestLines(readFileSync(join(bag, TAGMANIFEST), 'utf8'), TAGMANIFEST);
  if (!tags.some((t) => t.path === MANIFEST)) throw new PackageRefused('FILE_MISSING', `${REASON_HEAD.FILE_MISSING}: ${MANIFEST} не вказано в ${TAGMANIFEST}`);
  for (const t of tags) await one(t.path, t.sha256);
  const payload = manifestLines(readFileSync(join(bag, MANIFEST), 'utf8'), MANIFEST);
  // progress counts the payload's bytes still to fetch (sizes by the court's stat; the payload dominates a bag)
  for (const p of payload) {
    if (existsSync(join(bag, p.path))) continue;
    const s = await statOf(p.path);
    if (s !== 'missing') total += s.size;
  }
  done = 0;
  for (const p of payload) await one(p.path, p.sha256);
  for (const f of ctx.unlistedTagFiles ?? [SEAL_FILE]) await one(f, undefined, true);
  rmSync(incoming, { recursive: true, force: true });
  await progress(1);
  return bag;
}

/** `<sha256>  <path>` lines of a BagIt manifest (RFC 8493 §2.1.3; %0A, %0D, %25 decoded in paths). */
export function manifestLines(text: string, file: string): Array<{ sha256: string; path: string }> {
  const out: Array<{ sha256: string; path: string }> = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const m = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/.exec(line);
    if (!m) throw new PackageRefused('FIXITY_MISMATCH', `${REASON_HEAD.FIXITY_MISMATCH}: рядок ${JSON.stringify(line.slice(0, 120))} у ${file} не є рядком маніфесту`);
    const path = m[2]!.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
    try {
      out.push({ sha256: m[1]!.toLowerCase(), path: safeBagPath(path) });
    } catch (e) {
      if (e instanceof ArchiveBadPath) throw new PackageRefused('WRONG_PACKAGE', `${REASON_HEAD.WRONG_PACKAGE}: ${file} називає шлях поза пакетом ${JSON.stringify(path)}`);
      throw e;
    }
  }
  return out;
}

/** The refusal code of a court file service answer (CourtFileError COURT_REFUSED, details.court), if any. */
function courtSays(e: unknown): string | undefined {
  const x = e as { code?: string; details?: { court?: string } };
  return x?.code === 'COURT_REFUSED' ? x.details?.court : undefined;
}

function listBag(bag: string): Array<{ path: string; size: number }> {
  const out: Array<{ path: string; size: number }> = [];
  const walk = (rel: string) => {
    const at = join(bag, rel);
    if (statSync(at).isDirectory()) {
      for (const n of readdirNames(at)) walk(rel ? `${rel}/${n}` : n);
    } else out.push({ path: rel, size: statSync(at).size });
  };
  walk('');
  return out;
}

const readdirNames = (d: string) => readdirSync(d).sort();

/** The court's archive actor takes the receipt; recorded once (commandId), so telling it again changes nothing. */
async function tellReceipt(ctx: ArchiveJobContext, rec: ArchiveRecord): Promise<{ state: 'accepted'; files: number; bytes: number }> {
  if (!rec.courtToldAt) {
    let receipt = JSON.parse(rec.receipt) as ArchiveReceiptV1;
    // another worker accepted it and died before telling the court: the court takes a receipt only from the central
    // node that sends it (the bus gate names the sender), so this worker vouches for the same acceptance itself
    if (receipt.centre !== ctx.node) {
      const { passport: _p, sig: _s, ...fields } = receipt;
      receipt = signArchiveReceipt({ ...fields, centre: ctx.node }, ctx.signer);
      rec = await updateArchiveRecord(ctx.engine(), rec, { receipt: JSON.stringify(receipt) });
    }
    await ctx.system
      .ref(COURT_ARCHIVE_KIND, rec.court, `court-${rec.court}`)
      .ask({ type: 'record-receipt', packageId: rec.packageId, receipt }, { commandId: `archive-receipt:${rec.court}:${rec.packageId}`, timeoutMs: 30_000 });
    await updateArchiveRecord(ctx.engine(), rec, { courtToldAt: Date.now() });
  }
  return { state: 'accepted', files: rec.files, bytes: rec.bytes };
}

async function tellRefusal(ctx: ArchiveJobContext, rec: ArchiveRecord): Promise<{ state: 'refused'; code: ArchiveRefusalCode }> {
  const code = rec.code as ArchiveRefusalCode;
  if (!rec.courtToldAt) {
    await ctx.system
      .ref(COURT_ARCHIVE_KIND, rec.court, `court-${rec.court}`)
      .ask({ type: 'record-refusal', packageId: rec.packageId, code, reason: rec.reason.slice(0, 2000) }, { commandId: `archive-refusal:${rec.court}:${rec.packageId}`, timeoutMs: 30_000 });
    await updateArchiveRecord(ctx.engine(), rec, { courtToldAt: Date.now() });
  }
  return { state: 'refused', code };
}
