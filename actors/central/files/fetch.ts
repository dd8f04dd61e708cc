/**
 * The centre's resumable download of one court file (the court's side: actors/court/files). Ideas from the
 * database pull (actors/central/pulls/transfer.ts): a chunk counts as acknowledged once it is fsynced into
 * `<dest>.part` and `<dest>.part.json` records it; the next request is for the byte after it. A kill of the
 * centre resumes from the recorded bytes; a silent court (restart, network) is waited out for `patienceMs`, then
 * `COURT_SILENT` (a later attempt resumes). `dest` appears only when the whole file hashes to `sha256` — the id
 * of a scan, or the line of a bag's manifest — so a half or a forged file is never taken for the original.
 *
 * Up to `window` chunk requests are in flight (written in order): on a link with latency a strictly sequential
 * fetch spends most of its time waiting.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { signedHeaders } from '../../../runtime/bus/nats-sign.ts';
import type { BusSigner } from '../../../runtime/bus/passport.ts';
import { FILE_ERROR_HEADER, MAX_FILE_CHUNK_BYTES, filesChunkSubject, filesStatSubject, type FileRefusalV1, type FileSourceV1, type FileStatReplyV1 } from '../../../contracts/files/index.ts';
import { CourtFileError } from './errors.ts';

/** Default chunk: 256 KiB (NATS max payload is 1 MB; a cut loses less). */
export const DEFAULT_FILE_CHUNK_BYTES = 256 * 1024;
/** How long a silent court is waited for within one call. Default 2 min. */
export const DEFAULT_FILE_PATIENCE_MS = 120_000;
/** Chunk requests in flight. */
export const DEFAULT_FILE_WINDOW = 4;

export interface CourtFileRequest {
  nc: NatsConnection;
  /** The central node's bus signer (runtime/bus/nats-sign.ts signerOf). */
  signer: BusSigner;
  court: string;
  source: FileSourceV1;
  id: string;
  requestTimeoutMs?: number;
}

export interface FetchCourtFileOptions extends CourtFileRequest {
  /** Where the file goes; `<dest>.part` and `<dest>.part.json` meanwhile. */
  dest: string;
  /** Expected size and SHA-256 (from `statCourtFile`, a scan's event or a bag's manifest). */
  size: number;
  sha256: string;
  chunkBytes?: number;
  patienceMs?: number;
  window?: number;
  onProgress?: (received: number, size: number) => void | Promise<void>;
}

export interface FetchRecord {
  v: 1;
  court: string;
  source: FileSourceV1;
  id: string;
  size: number;
  sha256: string;
  /** Bytes acknowledged (on disk, fsynced). */
  received: number;
  /** Chunk requests made over every attempt. */
  fetched: number;
  /** Byte offsets at which a fetch resumed (after a kill or a silent court). */
  resumedAt: number[];
}

export interface FetchResult {
  bytes: number;
  sha256: string;
  /** Chunk requests made for this file over every attempt (a resumed fetch asks for fewer than a restarted one). */
  fetched: number;
  resumedAt: number[];
  /** True when `dest` was already complete (nothing asked). */
  already: boolean;
}

const dec = new TextDecoder();

/** Feed the first `bytes` of `file` into `hash` (a resumed fetch: the part already on disk). */
async function hashPrefix(file: string, bytes: number, hash: ReturnType<typeof createHash>): Promise<void> {
  for await (const c of createReadStream(file, { start: 0, end: bytes - 1 })) hash.update(c as Buffer);
}

/** Size and SHA-256 of a court file (signed request; COURT_REFUSED / COURT_SILENT). */
export async function statCourtFile(o: CourtFileRequest): Promise<FileStatReplyV1> {
  const subject = filesStatSubject(o.court);
  const body = JSON.stringify({ source: o.source, id: o.id });
  const m = await request(o, subject, body);
  return JSON.parse(dec.decode(m)) as FileStatReplyV1;
}

/** Fetch (or finish fetching) a court file into `dest`; resolves once `dest` holds exactly the expected bytes. */
export async function fetchCourtFile(o: FetchCourtFileOptions): Promise<FetchResult> {
  if (!/^[0-9a-f]{64}$/.test(o.sha256)) throw new TypeError(`sha256 must be 64 lowercase hex: ${o.sha256}`);
  if (!Number.isSafeInteger(o.size) || o.size < 0) throw new TypeError(`size must be a non-negative integer: ${o.size}`);
  const chunk = Math.min(o.chunkBytes ?? DEFAULT_FILE_CHUNK_BYTES, MAX_FILE_CHUNK_BYTES);
  const part = `${o.dest}.part`;
  const recordFile = `${o.dest}.part.json`;
  mkdirSync(dirname(o.dest), { recursive: true });
  if (existsSync(o.dest) && statSync(o.dest).size === o.size && (await sha256File(o.dest)) === o.sha256) {
    rmSync(recordFile, { force: true });
    return { bytes: o.size, sha256: o.sha256, fetched: 0, resumedAt: [], already: true };
  }
  const record = readRecord(recordFile, o);
  const fd = openSync(part, existsSync(part) ? 'r+' : 'w+');
  // the file's SHA-256 as its bytes arrive, in order: no second read of the whole file at the end
  const hash = createHash('sha256');
  try {
    // the bytes both on disk and recorded are the acknowledged ones
    record.received = Math.min(record.received, statSync(part).size);
    ftruncateSync(fd, record.received);
    if (record.received > 0) {
      record.resumedAt.push(record.received);
      await hashPrefix(part, record.received, hash);
    }
    let silentSince = 0;
    let written = record.received;
    // A window's chunks are written in order and made durable together — one fsync and one record per window,
    // not per chunk (the fsyncs were most of a transfer's time); a kill re-fetches at most one window.
    const acknowledge = async () => {
      if (written === record.received) return;
      fsyncSync(fd);
      record.received = written;
      writeFileSync(recordFile, JSON.stringify(record));
      await o.onProgress?.(record.received, o.size);
    };
    while (record.received < o.size) {
      // up to `window` requests ahead, consumed in order
      const offsets: number[] = [];
      for (let off = record.received, k = 0; off < o.size && k < Math.max(1, o.window ?? DEFAULT_FILE_WINDOW); off += chunk, k++) offsets.push(off);
      const inflight = offsets.map((off) => {
        const p = requestChunk(o, off, Math.min(chunk, o.size - off));
        p.catch(() => undefined);
        return p;
      });
      record.fetched += inflight.length;
      try {
        for (let i = 0; i < inflight.length; i++) {
          const data = await inflight[i]!;
          const want = Math.min(chunk, o.size - offsets[i]!);
          if (data.length !== want) throw new CourtFileError('SIZE_MISMATCH', `court ${o.court} ${o.source}/${o.id}: ${data.length} bytes at ${offsets[i]} instead of ${want} (expected size ${o.size})`);
          writeSync(fd, data, 0, data.length, offsets[i]!);
          hash.update(data);
          written = offsets[i]! + data.length;
          silentSince = 0;
        }
        await acknowledge();
      } catch (e) {
        await acknowledge();
        if (!(e instanceof CourtFileError) || !e.retryable) throw e;
        if (!silentSince) silentSince = Date.now();
        if (Date.now() - silentSince > (o.patienceMs ?? DEFAULT_FILE_PATIENCE_MS)) throw e;
        await new Promise((r) => setTimeout(r, 250));
        if (record.resumedAt.at(-1) !== record.received) record.resumedAt.push(record.received);
      }
    }
    if (o.size === 0) writeFileSync(recordFile, JSON.stringify(record));
  } finally {
    closeSync(fd);
  }
  const digest = hash.digest('hex');
  if (digest !== o.sha256) {
    // not the court's file: start over on the next attempt
    rmSync(part, { force: true });
    rmSync(recordFile, { force: true });
    throw new CourtFileError('SHA256_MISMATCH', `court ${o.court} ${o.source}/${o.id}: received bytes hash to ${digest}, expected ${o.sha256}`, { got: digest, expected: o.sha256 });
  }
  renameSync(part, o.dest);
  fsyncDir(dirname(o.dest));
  rmSync(recordFile, { force: true });
  return { bytes: o.size, sha256: digest, fetched: record.fetched, resumedAt: record.resumedAt, already: false };
}

function readRecord(file: string, o: FetchCourtFileOptions): FetchRecord {
  const fresh: FetchRecord = { v: 1, court: o.court, source: o.source, id: o.id, size: o.size, sha256: o.sha256, received: 0, fetched: 0, resumedAt: [] };
  if (!existsSync(file)) return fresh;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as FetchRecord;
    // a part of another file (or another version of it) is not resumed
    if (r.v !== 1 || r.court !== o.court || r.source !== o.source || r.id !== o.id || r.size !== o.size || r.sha256 !== o.sha256 || !Number.isSafeInteger(r.received)) return fresh;
    return r;
  } catch {
    return fresh; // a record torn by a kill: the part is fetched again from its start
  }
}

async function requestChunk(o: FetchCourtFileOptions, offset: number, length: number): Promise<Uint8Array> {
  return request(o, filesChunkSubject(o.court), JSON.stringify({ source: o.source, id: o.id, offset, length }));
}

async function request(o: CourtFileRequest, subject: string, body: string): Promise<Uint8Array> {
  let m;
  try {
    m = await o.nc.request(subject, body, { timeout: o.requestTimeoutMs ?? 30_000, headers: signedHeaders(o.signer, subject, body) });
  } catch (e) {
    throw new CourtFileError('COURT_SILENT', `court ${o.court} did not answer on ${subject}: ${(e as Error).message}`);
  }
  const err = m.headers?.get(FILE_ERROR_HEADER);
  if (err) {
    let r: FileRefusalV1;
    try {
      r = JSON.parse(decodeURIComponent(err)) as FileRefusalV1;
    } catch {
      r = { code: 'INTERNAL', message: decodeURIComponent(err) };
    }
    throw new CourtFileError('COURT_REFUSED', `court ${o.court} refused ${subject}: ${r.code} ${r.message}`, { court: r.code, message: r.message });
  }
  return m.data;
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(path)) h.update(c as Buffer);
  return h.digest('hex');
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not every filesystem lets a directory be fsynced; the rename is still atomic
  }
}
