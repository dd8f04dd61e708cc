/**
 * The head of an actor's event stream (docs/draw-spec.md §6.3): a hash chain
 * over exactly the `data` column of the actor's journal rows, in aseq order.
 *
 *   H_0 = 64 × "0"
 *   H_k = SHA-256hex(H_{k−1} ‖ "\n" ‖ data_k)        (data_k: UTF-8 of the row's JSON text)
 *
 * The distribution actor keeps H in its state (evolve), so decide() knows it
 * without reading the journal, including for events of the same batch not
 * yet written. An asds-draw/2 protocol binds H_{seq−1} — everything the actor
 * recorded before the attempt — as the VRF input's `prev`: the draw's
 * randomness cannot be chosen by re-trying the same attempt, only changed by
 * recording something (attributed, journaled) first.
 */
import { createHash } from 'node:crypto';

export const GENESIS_STREAM_HEAD = '0'.repeat(64);

/** H_k from H_{k−1} and the row's data text. */
export function chainStreamHead(prev: string, data: string): string {
  return createHash('sha256').update(prev).update('\n').update(data, 'utf8').digest('hex');
}

/** The runtime journals an event as JSON.stringify(event) (runtime/cell.ts), so this is the same text. */
export function nextStreamHead(prev: string, event: unknown): string {
  return chainStreamHead(prev, JSON.stringify(event));
}
