/**
 * The court's side of a pull transfer, on NATS (subjects only this court may
 * read: runtime/bus/permissions.ts). The centre drives it:
 *
 *   asds.pull.<court>.prepare {pullId}                → the sealed manifest (the copy is made once)
 *   asds.pull.<court>.chunk   {pullId, offset, length} → those bytes of the copy
 *
 * Chosen over a JetStream object store: the centre asks for each chunk after
 * the previous one is on its disk, so "acknowledged" is simply "asked for the
 * next offset", and a transfer cut by a kill of either side resumes from the
 * bytes the centre holds — with no second copy of a court database in the
 * bus's storage and no stream to size or clean up. The chunks need no
 * signature: the sealed manifest carries the file's SHA-256.
 *
 * Requests must be signed by a central node, and a copy is made only for a
 * pull the court's journal records as requested (Засади 18.3: the request is
 * in the court's chain before its database leaves).
 */
import { openSync, readSync, closeSync, existsSync } from 'node:fs';
import { headers as natsHeaders, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type Database from 'better-sqlite3';
import type { ActorSystem, Logger } from '../../../runtime/index.ts';
import type { BusIdentity } from '../../../runtime/bus/identity.ts';
import { senderOf } from '../../../runtime/bus/nats-sign.ts';
import { PullChunkV1, PullPrepareV1, pullChunkSubject, pullPrepareSubject, type PullManifestV1 } from '../../../contracts/pull/index.ts';
import type { Signer } from '../../pki/index.ts';
import { copyPath, preparePullCopy } from './copy.ts';
import { DATABASE_PULL_KIND, type DatabasePullState } from './behavior.ts';

export interface PullServiceOptions {
  court: string;
  dataDir: string;
  db: Database.Database;
  system: ActorSystem;
  nc: NatsConnection;
  bus: BusIdentity;
  /** The court seal (opened lazily: the first pull). */
  signer: () => Signer;
  log: Logger;
  /** Pause before each chunk (tests: a slow link, so a transfer can be cut midway). Default 0. */
  chunkDelayMs?: number;
}

const prepareCheck = TypeCompiler.Compile(PullPrepareV1);
const chunkCheck = TypeCompiler.Compile(PullChunkV1);
const enc = new TextEncoder();
const dec = new TextDecoder();

export const ERROR_HEADER = 'Asds-Error';

export function servePullTransfers(o: PullServiceOptions): { stop(): void } {
  const preparing = new Map<string, Promise<PullManifestV1>>();
  const fail = (m: Msg, e: unknown) => {
    const message = (e as Error).message ?? String(e);
    o.log.warn('pull-request-refused', { subject: m.subject, error: message });
    const h = natsHeaders();
    h.set(ERROR_HEADER, encodeURIComponent(message));
    m.respond(new Uint8Array(0), { headers: h });
  };
  const parse = <T>(m: Msg, check: ReturnType<typeof TypeCompiler.Compile>): T => {
    senderOf(m, o.bus.operatorPublicKey, { class: 'central' });
    const body: unknown = JSON.parse(dec.decode(m.data));
    if (!check.Check(body)) throw new Error(`invalid request: ${[...check.Errors(body)][0]?.path} ${[...check.Errors(body)][0]?.message}`);
    return body as T;
  };

  const prepare = async (m: Msg) => {
    const { pullId } = parse<PullPrepareV1>(m, prepareCheck);
    const st = await o.system.ref(DATABASE_PULL_KIND, o.court).ask<DatabasePullState>({ type: 'status' });
    if (!st.pulls[pullId]) throw new Error(`pull ${pullId} is not recorded in this court's journal: request it first`);
    let p = preparing.get(pullId);
    if (!p) {
      p = preparePullCopy(o.db, o.dataDir, o.court, pullId, o.signer());
      preparing.set(pullId, p);
      p.catch(() => preparing.delete(pullId));
    }
    const manifest = await p;
    await o.system.ref(DATABASE_PULL_KIND, o.court).ask({ type: 'record-prepared', pullId, sha256: manifest.sha256, size: manifest.size, headGseq: manifest.head.gseq, headHash: manifest.head.hash }, { commandId: `prepared:${pullId}` });
    m.respond(enc.encode(JSON.stringify(manifest)));
  };

  const chunk = async (m: Msg) => {
    if (o.chunkDelayMs) await new Promise((r) => setTimeout(r, o.chunkDelayMs));
    const { pullId, offset, length } = parse<PullChunkV1>(m, chunkCheck);
    const path = copyPath(o.dataDir, pullId);
    if (!existsSync(path)) throw new Error(`no copy for pull ${pullId}: ask prepare first`);
    const buf = Buffer.allocUnsafe(length);
    const fd = openSync(path, 'r');
    let n: number;
    try {
      n = readSync(fd, buf, 0, length, offset);
    } finally {
      closeSync(fd);
    }
    m.respond(buf.subarray(0, n));
  };

  const subs: Subscription[] = [
    o.nc.subscribe(pullPrepareSubject(o.court), { callback: (_e, m) => void prepare(m).catch((e) => fail(m, e)) }),
    o.nc.subscribe(pullChunkSubject(o.court), {
      callback: (_e, m) => void chunk(m).catch((e) => fail(m, e)),
    }),
  ];
  return {
    stop() {
      for (const s of subs) s.unsubscribe();
    },
  };
}
