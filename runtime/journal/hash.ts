/**
 * The journal's hash chain, in two formats (`events.chain`).
 *
 * Format 1 (legacy, rows written before format 2):
 *   hash = SHA-256hex(prev ‖ JSON([gseq, actor, aseq, type, ts, meta, data]))
 * over the unredacted row: only the court can recompute it.
 *
 * Format 2: the court decides AT WRITE what of the row may leave it (the
 * public view, given by the node's redaction policy), and the chain commits
 * to that view plus a salted digest of the whole row, so the centre — which
 * sees only the public view and the digest — recomputes every hash:
 *   pub    = JSON.stringify({ author, data, redacted })             (this key order)
 *   hidden = SHA-256hex(salt ‖ JSON([meta, data]))                  (salt: 16 random bytes, stored, never sent)
 *   hash   = SHA-256hex(prev ‖ "2\n" ‖ JSON([gseq, actor, aseq, type, ts, hidden]) ‖ "\n" ‖ pub)
 * The salt keeps `hidden` from being a dictionary oracle for short hidden
 * values (a covert name, a password hash) at the centre.
 */
import { createHash, randomFillSync } from 'node:crypto';

/** The hash that precedes the node's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Chain format of rows written now. */
export const CHAIN_FORMAT = 2;

export interface ChainedFields {
  gseq: number;
  actor: string;
  aseq: number;
  type: string;
  ts: number;
  meta: string;
  data: string;
  /** 1 (legacy) or 2; absent = 1 (a journal read before the column existed). */
  chain?: number | null;
  /** Format 2: 16 random bytes, hex. */
  salt?: string | null;
  /** Format 2: the public view as committed (JSON text). */
  pub?: string | null;
}

/** What of an event may leave the node (format 2). */
export interface PublicView {
  /** The command's author (login or `system:*`), '' when none. */
  author: string;
  data: Record<string, unknown>;
  /** Paths removed or replaced by the policy. */
  redacted: string[];
}

/**
 * The node's redaction policy, given by its opener (a court passes
 * contracts/ingest/redaction.ts): event of an actor of `kind` → its public view.
 */
export type PublicViewFn = (kind: string, type: string, data: Record<string, unknown>, meta: Record<string, unknown>) => PublicView;

/** No policy: nothing of the event is public (fail-closed). */
export const NOTHING_PUBLIC: PublicViewFn = () => ({ author: '', data: {}, redacted: ['*'] });

/** The committed text of a public view: exactly this key order, plain JSON.stringify. */
export function publicText(v: PublicView): string {
  return JSON.stringify({ author: v.author, data: v.data, redacted: v.redacted });
}

/** SHA-256hex(salt bytes ‖ JSON([meta, data])) over the stored texts. */
export function hiddenDigest(saltHex: string, meta: string, data: string): string {
  return createHash('sha256').update(Buffer.from(saltHex, 'hex')).update(JSON.stringify([meta, data])).digest('hex');
}

/** Format 2 hash from what the centre receives (no salt, meta or data needed). */
export function chainHashV2(
  prevHash: string,
  e: { gseq: number; actor: string; aseq: number; type: string; ts: number },
  hidden: string,
  pub: string,
): string {
  return createHash('sha256')
    .update(prevHash)
    .update('2\n')
    .update(JSON.stringify([e.gseq, e.actor, e.aseq, e.type, e.ts, hidden]))
    .update('\n')
    .update(pub)
    .digest('hex');
}

/**
 * hash of a stored row in its own format. Format 1: the event encoded as a
 * JSON array of its stored columns, exactly as stored, so verification needs
 * no canonical re-encoding and field boundaries are unambiguous.
 */
export function chainHash(prevHash: string, e: ChainedFields): string {
  if (e.chain === 2) return chainHashV2(prevHash, e, hiddenDigest(e.salt ?? '', e.meta, e.data), e.pub ?? '');
  return createHash('sha256')
    .update(prevHash)
    .update(JSON.stringify([e.gseq, e.actor, e.aseq, e.type, e.ts, e.meta, e.data]))
    .digest('hex');
}

/** Salts drawn from one pooled random fill (one syscall per 256 rows, not per row). */
const pool = Buffer.alloc(16 * 256);
let poolAt = pool.length;
export function newSalt(): string {
  if (poolAt >= pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const s = pool.toString('hex', poolAt, poolAt + 16);
  poolAt += 16;
  return s;
}
