/**
 * Sealed checkpoints, court side (issue 11 item 2): the court seals its chain
 * head and the centre answers with a signed receipt, kept in the court's data dir.
 *
 *   const cp = startCourtCheckpoints({ court: '537', dataDir, journal: host.journal, nats: host.natsReady,
 *     bus: host.bus, log: host.system.log, intervalMs: 60_000 });
 *   const receipt = await cp.checkpointNow();          // { gseq, hash, witnessed, centre, sig, … }
 *   await cp.stop();
 *
 * `asds journal verify --data <dir> --receipts` checks the local chain against the stored receipts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CourtCheckpointer, type CheckpointerOptions } from './checkpointer.ts';
import { ReceiptStore, receiptsPath } from './receipts.ts';
import { courtPkiDir, ensureCourtSeal } from '../seal/index.ts';
import { sealCourtName } from '../seal/court-name.ts';

export { CourtCheckpointer, DEFAULT_CHECKPOINT_INTERVAL_MS, type CheckpointerOptions } from './checkpointer.ts';
export { ReceiptStore, receiptsPath, RECEIPTS_FILE, type StoredReceipt } from './receipts.ts';
export { headCheckpoint, sealCheckpoint, rowAt } from './seal.ts';

export interface CourtCheckpointsOptions extends Omit<CheckpointerOptions, 'seal' | 'caPem' | 'receipts'> {
  dataDir: string;
  /** Opens the court seal key (the node's key passphrase; seal/index.ts defaultKeyPassphrase otherwise). */
  keyPassphrase?: string;
  /** The court's full name for a CA created here (seal/court-name.ts). */
  courtName?: string;
}

export interface CourtCheckpoints {
  checkpointer: CourtCheckpointer;
  checkpointNow: CourtCheckpointer['checkpointNow'];
  stop(): Promise<void>;
}

/** Open the court seal and the receipt store of `dataDir`, start checkpointing. */
export function startCourtCheckpoints(o: CourtCheckpointsOptions): CourtCheckpoints {
  const seal = ensureCourtSeal(o.dataDir, o.court, o.courtName ?? sealCourtName(o.court), o.keyPassphrase);
  const caPem = readFileSync(join(courtPkiDir(o.dataDir), 'ca.crt.pem'), 'utf8');
  const receipts = new ReceiptStore(receiptsPath(o.dataDir));
  const { dataDir: _d, keyPassphrase: _k, courtName: _n, ...rest } = o;
  const checkpointer = new CourtCheckpointer({ ...rest, seal, caPem, receipts }).start();
  return {
    checkpointer,
    checkpointNow: () => checkpointer.checkpointNow(),
    async stop() {
      await checkpointer.stop();
      receipts.close();
    },
  };
}
