/**
 * The centre's download of a court's copy, chunk by chunk (the court's side:
 * actors/court/pull/service.ts). A chunk counts as acknowledged once it is
 * fsynced into `copy.sqlite.part` and `transfer.json` says so; the next
 * request is for the byte after it. A kill of the centre resumes from the
 * recorded bytes (a chunk written after the last record is fetched again); a
 * kill of the court is waited out (the court serves the same copy after its
 * restart) for up to `patienceMs`, then the job fails and BullMQ retries it.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, ftruncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { signedHeaders } from '../../../runtime/bus/nats-sign.ts';
import type { BusSigner } from '../../../runtime/bus/passport.ts';
import { pullChunkSubject, type PullManifestV1 } from '../../../contracts/pull/index.ts';
import { sha256File } from '../../court/pull/copy.ts';

/** Default chunk: 256 KiB (NATS max payload is 1 MB; smaller chunks lose less to a cut). */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;
/** How long a silent court is waited for within one attempt (restart, network). Default 2 min. */
export const DEFAULT_PATIENCE_MS = 120_000;
/** The largest copy the centre accepts (a court's journal is a few GiB; far larger is a fault or an attack). */
export const DEFAULT_MAX_COPY_BYTES = 64 * 1024 ** 3;
/** Room left on the centre's disk after a copy: the centre's own journal and analytics must keep writing. */
export const FREE_SPACE_RESERVE_BYTES = 1024 ** 3;

/**
 * Whether a copy of `size` bytes (the court's sealed manifest says) may be fetched: refused above the cap
 * (`fatal`: asking again gives the same answer) or when the disk would be left under the reserve (not
 * fatal: an operator frees space, the job retries). Undefined when it fits.
 */
export function copyDoesNotFit(size: number, room: { maxBytes: number; freeBytes: number }): { fatal: boolean; reason: string } | undefined {
  if (size > room.maxBytes) return { fatal: true, reason: `копія бази даних завелика: ${size} байт, межа ${room.maxBytes}` };
  if (size + FREE_SPACE_RESERVE_BYTES > room.freeBytes) return { fatal: false, reason: `на диску центру замало місця для копії: потрібно ${size} байт і запас ${FREE_SPACE_RESERVE_BYTES}, вільно ${room.freeBytes}` };
  return undefined;
}

export interface TransferRecord {
  /** Bytes acknowledged (on disk, fsynced). */
  received: number;
  /** Chunk requests made, over every attempt (a resumed transfer asks for fewer than a restarted one). */
  fetched: number;
  /** Chunk numbers at which the transfer resumed after an interruption. */
  resumedAt: number[];
}

export interface FetchOptions {
  nc: NatsConnection;
  signer: BusSigner;
  manifest: PullManifestV1;
  dir: string;
  chunkBytes?: number;
  patienceMs?: number;
  requestTimeoutMs?: number;
  onChunk?: (received: number, size: number) => void | Promise<void>;
}

const dec = new TextDecoder();

export const copyFileIn = (dir: string) => join(dir, 'copy.sqlite');

/** Fetch (or finish fetching) the copy into `dir`; checks its SHA-256 against the sealed manifest. */
export async function fetchCopy(o: FetchOptions): Promise<{ file: string; record: TransferRecord }> {
  const final = copyFileIn(o.dir);
  const part = join(o.dir, 'copy.sqlite.part');
  const recordFile = join(o.dir, 'transfer.json');
  const record: TransferRecord = existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, 'utf8')) : { received: 0, fetched: 0, resumedAt: [] };
  if (existsSync(final)) return { file: final, record };
  const chunk = o.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const size = o.manifest.size;
  const fd = openSync(part, existsSync(part) ? 'r+' : 'w+');
  try {
    // the bytes both on disk and recorded are the acknowledged ones
    const received = Math.min(record.received, statSync(part).size);
    ftruncateSync(fd, received);
    record.received = received - (received % chunk);
    if (record.received > 0) record.resumedAt.push(record.received / chunk);
    let waitedSince = 0;
    while (record.received < size) {
      const length = Math.min(chunk, size - record.received);
      let data: Uint8Array;
      try {
        record.fetched++;
        data = await requestChunk(o, record.received, length);
        waitedSince = 0;
      } catch (e) {
        if (!waitedSince) waitedSince = Date.now();
        if (Date.now() - waitedSince > (o.patienceMs ?? DEFAULT_PATIENCE_MS)) throw e;
        await new Promise((r) => setTimeout(r, 500));
        if (!record.resumedAt.includes(record.received / chunk)) record.resumedAt.push(record.received / chunk);
        continue;
      }
      writeSync(fd, data, 0, data.length, record.received);
      fsyncSync(fd);
      record.received += data.length;
      writeFileSync(recordFile, JSON.stringify(record));
      await o.onChunk?.(record.received, size);
    }
  } finally {
    closeSync(fd);
  }
  const digest = await sha256File(part);
  if (digest !== o.manifest.sha256) {
    // not what the court sealed: start over (the next attempt fetches it again)
    rmSync(part, { force: true });
    writeFileSync(recordFile, JSON.stringify({ ...record, received: 0 }));
    throw new Error(`the received copy's SHA-256 ${digest} is not the sealed ${o.manifest.sha256}`);
  }
  renameSync(part, final);
  return { file: final, record };
}

async function requestChunk(o: FetchOptions, offset: number, length: number): Promise<Uint8Array> {
  const subject = pullChunkSubject(o.manifest.court);
  const body = JSON.stringify({ pullId: o.manifest.pullId, offset, length });
  const m = await o.nc.request(subject, body, { timeout: o.requestTimeoutMs ?? 30_000, headers: signedHeaders(o.signer, subject, body) });
  const err = m.headers?.get('Asds-Error');
  if (err) throw new Error(`court: ${decodeURIComponent(err)}`);
  if (m.data.length !== length) throw new Error(`chunk at ${offset}: ${m.data.length} bytes instead of ${length}`);
  return m.data;
}

export function parseReply<T>(data: Uint8Array): T {
  return JSON.parse(dec.decode(data)) as T;
}
