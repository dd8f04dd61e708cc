/**
 * The centre's record of archival packages (migration 014), read with FINAL: the latest row of each package is its
 * state. `accepted` means stored and receipted — the only state after which the court may mark the case transferred
 * (Засади 17.1; the court marks it only on the receipt itself).
 */
import type { AnalyticsEngine } from '../../../analytics/engine.ts';
import type { ArchiveRefusalCode } from '../../../contracts/archive/index.ts';

export type ArchiveState = 'transferring' | 'accepted' | 'refused';

export interface ArchiveRecord {
  court: string;
  packageId: string;
  ueun: string;
  eventSeq: number;
  builtAt: number;
  tagmanifestSha256: string;
  category: string;
  /** The court's full name and the case's description, from the package's bag-info.txt. */
  courtName: string;
  description: string;
  state: ArchiveState;
  /** 0…1 */
  progress: number;
  files: number;
  bytes: number;
  code: ArchiveRefusalCode | '';
  reason: string;
  /** The signed receipt (JSON of ArchiveReceiptV1) once accepted. */
  receipt: string;
  location: string;
  acceptedAt: number;
  /** End of the retention term, epoch ms; 0 = kept permanently. */
  retentionUntil: number;
  /** When the court's archive actor took the receipt or refusal (0 = not yet). */
  courtToldAt: number;
  updatedAt: number;
}

export function newRecord(p: Pick<ArchiveRecord, 'court' | 'packageId' | 'ueun' | 'eventSeq' | 'builtAt' | 'tagmanifestSha256'>): ArchiveRecord {
  return { ...p, category: '', courtName: '', description: '', state: 'transferring', progress: 0, files: 0, bytes: 0, code: '', reason: '', receipt: '', location: '', acceptedAt: 0, retentionUntil: 0, courtToldAt: 0, updatedAt: 0 };
}

export async function saveArchiveRecord(engine: AnalyticsEngine, r: ArchiveRecord): Promise<void> {
  await engine.insert('archive_packages', [
    {
      court: r.court,
      package_id: r.packageId,
      ueun: r.ueun,
      event_seq: r.eventSeq,
      built_at: r.builtAt,
      tagmanifest_sha256: r.tagmanifestSha256,
      category: r.category,
      court_name: r.courtName,
      description: r.description,
      state: r.state,
      progress: r.progress,
      files: r.files,
      bytes: r.bytes,
      code: r.code,
      reason: r.reason,
      receipt: r.receipt,
      location: r.location,
      accepted_at: r.acceptedAt,
      retention_until: r.retentionUntil,
      court_told_at: r.courtToldAt,
      updated_at: r.updatedAt,
    },
  ]);
}

/** A new state of a package: its updated_at strictly after the previous one (ReplacingMergeTree keeps the latest). */
export async function updateArchiveRecord(engine: AnalyticsEngine, r: ArchiveRecord, change: Partial<ArchiveRecord>): Promise<ArchiveRecord> {
  const next = { ...r, ...change, updatedAt: Math.max(Date.now(), r.updatedAt + 1) };
  await saveArchiveRecord(engine, next);
  return next;
}

function toRecord(r: Record<string, unknown>): ArchiveRecord {
  return {
    court: String(r.court),
    packageId: String(r.package_id),
    ueun: String(r.ueun),
    eventSeq: Number(r.event_seq),
    builtAt: Number(r.built_at),
    tagmanifestSha256: String(r.tagmanifest_sha256),
    category: String(r.category),
    courtName: String(r.court_name),
    description: String(r.description),
    state: String(r.state) as ArchiveState,
    progress: Number(r.progress),
    files: Number(r.files),
    bytes: Number(r.bytes),
    code: String(r.code) as ArchiveRefusalCode | '',
    reason: String(r.reason),
    receipt: String(r.receipt),
    location: String(r.location),
    acceptedAt: Number(r.accepted_at),
    retentionUntil: Number(r.retention_until),
    courtToldAt: Number(r.court_told_at),
    updatedAt: Number(r.updated_at),
  };
}

export interface ArchiveFilter {
  court?: string;
  packageId?: string;
  ueun?: string;
  state?: ArchiveState;
  /** Accepted in this calendar year (Kyiv time): the inventory of a year's intake. */
  year?: number;
  /** Accepted and past their retention term at this time (retention_until ≠ 0 and ≤ it). */
  pastTermAt?: number;
}

export async function listArchive(engine: AnalyticsEngine, f: ArchiveFilter = {}): Promise<ArchiveRecord[]> {
  const rows = await engine.query(
    `SELECT * FROM archive_packages FINAL
     WHERE ({court:String} = '' OR court = {court:String})
       AND ({pid:String} = '' OR package_id = {pid:String})
       AND ({ueun:String} = '' OR ueun = {ueun:String})
       AND ({state:String} = '' OR state = {state:String})
       AND ({year:Int32} = 0 OR (state = 'accepted' AND toYear(toDateTime(intDiv(accepted_at, 1000), 'Europe/Kyiv')) = {year:Int32}))
       AND ({past:Int64} = 0 OR (state = 'accepted' AND retention_until != 0 AND retention_until <= {past:Int64}))
     ORDER BY court, accepted_at, ueun, package_id LIMIT 100000`,
    { court: f.court ?? '', pid: f.packageId ?? '', ueun: f.ueun ?? '', state: f.state ?? '', year: f.year ?? 0, past: f.pastTermAt ?? 0 },
  );
  return rows.map(toRecord);
}

export async function getArchiveRecord(engine: AnalyticsEngine, court: string, packageId: string): Promise<ArchiveRecord | undefined> {
  return (await listArchive(engine, { court, packageId }))[0];
}
