/**
 * The court's file service on NATS (contracts/files): the centre fetches scans of originals (Засади 13.2) and
 * archive packages (17.1) chunk by chunk, asking for the next offset once the previous chunk is on its disk —
 * the same choice as the database pull (actors/court/pull/service.ts): nothing is staged in the bus's storage,
 * a cut transfer resumes from the bytes the centre holds, and the chunks need no signature because the centre
 * checks the whole file's SHA-256 (for a scan: its id; for an archive file: the bag's manifest).
 *
 * Every request must be signed by a central node; anything else is refused with `FORBIDDEN` and logged.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { headers as natsHeaders, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type Database from 'better-sqlite3';
import type { ActorSystem, Logger } from '../../../runtime/index.ts';
import { Forbidden } from '../../../runtime/errors.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { senderOf } from '../../../runtime/bus/nats-sign.ts';
import { FILE_ERROR_HEADER, FileChunkV1, FileStatV1, filesChunkSubject, filesStatSubject, type FileRefusalV1, type FileStatReplyV1 } from '../../../contracts/files/index.ts';
import { BlobStore } from '../blobs/store.ts';
import { AttachmentIndex, FileRefused, resolveFile } from './resolve.ts';

export interface CourtFileServiceOptions {
  court: string;
  dataDir: string;
  nc: NatsConnection;
  bus: BusIdentity;
  /** The court's actor system: its journal says which scans are attached to which (covert or not) case. */
  system: ActorSystem;
  log: Logger;
  /** Pause before each chunk (tests: a slow link, so a transfer can be cut midway). Default 0. */
  chunkDelayMs?: number;
}

export interface CourtFileService {
  stop(): void;
}

const statCheck = TypeCompiler.Compile(FileStatV1);
const chunkCheck = TypeCompiler.Compile(FileChunkV1);
const enc = new TextEncoder();
const dec = new TextDecoder();

export function startCourtFileService(o: CourtFileServiceOptions): CourtFileService {
  const db: Database.Database | undefined = o.system.journal?.database;
  if (!db) throw new Error(`court ${o.court}: the file service needs the node's journal`);
  const blobs = new BlobStore(o.dataDir);
  // archive files' digests, by path + size + mtime (a bag's file never changes once built; a 1 MB scan hashes in ms);
  // forgotten wholesale past 10,000 (a transfer asks for a package's files together, then never again)
  const digests = new Map<string, string>();

  const refuse = (m: Msg, e: unknown) => {
    const r: FileRefusalV1 =
      e instanceof FileRefused ? { code: e.code, message: e.message } : e instanceof Forbidden ? { code: 'FORBIDDEN', message: e.message } : { code: 'INTERNAL', message: (e as Error).message ?? String(e) };
    o.log.warn('file-request-refused', { subject: m.subject, code: r.code, error: r.message });
    const h = natsHeaders();
    h.set(FILE_ERROR_HEADER, encodeURIComponent(JSON.stringify(r)));
    m.respond(new Uint8Array(0), { headers: h });
  };
  const parse = <T>(m: Msg, check: ReturnType<typeof TypeCompiler.Compile>): T => {
    senderOf(m, o.bus.operatorPublicKey, { class: 'central' });
    let body: unknown;
    try {
      body = JSON.parse(dec.decode(m.data));
    } catch {
      throw new FileRefused('BAD_REQUEST', 'request body is not JSON');
    }
    if (!check.Check(body)) {
      const first = [...check.Errors(body)][0];
      throw new FileRefused('BAD_REQUEST', `invalid request: ${first?.path} ${first?.message}`);
    }
    return body as T;
  };
  const where = { dataDir: o.dataDir, attachments: new AttachmentIndex(db), blobs };

  const onStat = async (m: Msg) => {
    const { source, id } = parse<FileStatV1>(m, statCheck);
    const path = resolveFile(where, source, id);
    const s = await stat(path);
    let sha256 = source === 'blob' ? id : digests.get(`${path}|${s.size}|${s.mtimeMs}`);
    if (!sha256) {
      sha256 = await sha256Of(path);
      if (digests.size >= 10_000) digests.clear();
      digests.set(`${path}|${s.size}|${s.mtimeMs}`, sha256);
    }
    const reply: FileStatReplyV1 = { size: s.size, sha256 };
    m.respond(enc.encode(JSON.stringify(reply)));
  };

  const onChunk = async (m: Msg) => {
    if (o.chunkDelayMs) await new Promise((r) => setTimeout(r, o.chunkDelayMs));
    const { source, id, offset, length } = parse<FileChunkV1>(m, chunkCheck);
    const path = resolveFile(where, source, id);
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.allocUnsafe(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      m.respond(buf.subarray(0, bytesRead));
    } finally {
      await fh.close();
    }
  };

  const subs: Subscription[] = [
    o.nc.subscribe(filesStatSubject(o.court), { callback: (_e, m) => void onStat(m).catch((e) => refuse(m, e)) }),
    o.nc.subscribe(filesChunkSubject(o.court), { callback: (_e, m) => void onChunk(m).catch((e) => refuse(m, e)) }),
  ];
  return {
    stop() {
      for (const s of subs) s.unsubscribe();
    },
  };
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(path)) h.update(c as Buffer);
  return h.digest('hex');
}
