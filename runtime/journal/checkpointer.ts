/**
 * WAL checkpoints off the event loop: a worker thread with its own SQLite
 * connection under `synchronous=FULL` copies the WAL into the main file and
 * fsyncs it (tens to hundreds of ms on a slow disk) while the node keeps
 * serving. PASSIVE never blocks the writer; SQLite reuses the WAL only once
 * a checkpoint covered all of it and the main file was synced — which under
 * steady commits never happens, so past the WAL limit the journal asks for a
 * TRUNCATE: a PASSIVE pass copies the bulk first, then writers wait (busy
 * timeout) while the rest is copied, the main file synced and the WAL emptied.
 * A bounded pause instead of a WAL that grows until restart.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

// Plain CommonJS so that the worker needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 0');
parentPort.on('message', (m) => {
  if (m === 'close') { db.close(); parentPort.close(); return; }
  try {
    // truncate: a PASSIVE pass first copies the bulk without stopping writers, so the TRUNCATE that follows
    // (writers wait) copies only what arrived meanwhile
    if (m === 'truncate') db.pragma('wal_checkpoint(PASSIVE)');
    const [r] = db.pragma(m === 'truncate' ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: r.busy === 0, busy: r.busy, log: r.log, checkpointed: r.checkpointed, ...(r.busy ? { error: 'busy: the checkpoint could not finish (a reader or writer held on)' } : {}) });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: String(e) });
  }
});
`;

export interface CheckpointResult {
  ok: boolean;
  /** Frames in the WAL, and how many of them are now in the main file. */
  log?: number;
  checkpointed?: number;
  error?: string;
}

export class Checkpointer {
  private readonly worker: Worker;
  private busy = false;
  private closed = false;

  constructor(path: string, onDone: (r: CheckpointResult) => void) {
    const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, sqlite } });
    this.worker.unref();
    this.worker.on('message', (r: CheckpointResult) => {
      this.busy = false;
      onDone(r);
    });
    this.worker.on('error', (e) => {
      this.busy = false;
      onDone({ ok: false, error: String(e) });
    });
  }

  /** Start a checkpoint unless one is running (`truncate`: a full one that empties the WAL). Returns whether it started. */
  request(mode: 'passive' | 'truncate' = 'passive'): boolean {
    if (this.busy || this.closed) return false;
    this.busy = true;
    this.worker.postMessage(mode === 'truncate' ? 'truncate' : 'checkpoint');
    return true;
  }

  get running(): boolean {
    return this.busy;
  }

  /** Ends the worker; a checkpoint in progress completes first (SQLite keeps it consistent either way). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage('close');
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => void this.worker.terminate().then(() => resolve()), 5000);
      this.worker.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}
