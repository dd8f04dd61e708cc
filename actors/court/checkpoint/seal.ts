/**
 * Sealing a chain head with the court seal (Засади 13: the court's seal
 * certificate, CMS by actors/pki). The checkpoint carries the seal
 * certificate and the court CA that issued it: the centre pins that CA on
 * first sight and checks every later seal against the pinned one.
 */
import type { Signer } from '../../pki/index.ts';
import { checkpointSignedContent, CHECKPOINT_VERSION, type CheckpointV1, type UnsealedCheckpoint } from '../../../contracts/witness/index.ts';
import type { Journal } from '../../../runtime/index.ts';

/** The journal's chain head now, with the consistency link to `previousGseq` (the last receipted checkpoint). */
export function headCheckpoint(court: string, journal: Journal, now: number, previousGseq?: number): UnsealedCheckpoint | undefined {
  const head = journal.head();
  if (head.gseq === 0) return undefined;
  const row = rowAt(journal, head.gseq);
  if (!row) return undefined;
  const c: UnsealedCheckpoint = { v: CHECKPOINT_VERSION, court, gseq: head.gseq, hash: head.hash, time: row.ts, sealedAt: now };
  if (previousGseq !== undefined && previousGseq !== head.gseq) c.previous = { gseq: previousGseq, hash: rowAt(journal, previousGseq)?.hash ?? null };
  return c;
}

/** The durable row at exactly `gseq` (hash and ts only: the checkpoint does not depend on the chain formula). */
export function rowAt(journal: Journal, gseq: number): { hash: string; ts: number } | undefined {
  if (gseq < 1) return undefined;
  const [r] = journal.read(gseq, 1);
  return r && r.gseq === gseq ? { hash: r.hash, ts: r.ts } : undefined;
}

export function sealCheckpoint(c: UnsealedCheckpoint, seal: Signer, caPem: string): CheckpointV1 {
  const cms = seal.sign(checkpointSignedContent(c), new Date(c.sealedAt));
  return { ...c, seal: { format: 'cms-detached-der-base64', cms: cms.toString('base64'), chain: `${seal.certificate.toString().trim()}\n${caPem.trim()}\n` } };
}
