import { createHash } from 'node:crypto';

/** The hash that precedes the node's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  gseq: number;
  actor: string;
  aseq: number;
  type: string;
  ts: number;
  meta: string;
  data: string;
}

/**
 * hash = SHA-256(prev_hash ‖ event). The event is encoded as a JSON array of
 * its stored columns, exactly as stored, so verification needs no canonical
 * re-encoding and field boundaries are unambiguous.
 */
export function chainHash(prevHash: string, e: ChainedFields): string {
  return createHash('sha256')
    .update(prevHash)
    .update(JSON.stringify([e.gseq, e.actor, e.aseq, e.type, e.ts, e.meta, e.data]))
    .digest('hex');
}
